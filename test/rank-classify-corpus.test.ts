import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyItem, type ClassifySettings } from '../src/rank/classify-item.ts';
import { detectItemLanguage } from '../src/rank/detect-item-language.ts';
import { sharedCorpusDir } from './helpers/shared-corpus.ts';

/**
 * How often the classifier agrees with the editor of Python潮流周刊 (#14–#33, 520 links), judged on
 * the URL and title alone: no source is known here, so anything the rules do not recognise falls
 * back to articles. With a real source the source's category would add information.
 *
 * Measured when written (English titles of the English edition, Chinese link text as fallback):
 * 516/520 = 99.2%; with the editor's Chinese link texts 517/520. The floors below leave a small
 * margin; the misses are a podcast announced on a blog, two resource pages that look like posts and
 * a CPython pull request the editor filed as an article.
 */
const corpus = sharedCorpusDir('weekly');

const SECTIONS: Record<string, string> = {
  '🦄文章&教程': 'articles',
  '🐿️项目&资源': 'projects',
  '🐢播客&视频': 'media',
  '🥂讨论&问题': 'discussions',
};
const CATEGORIES = ['articles', 'projects', 'media', 'discussions'];
const settings: ClassifySettings = { categories: CATEGORIES.map((id) => ({ id })), rules: [] };

function readTsv(name: string): string[][] {
  const lines = readFileSync(`${corpus}${name}`, 'utf8').trim().split('\n');
  return lines.slice(1).map((line) => line.split('\t'));
}

function measure(titleOf: (row: string[]) => string) {
  const confusion = new Map<string, number>();
  let agreed = 0;
  const rows = readTsv('urls.tsv');
  for (const row of rows) {
    const expected = SECTIONS[row[1]];
    const got = classifyItem({ url: row[3], title: titleOf(row) }, settings).category;
    if (got === expected) agreed += 1;
    confusion.set(`${expected}→${got}`, (confusion.get(`${expected}→${got}`) ?? 0) + 1);
  }
  return { agreed, total: rows.length, confusion };
}

function formatConfusion(confusion: Map<string, number>): string {
  const header = ['editor \\ sift', ...CATEGORIES].map((cell) => cell.padEnd(13)).join('');
  const lines = CATEGORIES.map((expected) =>
    [expected, ...CATEGORIES.map((got) => String(confusion.get(`${expected}→${got}`) ?? 0))].map((cell) => cell.padEnd(13)).join(''),
  );
  return [header, ...lines].join('\n');
}

describe('classify against the editor (shared/corpus/weekly)', () => {
  it('agrees on at least 97% of links with the original (English) titles', () => {
    const english = new Map(readTsv('titles-en.tsv').map((row) => [`${row[0]}|${row[3]}`, row[4]]));
    const result = measure((row) => english.get(`${row[0]}|${row[3]}`) ?? row[4]);
    console.log(`classify vs editor, English titles: ${result.agreed}/${result.total}\n${formatConfusion(result.confusion)}`);
    expect(result.total).toBe(520);
    expect(result.agreed / result.total).toBeGreaterThanOrEqual(0.97);
    // the small sections are where a classifier earns its keep: most media and every thread found
    expect(result.confusion.get('media→media') ?? 0).toBeGreaterThanOrEqual(29);
    expect(result.confusion.get('discussions→discussions') ?? 0).toBe(3);
  });

  it("agrees on at least 97% of links with the editor's Chinese link texts", () => {
    const result = measure((row) => row[4]);
    console.log(`classify vs editor, Chinese titles: ${result.agreed}/${result.total}\n${formatConfusion(result.confusion)}`);
    expect(result.agreed / result.total).toBeGreaterThanOrEqual(0.97);
  });

  it('tells Chinese from English links by URL about as well as the corpus heuristic', () => {
    const rows = readTsv('urls.tsv');
    const agreed = rows.filter((row) => (detectItemLanguage(row[3]) === 'en') === (row[5] === '1')).length;
    console.log(`language by URL vs is_english: ${agreed}/${rows.length}`);
    expect(agreed / rows.length).toBeGreaterThanOrEqual(0.9);
  });
});
