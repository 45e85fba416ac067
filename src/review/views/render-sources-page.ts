import { html, type SafeHtml } from '../html.ts';
import { toSafeHref } from '../../shared/safe-url.ts';
import type { SourceHealth } from '../../store/sources/list-source-health.ts';
import { formatShortTime } from './format-time.ts';
import { renderLayout, type PageContext } from './render-layout.ts';

export interface SourcesPageModel {
  rows: SourceHealth[];
  now: Date;
  filter: { q?: string; brokenOnly?: boolean };
  totals: { all: number; broken: number; neverFetched: number };
}

/** Source health, broken first (the order listSourceHealth gives), with a text filter and "broken only". */
export function renderSourcesPage(model: SourcesPageModel, timeZone: string, context: PageContext): string {
  const body = html`<h1>订阅源 Sources</h1>
<p>${model.totals.all} 个来源 · <strong>${model.totals.broken}</strong> 个出错 failing · ${model.totals.neverFetched} 个未抓取 never fetched</p>
<form class="filters" method="get" action="/sources" role="search">
<label class="search">搜索 <input type="search" name="q" value="${model.filter.q ?? ''}" placeholder="id、名称、链接、错误"></label>
<label class="check"><input type="checkbox" name="broken" value="1"${model.filter.brokenOnly ? html` checked` : ''}> 只看出错 broken only</label>
<button type="submit" class="btn">筛选 Filter</button>
</form>
<div class="table-wrap">
<table class="sources">
<thead><tr><th>来源 Source</th><th>状态 Status</th><th>上次成功 Last success</th><th>本周条目 Items 7d</th><th>下次检查 Next check</th><th>错误 Last error</th></tr></thead>
<tbody>
${model.rows.map((row) => {
  const href = toSafeHref(row.url);
  const health = row.errorCount > 0 ? 'broken' : row.lastFetchedAt ? 'ok' : 'new';
  return html`<tr class="health-${health}${row.enabled ? '' : ' disabled'}">
<td><span class="source-name">${row.name}</span><br><small>${href ? html`<a href="${href}" target="_blank" rel="noopener noreferrer">${row.id}</a>` : row.id}${row.enabled ? '' : ' (disabled)'}</small></td>
<td><span class="badge badge-${health}">${row.lastStatus ?? 'never fetched'}</span>${row.errorCount > 0 && html` <small>×${row.errorCount}</small>`}</td>
<td>${row.lastSuccessAt ? formatShortTime(row.lastSuccessAt, timeZone) : '—'}</td>
<td class="num">${row.itemsLast7Days}</td>
<td>${row.nextCheckAt <= model.now ? '到期 due' : formatShortTime(row.nextCheckAt, timeZone)}</td>
<td class="error-text">${renderErrorText(row.lastError)}</td>
</tr>`;
})}
</tbody>
</table>
</div>`;
  return renderLayout({ id: 'sources', title: '订阅源', body, context });
}

/** Error texts longer than this show their first lines, the whole text one click away (in a box of its own). */
const SHORT_ERROR = 160;

/**
 * A source's last error, fitted to the table: a long one (a chain of redirects and refusals can
 * run to kilobytes) is a `<details>` whose summary shows its first three lines.
 */
function renderErrorText(error: string | null): SafeHtml | string {
  if (!error || error.length <= SHORT_ERROR) return error ?? '';
  return html`<details><summary title="展开全文 show the whole error">${error.slice(0, 400)}</summary><div>${error}</div></details><span class="more">${error.length} 字符 characters</span>`;
}
