import { describe, expect, it } from 'vitest';
import {
  isNewsletterOnly,
  learnAcceptance,
  lookupLanguageMultiplier,
  lookupOriginMultiplier,
  lookupSourceMultiplier,
  measureMultiplier,
  type AcceptanceEvent,
} from './learn-acceptance.ts';

const now = new Date('2026-11-25T00:00:00Z');
const lastWeek = new Date(now.getTime() - 7 * 86_400_000);

/**
 * `seen` cards of one source in published weeks, `picked` of them in the issue; the rest passed
 * over (or, with `asRejections`, rejected by hand as before passed-over cards were recorded).
 */
function record(sourceId: string, picked: number, seen: number, asRejections = false): AcceptanceEvent[] {
  return Array.from({ length: seen }, (_, index) => ({
    url: `https://${sourceId}.example.com/post/${index}`,
    isAccepted: index < picked,
    ...(index < picked || asRejections ? {} : { isPassedOver: true }),
    at: lastWeek,
    sourceIds: [sourceId],
  }));
}

/** 30 picks of 300 cards: the editor picks 10% of what they see. */
const weeks = (asRejections = false) => [
  ...record('average', 10, 100, asRejections),
  ...record('favourite', 20, 100, asRejections),
  ...record('ignored', 0, 100, asRejections),
];

/** Links added by hand (no source carried them), all picked: they say nothing about sources. */
const handAdded: AcceptanceEvent[] = Array.from({ length: 60 }, (_, index) => ({
  url: `https://hand.example.org/${index}`,
  isAccepted: true,
  at: lastWeek,
  sourceIds: [],
}));

describe('learnAcceptance with passed-over cards', () => {
  it.each([
    { name: 'passed-over cards only', events: weeks() },
    { name: 'passed-over cards and links no source carried', events: [...weeks(), ...handAdded] },
  ])("compares a source with the editor's own pick rate ($name)", ({ events }) => {
    const model = learnAcceptance(events, now);
    // picked at the record's rate (10%): no evidence either way
    expect(lookupSourceMultiplier(model, 'average')).toBeCloseTo(1, 2);
    // picked twice as often as the editor's average
    expect(lookupSourceMultiplier(model, 'favourite')).toBeGreaterThan(1.5);
    expect(lookupSourceMultiplier(model, 'ignored')).toBeLessThan(1);
    expect(lookupSourceMultiplier(model, 'favourite')).toBeGreaterThan(lookupSourceMultiplier(model, 'average'));
  });

  it('judges sites against the rate over every verdict, links without a source included', () => {
    // 30 + 60 picks of 360 cards: 25%; the hand-added site is always picked
    const model = learnAcceptance([...weeks(), ...handAdded], now);
    expect(lookupOriginMultiplier(model, 'https://hand.example.org/next').multiplier).toBeGreaterThan(2);
    // a site picked at 20% is below the overall 25% now, though above the sourced 10%
    expect(lookupOriginMultiplier(model, 'https://favourite.example.com/next').multiplier).toBeLessThan(1);
  });

  it('keeps the fixed prior of 0.15 when the record has no passed-over cards', () => {
    const model = learnAcceptance(weeks(true), now);
    const average = model.source.get('average')!;
    expect(average.multiplier).toBeCloseTo(measureMultiplier(average.accepted, average.rejected, { priorRate: 0.15 }), 10);
    // 10% is below the assumed 15%: the same source that is average above sinks here
    expect(average.multiplier).toBeLessThan(0.8);
    expect(lookupSourceMultiplier(model, 'favourite')).toBeLessThan(1.5);
  });

  it("lets an explicit priorRate win over the record's rate", () => {
    const model = learnAcceptance(weeks(), now, { priorRate: 0.15 });
    const average = model.source.get('average')!;
    expect(average.multiplier).toBeCloseTo(measureMultiplier(average.accepted, average.rejected, { priorRate: 0.15 }), 10);
    expect(average.multiplier).toBeLessThan(0.8);
  });

  it('counts a passed-over card as evidence against its source, like a rejection', () => {
    const model = learnAcceptance(weeks(), now);
    const ignored = model.source.get('ignored')!;
    expect(ignored.accepted).toBe(0);
    expect(ignored.rejected).toBeCloseTo(100 * 0.5 ** (7 / 182), 6);
  });
});

