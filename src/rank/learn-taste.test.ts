import { describe, expect, it } from 'vitest';
import type { AcceptanceEvent } from './learn-acceptance.ts';
import { EMPTY_TASTE, learnTaste, readTasteTokens, tasteOf } from './learn-taste.ts';

const now = new Date('2026-11-25T00:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);

/** `count` verdicts in `category`, the text of the i-th given by `textOf`. */
function events(
  count: number,
  isAccepted: boolean,
  category: string | null | undefined,
  textOf: (index: number) => string | undefined,
  ageDays = 0,
): AcceptanceEvent[] {
  return Array.from({ length: count }, (_, index) => ({
    url: `https://example.com/${category}/${isAccepted ? 'pick' : 'passed'}/${index}-${ageDays}`,
    isAccepted,
    ...(isAccepted ? {} : { isPassedOver: true }),
    at: daysAgo(ageDays),
    sourceIds: ['some-source'],
    text: textOf(index),
    category,
  }));
}

/**
 * The editor's articles: 10 picks, all about asyncio; 60 cards passed over, mostly JavaScript and Go,
 * two about asyncio. Every card says "weekly".
 */
const picks = events(10, true, 'articles', (index) => `Understanding asyncio weekly ${index}`);
const passedOver = events(60, false, 'articles', (index) =>
  index < 40 ? `JavaScript weekly ${index}` : index < 42 ? `asyncio weekly ${index}` : `Golang weekly ${index}`,
);

describe('learnTaste', () => {
  it('likes a word the picks share and the passed-over cards rarely say, and dislikes the reverse', () => {
    const model = learnTaste([...picks, ...passedOver], now);
    const weights = model.weights.get('articles')!;
    expect(weights.get('asyncio')).toBeGreaterThan(Math.log(1.5));
    expect(weights.get('understanding')).toBeGreaterThan(Math.log(1.5));
    expect(weights.get('javascript')).toBeLessThan(0);
    expect(weights.get('golang')).toBeLessThan(0);
    // the more often passed over, the more it weighs against
    expect(weights.get('javascript')!).toBeLessThan(weights.get('golang')!);
    // said by every card: picked at the category's own rate, no signal
    expect(weights.has('weekly')).toBe(false);
    expect(model.evidence.get('articles')).toEqual({ picks: 10, passed: 60 });
  });

  it('ignores a word seen on only a couple of cards', () => {
    const model = learnTaste([...picks, ...events(2, true, 'articles', () => 'asyncio pydantic'), ...passedOver], now);
    expect(model.weights.get('articles')!.has('pydantic')).toBe(false);
    expect(model.weights.get('articles')!.get('asyncio')).toBeGreaterThan(Math.log(1.5));
  });

  it.each([
    { name: '49 passed-over cards', events: [...picks, ...passedOver.slice(0, 49)], hasModel: false },
    { name: '50 passed-over cards', events: [...picks, ...passedOver.slice(0, 50)], hasModel: true },
    {
      name: '60 passed-over cards, a year old (they count a quarter)',
      events: [...picks, ...events(60, false, 'articles', (index) => `JavaScript ${index}`, 364)],
      hasModel: false,
    },
    {
      name: '40 passed-over cards, plus 100 without text and 100 without category',
      events: [
        ...picks,
        ...passedOver.slice(0, 40),
        ...events(100, false, 'articles', () => undefined),
        ...events(100, false, null, (index) => `JavaScript ${index}`),
        ...events(100, false, undefined, (index) => `JavaScript ${index}`),
      ],
      hasModel: false,
    },
  ])('learns nothing at all without enough cards to contrast with: $name', ({ events: record, hasModel }) => {
    const model = learnTaste(record, now);
    if (hasModel) expect(model.weights.get('articles')?.get('asyncio')).toBeGreaterThan(0);
    else expect(model).toEqual(EMPTY_TASTE);
    expect(tasteOf(model, 'articles', 'asyncio') !== null).toBe(hasModel);
  });

  it.each([
    { name: '4 picks', picks: picks.slice(0, 4), hasModel: false },
    { name: '5 picks', picks: picks.slice(0, 5), hasModel: true },
    { name: '10 picks a year old (2.5 picks)', picks: events(10, true, 'articles', (index) => `asyncio ${index}`, 364), hasModel: false },
    {
      name: '4 picks with text and 10 without',
      picks: [...picks.slice(0, 4), ...events(10, true, 'articles', () => undefined), ...events(10, true, 'articles', () => '')],
      hasModel: false,
    },
  ])('learns no model for a category with too few picks: $name', ({ picks: categoryPicks, hasModel }) => {
    const model = learnTaste([...categoryPicks, ...passedOver], now);
    expect(model.weights.has('articles')).toBe(hasModel);
    expect(tasteOf(model, 'articles', 'asyncio') !== null).toBe(hasModel);
  });

  it('contrasts a category without passed-over cards of its own with all passed-over cards', () => {
    const projectPicks = events(8, true, 'projects', (index) => `Rust extension ${index}`);
    const model = learnTaste([...picks, ...passedOver, ...projectPicks], now);
    expect(model.evidence.get('projects')).toEqual({ picks: 8, passed: 60 });
    expect(model.weights.get('projects')!.get('rust')).toBeGreaterThan(Math.log(1.5));
    expect(model.weights.get('projects')!.get('javascript')).toBeLessThan(0);
  });

  it('contrasts a category with enough passed-over cards of its own with those alone', () => {
    const projectPicks = events(8, true, 'projects', (index) => `Rust extension ${index}`);
    const projectPassed = events(50, false, 'projects', (index) => `Kotlin library ${index}`);
    const model = learnTaste([...picks, ...passedOver, ...projectPicks, ...projectPassed], now);
    expect(model.evidence.get('projects')).toEqual({ picks: 8, passed: 50 });
    expect(model.weights.get('projects')!.get('kotlin')).toBeLessThan(0);
    // what the editor passed over among articles says nothing about projects
    expect(model.weights.get('projects')!.has('javascript')).toBe(false);
  });

  it('counts old verdicts less: fresh picks of a new interest outweigh old ones', () => {
    const old = events(20, true, 'articles', (index) => `Django ${index}`, 728);
    const fresh = events(20, true, 'articles', (index) => `FastAPI ${index}`, 0);
    const model = learnTaste([...old, ...fresh, ...passedOver], now);
    const weights = model.weights.get('articles')!;
    expect(weights.get('fastapi')!).toBeGreaterThan(weights.get('django') ?? 0);
    expect(model.evidence.get('articles')!.picks).toBeCloseTo(20 + 20 / 16, 6);
  });

  it('learns Chinese titles by character pairs', () => {
    const chinesePicks = events(10, true, 'articles', (index) => `机器学习入门 ${index}`);
    const chinesePassed = events(60, false, 'articles', (index) => `前端框架 ${index}`);
    const model = learnTaste([...chinesePicks, ...chinesePassed], now);
    const weights = model.weights.get('articles')!;
    for (const pair of ['机器', '器学', '学习']) expect(weights.get(pair), pair).toBeGreaterThan(Math.log(1.5));
    expect(weights.get('前端')).toBeLessThan(0);
    expect(tasteOf(model, 'articles', '用 Python 做机器学习')!.for).toEqual(expect.arrayContaining(['机器', '学习']));
  });
});

describe('tasteOf', () => {
  const model = learnTaste([...picks, ...passedOver], now);
  const weights = model.weights.get('articles')!;

  it('sums the weights of the distinct words a text shares with the model and names them', () => {
    const taste = tasteOf(model, 'articles', 'asyncio vs JavaScript: asyncio wins (weekly)')!;
    expect(taste.logOdds).toBeCloseTo(weights.get('asyncio')! + weights.get('javascript')!, 10);
    expect(taste.for).toEqual(['asyncio']);
    expect(taste.against).toEqual(['javascript']);
  });

  it.each([
    { text: 'Understanding asyncio', for: ['asyncio', 'understanding'], against: [] },
    { text: 'JavaScript and Golang', for: [], against: ['javascript', 'golang'] },
    { text: 'Nothing in common here', for: [], against: [] },
  ])('names the words for and against "$text", strongest first', ({ text, for: isFor, against }) => {
    const taste = tasteOf(model, 'articles', text)!;
    expect([...taste.for].sort()).toEqual([...isFor].sort());
    expect(taste.for).toEqual([...taste.for].sort((left, right) => weights.get(right)! - weights.get(left)!));
    expect(taste.against).toEqual(against);
    if (isFor.length === 0 && against.length === 0) expect(taste.logOdds).toBe(0);
  });

  it('counts a word that leans only slightly towards picks, but does not name it as on topic', () => {
    // "python": 3 of the 10 picks and 6 of the 60 passed-over cards, picked about 1.4 times the category's rate
    const leaning = learnTaste(
      [
        ...events(10, true, 'articles', (index) => `Understanding asyncio ${index < 3 ? 'python' : ''} weekly ${index}`),
        ...passedOver.map((event, index) => (index >= 50 && index < 56 ? { ...event, text: `${event.text} python` } : event)),
      ],
      now,
    );
    const python = leaning.weights.get('articles')!.get('python')!;
    expect(python).toBeGreaterThan(0.1);
    expect(python).toBeLessThan(Math.log(1.5));
    const taste = tasteOf(leaning, 'articles', 'asyncio in python')!;
    expect(taste.for).toEqual(['asyncio']);
    expect(taste.logOdds).toBeCloseTo(leaning.weights.get('articles')!.get('asyncio')! + python, 10);
  });

  it('is null for a category without a model', () => {
    expect(tasteOf(model, 'projects', 'asyncio')).toBeNull();
    expect(tasteOf(EMPTY_TASTE, 'articles', 'asyncio')).toBeNull();
  });
});

describe('readTasteTokens', () => {
  it.each([
    { text: '机器学习', tokens: ['机器', '器学', '学习'] },
    { text: 'Understanding the asyncio Task', tokens: ['understanding', 'asyncio', 'task'] },
    { text: 'Python 3.13 发布了', tokens: ['python', '发布', '布了'] },
    { text: '用 Python 做机器学习', tokens: ['用', 'python', '做机', '机器', '器学', '学习'] },
    { text: 'asyncio asyncio ASYNCIO', tokens: ['asyncio'] },
    { text: '', tokens: [] },
  ])('reads "$text" as content words and Chinese character pairs', ({ text, tokens }) => {
    expect([...readTasteTokens(text)].sort()).toEqual([...tokens].sort());
  });
});
