import { describe, expect, it } from 'vitest';
import { ConfigError, formatProblem } from '../shared/errors.ts';
import { parseSources } from './load-sources.ts';
import { parseDuration } from './duration.ts';

const header = `weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
    - { id: projects, title: 项目&资源, emoji: "🐿️", slots: 12 }
sources:
`;

function problemsOf(text: string): string[] {
  try {
    parseSources(text, '/somewhere/sources.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe('parseSources', () => {
  it('applies defaults to a valid file', () => {
    const config = parseSources(
      `${header}  - id: pycoders
    name: PyCoder's Weekly
    url: https://pycoders.com/feed
    kind: digest
    lang: en
    category: articles
    interval: 6h
`,
      'sources.yaml',
    );
    expect(config.weekly.timezone).toBe('Asia/Shanghai');
    expect(config.weekly.closes_on).toBe('saturday');
    expect(config.defaults.timeout).toBe(20_000);
    expect(config.sources[0]).toMatchObject({ id: 'pycoders', weight: 1, enabled: true, interval: 6 * 3_600_000, timeout: 20_000, tags: [], line: 6 });
  });

  it.each([
    ['a duplicate id', `${header}  - { id: a, name: A, url: "https://a.test/1", kind: blog, lang: en, category: articles }\n  - { id: a, name: B, url: "https://a.test/2", kind: blog, lang: en, category: articles }\n`, ['sources.yaml:7 source "a": duplicate id (first defined at line 6)']],
    ['an ftp URL', `${header}  - { id: a, name: A, url: "ftp://a.test/feed", kind: blog, lang: en, category: articles }\n`, ['sources.yaml:6 source "a": url must be http(s), got "ftp://a.test/feed"']],
    ['an unknown category', `${header}  - { id: a, name: A, url: "https://a.test/1", kind: blog, lang: en, category: news }\n`, ['sources.yaml:6 source "a": unknown category "news" (known: articles, projects)']],
    ['an unknown kind', `${header}  - { id: a, name: A, url: "https://a.test/1", kind: rss, lang: en, category: articles }\n`, ['sources.yaml:6 source "a": kind must be one of blog | digest | community | podcast | video | release | trending, got "rss"']],
    ['an unknown key', `${header}  - id: a\n    name: A\n    url: https://a.test/1\n    kind: blog\n    lang: en\n    category: articles\n    wieght: 2\n`, ['sources.yaml:12 source "a": unknown key "wieght"']],
    ['a duplicate URL', `${header}  - { id: a, name: A, url: "https://a.test/1", kind: blog, lang: en, category: articles }\n  - { id: b, name: B, url: "https://a.test/1", kind: blog, lang: en, category: articles }\n`, ['sources.yaml:7 source "b": duplicate url https://a.test/1 (also source "a" at line 6)']],
    ['a bad duration', `${header}  - { id: a, name: A, url: "https://a.test/1", kind: blog, lang: en, category: articles, interval: soon }\n`, ['sources.yaml:6 source "a": interval: must be a duration like 30m, 6h or 1d, got "soon"']],
  ])('reports %s with its line and source id', (_label, text, expected) => {
    expect(problemsOf(text)).toEqual(expected);
  });

  it('lists every problem at once, in file order', () => {
    const text = `${header}  - { id: a, name: A, url: "ftp://x.test/1", kind: blog, lang: en, category: nope }\n  - { id: a, name: B, url: "https://a.test/2", kind: blog, lang: xx, category: articles }\n`;
    expect(problemsOf(text)).toEqual([
      'sources.yaml:6 source "a": url must be http(s), got "ftp://x.test/1"',
      'sources.yaml:6 source "a": unknown category "nope" (known: articles, projects)',
      'sources.yaml:7 source "a": lang must be one of en | zh, got "xx"',
      'sources.yaml:7 source "a": duplicate id (first defined at line 6)',
    ]);
  });

  it('reports a YAML syntax error with line and column, not a stack trace', () => {
    const problems = problemsOf(`${header}  - { id: a, name: "A, url: x }\n`);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^sources\.yaml:[67]:\d+: YAML syntax error: /);
  });

  it('rejects unknown top-level keys and categories in classify rules', () => {
    expect(problemsOf(`${header}classify:\n  - { host: github.com, category: repos }\nextra: 1\n`)).toEqual([
      'sources.yaml:8: unknown key "extra"',
    ]);
    expect(problemsOf(`${header}classify:\n  - { host: github.com, category: repos }\n`)).toEqual([
      'sources.yaml:7: classify rule: unknown category "repos" (known: articles, projects)',
    ]);
  });
});

describe('parseDuration', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['6h', 21_600_000],
    ['1d', 86_400_000],
    [15, 900_000],
    ['soon', null],
    ['0m', null],
    ['-5m', null],
  ] as const)('%s → %s', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });
});
