import { existsSync, readFileSync } from 'node:fs';
import { decodeHTML } from 'entities';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeBody } from '../src/fetch/decode-body.ts';
import { normalizeItem } from '../src/normalize/normalize-item.ts';
import { parseFeed } from '../src/parse/parse-feed.ts';
import type { ParsedFeed } from '../src/parse/types.ts';
import { ParseError } from '../src/shared/errors.ts';
import { sharedCorpusDir } from './helpers/shared-corpus.ts';

/**
 * Every document of the feed-parser corpus (shared/corpus/feeds: the test suites of rss-parser, gofeed,
 * feedparser, miniflux, feed-rs and feedsmith) goes through decodeBody → parseFeed → normalizeItem,
 * as refreshSource does. Each must give items or a typed ParseError; where the corpus has expected
 * outputs (rss-parser goldens, gofeed JSON) item counts, titles and links must agree.
 *
 * One pass over the ~3,000 files runs in beforeAll; the tests below only read its results and list
 * every offending path in their failure message.
 */
const corpus = sharedCorpusDir('feeds');
const NOW = new Date('2026-01-01T00:00:00Z');

/** Measured when written; a change means parsing changed and the reason belongs in this file. */
const EXPECTED_TOTALS = { documents: 2963, parsed: 2934, items: 3140, NOT_A_FEED: 25, EMPTY: 2, MALFORMED: 2, DECODE: 0 };
/**
 * normalizeItem drops items without a usable http(s) link (most of feedparser's one-element test
 * feeds have none): 1,795 of the 3,140 items survived when written. A floor, so its rules can evolve.
 */
const MIN_NORMALIZED_ITEMS = 1700;

const CDF = 'Microsoft CDF (<CHANNEL>), a pre-RSS format no feed in use today is written in';
const NOT_XML_FEED = 'XML that is not a feed (no <rss>, <feed> or <rdf:RDF> root)';
/** Every document expected to fail, with why. Anything else failing (or these passing) fails the test. */
const EXPECTED_ERRORS: Record<string, { code: ParseError['code']; reason: string }> = {
  'feed-rs__feed-rs/fixture/atom/atom_entry_1.xml': { code: 'NOT_A_FEED', reason: 'a standalone Atom Entry Document, not a feed' },
  'feed-rs__feed-rs/fixture/xml/xml_iso8859.xml': { code: 'NOT_A_FEED', reason: 'root <rdf> without namespace: not RSS 1.0' },
  'feed-rs__feed-rs/fixture/xml/xml_sample_1.xml': { code: 'NOT_A_FEED', reason: NOT_XML_FEED },
  'feed-rs__feed-rs/fixture/xml/xml_sample_2.xml': { code: 'NOT_A_FEED', reason: NOT_XML_FEED },
  'mmcdole__gofeed/parser/universal/unknown_feed.xml': { code: 'NOT_A_FEED', reason: NOT_XML_FEED },
  'kurtmckee__feedparser/wellformed/base/cdf_item_abstract_xml_base.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/channel_abstract_map_description.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/channel_abstract_map_tagline.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/channel_href_map_link.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/channel_href_map_links.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/channel_lastmod.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/channel_lastmod_parsed.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/channel_title.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/item_abstract_map_description.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/item_abstract_map_summary.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/item_href_map_link.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/item_href_map_links.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/item_lastmod.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/item_lastmod_parsed.xml': { code: 'NOT_A_FEED', reason: CDF },
  'kurtmckee__feedparser/wellformed/cdf/item_title.xml': { code: 'NOT_A_FEED', reason: CDF },
  'miniflux__v2/inline/parser/TestDetectJSONSmallerThanBuffer.json': {
    code: 'NOT_A_FEED',
    reason: '{"version":"1"}: JSON, not a JSON Feed',
  },
  'miniflux__v2/inline/parser/TestDetectJSONWithWhitespaceSmallerThanBuffer.json': {
    code: 'NOT_A_FEED',
    reason: '{"version":"1"}: JSON, not a JSON Feed',
  },
  'miniflux__v2/inline/parser/TestDetectUnknown.html': { code: 'NOT_A_FEED', reason: 'an HTML page' },
  'miniflux__v2/inline/parser/TestParseUnknownFeed.html': { code: 'NOT_A_FEED', reason: 'an HTML page' },
  'rbren__rss-parser/input/unrecognized.rss': {
    code: 'NOT_A_FEED',
    reason: 'an HTML "Document Moved" page (rss-parser expects an error too)',
  },
  'kurtmckee__feedparser/illformed/rss_empty_document.xml': { code: 'EMPTY', reason: 'only a comment' },
  'mmcdole__gofeed/parser/universal/empty_feed.xml': { code: 'EMPTY', reason: 'zero bytes' },
  'mmcdole__gofeed/parser/json/invalid/invalid.json': { code: 'MALFORMED', reason: 'invalid JSON (missing comma)' },
  'mmcdole__gofeed/parser/universal/invalid.json': { code: 'MALFORMED', reason: 'invalid JSON (missing comma)' },
};