describe('learnAcceptance: the language of the links picked, within a category', () => {
  /** `seen` project cards in `lang`, `picked` of them published, the rest passed over. */
  const cards = (lang: string, picked: number, seen: number, category = 'projects'): AcceptanceEvent[] =>
    Array.from({ length: seen }, (_, index) => ({
      url: `https://github.com/${lang}-${category}/${index}`,
      isAccepted: index < picked,
      ...(index < picked ? {} : { isPassedOver: true }),
      at: lastWeek,
      sourceIds: ['trending'],
      category,
      lang,
    }));

  it('learns that Chinese projects are picked twice as often, and not for another category', () => {
    const model = learnAcceptance(
      [...cards('zh', 10, 50), ...cards('en', 10, 200), ...cards('zh', 2, 100, 'articles'), ...cards('en', 8, 100, 'articles')],
      now,
    );
    expect(lookupLanguageMultiplier(model, 'projects', 'zh')).toBeGreaterThan(1.3);
    expect(lookupLanguageMultiplier(model, 'projects', 'en')).toBeLessThan(1);
    expect(lookupLanguageMultiplier(model, 'articles', 'zh')).toBeLessThan(1);
    expect(lookupLanguageMultiplier(model, 'media', 'zh')).toBe(1);
  });

  it("compares a language with its own section's rate, not with the record's, nor with picks sift never stored", () => {
    // projects are picked at 3 %, articles at 30 %; both languages alike within each section
    const neverStored: AcceptanceEvent[] = Array.from({ length: 40 }, (_, index) => ({
      url: `https://example.com/elsewhere/${index}`,
      isAccepted: true,
      at: lastWeek,
      sourceIds: [],
      category: 'projects',
    }));
    const model = learnAcceptance(
      [
        ...cards('zh', 3, 100),
        ...cards('en', 3, 100),
        ...cards('zh', 30, 100, 'articles'),
        ...cards('en', 30, 100, 'articles'),
        ...neverStored,
      ],
      now,
    );
    for (const category of ['projects', 'articles'])
      for (const lang of ['zh', 'en']) expect(lookupLanguageMultiplier(model, category, lang)).toBeCloseTo(1, 1);
  });

  it("learns no language from links only newsletters carried: their language is the blurb's, not the link's", () => {
    // a Chinese newsletter describing (mostly English) posts in Chinese, rarely picked; trending's Chinese projects picked often
    const fromNewsletter = cards('zh', 1, 100).map((event) => ({ ...event, url: `${event.url}-weekly`, sourceIds: ['zh-weekly'] }));
    const record = [...cards('zh', 10, 50), ...cards('en', 10, 200), ...fromNewsletter];
    const newsletters = new Set(['zh-weekly']);
    const model = learnAcceptance(record, now, { newsletters });
    expect(model.langBySource.has('projects/zh-weekly/zh')).toBe(false);
    expect(lookupLanguageMultiplier(model, 'projects', 'zh')).toBeCloseTo(
      lookupLanguageMultiplier(learnAcceptance([...cards('zh', 10, 50), ...cards('en', 10, 200)], now), 'projects', 'zh'),
      1,
    );
    // without the option the newsletter's cards drag the Chinese rate down
    expect(lookupLanguageMultiplier(learnAcceptance(record, now), 'projects', 'zh')).toBeLessThan(
      lookupLanguageMultiplier(model, 'projects', 'zh'),
    );
    // a link a newsletter and trending both carried keeps its language
    expect(isNewsletterOnly(['zh-weekly', 'trending'], newsletters)).toBe(false);
    expect(isNewsletterOnly(['zh-weekly'], newsletters)).toBe(true);
    expect(isNewsletterOnly([], newsletters)).toBe(false);
  });

  it('learns nothing about languages from picks alone (no passed-over cards to compare with)', () => {
    const picksOnly = cards('zh', 10, 10);
    expect(learnAcceptance(picksOnly, now).lang.size).toBe(0);
  });
});
