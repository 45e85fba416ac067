import { describe, expect, it } from 'vitest';
import { formatRecallTable } from './format-recall-table.ts';
import { emptyCounts, type RecallCounts } from './score-ranking.ts';
import type { ScoredWeek } from './sum-weeks.ts';
import { toRecallJson } from './to-recall-json.ts';

function counts(picks: number, inPool: number, atSlots: number, atTriple: number, random: [number, number] = [0, 0]): RecallCounts {
  const result = emptyCounts();
  Object.assign(result, { picks, inPool });
  Object.assign(result.atSlots, { sift: atSlots, random: random[0] });
  Object.assign(result.atTriple, { sift: atTriple, random: random[1] });
  return result;
}

const WEEKS: ScoredWeek[] = [
  {
    issue: { number: 7 },
    week: { label: '2026-W47' },
    score: { byCategory: { articles: counts(4, 2, 1, 2, [0.5, 1.5]), media: counts(1, 0, 0, 0) } },
  },
  { issue: { number: 8 }, week: { label: '2026-W48' }, score: { byCategory: { articles: counts(2, 2, 0, 1, [0.5, 1]) } } },
];

describe('formatRecallTable', () => {
  it('prints each week, then sums over weeks per category and overall; "-" where nothing was in the pool', () => {
    const rows = formatRecallTable(WEEKS, ['articles', 'projects', 'media'])
      .split('\n')
      .map((line) => line.trim().split(/\s{2,}/));
    const find = (issue: string, category: string) => rows.find((cells) => cells[0] === issue && cells[2] === category)?.slice(1, 10);
    expect(find('#7', 'articles')).toEqual(['2026-W47', 'articles', '4', '2', '0.50', '0.50', '0.25', '0.00', '0.00']);
    expect(find('#7', 'media')).toEqual(['2026-W47', 'media', '1', '0', '0.00', '-', '-', '-', '-']);
    expect(find('#8', 'media')).toBeUndefined();
    // articles over both weeks: 2 of 4 in-pool picks within the slots, 3 of 4 within 3 × slots
    expect(rows.find((cells) => cells[0] === 'all' && cells[2] === 'articles')).toEqual([
      'all',
      '2 weeks',
      'articles',
      '6',
      '4',
      '0.67',
      '0.25',
      '0.25',
      '0.00',
      '0.00',
      '0.75',
      '0.63',
      '0.00',
      '0.00',
    ]);
    expect(rows.find((cells) => cells[2] === 'projects')).toBeUndefined();
    expect(rows.find((cells) => cells[2] === 'overall')?.slice(3, 7)).toEqual(['7', '4', '0.57', '0.25']);
  });
});

describe('toRecallJson', () => {
  it('gives recall per ordering, null when no pick was in the pool', () => {
    expect(toRecallJson(counts(4, 2, 1, 2)).recall.sift).toEqual({ atSlots: 0.5, atTriple: 1 });
    expect(toRecallJson(counts(3, 0, 0, 0)).recall.random).toEqual({ atSlots: null, atTriple: null });
  });
});
