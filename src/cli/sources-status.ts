import { parseArgs } from 'node:util';
import { listSourceHealth, type SourceHealth } from '../store/sources/list-source-health.ts';
import { writeLine, type Command } from './context.ts';
import { openApp } from './open-app.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift sources status [--broken] [--json]',
  summary: "every source's health from the database, broken first",
  options: {
    broken: { type: 'boolean', default: false, description: 'only sources whose last fetches failed' },
    json: { type: 'boolean', default: false, description: 'print the rows as JSON' },
  },
});

/** `sift sources status [--json] [--broken]`: every source's state, broken first. */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: help.options });
  const app = await openApp(ctx, { config: false }); // the table is all it reads: sources.yaml is parsed only to sync an edit
  try {
    const now = app.clock.now();
    let rows = await listSourceHealth(app.db, now);
    if (values.broken) rows = rows.filter((row) => row.errorCount > 0);
    if (values.json) {
      writeLine(ctx.stdout, JSON.stringify(rows));
      return 0;
    }
    writeLine(ctx.stdout, formatHealthTable(rows, now));
    const broken = rows.filter((row) => row.errorCount > 0).length;
    writeLine(
      ctx.stdout,
      `\n${rows.length} source(s): ${broken} failing, ${rows.filter((row) => !row.lastFetchedAt).length} never fetched`,
    );
    return 0;
  } finally {
    await app.close();
  }
};

export function formatHealthTable(rows: SourceHealth[], now: Date): string {
  const header = ['source', 'status', 'fails', 'last ok', 'items 7d', 'next check', 'error'];
  const body = rows.map((row) => [
    row.enabled ? row.id : `${row.id} (disabled)`,
    row.lastStatus ?? 'never fetched',
    String(row.errorCount),
    row.lastSuccessAt ? `${formatAgo(now, row.lastSuccessAt)} ago` : 'never',
    String(row.itemsLast7Days),
    row.nextCheckAt <= now ? 'due' : `in ${formatAgo(row.nextCheckAt, now)}`,
    (row.lastError ?? '').slice(0, 100),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...body.map((cells) => cells[column]!.length)));
  const format = (cells: string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [format(header), ...body.map(format)].join('\n');
}

function formatAgo(later: Date, earlier: Date): string {
  const seconds = Math.max(0, Math.round((later.getTime() - earlier.getTime()) / 1000));
  if (seconds < 90) return `${seconds}s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)}m`;
  if (seconds < 36 * 3600) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86400)}d`;
}
