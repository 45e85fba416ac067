import { html, type SafeHtml } from '../html.ts';

/** What every page needs besides its body. */
export interface PageContext {
  csrfToken: string;
  /** Cache-busting suffix of the asset URLs (a hash of their content). */
  assetVersion: string;
  /** The signed-in curator's name; null when the server runs without SIFT_REVIEW_TOKEN. */
  curator: string | null;
  isAuthEnabled: boolean;
  /** The week the navigation links point at. */
  week: string;
  /** The queue dashboard (bull-board) when REDIS_URL mounts one: linked in the navigation. */
  queueDashboardPath?: string;
}

export type PageId = 'board' | 'shortlist' | 'add' | 'sources' | 'login' | 'error';

/**
 * The HTML document around a page body. No inline script or style anywhere (the CSP forbids them):
 * behaviour comes from /assets/review.js, which reads `data-page` and the CSRF token from here.
 */
export function renderLayout(page: { id: PageId; title: string; body: SafeHtml; context: PageContext | null }): string {
  const { context } = page;
  const version = context?.assetVersion ?? '0';
  const week = context?.week;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${context?.csrfToken ?? ''}">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>${page.title} · sift</title>
<link rel="stylesheet" href="/assets/review.css?v=${version}">
<script src="/assets/review.js?v=${version}" defer></script>
<link rel="stylesheet" href="/assets/drafts.css?v=${version}">
<script src="/assets/drafts.js?v=${version}" defer></script>
</head>
<body data-page="${page.id}">
${
  context &&
  week &&
  html`<header class="topbar">
  <a class="brand" href="/">sift</a>
  <nav class="topnav" aria-label="pages">
    <a href="/weeks/${week}"${page.id === 'board' ? html` aria-current="page"` : ''}>候选 Board</a>
    <a href="/weeks/${week}/shortlist"${page.id === 'shortlist' ? html` aria-current="page"` : ''}>入选 Shortlist</a>
    <a href="/weeks/${week}/add"${page.id === 'add' ? html` aria-current="page"` : ''}>添加链接 Add</a>
    <a href="/sources"${page.id === 'sources' ? html` aria-current="page"` : ''}>订阅源 Sources</a>
    ${context.queueDashboardPath && html`<a href="${context.queueDashboardPath}" class="queue-link">队列 Queues</a>`}
  </nav>
  ${
    context.isAuthEnabled &&
    html`<form class="logout" method="post" action="/logout">
    <input type="hidden" name="_csrf" value="${context.csrfToken}">
    <span class="curator">${context.curator ?? ''}</span>
    <button type="submit" class="link-button">退出 Log out</button>
  </form>`
  }
</header>`
}
<main id="main" class="page page-${page.id}">
${page.body}
</main>
<div id="toast" class="toast" role="status" aria-live="polite" hidden></div>
</body>
</html>
`.value;
}
