import { html, type SafeHtml } from '../html.ts';
import type { BoardCard } from '../load-board.ts';
import { formatShortTime } from './format-time.ts';

export const STATUS_LABELS: Record<string, string> = { pending: '待定', accepted: '已接受', rejected: '已拒绝' };
const LANG_LABELS: Record<string, string> = { zh: '中文', en: 'EN', other: '其他' };

/**
 * One candidate. Everything from a feed goes through `html` (escaped); the title links to the page
 * only when its URL is http(s), otherwise it is plain text marked as a dead link. The buttons are
 * a real form, so accept/reject work without JavaScript; review.js turns them into in-place
 * updates and adds edit, move and undo.
 */
export function renderCard(card: BoardCard, options: { week: string; csrfToken: string; timeZone: string }): SafeHtml {
  const titleHtml = card.href
    ? html`<a class="title-link" href="${card.href}" target="_blank" rel="noopener noreferrer">${card.title}</a>`
    : html`<span class="title-link dead-link" title="链接不是 http(s)，已停用 (unsafe link disabled)">${card.title}</span>`;
  const digestCount = card.sources.filter((source) => source.kind === 'digest').length;
  return html`<article class="card status-${card.status}" id="item-${card.itemId}" data-item-id="${card.itemId}" data-version="${card.version}" data-status="${card.status}" data-category="${card.category}" data-image-url="${card.imageUrl}" data-image-alt="${card.imageAlt}" tabindex="-1">
<div class="card-body">
<h3 class="card-title">${titleHtml}</h3>
<div class="card-meta">
<span class="domain">${card.domain || '—'}</span>
<span class="lang lang-${card.lang}">${LANG_LABELS[card.lang] ?? card.lang}</span>
<span class="times" title="首次发现 first seen / 发布 published">首见 ${formatShortTime(card.firstSeenAt, options.timeZone)}${card.publishedAt && html` · 发布 ${formatShortTime(card.publishedAt, options.timeZone)}`}</span>
${card.score !== null ? html`<span class="score" title="score">★ ${card.score.toFixed(1)}</span>` : html`<span class="score manual">手动添加 added by hand</span>`}
</div>
<p class="card-summary">${card.summary}</p>
<p class="card-note"${card.note ? '' : html` hidden`}><span class="note-label">备注：</span><span class="note-text">${card.note ?? ''}</span></p>
<div class="card-sources"><span class="source-count">${card.sources.length} 个来源${digestCount > 0 && html`（${digestCount} 份周刊）`}</span>${card.sources.map(
    (source) => html` <span class="source source-${source.kind}">${source.name}</span>`,
  )}</div>
${card.reasons.length > 0 && html`<ul class="reasons">${card.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`}
</div>
<div class="card-actions">
<form class="decision-form" method="post" action="/api/weeks/${options.week}/items/${card.itemId}/decision">
<input type="hidden" name="_csrf" value="${options.csrfToken}">
<input type="hidden" name="version" value="${card.version}">
<input type="hidden" name="category" value="${card.category}">
<button type="submit" name="status" value="accepted" class="btn btn-accept" title="接受 (a)">接受</button>
<button type="submit" name="status" value="rejected" class="btn btn-reject" title="拒绝 (r)">拒绝</button>
</form>
<button type="button" class="btn btn-edit" data-action="edit" title="编辑标题和简介 (e)">编辑</button>
<button type="button" class="btn btn-move" data-action="move" title="移到其他分类 (m)">移动</button>
<button type="button" class="btn btn-undo" data-action="undo" title="撤销上一步 (u)">撤销</button>
<span class="card-status"><span class="status-label">${STATUS_LABELS[card.status]}</span><span class="category-label"></span>${card.decidedBy && html`<span class="decided-by"> · ${card.decidedBy}</span>`}</span>
</div>
</article>`;
}
