import { describe, expect, it } from 'vitest';
import { EMPTY_ACCEPTANCE, learnAcceptance } from './learn-acceptance.ts';
import { scoreCandidate, type ScoreContext, type ScoreInput, type ScoreSource } from './score-candidate.ts';

const window = { start: new Date('2026-11-21T16:00:00Z'), end: new Date('2026-11-28T16:00:00Z') };
const context: ScoreContext = {
  window,
  keywords: ['asyncio', 'pep', 'django', '异步'],
  topicKeywords: ['asyncio', 'pep', 'django', '异步', 'python', 'pypi'],
  acceptance: EMPTY_ACCEPTANCE,
};
const blog = (id: string, weight = 1): ScoreSource => ({ id, name: id, kind: 'blog', weight });
const pycoders: ScoreSource = { id: 'pycoders', name: "PyCoder's Weekly", kind: 'digest', weight: 1 };
const base: ScoreInput = {
  title: 'Understanding asyncio task groups',
  summary: 'A tour of TaskGroup and PEP 654 exception groups.',
  url: 'https://example.com/posts/task-groups',
  sources: [blog('realpython')],
  points: null,
  comments: null,
  publishedAt: new Date('2026-11-25T08:00:00Z'),
  firstSeenAt: new Date('2026-11-25T09:00:00Z'),
};
const score = (changes: Partial<ScoreInput>, overrides: Partial<ScoreContext> = {}) =>
  scoreCandidate({ ...base, ...changes }, { ...context, ...overrides });

