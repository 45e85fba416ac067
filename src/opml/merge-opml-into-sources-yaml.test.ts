import { describe, expect, it } from 'vitest';
import { parseSources } from '../config/load-sources.ts';
import { categorySchema } from '../config/schema.ts';
import { ConfigError } from '../shared/errors.ts';
import { mergeOpmlIntoSourcesYaml } from './merge-opml-into-sources-yaml.ts';
import { parseOpml, type OpmlOutline } from './parse-opml.ts';
import { renderOpml } from './render-opml.ts';

const categories = [
  { id: 'articles', title: '文章&教程', emoji: '🦄', slots: 12, keywords: ['tutorial'] },
  { id: 'projects', title: '项目&资源', emoji: '🐿️', slots: 12, keywords: ['release', 'library'] },
  { id: 'media', title: '播客&视频', emoji: '🐢', slots: 3, keywords: ['podcast', 'video'] },
].map((category) => categorySchema.parse(category));
const options = { defaults: { category: 'articles' }, categories };

const WEEKLY = `weekly:
  title: Python 潮流周刊
  categories:   # print order
    - { id: articles, title: 文章&教程, slots: 12 }
    - { id: projects, title: 项目&资源, slots: 12 }
    - { id: media, title: 播客&视频, slots: 3 }
`;

const EXISTING = `${WEEKLY}
sources:
  # ── Newsletters ──
  - id: pycoders
    name: "PyCoder's Weekly"   # quoted on purpose
    url: https://pycoders.com/feed
    kind: digest
    lang: en
    category: articles
    tags: [newsletter,
      weekly]
  - id: real-python
    name: Real Python
    url: https://realpython.com/atom.xml
    kind: blog
    lang: en
    category: articles
# trailing comment stays last
`;

const outline = (overrides: Partial<OpmlOutline>): OpmlOutline => ({
  title: 'Feed',
  xmlUrl: 'https://feed.example/rss',
  categoryPath: [],
  categories: [],
  ...overrides,
});

