import type { CategoryConfig } from '../../config/schema.ts';
import { html, type SafeHtml } from '../html.ts';
import type { SourceAlert } from '../../store/sources/load-source-alert.ts';

/**
 * The board's tools for a week of hundreds of cards, next to (not inside) the cards: the view
 * toggle and "new since last visit" line, the failing-sources banner with "collect now", each
 * section's collapse button and bulk action, and the bulk action's confirmation dialog. review.js
 * gives them behaviour; without JavaScript they stay hidden (`hidden`), as they need it.
 */
export function renderBoardToolbar(): SafeHtml {
  return html`<div class="board-tools" id="board-tools" hidden>
<button type="button" class="btn btn-small" id="toggle-compact" aria-pressed="false" title="每张卡片一行 one line per card (v)">紧凑视图 Compact</button>
<button type="button" class="btn btn-small" id="collapse-all" title="折叠或展开全部分类 (z)">全部折叠 Collapse all</button>
<span class="seen-summary" id="seen-summary" role="status"></span>
</div>`;
}

/** "3 of 40 sources failing · sources page · collect now", when any enabled source failed its last fetch. */
export function renderSourceAlert(alert: SourceAlert | undefined): SafeHtml | '' {
  if (!alert || alert.failing === 0) return '';
  return html`<div class="source-alert" role="alert" id="source-alert">
<span><strong>${alert.failing}</strong> / ${alert.enabled} 个订阅源上次抓取失败 sources failing ·
<a href="/sources?broken=1">查看订阅源 See sources</a></span>
<button type="button" class="btn btn-small" id="collect-now" hidden>立即抓取 Collect now</button>
<progress id="collect-progress" max="1" value="0" hidden></progress>
<span id="collect-status" class="collect-status" aria-live="polite"></span>
</div>`;
}

/** Collapse toggle and "accept the top N, reject the rest" of one section, in its sticky heading. */
export function renderSectionTools(category: CategoryConfig, cardCount: number): SafeHtml {
  const top = Math.min(category.slots, cardCount);
  return html`<span class="section-tools" hidden>
<button type="button" class="btn btn-small section-toggle" aria-expanded="true" aria-controls="category-${category.id}" title="折叠/展开 collapse or expand">▾</button>
${
  cardCount > 0 &&
  html`<span class="bulk-form"><label>接受前 <input type="number" class="bulk-top" min="0" max="${cardCount}" value="${top}" aria-label="接受前几条 how many to accept"> 条，其余拒绝</label>
<button type="button" class="btn btn-small bulk-apply" title="accept the top N, reject the rest">批量 Apply…</button></span>`
}
</span>`;
}

/** The one confirmation every bulk action goes through (a page dialog: no window.confirm). */
export function renderBulkDialog(): SafeHtml {
  return html`<dialog id="bulk-confirm" class="help">
<form method="dialog">
<h2>批量操作 Bulk action</h2>
<p class="bulk-summary"></p>
<div class="form-row">
<button class="btn btn-accept" value="confirm" id="bulk-confirm-yes">确定 Confirm</button>
<button class="btn" value="cancel">取消 Cancel</button>
</div>
</form>
</dialog>`;
}
