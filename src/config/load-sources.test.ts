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
    expect(config.sources[0]).toMatchObject({
      id: 'pycoders',
      weight: 1,
      enabled: true,
      interval: 6 * 3_600_000,
      timeout: 20_000,
      tags: [],
      line: 6,
    });
  });

  it.each([
    [
      'a duplicate id',
      `${header}  - { id: a, name: A, url: "https://a.test/1", kind: blog, lang: en, category: articles }\n  - { id: a, name: B, url: "https://a.test/2", kind: blog, lang: en, category: articles }\n`,
      ['sources.yaml:7 source "a": duplicate id (first defined at line 6)'],
    ],
    [
      'an ftp URL',
      `${header}  - { id: a, name: A, url: "ftp://a.test/feed", kind: blog, lang: en, category: articles }\n`,
      ['sources.yaml:6 source "a": url must be http(s), got "ftp://a.test/feed"'],
    ],
    [
      'an unknown category',
      `${header}  - { id: a, name: A, url: "https://a.test/1", kind: blog, lang: en, category: news }\n`,
      ['sources.yaml:6 source "a": unknown category "news" (known: articles, projects)'],
    ],
    [
      'an unknown kind',
      `${header}  - { id: a, name: A, url: "https://a.test/1", kind: rss, lang: en, category: articles }\n`,
      ['sources.yaml:6 source "a": kind must be one of blog | digest | community | podcast | video | release | trending, got "rss"'],
    ],
    [
      'an unknown key',
      `${header}  - id: a\n    name: A\n    url: https://a.test/1\n    kind: blog\n    lang: en\n    category: articles\n    wieght: 2\n`,
      ['sources.yaml:12 source "a": unknown key "wieght"'],
    ],
    [
      'a duplicate URL',
      `${header}  - { id: a, name: A, url: "https://a.test/1", kind: blog, lang: en, category: articles }\n  - { id: b, name: B, url: "https://a.test/1", kind: blog, lang: en, category: articles }\n`,
      ['sources.yaml:7 source "b": duplicate url https://a.test/1 (also source "a" at line 6)'],
    ],
    [
      'a bad duration',
      `${header}  - { id: a, name: A, url: "https://a.test/1", kind: blog, lang: en, category: articles, interval: soon }\n`,
      ['sources.yaml:6 source "a": interval: must be a duration like 30m, 6h or 1d, got "soon"'],
    ],
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

  it('rejects unknown top-level keys and categories in classify rules, and an unknown key hides nothing else', () => {
    expect(problemsOf(`${header}classify:\n  - { host: github.com, category: repos }\nextra: 1\n`)).toEqual([
      'sources.yaml:7: classify rule: unknown category "repos" (known: articles, projects)',
      'sources.yaml:8: unknown key "extra"',
    ]);
    expect(
      problemsOf(`extra: 1\n${header}  - { id: a, name: A, url: "ftp://a.test/", kind: blog, lang: en, category: articles }\n`),
    ).toEqual(['sources.yaml:1: unknown key "extra"', 'sources.yaml:7 source "a": url must be http(s), got "ftp://a.test/"']);
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

describe('parseSources on a large file (read a chunk of sources at a time)', () => {
  /** 250 sources in three shapes, with comments; returns the text and each source's line. `edit` adds to the last line of a source (flow items: inside the braces). */
  function largeFile(edit: (index: number) => string = () => '') {
    const lines = header.trimEnd().split('\n');
    const expected: Array<[string, number]> = [];
    for (let index = 0; index < 250; index++) {
      const id = `s${index}`;
      const url = `https://feeds.test/${index}.xml`;
      if (index % 3 === 0) {
        lines.push(`  - { id: ${id}, name: "S ${index}", url: "${url}", kind: blog, lang: en, category: articles${edit(index)} }`);
        expected.push([id, lines.length]);
      } else if (index % 3 === 1) {
        lines.push(
          `  # source ${index}`,
          `  - id: ${id}`,
          `    name: S ${index}`,
          `    url: ${url}`,
          '    kind: blog',
          '    lang: zh',
          `    category: projects${edit(index)}`,
          '',
        );
        expected.push([id, lines.length - 6]);
      } else {
        lines.push(
          '  -',
          `    id: ${id}`,
          `    name: S ${index}`,
          `    url: ${url}`,
          '    kind: digest',
          '    lang: en',
          `    category: articles${edit(index)}`,
          '    interval: 2h',
        );
        expected.push([id, lines.length - 6]);
      }
    }
    lines.push('classify:', '  - { host: github.com, category: projects }', '');
    return { text: lines.join('\n'), expected };
  }

  it('reads every source with its line, its values and the defaults, as one document would', () => {
    const { text, expected } = largeFile();
    const config = parseSources(text, 'sources.yaml');
    expect(config.sources.map((source) => [source.id, source.line])).toEqual(expected);
    expect(config.sources[1]).toMatchObject({
      id: 's1',
      name: 'S 1',
      lang: 'zh',
      category: 'projects',
      interval: 3_600_000,
      timeout: 20_000,
      tags: [],
    });
    expect(config.sources[2]).toMatchObject({ id: 's2', kind: 'digest', interval: 7_200_000 });
    expect(config.classify).toEqual([{ host: 'github.com', category: 'projects' }]);
  });

  it('reports a problem deep in the file, and a duplicate across chunks, at their lines', () => {
    const { text, expected } = largeFile((index) => (index === 240 ? ', weight: 9' : ''));
    const duplicated = text.replace('https://feeds.test/247.xml', 'https://feeds.test/0.xml');
    const line = (id: string) => expected.find(([sourceId]) => sourceId === id)?.[1];
    expect(problemsOf(duplicated)).toEqual([
      `sources.yaml:${line('s240')} source "s240": weight: Too big: expected number to be <=5`,
      `sources.yaml:${(line('s247') ?? 0) + 2} source "s247": duplicate url https://feeds.test/0.xml (also source "s0" at line ${line('s0')})`,
    ]);
  });

  it('reads a keep-newlines block scalar in the last source as one document would', () => {
    const text = `${header}  - id: z\n    url: https://z.example/\n    kind: blog\n    lang: en\n    category: articles\n    name: |+\n      Zed\n`;
    expect(parseSources(text, 'sources.yaml').sources[0]?.name).toBe('Zed\n');
  });

  it('reads a CRLF file with comments to the same sources and lines as its LF twin', () => {
    const { text } = largeFile();
    const lf = parseSources(text, 'sources.yaml');
    const crlf = parseSources(text.replaceAll('\n', '\r\n'), 'sources.yaml');
    expect(crlf.sources.map((source) => [source.id, source.line, source.name, source.interval])).toEqual(
      lf.sources.map((source) => [source.id, source.line, source.name, source.interval]),
    );
  });

  it('reports an anchor used more than yaml allows as a problem of the file', () => {
    const lines = Array.from(
      { length: 120 },
      (_, index) =>
        `  - { id: s${index}, name: S, url: "https://feeds.test/${index}.xml", kind: blog, lang: en, category: articles, tags: ${index === 0 ? '&shared [python]' : '*shared'} }`,
    );
    expect(problemsOf(`${header}${lines.join('\n')}\n`)).toEqual([expect.stringMatching(/^sources\.yaml: YAML: .*alias/i)]);
  });

  it('resolves an alias to an anchor in another chunk', () => {
    const { text } = largeFile((index) => (index === 0 ? ', tags: &shared [python, weekly]' : index === 198 ? ', tags: *shared' : ''));
    const config = parseSources(text, 'sources.yaml');
    expect(config.sources[198]?.tags).toEqual(['python', 'weekly']);
  });
});
