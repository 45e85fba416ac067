import { classifyAnchorRole } from './classify-anchor-role.ts';
import { toBrandLabel } from './read-brand-labels.ts';

/** Code hosts where a newsletter keeps its sources, takes submissions and feedback as issues. */
const CODE_HOSTS = new Set(['bitbucket.org', 'codeberg.org', 'gitee.com', 'github.com', 'gitlab.com']);

/** Anchor words that point at the newsletter's own repository: submit, feedback, previous / next issue. */
const META_TEXT =
  /^(?:欢迎)?投稿|^反馈|^意见反馈|^(?:上|下)一期|^往期|^(?:submit|suggest|contribute|feedback)\b|^(?:previous|next|past|last) issues?\b|^edit (?:this|on)\b/iu;
/** "Open source" words, which point at the newsletter only when the paragraph speaks of the newsletter (`本杂志<a>开源</a>`). */
const SOURCE_TEXT = /^(?:开源|源码|仓库|source(?: code)?|repo(?:sitory)?|github)$/iu;
const SELF_WORDS = /本杂志|本刊|本周刊|本月刊|\bthis (?:newsletter|weekly|digest)\b|\bour (?:newsletter|weekly|digest)\b/iu;

/** Repository names that say "this is where a newsletter lives". */
const NEWSLETTER_REPO = /weekly|newsletter|digest|periodical|magazine|monthly|daily|issues|blog|site|周刊|月刊/iu;

/** Credits pointing into one repository's threads: that is where the newsletter takes submissions. */
const MIN_CREDITS = 2;

export interface AnchorSample {
  url: URL | null;
  text: string;
  /** Text of the anchor's block (paragraph, list item), anchors included. */
  blockText: string;
}

/**
 * The repositories (`github.com/owner/repo`, lowercased) that host the newsletter itself, so that
 * its "投稿" / "反馈和建议" / previous-issue / `@name 投稿` links are read as chrome, not picks:
 *
 * - the repository the issue, feed or site URL is in (a newsletter published from GitHub);
 * - a repository named like the newsletter (`521xueweihan/HelloGitHub` for hellogithub.com), or
 *   owned by that name with a newsletter-ish repository name (`PyChina/weekly` for weekly.pychina.org);
 * - a repository linked with meta words (投稿, 反馈, 上一期, submit, feedback), or as "open
 *   source" in a sentence about the newsletter (`本杂志<a>开源</a>`): how a newsletter points at itself;
 * - a repository whose threads receive at least two credits (`（@name 投稿）` → `…/issues/3714`).
 */
export function findOwnRepositories(
  anchors: readonly AnchorSample[],
  contextUrls: Array<string | undefined>,
  brandLabels: readonly string[],
): Set<string> {
  const own = new Set<string>();
  for (const raw of contextUrls) {
    const key = repositoryKey(parseContextUrl(raw));
    if (key !== null) own.add(key);
  }
  const credits = new Map<string, number>();
  for (const anchor of anchors) {
    const key = repositoryKey(anchor.url);
    if (key === null || own.has(key)) continue;
    const [, owner, repo] = key.split('/');
    const isNamedLikeNewsletter =
      brandLabels.includes(toBrandLabel(repo)) || (brandLabels.includes(toBrandLabel(owner)) && NEWSLETTER_REPO.test(repo));
    const text = anchor.text.replace(/^[\s『「《【]+|[\s』」》】]+$/gu, '');
    if (isNamedLikeNewsletter || META_TEXT.test(text) || (SOURCE_TEXT.test(text) && SELF_WORDS.test(anchor.blockText))) {
      own.add(key);
      continue;
    }
    if (classifyAnchorRole(anchor.text, anchor.blockText, anchor.url) === 'credit') {
      const count = (credits.get(key) ?? 0) + 1;
      credits.set(key, count);
      if (count >= MIN_CREDITS) own.add(key);
    }
  }
  return own;
}

/** `github.com/owner/repo` (lowercased) for a URL into a repository on a code host, else null. */
export function repositoryKey(url: URL | null): string | null {
  if (url === null) return null;
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  if (!CODE_HOSTS.has(host)) return null;
  const [owner, repo] = url.pathname.split('/').filter((segment) => segment !== '');
  if (owner === undefined || repo === undefined) return null;
  return `${host}/${owner.toLowerCase()}/${repo.toLowerCase().replace(/\.git$/, '')}`;
}

function parseContextUrl(raw: string | undefined): URL | null {
  if (raw === undefined || raw === '') return null;
  try {
    return new URL(raw);
  } catch {
    return null; // a malformed context URL only means one repository fewer
  }
}
