import { describe, expect, it } from 'vitest';
import {
  learnAcceptance,
  lookupOriginMultiplier,
  lookupSourceMultiplier,
  measureMultiplier,
  readOrigin,
  type AcceptanceEvent,
} from './learn-acceptance.ts';

const now = new Date('2026-11-25T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const verdicts = (count: number, isAccepted: boolean, sourceId: string, url: string, ageDays = 7): AcceptanceEvent[] =>
  Array.from({ length: count }, (_, index) => ({
    url: `${url}/${index}`,
    isAccepted,
    at: daysAgo(ageDays + index),
    sourceIds: [sourceId],
  }));

describe('learnAcceptance', () => {
  it('sinks an always-rejected source, but never below the floor', () => {
    const model = learnAcceptance(verdicts(500, false, 'spammy', 'https://spam.example.com/p'), now);
    expect(lookupSourceMultiplier(model, 'spammy')).toBe(0.3);
    expect(lookupOriginMultiplier(model, 'https://spam.example.com/new').multiplier).toBe(0.3);
  });

  it('sinks gradually: a couple of rejections are not a verdict', () => {
    const few = learnAcceptance(verdicts(2, false, 'new', 'https://a.example.com/p'), now);
    const many = learnAcceptance(verdicts(10, false, 'new', 'https://a.example.com/p'), now);
    expect(lookupSourceMultiplier(few, 'new')).toBeLessThan(1);
    expect(lookupSourceMultiplier(few, 'new')).toBeGreaterThan(lookupSourceMultiplier(many, 'new'));
  });

  it('raises an always-accepted source, up to the ceiling', () => {
    const some = learnAcceptance(verdicts(3, true, 'good', 'https://good.example.com/p'), now);
    const lots = learnAcceptance(verdicts(100, true, 'good', 'https://good.example.com/p'), now);
    expect(lookupSourceMultiplier(some, 'good')).toBeGreaterThan(1.5);
    expect(lookupSourceMultiplier(lots, 'good')).toBe(3);
  });

  it('leaves sources with no verdicts at 1', () => {
    const model = learnAcceptance(verdicts(10, true, 'good', 'https://good.example.com/p'), now);
    expect(lookupSourceMultiplier(model, 'brand-new')).toBe(1);
    expect(lookupOriginMultiplier(model, 'https://unknown.example.org/x').multiplier).toBe(1);
  });

  it('forgets: year-old rejections weigh about a quarter of fresh ones', () => {
    const fresh = learnAcceptance(verdicts(8, false, 's', 'https://x.example.com/p', 0), now);
    const old = learnAcceptance(verdicts(8, false, 's', 'https://x.example.com/p', 364), now);
    expect(fresh.source.get('s')!.rejected).toBeCloseTo(8, 0);
    expect(old.source.get('s')!.rejected).toBeCloseTo(2, 0);
    expect(lookupSourceMultiplier(old, 's')).toBeGreaterThan(lookupSourceMultiplier(fresh, 's'));
  });

  it('judges GitHub links by owner, not by github.com', () => {
    const model = learnAcceptance(
      [...verdicts(10, true, 'trending', 'https://github.com/astral-sh'), ...verdicts(10, false, 'trending', 'https://github.com/spammer')],
      now,
    );
    expect(lookupOriginMultiplier(model, 'https://github.com/Astral-sh/ruff')).toEqual({
      key: 'github.com/astral-sh',
      multiplier: expect.any(Number),
    });
    expect(lookupOriginMultiplier(model, 'https://github.com/astral-sh/ruff').multiplier).toBeGreaterThan(2);
    expect(lookupOriginMultiplier(model, 'https://github.com/spammer/x').multiplier).toBeLessThan(0.5);
    expect(readOrigin('https://www.realpython.com/x')).toEqual({ domain: 'realpython.com', owner: null });
  });

  it('keeps the multiplier between floor and ceiling for any evidence', () => {
    for (const [accepted, rejected] of [
      [0, 0],
      [0, 1e6],
      [1e6, 0],
      [3, 40],
    ]) {
      const multiplier = measureMultiplier(accepted, rejected);
      expect(multiplier).toBeGreaterThanOrEqual(0.3);
      expect(multiplier).toBeLessThanOrEqual(3);
    }
    expect(measureMultiplier(0, 0)).toBe(1);
  });
});
