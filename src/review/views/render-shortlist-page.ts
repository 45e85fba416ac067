import type { WeeklyConfig } from '../../config/schema.ts';
import { html } from '../html.ts';
import type { ShortlistSection } from '../load-shortlist.ts';
import { renderLayout, type PageContext } from './render-layout.ts';

export interface ShortlistPageModel {
  week: string;
  sections: ShortlistSection[];
  issueNumber: number;
  issueTitle: string;
  markdown: string;
}

/**
 * Accepted items per category against their slots, reorderable (▲▼ buttons, Shift+↑/↓ or
 * Shift+J/K on the selected row, drag and drop), with the issue's Markdown below it.
 */
export function renderShortlistPage(model: ShortlistPageModel, weekly: WeeklyConfig, context: PageContext): string {
  const exportQuery = `issue=${model.issueNumber}&title=${encodeURIComponent(model.issueTitle)}`;
  const body = html`<h1>${model.week} 入选 Shortlist</h1>
<p class="hint">j / k 选择，Shift+↑/↓（或 Shift+J/K）调整顺序，也可拖动。Select with j / k, reorder with Shift+↑/↓ or drag.</p>
${model.sections.map((section) => {
  const count = section.rows.length;
  const state = count > section.category.slots ? 'over' : count === section.category.slots ? 'full' : 'open';
  return html`<section class="shortlist-section" data-category-id="${section.category.id}">
<h2>${section.category.emoji}${section.category.title} <span class="slots slots-${state}">${count} / ${section.category.slots}</span></h2>
${
  count === 0
    ? html`<p class="empty">还没有入选 nothing accepted yet</p>`
    : html`<ol class="shortlist" data-category-id="${section.category.id}" data-week="${model.week}">
${section.rows.map(
  (row) => html`<li class="shortlist-row" draggable="true" tabindex="-1" data-item-id="${row.itemId}">
<span class="drag-handle" aria-hidden="true">⋮⋮</span>
<div class="row-text">
${row.href ? html`<a href="${row.href}" target="_blank" rel="noopener noreferrer">${row.title}</a>` : html`<span class="dead-link">${row.title}</span>`}
<span class="domain">${row.domain}</span>
<p class="row-summary">${row.summary}</p>
${row.note && html`<p class="card-note"><span class="note-label">备注：</span>${row.note}</p>`}
</div>
<span class="row-buttons">
<button type="button" class="btn btn-small" data-move="up" title="上移 move up" aria-label="上移 move up">▲</button>
<button type="button" class="btn btn-small" data-move="down" title="下移 move down" aria-label="下移 move down">▼</button>
</span>
</li>`,
)}
</ol>`
}
</section>`;
})}
<section class="export" id="export">
<h2>导出预览 Export preview</h2>
<form class="export-form" method="get" action="/weeks/${model.week}/shortlist#export">
<label>期号 Issue <input type="number" name="issue" min="1" value="${model.issueNumber}" required></label>
<label class="grow">标题 Title <input type="text" name="title" value="${model.issueTitle}"></label>
<button type="submit" class="btn">更新 Update</button>
</form>
<textarea id="export-markdown" class="export-markdown" readonly rows="18" spellcheck="false" data-src="/weeks/${model.week}/export.md?${exportQuery}&amp;inline=1">${model.markdown}</textarea>
<p class="export-actions">
<button type="button" class="btn" id="copy-markdown">复制 Copy</button>
<a class="btn" id="download-markdown" href="/weeks/${model.week}/export.md?${exportQuery}" download>下载 Download .md</a>
</p>
</section>`;
  return renderLayout({ id: 'shortlist', title: `${model.week} 入选`, body, context });
}
