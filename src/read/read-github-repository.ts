import { decodeBody } from '../fetch/decode-body.ts';
import { fetchFeed, type FetchDeps } from '../fetch/fetch-feed.ts';

/** What the pane and drafting show of a GitHub repository, besides its page. */
export interface GithubFacts {
  /** `owner/name` as GitHub spells it. */
  fullName: string;
  description: string | null;
  stars: number | null;
  language: string | null;
  topics: string[];
  /** The README's first paragraphs, plain text. */
  readme: string[];
}

export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** First path segments of github.com that are GitHub's own pages, not an owner. */
const RESERVED_OWNERS = new Set([
  'about',
  'apps',
  'codespaces',
  'collections',
  'contact',
  'customer-stories',
  'enterprise',
  'events',
  'explore',
  'features',
  'issues',
  'login',
  'marketplace',
  'new',
  'notifications',
  'orgs',
  'organizations',
  'pricing',
  'pulls',
  'search',
  'security',
  'settings',
  'site',
  'sponsors',
  'team',
  'topics',
  'trending',
  'users',
]);
const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * `{ owner, repo }` when `url` is a repository's home page (`https://github.com/owner/repo`, with
 * or without a trailing slash or `.git`), null for anything else on or off GitHub (an issue, a
 * file, a user, github.com/topics/…).
 */
export function findGithubRepository(url: string): { owner: string; repo: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // not a URL: not a repository
  }
  if (!/^(www\.)?github\.com$/i.test(parsed.hostname) || !/^https?:$/.test(parsed.protocol)) return null;
  const parts = parsed.pathname.split('/').filter((part) => part !== '');
  if (parts.length !== 2) return null;
  const [owner, rawRepo] = parts as [string, string];
  const repo = rawRepo.replace(/\.git$/, '');
  if (!NAME.test(owner) || !NAME.test(repo) || RESERVED_OWNERS.has(owner.toLowerCase())) return null;
  return { owner, repo };
}

export interface GithubRequest {
  owner: string;
  repo: string;
  /** `https://api.github.com`, or a test's fake server: the operator's choice, fetched like a source URL. */
  apiUrl: string;
  /** README paragraphs the repository page already gave (its `article.markdown-body`); the API's README is read only without them. */
  readmeFromPage: string[];
  timeoutMs: number;
  maxBytes: number;
}

/**
 * Description, stars, language and topics from GitHub's API (`GET /repos/{owner}/{repo}`), and the
 * README's first paragraphs: the page's own when it had them, else `GET /repos/{owner}/{repo}/readme`
 * (its Markdown, base64 in JSON) reduced to prose. Unauthenticated, so GitHub allows 60 calls an
 * hour from one address: each repository is read once and stored. Throws the FetchError of the
 * repository call; a README that cannot be read leaves `readme` empty.
 */
export async function readGithubRepository(deps: FetchDeps, request: GithubRequest): Promise<GithubFacts> {
  const base = `${request.apiUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(request.owner)}/${encodeURIComponent(request.repo)}`;
  const limits = { timeoutMs: request.timeoutMs, maxBytes: request.maxBytes };
  const repo = (await getJson(deps, base, limits)) as Record<string, unknown>;
  let readme = request.readmeFromPage;
  if (readme.length === 0) {
    try {
      const file = (await getJson(deps, `${base}/readme`, limits)) as { content?: unknown; encoding?: unknown };
      if (typeof file.content === 'string' && file.encoding === 'base64')
        readme = readMarkdownParagraphs(Buffer.from(file.content, 'base64').toString('utf8'), 3);
    } catch {
      readme = []; // a repository without a README (404) or a failed call: the facts above still stand
    }
  }
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);
  return {
    fullName: text(repo.full_name) ?? `${request.owner}/${request.repo}`,
    description: text(repo.description),
    stars: typeof repo.stargazers_count === 'number' ? repo.stargazers_count : null,
    language: text(repo.language),
    topics: Array.isArray(repo.topics) ? repo.topics.filter((topic): topic is string => typeof topic === 'string').slice(0, 10) : [],
    readme,
  };
}

async function getJson(deps: FetchDeps, url: string, limits: { timeoutMs: number; maxBytes: number }): Promise<unknown> {
  const result = await fetchFeed(deps, { url, ...limits });
  if (result.kind !== 'ok') return {};
  try {
    return JSON.parse(decodeBody(result.bytes, result.contentType).text);
  } catch (error) {
    throw new Error(`GET ${url}: the answer is not JSON`, { cause: error }); // never quote the body
  }
}

/**
 * The first prose paragraphs of a README's Markdown: headings, badges, images, HTML, code, tables,
 * lists and quotes are left out, links keep their text, inline code and emphasis lose their marks.
 */
export function readMarkdownParagraphs(markdown: string, max: number): string[] {
  const paragraphs: string[] = [];
  let isInFence = false;
  const kept: string[] = [];
  for (const block of markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const fences = (block.match(/^\s*(```|~~~)/gm) ?? []).length;
    const wasInFence = isInFence;
    if (fences % 2 === 1) isInFence = !isInFence;
    if (wasInFence || fences > 0) continue;
    kept.push(block);
  }
  for (const block of kept) {
    const trimmed = block.trim();
    if (/^(#|<|!\[|\[!\[|\||>|[-*+] |\d+\. |={3,}|-{3,})/.test(trimmed)) continue;
    const text = trimmed
      .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*_]{1,3}([^`*_]+)[`*_]{1,3}/g, '$1')
      .replace(/\s+/g, ' ')
      .trim();
    if (text.length >= 20) paragraphs.push(text);
    if (paragraphs.length >= max) break;
  }
  return paragraphs;
}