describe('scoreCandidate', () => {
  it('ranks a link carried by one more source higher, whatever else it has', () => {
    for (const extra of [blog('b', 0.2), blog('c', 5), pycoders]) {
      for (const points of [null, 10, 900]) {
        const before = score({ points });
        const after = score({ points, sources: [...base.sources, extra] });
        expect(after.score).toBeGreaterThan(before.score);
      }
    }
  });

  it('makes the number of sources the strongest signal', () => {
    // a thousand HN points on one source weigh about as much as a second source
    const threeSources = score({ sources: [blog('a'), blog('b'), blog('c')] });
    const popular = score({ points: 1000, comments: 300 });
    expect(threeSources.score).toBeGreaterThan(popular.score);
  });

  it("counts a digest as an editor's pick and names it in the reasons", () => {
    const plain = score({ sources: [blog('a'), blog('b'), blog('c')] });
    const withDigest = score({ sources: [blog('a'), blog('b'), pycoders] });
    expect(withDigest.score).toBeGreaterThan(plain.score);
    expect(withDigest.reasons[0]).toBe("3 sources incl. PyCoder's Weekly");
    expect(withDigest.breakdown.facts.digestCount).toBe(1);
  });

  it('explains engagement and keyword matches in words', () => {
    const result = score({ points: 412, comments: 96, engagementSourceName: 'HN' });
    expect(result.reasons).toEqual(['1 source: realpython', 'HN 412 points, 96 comments', 'matches: asyncio, pep']);
  });

  it('scores the best place on a ranked list, more for #1 than for #10, nothing past #25 or off such lists, and says where', () => {
    const trending: ScoreSource = { id: 'trending', name: 'GitHub Trending', kind: 'trending', weight: 1 };
    const at = (position: number) => score({ sources: [trending], place: { position, sourceName: 'GitHub Trending' } });
    expect(at(1).breakdown.terms.place).toBeCloseTo(4 * Math.log2(25), 10);
    expect(at(1).score).toBeGreaterThan(at(3).score);
    expect(at(3).score).toBeGreaterThan(at(10).score);
    expect(at(25).breakdown.terms.place).toBe(0);
    expect(at(40).breakdown.terms.place).toBe(0);
    expect(score({ sources: [trending] }).breakdown.terms.place).toBe(0);
    expect(at(1).reasons).toContain('#1 on GitHub Trending this week');
    // a learned weight scales it like any term
    const weighted = scoreCandidate(
      { ...base, sources: [trending], place: { position: 1, sourceName: 'GitHub Trending' } },
      { ...context, weights: { place: 2 } },
    );
    expect(weighted.score - at(1).score).toBeCloseTo(4 * Math.log2(25), 10);
  });

  it('adds the breakdown terms up to the score', () => {
    const result = score({ points: 50 });
    const sum = Object.values(result.breakdown.terms).reduce((total, points) => total + points, 0);
    expect(result.score).toBeCloseTo(sum, 10);
  });

  it('penalizes off-topic links only when no keyword of any category matches', () => {
    const offTopic = score({ title: 'Tips for baking sourdough bread', summary: '' });
    const otherCategory = score({ title: 'Publishing to PyPI in 2026', summary: '' });
    expect(offTopic.breakdown.terms.offTopic).toBe(-4);
    expect(offTopic.reasons).toContain('off-topic: no category keyword matches');
    expect(otherCategory.breakdown.terms.offTopic).toBe(0);
    expect(score({ title: 'Tips for baking', summary: '' }, { topicKeywords: [] }).breakdown.terms.offTopic).toBe(0);
  });

  it('sinks links rejected in an earlier week and says so', () => {
    const rejected = score({ rejectedIn: '2026-W40' });
    expect(rejected.score).toBeLessThan(score({}).score - 10);
    expect(rejected.reasons).toContain('rejected in 2026-W40');
  });

  it('excludes links already published', () => {
    expect(score({ publishedIn: 123 }).excludedBecause).toBe('already published in #123');
    expect(score({}).excludedBecause).toBeNull();
  });

  it("prefers this week's posts over old ones re-shared", () => {
    const fresh = score({});
    const lastMonth = score({ publishedAt: new Date('2026-10-01T00:00:00Z') });
    const years = score({ publishedAt: new Date('2023-01-01T00:00:00Z') });
    expect(fresh.score).toBeGreaterThan(lastMonth.score);
    expect(lastMonth.score).toBeGreaterThan(years.score);
    expect(years.reasons).toContain('published 3 years before the week');
  });

  it('leans towards sources and owners the curator accepted before', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const accepted = Array.from({ length: 12 }, (_, index) => ({
      url: `https://github.com/astral-sh/project-${index}`,
      isAccepted: true,
      at: new Date(now.getTime() - index * 86_400_000 * 7),
      sourceIds: ['realpython'],
    }));
    const acceptance = learnAcceptance(accepted, now);
    const trusted = score({ url: 'https://github.com/astral-sh/uv' }, { acceptance });
    const unknown = score({ url: 'https://github.com/someone/uv' });
    expect(trusted.score).toBeGreaterThan(unknown.score);
    expect(trusted.reasons.join(' | ')).toMatch(/often accepted from github\.com\/astral-sh/);
  });

  it("judges a source and a kind of link by the editor's record in the card's section", () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const seen = (sourceId: string, category: string, url: (index: number) => string, picked: number, count: number) =>
      Array.from({ length: count }, (_, index) => ({
        url: url(index),
        isAccepted: index < picked,
        ...(index < picked ? {} : { isPassedOver: true }),
        at: now,
        sourceIds: [sourceId],
        category,
      }));
    // the recap's articles are often picked, its project links (front pages of tools) never; trending's repositories are
    const acceptance = learnAcceptance(
      [
        ...seen('recap', 'articles', (index) => `https://blog-${index}.example.com/post`, 30, 100),
        ...seen('recap', 'projects', (index) => `https://tool-${index}.example.com/`, 0, 100),
        ...seen('trending', 'projects', (index) => `https://github.com/owner-${index}/tool`, 10, 100),
      ],
      now,
    );
    const recap = { id: 'recap', name: 'The recap', kind: 'blog', weight: 1 };
    const trending = { id: 'trending', name: 'Trending', kind: 'trending', weight: 1 };
    const asArticle = score({ sources: [recap], category: 'articles', kind: 'post' }, { acceptance });
    const asProject = score({ sources: [recap], category: 'projects', kind: 'home', url: 'https://new-tool.example.com/' }, { acceptance });
    const repository = score(
      { sources: [trending], category: 'projects', kind: 'repository', url: 'https://github.com/someone/new-tool' },
      { acceptance },
    );
    expect(asArticle.breakdown.terms.record).toBeGreaterThan(0);
    expect(asProject.breakdown.terms.record).toBeLessThan(0);
    expect(asProject.breakdown.terms.kind).toBeLessThan(0);
    expect(repository.breakdown.terms.kind).toBeGreaterThan(0);
    expect(repository.score).toBeGreaterThan(asProject.score);
    expect(asProject.reasons.join(' | ')).toMatch(/a site's front page: rarely picked here/);
  });
});
