import { describe, expect, it } from 'vitest';
import { learnAcceptance, lookupKindMultiplier, lookupSourceMultiplier, type AcceptanceEvent } from './learn-acceptance.ts';

const now = new Date('2026-11-25T00:00:00Z');
const lastWeek = new Date(now.getTime() - 7 * 86_400_000);

/** `seen` cards of `sourceId` in `category` in published weeks, the first `picked` of them picked, the rest passed over. */
function cards(
  sourceId: string,
  category: string,
  picked: number,
  seen: number,
  url = (index: number) => `https://${sourceId}.example.com/${category}/${index}`,
): AcceptanceEvent[] {
  return Array.from({ length: seen }, (_, index) => ({
    url: url(index),
    isAccepted: index < picked,
    ...(index < picked ? {} : { isPassedOver: true }),
    at: lastWeek,
    sourceIds: [sourceId],
    category,
  }));
}

describe('learnAcceptance within a section', () => {
  // a recap whose articles are picked at twice the section's rate and whose project links hardly ever
  const record = [
    ...cards('recap', 'articles', 20, 100),
    ...cards('blogs', 'articles', 10, 100),
    ...cards('recap', 'projects', 0, 100, (index) => `https://github.com/recap-${index}/tool`),
    ...cards('trending', 'projects', 15, 300, (index) => `https://github.com/trending-${index}/tool`),
  ];

  it("judges a source by its own record in the card's section", () => {
    const model = learnAcceptance(record, now);
    expect(lookupSourceMultiplier(model, 'recap', 'articles')).toBeGreaterThan(1.3);
    expect(lookupSourceMultiplier(model, 'recap', 'projects')).toBeLessThan(0.5);
    // overall, the recap looks about average: its two sections cancel out
    expect(lookupSourceMultiplier(model, 'recap')).toBeGreaterThan(0.6);
    expect(lookupSourceMultiplier(model, 'trending', 'projects')).toBeGreaterThan(lookupSourceMultiplier(model, 'recap', 'projects'));
  });

  it('starts a source new to a section from its record elsewhere', () => {
    const model = learnAcceptance([...record, ...cards('recap', 'media', 0, 1)], now);
    const elsewhere = lookupSourceMultiplier(model, 'recap');
    // one passed-over card in media moves it a little below its overall multiplier, not to the floor
    expect(lookupSourceMultiplier(model, 'recap', 'media')).toBeLessThan(elsewhere);
    expect(lookupSourceMultiplier(model, 'recap', 'media')).toBeGreaterThan(0.5 * elsewhere);
    // a section it has no record in at all: its overall multiplier
    expect(lookupSourceMultiplier(model, 'recap', 'discussions')).toBe(elsewhere);
  });

  it("learns each kind of link's rate within the section", () => {
    const homes = cards('newsletter', 'projects', 0, 40, (index) => `https://tool-${index}.example.com/`);
    const model = learnAcceptance([...record, ...homes], now);
    expect(lookupKindMultiplier(model, 'projects', 'home')).toBeLessThan(0.5);
    expect(lookupKindMultiplier(model, 'projects', 'repository')).toBeGreaterThan(1);
    expect(lookupKindMultiplier(model, 'projects', 'video')).toBe(1);
  });

  it('learns neither without passed-over cards (a record of picks alone has no rates per section)', () => {
    const picksOnly = record.filter((event) => event.isAccepted);
    const model = learnAcceptance(picksOnly, now);
    expect(model.sourceIn.size).toBe(0);
    expect(model.kind.size).toBe(0);
    expect(lookupSourceMultiplier(model, 'recap', 'articles')).toBe(lookupSourceMultiplier(model, 'recap'));
  });
});