/**
 * Justified disagreements with expected outputs, by path. Titles are always compared as the plain
 * text a reader sees (entities decoded, tags dropped, whitespace collapsed): gofeed keeps the markup
 * of HTML/XHTML titles, which normalizeItem strips anyway.
 */
const GOLDEN_DIFFERENCES: Record<string, { field: 'link' | 'title'; reason: string }> = {
  'mmcdole__gofeed/parser/rss/rss_channel_item_links.xml': { field: 'link', reason: 'several <link>s: we keep the first, gofeed the last' },
  'mmcdole__gofeed/parser/rss/rdf_item_links.xml': { field: 'link', reason: 'several <link>s: we keep the first, gofeed the last' },
  'mmcdole__gofeed/translator/rss/feed_item_links_-_rss_channel_item_links.xml': {
    field: 'link',
    reason: 'several <link>s: we keep the first, gofeed the last',
  },
  'rbren__rss-parser/input/uolNoticias.rss': {
    field: 'title',
    reason: 'undeclared latin-1: the golden read it as UTF-8 (U+FFFD in titles), we decode it; U+FFFD matches any character',
  },
};

type Outcome = { path: string; feed?: ParsedFeed; error?: unknown; normalized: number };

describe('feed corpus (shared/corpus/feeds)', () => {
  const outcomes = new Map<string, Outcome>();

  beforeAll(async () => {
    const urls = readMinifluxUrls();
    for (const [path] of readTsv('manifest.tsv')) {
      const bytes = new Uint8Array(readFileSync(`${corpus}${path}`));
      const headers = readFeedparserHeaders(bytes);
      const url = urls.get(path) ?? (headers.location ? new URL(headers.location, `http://127.0.0.1:8097/${path}`).href : undefined);
      const outcome: Outcome = { path, normalized: 0 };
      try {
        const { text } = decodeBody(bytes, headers.contentType);
        outcome.feed = await parseFeed(text, { url });
        const context = {
          feedUrl: url ?? `https://corpus.example/${path}`,
          feedBaseUrl: outcome.feed.baseUrl,
          siteUrl: outcome.feed.siteUrl,
          now: NOW,
        };
        for (const item of outcome.feed.items) if (normalizeItem(context, item) !== null) outcome.normalized++;
      } catch (error) {
        outcome.error = error;
      }
      outcomes.set(path, outcome);
    }
  }, 120_000);

  it('gives every document items or a typed ParseError, never another exception', () => {
    const untyped = [...outcomes.values()].filter((outcome) => outcome.error !== undefined && !(outcome.error instanceof ParseError));
    expect(untyped.map((outcome) => `${outcome.path}: ${String(outcome.error)}`)).toEqual([]);
  });

  it('fails exactly the documents listed in EXPECTED_ERRORS, with the listed code', () => {
    const failures = Object.fromEntries(
      [...outcomes.values()]
        .filter((outcome) => outcome.error instanceof ParseError)
        .map((outcome) => [outcome.path, (outcome.error as ParseError).code]),
    );
    const expected = Object.fromEntries(Object.entries(EXPECTED_ERRORS).map(([path, { code }]) => [path, code]));
    expect(failures).toEqual(expected);
  });

  it('keeps the totals measured when written', () => {
    const all = [...outcomes.values()];
    const codes = (code: string) => all.filter((outcome) => outcome.error instanceof ParseError && outcome.error.code === code).length;
    const parsed = all.filter((outcome) => outcome.feed !== undefined);
    expect({
      documents: all.length,
      parsed: parsed.length,
      items: parsed.reduce((sum, outcome) => sum + outcome.feed!.items.length, 0),
      NOT_A_FEED: codes('NOT_A_FEED'),
      EMPTY: codes('EMPTY'),
      MALFORMED: codes('MALFORMED'),
      DECODE: codes('DECODE'),
    }).toEqual(EXPECTED_TOTALS);
    expect(all.reduce((sum, outcome) => sum + outcome.normalized, 0)).toBeGreaterThanOrEqual(MIN_NORMALIZED_ITEMS);
  });

  it('agrees with the rss-parser goldens and gofeed expected JSON on item count, titles and links', () => {
    const problems: string[] = [];
    let compared = 0;
    for (const [path, expectedPath] of readTsv('expected_map.tsv')) {
      const expected = readExpectedItems(path, expectedPath);
      if (expected === undefined) continue;
      compared++;
      const feed = outcomes.get(path)?.feed;
      if (feed === undefined) {
        problems.push(`${path}: expected ${expected.length} items, got ${String(outcomes.get(path)?.error)}`);
        continue;
      }
      if (feed.items.length !== expected.length) {
        problems.push(`${path}: ${feed.items.length} items, expected ${expected.length}`);
        continue;
      }
      const difference = GOLDEN_DIFFERENCES[path];
      feed.items.forEach((item, index) => {
        const want = expected[index];
        const title = plainText(item.title);
        const wantTitle = plainText(want.title);
        const isTitleEqual = difference?.field === 'title' ? matchesWithWildcards(title, wantTitle) : title === wantTitle;
        if (!isTitleEqual) problems.push(`${path} [${index}]: title ${JSON.stringify(title)}, expected ${JSON.stringify(wantTitle)}`);
        const links = [item.link?.trim() ?? '', resolveAgainst(item.link, item.baseUrl)];
        const isLinkEqual = want.links.some((link) => links.includes(link));
        if (!isLinkEqual && difference?.field !== 'link') {
          problems.push(`${path} [${index}]: link ${JSON.stringify(item.link)}, expected one of ${JSON.stringify(want.links)}`);
        }
        if (isLinkEqual && difference?.field === 'link') problems.push(`${path}: listed in GOLDEN_DIFFERENCES but now agrees; remove it`);
      });
    }
    expect(problems).toEqual([]);
    // rss-parser has 29 goldens and gofeed 539 expected files; all of them must be read.
    expect(compared).toBe(568);
  });
});

