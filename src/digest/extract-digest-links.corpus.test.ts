import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedCorpusDir } from '../../test/helpers/shared-corpus.ts';
import { canonicalizeUrl } from '../normalize/canonicalize-url.ts';
import { dropRecurringLinks } from './drop-recurring-links.ts';
import { extractDigestLinksDetailed } from './extract-digest-links.ts';
import type { DigestExtraction } from './types.ts';

// The labelled check: three real issues from the replay corpus, every link hand-labelled as content
// or boilerplate in fixtures/corpus-labels.tsv. Content found must stay at or above 95 %, boilerplate
// leaked at or below 10 %: once for the issue alone (a newsletter's first issue), once inside the
// feed a digest source really serves (the issue and the four before it), where recurring blocks are
// learned across issues.

const FEED_ISSUES = 5;
const MIN_FOUND = 0.95;
const MAX_LEAKED = 0.1;

interface CorpusIssue {
  guid: string;
  link: string;
  html: string;
}

interface Labels {
  content: Set<string>;
  boilerplate: Set<string>;
}

const keyOf = (url: string): string => canonicalizeUrl(url) ?? url;

function readLabels(): Map<string, Labels> {
  const labels = new Map<string, Labels>();
  const lines = readFileSync(new URL('./fixtures/corpus-labels.tsv', import.meta.url), 'utf8').split('\n');
  for (const line of lines.slice(lines.findIndex((row) => row.startsWith('guid\t')) + 1)) {
    if (line.trim() === '') continue;
    const [guid, label, url] = line.split('\t');
    if (label !== 'content' && label !== 'boilerplate')
      throw new Error(`corpus-labels.tsv: label must be content or boilerplate, got "${label}" for ${url}`);
    if (!labels.has(guid)) labels.set(guid, { content: new Set(), boilerplate: new Set() });
    labels.get(guid)![label].add(keyOf(url));
  }
  return labels;
}

/** The issues of the corpus file a guid lives in (`hellogithub:93` → hellogithub.jsonl), in date order. */
function readCorpusFile(guid: string): CorpusIssue[] {
  // The shared corpus lives beside the repository (../shared from its root): missing = a failing test.
  const path = `${sharedCorpusDir('replay')}items/${guid.slice(0, guid.indexOf(':'))}.jsonl`;
  if (!existsSync(path))
    throw new Error(`the labelled corpus check needs ${path}, the replay corpus's items for ${guid}; it is missing on this machine`);
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as CorpusIssue);
}

function extract(issue: CorpusIssue): DigestExtraction {
  return extractDigestLinksDetailed({ issueUrl: issue.link, feedUrl: new URL('/feed', issue.link).href }, issue.html);
}

function measure(guid: string, extraction: DigestExtraction, labels: Labels): { found: number; leaked: number } {
  const kept = new Set(extraction.links.map((link) => keyOf(link.url)));
  const found = [...labels.content].filter((url) => kept.has(url)).length / labels.content.size;
  const leaked = [...labels.boilerplate].filter((url) => kept.has(url)).length / labels.boilerplate.size;
  const unlabelled = [...kept].filter((url) => !labels.content.has(url) && !labels.boilerplate.has(url));
  expect(unlabelled, `${guid}: links kept that the labels do not know`).toEqual([]);
  return { found, leaked };
}

const labels = readLabels();
const guids = [...labels.keys()];
const percent = (ratio: number): string => `${(ratio * 100).toFixed(1)} %`;

describe('content found and boilerplate leaked on hand-labelled corpus issues', () => {
  it('labels three issues', () => {
    expect(guids).toEqual(['hellogithub:93', 'ruanyifeng-weekly:283', 'pychina-weekly:pyrw-2345']);
  });

  it.each(guids)('%s, the issue alone', (guid) => {
    const issue = readCorpusFile(guid).find((candidate) => candidate.guid === guid);
    if (issue === undefined) throw new Error(`${guid} is not in the corpus file`);
    const { found, leaked } = measure(guid, extract(issue), labels.get(guid)!);
    console.log(`${guid} alone: content found ${percent(found)}, boilerplate leaked ${percent(leaked)}`);
    expect(found).toBeGreaterThanOrEqual(MIN_FOUND);
    expect(leaked).toBeLessThanOrEqual(MAX_LEAKED);
  });

  it.each(guids)('%s, in a feed of its last issues', (guid) => {
    const issues = readCorpusFile(guid);
    const index = issues.findIndex((candidate) => candidate.guid === guid);
    if (index === -1) throw new Error(`${guid} is not in the corpus file`);
    const feed = issues.slice(Math.max(0, index - FEED_ISSUES + 1), index + 1);
    const extractions = dropRecurringLinks(feed.map(extract));
    const { found, leaked } = measure(guid, extractions.at(-1)!, labels.get(guid)!);
    console.log(`${guid} in a feed of ${feed.length} issues: content found ${percent(found)}, boilerplate leaked ${percent(leaked)}`);
    expect(found).toBeGreaterThanOrEqual(MIN_FOUND);
    expect(leaked).toBeLessThanOrEqual(MAX_LEAKED);
  });
});
