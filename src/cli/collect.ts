import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { createProcessFeedPool } from '../refresh/process-feed-pool.ts';
import { collectSources, type CollectSummary } from '../queue/collect-sources.ts';
import { selectDueSources } from '../queue/select-due-sources.ts';
import { AppError } from '../shared/errors.ts';
import { writeLine, type Command } from './context.ts';
import { openApp } from './open-app.ts';
import { readParseThreads, readPositiveInt } from './read-option.ts';

/**
 * `sift collect [--all] [--source ID]… [--parse-threads N]`: one in-process pass over the due
 * sources, parsing on N worker threads (0 = this thread). Exit 0 when the
 * pass completed and at least one source answered, even if others failed (they are in `sift
 * sources status`); 1 when every source failed, or the pass could not run.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({
    args,
    options: {
      all: { type: 'boolean', default: false },
      source: { type: 'string', multiple: true },
      concurrency: { type: 'string' },
      'host-concurrency': { type: 'string' },
      'parse-threads': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const concurrency = readPositiveInt(values.concurrency, ctx.env.SIFT_CONCURRENCY, '--concurrency');
  const perHostConcurrency = readPositiveInt(values['host-concurrency'], ctx.env.SIFT_HOST_CONCURRENCY, '--host-concurrency');
  const parseThreads = readParseThreads(values['parse-threads'], ctx.env.SIFT_PARSE_THREADS);
  const app = await openApp(ctx);
  const pool = parseThreads > 0 ? createProcessFeedPool({ size: parseThreads }) : undefined;
  try {
    const sources = await selectDueSources(app.db, app.clock.now(), { all: values.all, sourceIds: values.source });
    if (values.source) {
      const unknown = values.source.filter((id) => !sources.some((source) => source.id === id));
      if (unknown.length > 0) throw new AppError('UNKNOWN_SOURCE', `unknown source id(s): ${unknown.join(', ')}`);
    }
    const isTty = Boolean((ctx.stderr as NodeJS.WriteStream).isTTY);
    const bar = isTty ? new cliProgress.SingleBar({ stream: ctx.stderr, format: 'collect [{bar}] {value}/{total} sources · {failed} failed · {eta_formatted} left', hideCursor: true }, cliProgress.Presets.shades_classic) : null;
    bar?.start(sources.length, 0, { failed: 0 });
    let failed = 0;
    const summary = await collectSources(pool ? { ...app, processFeed: pool.processFeed } : app, sources, {
      concurrency,
      perHostConcurrency,
      onOutcome: (outcome) => {
        if (outcome.status === 'failed') failed += 1;
        if (bar) bar.increment(1, { failed });
        else app.log.info({ sourceId: outcome.sourceId, status: outcome.status, ...(outcome.status === 'ok' ? { itemsNew: outcome.itemsNew } : {}), ...(outcome.status === 'failed' ? { code: outcome.error.code } : {}) }, 'source done');
      },
    });
    bar?.stop();
    writeLine(ctx.stdout, values.json ? JSON.stringify(summary) : formatSummary(summary));
    // a pass where every source failed collected nothing: cron and scripts must see it
    return summary.sources > 0 && summary.ok + summary.notModified === 0 ? 1 : 0;
  } finally {
    await pool?.close();
    await app.close();
  }
};

export function formatSummary(summary: CollectSummary): string {
  const lines = [
    `collected ${summary.sources} source(s) in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.ok} ok, ${summary.notModified} not modified, ${summary.failed} failed`,
    `items new: ${summary.itemsNew}, sightings new: ${summary.sightingsNew}`,
  ];
  if (summary.failures.length > 0) {
    lines.push('failed (details in `sift sources status`):');
    for (const failure of summary.failures.slice(0, 20)) lines.push(`  ${failure.sourceId}: ${failure.code} ${failure.message}`);
    if (summary.failures.length > 20) lines.push(`  … and ${summary.failures.length - 20} more`);
  }
  return lines.join('\n');
}