function readTsv(name: string): string[][] {
  return readFileSync(`${corpus}${name}`, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
}

/** miniflux's inline tests pass a feed URL to Parse(): the base for relative links. */
function readMinifluxUrls(): Map<string, string> {
  return new Map(
    readTsv('miniflux__v2/inline/_index.tsv')
      .filter((row) => row[2])
      .map((row) => [`miniflux__v2/${row[0]}`, row[2]]),
  );
}

/** feedparser simulates HTTP headers with `Header: Name: value` lines in the leading comment. */
function readFeedparserHeaders(bytes: Uint8Array): { contentType?: string; location?: string } {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return {
    contentType: head.match(/^Header:\s*Content-type:\s*(.*?)\s*$/im)?.[1],
    location: head.match(/^Header:\s*Content-Location:\s*(.*?)\s*$/im)?.[1],
  };
}

/** Items of an expected output as `{ title, links }`, or undefined for outputs this test does not compare. */
function readExpectedItems(path: string, expectedPath: string): { title?: string; links: string[] }[] | undefined {
  const isGolden = path.startsWith('rbren__rss-parser/') || path.startsWith('mmcdole__gofeed/');
  if (!isGolden || !existsSync(`${corpus}${expectedPath}`)) return undefined;
  // rss-parser's encoding golden was written in latin-1 (see parser-options.json).
  const encoding = expectedPath.endsWith('output/encoding.json') ? 'latin1' : 'utf8';
  const document = JSON.parse(readFileSync(`${corpus}${expectedPath}`, encoding));
  const trimmed = (link: unknown) => (typeof link === 'string' ? link.trim() : '');
  if (path.startsWith('rbren__rss-parser/')) {
    return document.feed.items.map((item: { title?: string; link?: string }) => ({ title: item.title, links: [trimmed(item.link)] }));
  }
  if (Array.isArray(document.entries)) {
    // gofeed's atom.Feed keeps every link of an entry; ours must be one of them.
    return document.entries.map((entry: { title?: string; links?: { href?: string }[] }) => {
      const links = (entry.links ?? []).map((link) => trimmed(link.href));
      return { title: entry.title, links: links.length > 0 ? links : [''] };
    });
  }
  return (document.items ?? []).map((item: { title?: string; link?: string; url?: string }) => ({
    title: item.title,
    links: [trimmed(item.link ?? item.url)],
  }));
}

function plainText(text: string | undefined): string {
  return decodeHTML(text ?? '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function resolveAgainst(link: string | undefined, base: string | undefined): string {
  try {
    return new URL(link?.trim() ?? '', base).href;
  } catch {
    return link?.trim() ?? ''; // unresolvable: compared as written
  }
}

/** `expected` with U+FFFD standing for any one character. */
function matchesWithWildcards(actual: string, expected: string): boolean {
  if (actual.length !== expected.length) return false;
  const actualCharacters = [...actual];
  return [...expected].every((character, index) => character === '\uFFFD' || character === actualCharacters[index]);
}
