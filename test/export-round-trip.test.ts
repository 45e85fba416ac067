import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../src/config/load-sources.ts';
import { parseIssue } from '../src/export/parse-issue.ts';
import { canonicalizeUrl } from '../src/normalize/canonicalize-url.ts';
import { detectItemLanguage } from '../src/rank/detect-item-language.ts';
import { createRankCandidateSource } from '../src/review/create-rank-candidate-source.ts';
import { createReviewApp } from '../src/review/create-review-app.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { openCliHarness, type CliHarness } from './helpers/cli-harness.ts';
import { ENGINES } from './helpers/db.ts';
import { ReviewSession } from './helpers/review-session.ts';
import { sharedCorpusDir } from './helpers/shared-corpus.ts';

/** The shipped sources.yaml: the round trip is what sift does out of the box. */
const SHIPPED_SOURCES = path.resolve(import.meta.dirname, '../sources.yaml');
/** Issue #33 of the weekly (2023-12-30), byte for byte as published; it has no newline at its end. */
const ISSUE_FILE = path.join(sharedCorpusDir('weekly'), 'issues', '033.md');
const WEEK = '2023-W52';
const TITLE = 'FastAPI 很好，Flask 也没死，它们都有未来';

/**
 * The weekly's per-issue promotion blocks, which no shortlist holds and no template can know:
 * the sponsor section before the first item section ("## 🐱产品推荐" and its paragraph) and the
 * editor's interlude after the articles ("🎁**Python潮流周刊**🎁每 30 期为一季…").
 */
function withoutPromotionBlocks(markdown: string): string {
  const lines = markdown.split('\n');
  const sponsor = lines.indexOf('## 🐱产品推荐');
  const firstSection = lines.indexOf('## 🦄文章&教程');
  expect(sponsor).toBeGreaterThan(0);
  lines.splice(sponsor, firstSection - sponsor);
  const interlude = lines.findIndex((line) => line.startsWith('🎁**Python潮流周刊**🎁'));
  expect(interlude).toBeGreaterThan(0);
  lines.splice(interlude, 2);
  return lines.join('\n');
}

for (const engine of ENGINES) {
  describe(`round trip of a published issue [${engine}]`, () => {
    let cli: CliHarness;
    let published: string;
    const sift = (args: string[]) => cli.sift(args);

    beforeAll(async () => {
      cli = await openCliHarness(engine, { sources: SHIPPED_SOURCES, now: '2023-12-30T12:00:00Z', prefix: 'sift-round-trip-' });
      published = await readFile(ISSUE_FILE, 'utf8');
    });

    afterAll(async () => {
      await cli?.close();
    });

    // Each command opens the embedded database afresh: minutes on a busy machine.
    it('sift history import, then sift export --issue N, prints the issue as published', { timeout: 180_000 }, async () => {
      expect((await sift(['history', 'import', ISSUE_FILE])).code).toBe(0);
      const exported = await sift(['export', '--issue', '33']);
      expect(exported.code).toBe(0);
      // Promotion blocks, image alt texts and the rest come back; the one difference is the final
      // newline the published file lacks.
      expect(exported.stdout).toBe(`${published}\n`);
    });

    it("the issue's items accepted on the board with the editor's text export as the issue, but for its promotion blocks and the (英) markers", {
      timeout: 180_000,
    }, async () => {
      const config = await loadSources(SHIPPED_SOURCES);
      const format = { categories: config.weekly.categories, template: config.weekly.template };
      const issue = parseIssue(published, format);
      const items = issue.sections.flatMap((section) => section.items.map((item) => ({ ...item, category: section.category! })));
      expect(items).toHaveLength(29);
      const english = new Set(items.filter((item) => detectItemLanguage(item.url!) === 'en').map((item) => item.url!));
      expect(english.size).toBeGreaterThan(10);
      // The first link reached sift through a feed that tags its links: the export prints it clean.
      const tracked = `${items[0]!.url}?utm_source=feed&utm_medium=rss`;

      await cli.withDb(async (db) => {
        const clock = fixedClock('2023-12-30T04:00:00Z');
        const app = await createReviewApp({
          db,
          log: silentLogger(),
          clock,
          config,
          candidates: createRankCandidateSource({ db, config, clock }),
        });
        try {
          const session = new ReviewSession(app);
          await session.get(`/weeks/${WEEK}/shortlist`);
          expect(session.csrfToken).not.toBe('');
          for (const [index, item] of items.entries()) {
            const url = index === 0 ? tracked : item.url!;
            const row = await db
              .insertInto('items')
              .values({
                url,
                canonical_url: canonicalizeUrl(url)!,
                title: `Feed title ${index}`,
                summary: `Feed summary ${index}`,
                lang: english.has(item.url!) ? 'en' : 'zh',
                first_seen_at: '2023-12-27T00:00:00Z',
                image_url: 'https://feed.example/thumbnail.png',
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            if (index === 0) {
              const refused = await session.postJson(`/api/weeks/${WEEK}/items/${row.id}/decision`, {
                version: 0,
                imageUrl: 'javascript:alert(1)',
              });
              expect(refused.statusCode).toBe(400);
              expect(refused.body).toContain('the image must be an http(s) URL');
            }
            // What the curator types in the edit form: title, Chinese summary, the image and its alt text.
            const response = await session.postJson(`/api/weeks/${WEEK}/items/${row.id}/decision`, {
              version: 0,
              status: 'accepted',
              category: item.category,
              title: item.title,
              summary: item.summary,
              imageUrl: item.imageUrl ?? '',
              imageAlt: item.imageAlt ?? '',
            });
            expect(response.statusCode, response.body).toBe(200);
          }
        } finally {
          await app.close();
        }
      });

      const exported = await sift(['export', '--week', WEEK, '--issue', '33', '--title', TITLE]);
      expect(exported.code, exported.stderr).toBe(0);
      // The editor printed more articles and projects than sources.yaml's 12 slots: sift says so and exports them all.
      expect(exported.stderr.split('\n').filter((line) => line.includes('warning'))).toEqual([
        '  warning: 🦄文章&教程 holds 15 accepted items but has 12 slots',
        '  warning: 🐿️项目&资源 holds 13 accepted items but has 12 slots',
      ]);
      const withMarkers = published
        .split('\n')
        .map((line) => {
          const link = /^\d+、\[.*\]\((.*)\)$/.exec(line);
          return link && english.has(link[1]!) ? `${line} (英)` : line;
        })
        .join('\n');
      // The differences, precisely: the promotion blocks (see withoutPromotionBlocks) are not in the
      // export; every English item's link is followed by the shipped template's " (英)" marker, which
      // issues #14–#33 did not print yet; and the export ends with a newline.
      expect(exported.stdout).toBe(`${withoutPromotionBlocks(withMarkers)}\n`);
    });
  });
}
