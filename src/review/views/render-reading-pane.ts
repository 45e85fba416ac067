import { sanitizeArticleHtml } from '../../read/sanitize-article-html.ts';
import type { StoredReadablePage } from '../../store/pages/readable-pages.ts';
import { html, trusted, type SafeHtml } from '../html.ts';
import type { ItemProvenance } from '../../store/items/load-item-provenance.ts';
import { readDomain, toSafeHref } from '../../shared/safe-url.ts';
import { formatShortTime } from './format-time.ts';

const STATUS_TEXT: Record<string, string> = {
  failed: '无法读取这个页面 The page could not be read',
  too_large: '页面太大，未读取 The page is too large to read here',
};

/**
 * The empty reading pane beside the board; review.js fills `.reading-pane-body` with the fragment
 * of GET /items/:id/read when a card is opened (click, Enter or `o`) and hides it on Esc.
 */
export function renderReadingPaneShell(): SafeHtml {
  return html`<aside id="reading-pane" class="reading-pane" aria-label="阅读 Reading" tabindex="-1" hidden>
<div class="reading-pane-bar">
<span class="reading-pane-hint"><kbd>Esc</kbd> 关闭 close · <kbd>Shift+O</kbd> 原文 original</span>
<button type="button" class="btn" data-action="close-reading" title="关闭 (Esc)">关闭 ×</button>
</div>
<div class="reading-pane-body" aria-live="polite" aria-busy="false"></div>
</aside>`;
}

/**
 * The page behind a card as the pane shows it: title (linked to the original), site, byline, lead
 * image, a GitHub repository's facts, the extracted article, or why it could not be read with a
 * retry button; then where the link came from. Every text is escaped; the article HTML was
 * sanitized when stored and is sanitized again here, so a row written by an older version (or by
 * hand) cannot carry markup the sanitizer would refuse today.
 */
export function renderReadingFragment(page: StoredReadablePage, provenance: ItemProvenance, timeZone: string): string {
  const href = toSafeHref(page.finalUrl ?? provenance.url) ?? toSafeHref(provenance.canonicalUrl);
  const title = page.title ?? provenance.title;
  const leadImage = toSafeHref(page.leadImageUrl);
  const github = page.github;
  const articleHtml = page.status === 'ok' && page.html ? trusted(sanitizeArticleHtml(page.html)) : null;
  return html`<article class="reading" data-item-id="${provenance.itemId}" data-status="${page.status}">
<header class="reading-head">
<h2 class="reading-title">${href ? html`<a href="${href}" target="_blank" rel="noopener noreferrer nofollow">${title}</a>` : title}</h2>
<p class="reading-meta">${[
    page.siteName ?? readDomain(provenance.url),
    page.byline,
    `读取于 read ${formatShortTime(page.fetchedAt, timeZone)}`,
  ]
    .filter((part): part is string => Boolean(part))
    .join(' · ')}</p>
</header>
${
  page.status !== 'ok' &&
  html`<div class="reading-error" role="alert">
<p><strong>${STATUS_TEXT[page.status] ?? page.status}</strong></p>
<p class="reading-error-text">${page.error ?? ''}</p>
<p><button type="button" class="btn" data-action="retry-reading">重试 Retry</button>${href && html` <a class="btn" href="${href}" target="_blank" rel="noopener noreferrer nofollow">打开原文 Open original</a>`}</p>
</div>`
}
${
  github &&
  html`<dl class="reading-github">
<dt>仓库 Repository</dt><dd>${github.fullName}</dd>
${github.description && html`<dt>简介 Description</dt><dd>${github.description}</dd>`}
${github.stars !== null && html`<dt>星标 Stars</dt><dd class="github-stars">★ ${github.stars.toLocaleString('en-US')}</dd>`}
${github.language && html`<dt>语言 Language</dt><dd>${github.language}</dd>`}
${github.topics.length > 0 && html`<dt>主题 Topics</dt><dd>${github.topics.join(', ')}</dd>`}
</dl>
${github.readme.length > 0 && html`<section class="reading-readme"><h3>README</h3>${github.readme.map((paragraph) => html`<p>${paragraph}</p>`)}</section>`}`
}
${leadImage && page.status === 'ok' && html`<img class="reading-lead-image" src="${leadImage}" alt="" loading="lazy" referrerpolicy="no-referrer">`}
${
  articleHtml &&
  (github && github.readme.length > 0
    ? // a repository's page is its README: its first paragraphs are shown above, the rest on demand
      html`<details class="reading-article-more"><summary>完整 README · Full README</summary><div class="reading-article">${articleHtml}</div></details>`
    : html`<div class="reading-article">${articleHtml}</div>`)
}
${renderProvenance(provenance, timeZone)}
</article>`.value;
}

/** Where the link came from: the newsletter issues that carried it (linked), every source with its points and comments, the weekly's own issues. */
function renderProvenance(provenance: ItemProvenance, timeZone: string): SafeHtml {
  return html`<section class="reading-provenance">
<h3>来源 Provenance</h3>
${provenance.publishedIn.length > 0 && html`<p class="published-in">已发布于 Already published in ${provenance.publishedIn.map((number) => `#${number}`).join(', ')}</p>`}
<ul>${provenance.sources.map((source) => {
    const issue = toSafeHref(source.digestIssueUrl);
    const counts = [
      source.points !== null && `${source.points} points`,
      source.comments !== null && `${source.comments} comments`,
      source.appearances > 1 && `${source.appearances}×`,
    ]
      .filter((part): part is string => Boolean(part))
      .join(' · ');
    return html`<li class="provenance-source source-${source.kind}">
<span class="source-name">${source.name}</span> <span class="source-kind">${source.kind}</span>
${issue && html` · <a class="digest-issue" href="${issue}" target="_blank" rel="noopener noreferrer nofollow">周刊原文 newsletter issue</a>`}
${counts && html` · <span class="engagement">${counts}</span>`}
<span class="seen"> · 首见 ${formatShortTime(source.firstSeenAt, timeZone)}</span>
</li>`;
  })}</ul>
</section>`;
}
