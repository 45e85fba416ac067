import type { WeeklyConfig } from '../../config/schema.ts';
import type { Decision } from '../../store/decisions/decision.ts';
import { html } from '../html.ts';
import { formatShortTime } from './format-time.ts';
import { STATUS_LABELS } from './render-card.ts';
import { renderLayout, type PageContext } from './render-layout.ts';

export interface AddPageModel {
  week: string;
  values: { url?: string; title?: string; summary?: string; category?: string; note?: string };
  error?: string;
  /** The item the URL already is, with a decision this week: the error links to its card. */
  existingItemId?: number;
}

/** A link a curator found elsewhere: stored like a feed item (same canonical-URL dedupe) and put on the board. */
export function renderAddPage(model: AddPageModel, weekly: WeeklyConfig, context: PageContext): string {
  const { values } = model;
  const body = html`<h1>添加链接 Add a link to ${model.week}</h1>
${model.error && html`<p class="form-error" role="alert">${model.error}${model.existingItemId !== undefined && html` <a href="/weeks/${model.week}#item-${model.existingItemId}">查看卡片 See the card →</a>`}</p>`}
<form class="add-form stacked" method="post" action="/weeks/${model.week}/add">
<input type="hidden" name="_csrf" value="${context.csrfToken}">
<label>链接 URL <input type="url" name="url" required value="${values.url ?? ''}" placeholder="https://…" autofocus></label>
<label>标题 Title <input type="text" name="title" value="${values.title ?? ''}" placeholder="留空则使用链接 (optional)"></label>
<label>简介 Summary（周刊里印的中文介绍）<textarea name="summary" rows="5">${values.summary ?? ''}</textarea></label>
<label>分类 Category <select name="category">
<option value="">自动 automatic</option>
${weekly.categories.map((category) => html`<option value="${category.id}"${values.category === category.id ? html` selected` : ''}>${category.emoji}${category.title}</option>`)}
</select></label>
<label>备注 Note <input type="text" name="note" value="${values.note ?? ''}"></label>
<button type="submit" class="btn btn-accept">添加 Add</button>
</form>
<p class="hint">同一链接（规范化 URL 相同）只会保存一次：已有的条目会被复用。The same canonical URL is stored once: an existing item is reused.</p>`;
  return renderLayout({ id: 'add', title: '添加链接', body, context });
}

/** "本周已有这条链接的决定：已接受（猫哥，11-24 09:30）…": why an add changed nothing, in the weekly's time zone. */
export function describeExistingDecision(decision: Decision, timeZone: string): string {
  const by = [decision.decidedBy, formatShortTime(decision.decidedAt, timeZone)].filter(Boolean).join('，');
  return `本周已有这条链接的决定：${STATUS_LABELS[decision.status] ?? decision.status}（${by}），没有做任何改动；你填写的内容还在下面。This link already has a decision this week; nothing was changed.`;
}
