import { parseArgs } from 'node:util';
import type { CategoryConfig, WeeklyConfig } from '../config/schema.ts';
import type { Candidate, CandidatesByCategory } from '../rank/build-candidates.ts';
import { rankWeek } from '../curate/rank-week.ts';
import { currentWeek, formatLocalDate, weekOfDate, weekWindow, type WeekWindow } from '../calendar/week.ts';
import { writeLine, type Command } from './context.ts';
import { openApp } from './open-app.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift rank [--week 2026-W48 | --date 2026-11-25] [--json] [--limit N]',
  summary: "rank a week's links per category, store the result for the review UI and print each candidate with its score and reasons",
  options: {
    week: { type: 'string', value: 'YYYY-Www', description: 'the week to rank (default: the current one)' },
    date: { type: 'string', value: 'YYYY-MM-DD', description: 'the week holding this day' },
    json: { type: 'boolean', default: false, description: 'print the candidates as JSON' },
    limit: { type: 'string', value: 'N', description: "candidates printed per category (default: the category's slots × 3)" },
  },
});

/**
 * `sift rank [--week 2026-W48 | --date 2026-11-25] [--json] [--limit N]`: ranks the week (the
 * current one by default), stores the result for the review UI, and prints the top N of every
 * category (default: the category's slots × 3) with score and reasons; `--json` for machines.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({
    args,
    options: help.options,
  });
  if (values.week !== undefined && values.date !== undefined) {
    writeLine(ctx.stderr, 'sift rank: give --week or --date, not both');
    return 2;
  }
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    writeLine(ctx.stderr, `sift rank: --limit must be a positive whole number, got ${JSON.stringify(values.limit)}`);
    return 2;
  }

  const app = await openApp(ctx);
  try {
    const weekly = app.config.weekly;
    const window =
      values.week !== undefined
        ? weekWindow(values.week, weekly)
        : values.date !== undefined
          ? weekOfDate(values.date, weekly)
          : currentWeek(app.clock.now(), weekly);
    const ranked = await rankWeek({ db: app.db, config: app.config, clock: app.clock }, window.label);
    const limitOf = (category: CategoryConfig) => limit ?? category.slots * 3;
    if (values.json) {
      writeLine(ctx.stdout, JSON.stringify(formatJson(window, weekly, ranked, limitOf)));
    } else {
      writeLine(ctx.stdout, formatText(window, weekly, ranked, limitOf));
    }
    return 0;
  } finally {
    await app.close();
  }
};

function formatJson(window: WeekWindow, weekly: WeeklyConfig, ranked: CandidatesByCategory, limitOf: (category: CategoryConfig) => number) {
  return {
    week: window.label,
    start: window.start.toISOString(),
    end: window.end.toISOString(),
    timezone: weekly.timezone,
    categories: weekly.categories.map((category) => ({
      id: category.id,
      title: category.title,
      slots: category.slots,
      total: (ranked[category.id] ?? []).length,
      candidates: (ranked[category.id] ?? []).slice(0, limitOf(category)).map((candidate) => ({
        rank: candidate.rank,
        score: Math.round(candidate.score * 100) / 100,
        title: candidate.title,
        url: candidate.url,
        itemId: candidate.itemId,
        members: candidate.members,
        sources: candidate.sourceIds,
        rule: candidate.rule,
        reasons: candidate.reasons,
        breakdown: candidate.breakdown,
      })),
    })),
  };
}

function formatText(
  window: WeekWindow,
  weekly: WeeklyConfig,
  ranked: CandidatesByCategory,
  limitOf: (category: CategoryConfig) => number,
): string {
  const lastDay = formatLocalDate(new Date(window.end.getTime() - 1), weekly);
  const total = Object.values(ranked).reduce((sum, list) => sum + list.length, 0);
  const lines = [`${window.label} (${formatLocalDate(window.start, weekly)} – ${lastDay}, ${weekly.timezone}): ${total} candidate(s)`];
  for (const category of weekly.categories) {
    const list = ranked[category.id] ?? [];
    const shown = list.slice(0, limitOf(category));
    lines.push('', `${category.emoji}${category.title} (${category.id}): top ${shown.length} of ${list.length}, ${category.slots} slot(s)`);
    if (shown.length === 0) lines.push('  (nothing this week)');
    for (const candidate of shown) lines.push(...formatCandidate(candidate));
  }
  return lines.join('\n');
}

function formatCandidate(candidate: Candidate): string[] {
  const head = `${String(candidate.rank).padStart(4)}. ${candidate.score.toFixed(1).padStart(5)}  ${candidate.title}`;
  const others = candidate.members.length > 1 ? ` (+${candidate.members.length - 1} more link(s))` : '';
  return [head, `             ${candidate.url}${others}`, `             ${candidate.reasons.join(' · ')}`];
}
