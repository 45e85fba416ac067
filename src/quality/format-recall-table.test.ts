import { describe, expect, it } from 'vitest';
import { formatRecallTable } from './format-recall-table.ts';
import { emptyCounts, wilsonInterval, type RecallCounts } from './score-ranking.ts';
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

  it("ends with sift's overall recalls and their 95 % intervals", () => {
    const text = formatRecallTable(WEEKS, ['articles', 'projects', 'media']);
    // 1 and 3 of the 4 in-pool picks: Wilson intervals 0.05–0.70 and 0.30–0.95
    expect(text).toContain('over the 4 in-pool picks: recall@slots 0.25 (0.05–0.70), recall@3×slots 0.75 (0.30–0.95).');
    expect(formatRecallTable([], ['articles'])).not.toContain('in-pool picks:');
  });
});

describe('wilsonInterval', () => {
  it('matches the Wilson score interval at 95 %', () => {
    // 70 of 91: centre (0.7692 + 1.96² / 182) / (1 + 1.96² / 91) = 0.758, half-width 0.0856
    const interval = wilsonInterval(70, 91)!;
    expect(interval.low).toBeCloseTo(0.6729, 3);
    expect(interval.high).toBeCloseTo(0.844, 3);
    expect(wilsonInterval(0, 10)!.low).toBe(0);
    expect(wilsonInterval(10, 10)!.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('toRecallJson', () => {
  it('gives recall per ordering, null when no pick was in the pool', () => {
    expect(toRecallJson(counts(4, 2, 1, 2)).recall.sift).toEqual({ atSlots: 0.5, atTriple: 1 });
    expect(toRecallJson(counts(3, 0, 0, 0)).recall.random).toEqual({ atSlots: null, atTriple: null });
    expect(toRecallJson(counts(4, 2, 1, 2)).interval.atTriple?.low).toBeCloseTo(0.342, 3);
    expect(toRecallJson(counts(3, 0, 0, 0)).interval).toEqual({ atSlots: null, atTriple: null });
  });
});
