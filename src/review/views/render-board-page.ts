import type { WeeklyConfig } from '../../config/schema.ts';
import { html } from '../html.ts';
import type { BoardModel } from '../load-board.ts';
import type { SourceAlert } from '../../store/sources/load-source-alert.ts';
import { formatShortDay } from './format-time.ts';
import { renderBoardToolbar, renderBulkDialog, renderSectionTools, renderSourceAlert } from './render-board-tools.ts';
import { renderCard } from './render-card.ts';
import { renderReadingPaneShell } from './render-reading-pane.ts';
import { renderLayout, type PageContext } from './render-layout.ts';

const LANG_OPTIONS = [
  ['', '全部语言 any language'],
  ['zh', '中文'],
  ['en', 'English'],
  ['other', '其他 other'],
] as const;

export const KEYBOARD_HELP: ReadonlyArray<readonly [string, string]> = [
  ['j / k', '下一条 / 上一条 next / previous'],
  ['a', '接受 accept'],
  ['r', '拒绝 reject'],
  ['e', '编辑标题、简介和备注 edit title, summary, note (Ctrl+Enter 保存, Esc 取消)'],
  ['m', '移到其他分类 move (then 1–9)'],
  ['u', '撤销上一步 undo (筛选、搜索后仍可撤销 also after filtering)'],
  ['v', '紧凑视图 compact view (one line per card)'],
  ['z', '折叠/展开当前分类 collapse the section'],
  ['o / Enter', '在阅读栏中打开 read in the pane (Esc 关闭 close)'],
  ['Shift+O', '在新标签页打开原文 open the original in a new tab'],
  ['/', '搜索 search'],
  ['?', '显示帮助 this help'],
];

/** The week board: one section per configured category, cards in rank order. */
export function renderBoardPage(
  board: BoardModel,
  weekly: WeeklyConfig,
  context: PageContext,
  extras: { sourceAlert?: SourceAlert } = {},
): string {
  const { week, filters } = board;
  const zone = weekly.timezone;
  const lastDay = new Date(week.end.getTime() - 1);
  const body = html`<div class="board-head">
<nav class="week-nav" aria-label="weeks">
<a class="week-prev" href="/weeks/${board.previousWeek}" rel="prev">‹ ${board.previousWeek}</a>
<h1 class="week-title">${week.label} <small>${formatShortDay(week.start, zone)} – ${formatShortDay(lastDay, zone)}</small></h1>
<a class="week-next" href="/weeks/${board.nextWeek}" rel="next">${board.nextWeek} ›</a>
</nav>
<p class="board-totals">${board.totals.candidates} 条候选 · 已接受 <strong class="total-accepted">${board.totals.accepted}</strong> · 已拒绝 ${board.totals.rejected} · 显示 ${board.totals.shown}</p>
<form class="filters" method="get" action="/weeks/${week.label}" role="search">
<label>分类 <select name="category">
<option value="">全部 all</option>
${weekly.categories.map((category) => html`<option value="${category.id}"${filters.category === category.id ? html` selected` : ''}>${category.title}</option>`)}
</select></label>
<label>来源 <select name="source">
<option value="">全部 all</option>
${board.sources.map((source) => html`<option value="${source.id}"${filters.source === source.id ? html` selected` : ''}>${source.name}</option>`)}
</select></label>
<label>语言 <select name="lang">
${LANG_OPTIONS.map(([value, label]) => html`<option value="${value}"${(filters.lang ?? '') === value ? html` selected` : ''}>${label}</option>`)}
</select></label>
<label class="search">搜索 <input type="search" name="q" value="${filters.q ?? ''}" placeholder="标题、简介、链接 (/)" id="search"></label>
<label class="check"><input type="checkbox" name="rejected" value="1"${filters.showRejected ? html` checked` : ''}> 显示已拒绝 show rejected</label>
<button type="submit" class="btn">筛选 Filter</button>
</form>
${renderBoardToolbar()}
${renderSourceAlert(extras.sourceAlert)}
</div>
${board.sections.map(
  (
    section,
  ) => html`<section class="category" id="category-${section.category.id}" data-category-id="${section.category.id}" data-category-title="${section.category.title}">
<h2 class="category-title">${section.category.emoji}${section.category.title}
<span class="slots" title="已接受 / 名额 accepted / slots"><span class="accepted-count">${section.acceptedCount}</span> / ${section.category.slots}</span>
${renderSectionTools(section.category, section.cards.length)}</h2>
${section.cards.length === 0 ? html`<p class="empty">没有候选 no candidates</p>` : section.cards.map((card) => renderCard(card, { week: week.label, csrfToken: context.csrfToken, timeZone: zone }))}
</section>`,
)}
${renderReadingPaneShell()}
<dialog id="help" class="help">
<h2>键盘 Keyboard</h2>
<dl>${KEYBOARD_HELP.map(([keys, text]) => html`<dt><kbd>${keys}</kbd></dt><dd>${text}</dd>`)}</dl>
<form method="dialog"><button class="btn">关闭 Close</button></form>
</dialog>
${renderBulkDialog()}`;
  return renderLayout({ id: 'board', title: `${week.label} 候选`, body, context });
}
