import { beforeAll, expect, it } from 'vitest';
import { weekWindow } from '../../src/calendar/week.ts';
import { loadSummaries, loadWeekItems } from '../../src/store/ranking/load-week-items.ts';
import { describeEachEngine, seedBlogItems } from '../helpers/db.ts';

const WEEK = weekWindow('2026-W48');
const SEEN = new Date(WEEK.start.getTime() + 86_400_000);

/**
 * Ranking loads a week without its summaries and fetches those of the stories it scores in full
 * (startCandidates): the week's items come without one, and loadSummaries fills exactly the ones
 * asked for, on both engines.
 */
describeEachEngine('store/ranking summaries loaded apart from the week', ({ getDb }) => {
  const summaries = ['first summary', 'second, 二', ''];

  beforeAll(async () => {
    await seedBlogItems(
      getDb(),
      summaries.map((summary, index) => ({ url: `https://blog.example/${index}`, title: `Post ${index}`, summary })),
      SEEN,
    );
  });

  it('leaves the summaries out of the week and sets those asked for, the others untouched', async () => {
    const db = getDb();
    const { items } = await loadWeekItems(db, WEEK);
    const byUrl = new Map(items.map((item) => [item.url, item]));
    expect(items).toHaveLength(3);
    expect(items.map((item) => item.summary)).toEqual([undefined, undefined, undefined]);
    expect(byUrl.get('https://blog.example/0')?.canonicalUrl).toBe('https://blog.example/0');

    const asked = [byUrl.get('https://blog.example/1')!, byUrl.get('https://blog.example/2')!];
    await loadSummaries(db, asked);
    expect(asked.map((item) => item.summary)).toEqual(['second, 二', '']);
    expect(byUrl.get('https://blog.example/0')?.summary).toBeUndefined();
  });

  it('gives a link deleted since the week was loaded an empty summary, so it is not asked for again', async () => {
    const db = getDb();
    const { items } = await loadWeekItems(db, WEEK);
    const gone = items.find((item) => item.url === 'https://blog.example/0')!;
    await db.deleteFrom('sightings').where('item_id', '=', gone.id).execute();
    await db.deleteFrom('items').where('id', '=', gone.id).execute();
    await loadSummaries(db, [gone]);
    expect(gone.summary).toBe('');
  });
});