describe('mergeOpmlIntoSourcesYaml', () => {
  it('appends new sources after the last one and leaves every existing byte in place', () => {
    const { text, added } = mergeOpmlIntoSourcesYaml(
      EXISTING,
      [outline({ title: 'Simon Willison', xmlUrl: 'https://simonwillison.net/atom/everything/' })],
      {
        ...options,
        comment: 'imported from feeds.opml',
      },
    );
    expect(added).toEqual([
      {
        id: 'simon-willison',
        name: 'Simon Willison',
        url: 'https://simonwillison.net/atom/everything/',
        kind: 'blog',
        lang: 'en',
        category: 'articles',
      },
    ]);
    const [head, tail] = EXISTING.split('# trailing comment stays last\n');
    expect(text).toBe(
      `${head}  # imported from feeds.opml\n  - id: simon-willison\n    name: Simon Willison\n    url: https://simonwillison.net/atom/everything/\n    kind: blog\n    lang: en\n    category: articles\n# trailing comment stays last\n${tail}`,
    );
    expect(parseSources(text, 'sources.yaml').sources.map((source) => source.id)).toEqual(['pycoders', 'real-python', 'simon-willison']);
  });

  it('reports feeds already there by URL, whatever the scheme, www. or trailing slash', () => {
    const result = mergeOpmlIntoSourcesYaml(
      EXISTING,
      [
        outline({ xmlUrl: 'http://www.pycoders.com/feed/' }),
        outline({ xmlUrl: 'https://realpython.com/atom.xml#x' }),
        outline({ xmlUrl: 'https://pycoders.com/feed?page=2' }),
      ],
      options,
    );
    expect(result.present.map((entry) => entry.id)).toEqual(['pycoders', 'real-python']);
    expect(result.added.map((entry) => entry.url)).toEqual(['https://pycoders.com/feed?page=2']);
  });

  it('reports feeds without xmlUrl or with a non-http(s) one as invalid and adds nothing for them', () => {
    const result = mergeOpmlIntoSourcesYaml(
      EXISTING,
      [outline({ xmlUrl: '' }), outline({ xmlUrl: 'ftp://files.example/feed' }), outline({ xmlUrl: 'not a url' })],
      options,
    );
    expect(result.invalid.map((entry) => entry.reason)).toEqual([
      'no xmlUrl',
      'xmlUrl must be http(s), got "ftp://files.example/feed"',
      'xmlUrl must be http(s), got "not a url"',
    ]);
    expect(result.text).toBe(EXISTING);
  });

  it('counts a URL twice in the same OPML once', () => {
    const result = mergeOpmlIntoSourcesYaml(EXISTING, [outline({ title: 'Alpha' }), outline({ title: 'Alpha again' })], options);
    expect(result.added).toHaveLength(1);
    expect(result.present).toEqual([{ outline: expect.objectContaining({ title: 'Alpha again' }), id: 'alpha' }]);
  });

  it('makes ids unique and derives them from the host when the name has no Latin letters', () => {
    const result = mergeOpmlIntoSourcesYaml(
      EXISTING,
      [
        outline({ title: 'Real Python', xmlUrl: 'https://realpython.com/podcasts/rpp/feed' }),
        outline({ title: '阮一峰的网络日志', xmlUrl: 'https://www.ruanyifeng.com/blog/atom.xml' }),
      ],
      options,
    );
    expect(result.added.map((entry) => [entry.id, entry.lang])).toEqual([
      ['real-python-2', 'en'],
      ['ruanyifeng', 'zh'],
    ]);
  });

  it.each([
    ['a Podcasts folder', outline({ categoryPath: ['Podcasts'] }), { kind: 'podcast', category: 'media' }],
    [
      'a YouTube channel feed',
      outline({ xmlUrl: 'https://www.youtube.com/feeds/videos.xml?channel_id=UC1' }),
      { kind: 'video', category: 'media' },
    ],
    ['GitHub releases', outline({ xmlUrl: 'https://github.com/astral-sh/uv/releases.atom' }), { kind: 'release', category: 'projects' }],
    ['a subreddit', outline({ xmlUrl: 'https://www.reddit.com/r/Python/.rss' }), { kind: 'community', category: 'articles' }],
    ['a weekly by its title', outline({ title: 'Python Weekly' }), { kind: 'digest', category: 'articles' }],
    ['a folder named like a category', outline({ categoryPath: ['🐿️ 项目&资源'] }), { kind: 'blog', category: 'projects' }],
    ['a category tag naming a category id', outline({ categories: ['/media'] }), { kind: 'blog', category: 'media' }],
    ['a language attribute', outline({ language: 'zh-CN' }), { lang: 'zh' }],
  ])('guesses from %s', (_, feed, expected) => {
    expect(mergeOpmlIntoSourcesYaml(EXISTING, [feed], options).added[0]).toMatchObject(expected);
  });

  it.each([
    ['no sources key', WEEKLY],
    ['an empty flow list', `${WEEKLY}sources: []\n`],
    ['an empty key', `${WEEKLY}sources:\n`],
    ['an empty key followed by more keys', `${WEEKLY}sources:\ndefaults:\n  interval: 2h\n`],
  ])('adds to a file with %s', (_, yamlText) => {
    const { text } = mergeOpmlIntoSourcesYaml(
      yamlText,
      [outline({ title: 'One' }), outline({ title: 'Two', xmlUrl: 'https://two.example/rss' })],
      options,
    );
    expect(parseSources(text, 'sources.yaml').sources.map((source) => source.id)).toEqual(['one', 'two']);
    expect(text.startsWith(WEEKLY.trimEnd())).toBe(true);
  });

  it('refuses a file whose sources is not a list', () => {
    expect(() => mergeOpmlIntoSourcesYaml(`${WEEKLY}sources: 3\n`, [outline({})], options)).toThrow(ConfigError);
    expect(() => mergeOpmlIntoSourcesYaml('weekly: [unclosed\n', [outline({})], options)).toThrow(ConfigError);
  });
});

describe('OPML round trip', () => {
  it('export → import into an empty sources list gives the same sources', () => {
    const config = parseSources(
      `${WEEKLY}sources:
  - { id: pycoders, name: "PyCoder's Weekly", url: "https://pycoders.com/feed", kind: digest, lang: en, category: articles }
  - { id: talk-python, name: Talk Python To Me, url: "https://talkpython.fm/episodes/rss", kind: podcast, lang: en, category: media }
  - { id: uv, name: "uv releases", url: "https://github.com/astral-sh/uv/releases.atom", kind: release, lang: en, category: projects }
  - { id: hn, name: "HN > 100 & Python", url: "https://hnrss.org/newest?q=python&points=100", kind: community, lang: en, category: articles }
  - { id: ruanyf, name: 阮一峰的网络日志, url: "https://www.ruanyifeng.com/blog/atom.xml", kind: blog, lang: zh, category: articles }
  - { id: pycon, name: PyCon US, url: "https://www.youtube.com/feeds/videos.xml?channel_id=UCMjMBMGt0WJQLeluw6_OXOA", kind: video, lang: en, category: media }
`,
      'sources.yaml',
    );
    const opml = renderOpml(config.sources);
    const { text, added, present, invalid } = mergeOpmlIntoSourcesYaml(`${WEEKLY}sources: []\n`, parseOpml(opml), options);
    expect([present, invalid]).toEqual([[], []]);
    const fields = (source: { name: string; url: string; kind: string; lang: string; category: string }) => ({
      name: source.name,
      url: source.url,
      kind: source.kind,
      lang: source.lang,
      category: source.category,
    });
    const imported = parseSources(text, 'sources.yaml').sources.map(fields);
    expect(imported).toHaveLength(added.length);
    expect(new Set(imported.map((source) => JSON.stringify(source)))).toEqual(
      new Set(config.sources.map((source) => JSON.stringify(fields(source)))),
    );
  });
});
