import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../db/tables.ts';
import { matchUrlColumns } from '../match-url.ts';

/**
 * The stored item of a published link, for a lateral join from `published as p`: a subquery `i`
 * (id, title, summary, lang) that finds it through the unique index on `md5(canonical_url)`, one
 * look-up per published row. `limit 1` (there is one item per canonical URL anyway) keeps Postgres
 * from flattening it into a plain join, which it plans as a hash join over every item (hashing
 * each one's md5), several times slower than the look-ups from a few hundred thousand items on.
 *
 * @example db.selectFrom('published as p').leftJoinLateral(itemOfPublishedLink, (join) => join.onTrue())
 */
export function itemOfPublishedLink(eb: ExpressionBuilder<Database & { p: Database['published'] }, 'p'>) {
  return eb
    .selectFrom('items')
    .select(['id', 'title', 'summary', 'lang'])
    .where(matchUrlColumns('items.canonical_url', 'p.canonical_url'))
    .limit(1)
    .as('i');
}
