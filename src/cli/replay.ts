import { parseArgs } from 'node:util';
import { loadSources } from '../config/load-sources.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { formatRecallTable } from '../quality/format-recall-table.ts';
import { readReplayCorpus } from '../quality/read-replay-corpus.ts';
import { replayIssues } from '../quality/replay-issues.ts';
import { sumWeeks } from '../quality/sum-weeks.ts';
import { toRecallJson } from '../quality/to-recall-json.ts';
import { AppError } from '../shared/errors.ts';
import { createLogger } from '../shared/logger.ts';
import { writeLine, type Command } from './context.ts';
import { readPositiveInt } from './read-option.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift replay DIR [--from N] [--to N] [--json]',
  summary:
    "replay dated feed items against the editor's issues in a scratch database and score every week's ranking (DIR: the layout of shared/corpus/replay)",
  options: {
    from: { type: 'string', value: 'N', description: 'first issue to score' },
    to: { type: 'string', value: 'N', description: 'last issue to score' },
    json: { type: 'boolean', default: false, description: 'print the results as JSON' },
  },
});

/**
 * `sift replay DIR [--from N] [--to N] [--json]`: replays a folder of dated feed items against the
 * editor's issues (layout of shared/corpus/replay: items/<source id>.jsonl and issues.tsv) in an
 * embedded database of its own, and prints how the ranking of each week served the issue: picks,
 * pool coverage, recall@slots and recall@3×slots for sift and for three baselines. The sources'
 * kinds, languages, categories and weights come from sources.yaml (matched by id); your own
 * database is never touched.
 */
export const run: Command = async (args, ctx) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: help.options,
  });
  if (positionals.length !== 1) throw new AppError('USAGE', 'name the replay folder: sift replay DIR [--from N] [--to N] [--json]');
  const fromIssue = readPositiveInt(values.from, undefined, '--from');
  const toIssue = readPositiveInt(values.to, undefined, '--to');
  const config = await loadSources(ctx.env.SIFT_SOURCES);
  const corpus = await readReplayCorpus(positionals[0]);
  const log = createLogger({ level: ctx.env.LOG_LEVEL === 'info' ? 'warn' : ctx.env.LOG_LEVEL });
  const handle = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(handle.db);
    const weeks = await replayIssues({ db: handle.db, log, config }, corpus, {
      fromIssue,
      toIssue,
      progress: (message) => writeLine(ctx.stderr, message),
    });
    const categoryIds = config.weekly.categories.map((category) => category.id);
    if (values.json) {
      const { byCategory, overall } = sumWeeks(weeks, categoryIds);
      writeLine(
        ctx.stdout,
        JSON.stringify({
          weeks: weeks.map((week) => ({
            issue: week.issue.number,
            week: week.week.label,
            candidates: week.candidates,
            byCategory: week.score.byCategory,
            standings: week.score.standings,
          })),
          byCategory: Object.fromEntries(Object.entries(byCategory).map(([id, counts]) => [id, toRecallJson(counts)])),
          overall: toRecallJson(overall),
        }),
      );
    } else {
      writeLine(ctx.stdout, formatRecallTable(weeks, categoryIds));
    }
    return 0;
  } finally {
    await handle.close();
  }
};
