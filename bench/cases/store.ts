import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/tables.ts';
import type { NormalizedItem } from '../../src/normalize/types.ts';
import { recordSightings } from '../../src/store/sightings/record-sightings.ts';
import { upsertItems } from '../../src/store/items/upsert-items.ts';
import { generateItems } from '../fixture/generate-items.ts';
import { createBenchDatabase } from '../lib/bench-database.ts';
import { median, time } from '../lib/measure.ts';
import type { BenchCase, BenchContext } from '../lib/types.ts';

const FULL_COUNT = 100_000;
const QUICK_COUNT = 10_000;
/** Rows per transaction: upsertItems' own statement size, so both sides send the same statements' worth of rows. */
const BATCH = 1_000;
/** A feed's worth of items, as refreshSource writes them (one transaction per source). */
const FEED_BATCH = 50;
const WARM_UP_ITEMS = 3_000;
const NOW = new Date(Date.UTC(2025, 8, 2));

type Writer = (db: Kysely<Database>, batch: NormalizedItem[]) => Promise<void>;

/** The floor: a plain multi-row INSERT of the same rows, no conflict handling, nothing returned. */
const insertPlain: Writer = async (db, batch) => {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('items')
      .values(batch.map((item) => toRow(item)))
      .execute();
  });
};

/** sift's store: upsert by canonical URL, ids and "is new" returned. */
const upsertSift: Writer = async (db, batch) => {
  await db.transaction().execute(async (trx) => {
    await upsertItems(trx, batch, NOW);
  });
};

/** What refreshSource writes per feed: items, then one sighting each. */
const storeLikeRefresh: Writer = async (db, batch) => {
  await db.transaction().execute(async (trx) => {
    const refs = await upsertItems(trx, batch, NOW);
    await recordSightings(
      trx,
      batch.flatMap((item) => {
        const ref = refs.get(item.canonicalUrl);
        return ref ? [{ item_id: ref.id, source_id: 'bench', first_seen_at: NOW, guid: item.guid }] : [];
      }),
    );
  });
};

function toRow(item: NormalizedItem) {
  return {
    url: item.url,
    canonical_url: item.canonicalUrl,
    title: item.title,
    summary: item.summary,
    lang: item.lang,
    published_at: item.publishedAt ?? NOW,
    first_seen_at: NOW,
    image_url: item.imageUrl,
    media_kind: item.mediaKind,
    updated_at: NOW,
  };
}

/**
 * Store only: the same normalized items written into an empty `items` table by sift's upsert and
 * by a plain multi-row INSERT (the floor), in the same batches, each into its own fresh database,
 * in alternating order. Also timed: writing them again (every row a conflict, nothing to change)
 * and the per-feed write refreshSource does (items and sightings, 50 per transaction).
 */
export const store: BenchCase = {
  name: 'store',
  summary: 'store only: 100,000 normalized items into Postgres, sift upsert vs plain multi-row INSERT',
  async run(context) {
    const count = context.quick ? QUICK_COUNT : FULL_COUNT;
    const items = generateItems(context.seed, count);
    const rate = (ms: number) => count / (ms / 1000);
    // Untimed: the first statements of a process compile, connect and JIT; neither side should pay that alone.
    for (const writer of [insertPlain, upsertSift]) await writeAll(context, items.slice(0, WARM_UP_ITEMS), BATCH, writer);
    const samples = {
      plain: [] as number[],
      upsert: [] as number[],
      again: [] as number[],
      perFeed: [] as number[],
      ratio: [] as number[],
    };
    for (let run = 0; run < context.runs; run++) {
      context.progress(`store run ${run + 1}/${context.runs}: ${count.toLocaleString('en')} items`);
      const writeOrder: Array<'plain' | 'upsert'> = run % 2 === 0 ? ['plain', 'upsert'] : ['upsert', 'plain'];
      const ms: Record<string, number> = {};
      for (const side of writeOrder) {
        const onAgain = side === 'upsert' ? (elapsed: number) => (ms.again = elapsed) : undefined;
        ms[side] = await writeAll(context, items, BATCH, side === 'plain' ? insertPlain : upsertSift, onAgain);
      }
      ms.perFeed = await writeAll(context, items, FEED_BATCH, storeLikeRefresh);
      samples.plain.push(rate(ms.plain as number));
      samples.upsert.push(rate(ms.upsert as number));
      samples.again.push(rate(ms.again as number));
      samples.perFeed.push(rate(ms.perFeed as number));
      samples.ratio.push((ms.plain as number) / (ms.upsert as number));
    }
    return {
      setup: [
        `${count.toLocaleString('en')} items (distinct canonical URLs) into an empty items table, ${BATCH.toLocaleString('en')} rows per transaction; a fresh database per measurement`,
        ...(context.quick ? [`--quick: ${count.toLocaleString('en')} items instead of ${FULL_COUNT.toLocaleString('en')}`] : []),
      ],
      metrics: [
        { name: 'plain multi-row INSERT (floor)', unit: 'rows/s', samples: samples.plain },
        { name: 'sift upsertItems', unit: 'rows/s', samples: samples.upsert },
        { name: 'sift upsertItems, same rows again (all conflicts)', unit: 'rows/s', samples: samples.again },
        { name: `as refreshSource writes a feed (${FEED_BATCH} items + sightings per tx)`, unit: 'rows/s', samples: samples.perFeed },
      ],
      targets: [
        {
          name: 'sift upsert ≥ 50 % of plain INSERT',
          measured: median(samples.ratio) * 100,
          comparison: '>=',
          limit: 50,
          unit: '%',
          detail: 'rows/s (upsertItems) ÷ rows/s (plain INSERT), same run',
        },
      ],
    };
  },
};

/**
 * Writes every item in batches into a fresh database and returns the wall time in ms.
 * `onAgain`, when given, also times a second write of the same items into the same database.
 */
async function writeAll(
  context: BenchContext,
  items: NormalizedItem[],
  batchSize: number,
  writer: Writer,
  onAgain?: (ms: number) => unknown,
): Promise<number> {
  const database = await createBenchDatabase('postgres', context.adminUrl);
  try {
    if (writer === storeLikeRefresh) {
      await database.db
        .insertInto('sources')
        .values({ id: 'bench', name: 'bench', url: 'http://127.0.0.1/', kind: 'blog', lang: 'en', category: 'articles', tags: '[]' })
        .execute();
    }
    const writeEverything = async () => {
      for (let start = 0; start < items.length; start += batchSize) await writer(database.db, items.slice(start, start + batchSize));
    };
    const first = await time(writeEverything);
    if (onAgain) onAgain((await time(writeEverything)).ms);
    return first.ms;
  } finally {
    await database.drop();
  }
}
