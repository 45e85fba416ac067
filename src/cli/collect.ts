import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { limitHeapGrowth, relaxHeapGrowth } from '../../bin/limit-heap-growth.mjs';
import type { FeedDocument } from '../refresh/process-feed.ts';
import { createProcessFeedPool } from '../refresh/process-feed-pool.ts';
import { collectSources, type CollectSummary } from '../queue/collect-sources.ts';
import { selectDueSources } from '../store/sources/select-due-sources.ts';
import { AppError } from '../shared/errors.ts';
import { writeLine, type Command } from './context.ts';
import { formatFailureSummary } from './format-failure-summary.ts';
import { openApp } from './open-app.ts';
import { parseThreadsOption, readParseThreads, readPositiveInt } from './read-option.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift collect [--all] [--source ID]… [--concurrency N] [--host-concurrency N] [--parse-threads N] [--json]',
  summary: 'one in-process pass over the due sources (or all, or the named ones): fetch, parse and store their new links',
  options: {
    all: { type: 'boolean', default: false, description: 'every enabled source, due or not' },
    source: { type: 'string', multiple: true, value: 'ID', description: 'only this source (give it again for more)' },
    concurrency: { type: 'string', value: 'N', description: 'fetches at once (default SIFT_CONCURRENCY, 16)' },
    'host-concurrency': { type: 'string', value: 'N', description: 'fetches at once per host (default SIFT_HOST_CONCURRENCY, 2)' },
    'parse-threads': parseThreadsOption,
    json: { type: 'boolean', default: false, description: 'print the summary as JSON' },
  },
  details: ['A progress bar on a terminal, a summary at the end. Exit 1 when every source failed or the pass could not run.'],
});

/**
 * `sift collect [--all] [--source ID]… [--parse-threads N]`: one in-process pass over the due
 * sources, parsing on N worker threads (0 = this thread). Exit 0 when the
 * pass completed and at least one source answered, even if others failed (they are in `sift
 * sources status`); 1 when every source failed, or the pass could not run.
 */
export const run: Command = async (args, ctx) => {
  // No heap cap until there is a document to parse (bin/limit-heap-growth.mjs): a pass of 304s holds a few MB.
  relaxHeapGrowth();
  const { values } = parseArgs({
    args,
    options: help.options,
  });
  const concurrency = readPositiveInt(values.concurrency, ctx.env.SIFT_CONCURRENCY, '--concurrency');
  const perHostConcurrency = readPositiveInt(values['host-concurrency'], ctx.env.SIFT_HOST_CONCURRENCY, '--host-concurrency');
  const parseThreads = readParseThreads(values['parse-threads'], ctx.env.SIFT_PARSE_THREADS);
  const app = await openApp(ctx);
  const pool = parseThreads > 0 ? createProcessFeedPool({ size: parseThreads }) : undefined;
  let summary: CollectSummary;
  try {
    const sources = await selectDueSources(app.db, app.clock.now(), { all: values.all, sourceIds: values.source });
    if (values.source) {
      const unknown = values.source.filter((id) => !sources.some((source) => source.id === id));
      if (unknown.length > 0) throw new AppError('UNKNOWN_SOURCE', `unknown source id(s): ${unknown.join(', ')}`);
    }
    const isTty = Boolean((ctx.stderr as NodeJS.WriteStream).isTTY);
    const bar = isTty
      ? new cliProgress.SingleBar(
          {
            stream: ctx.stderr,
            format: 'collect [{bar}] {value}/{total} sources · {failed} failed · {eta_formatted} left',
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        )
      : null;
    bar?.start(sources.length, 0, { failed: 0 });
    let failed = 0;
    const parse =
      pool?.processFeed ?? (async (document: FeedDocument) => (await import('../refresh/process-feed.ts')).processFeed(document));
    const processFeed = (document: FeedDocument) => {
      limitHeapGrowth(); // documents are where a pass's memory goes
      return parse(document);
    };
    summary = await collectSources({ ...app, processFeed }, sources, {
      concurrency,
      perHostConcurrency,
      onOutcome: (outcome) => {
        if (outcome.status === 'failed') failed += 1;
        if (bar) bar.increment(1, { failed });
        // a failed source's one line is refreshSource's "refresh failed"
        else if (outcome.status !== 'failed')
          app.log.info(
            { sourceId: outcome.sourceId, status: outcome.status, ...(outcome.status === 'ok' ? { itemsNew: outcome.itemsNew } : {}) },
            'source done',
          );
      },
    });
    bar?.stop();
  } finally {
    await pool?.close();
    await app.close();
  }
  // The summary is the last thing printed: every log line written first (logs go out asynchronously).
  await new Promise<void>((resolve) => app.log.flush(() => resolve()));
  writeLine(ctx.stdout, values.json ? JSON.stringify(summary) : formatSummary(summary));
  // a pass where every source failed collected nothing: cron and scripts must see it
  return summary.sources > 0 && summary.ok + summary.notModified === 0 ? 1 : 0;
};

/** Totals, then (when sources failed) the failures grouped by reason as the last line. */
export function formatSummary(summary: CollectSummary): string {
  const lines = [
    `collected ${summary.sources} source(s) in ${(summary.durationMs / 1000).toFixed(1)} s: ${summary.ok} ok, ${summary.notModified} not modified, ${summary.failed} failed`,
    `items new: ${summary.itemsNew}, sightings new: ${summary.sightingsNew}`,
  ];
  if (summary.failures.length > 0) lines.push(formatFailureSummary(summary.failures));
  return lines.join('\n');
}
