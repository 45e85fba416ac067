import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * `column = url` for a URL column indexed by its md5 (`items.canonical_url`,
 * `readable_pages.canonical_url`, `link_redirects.url`): a btree entry cannot hold a link of any
 * length, so those columns have one unique index on `md5(column)` and no index on the value
 * (migrations/0006, 0012), and Postgres uses an expression index only for that same expression.
 * The value is compared too, so an md5 collision never matches another link.
 *
 * @example db.selectFrom('items').select('id').where(matchUrl('items.canonical_url', url))
 */
export function matchUrl(column: string, url: string): Expression<SqlBool> {
  const ref = sql.ref(column);
  return sql<SqlBool>`(md5(${ref}) = md5(${url}) and ${ref} = ${url})`;
}

/** `column in urls` through the md5 index, as matchUrl; false for no URLs (where `in ()` would not parse). */
export function matchAnyUrl(column: string, urls: readonly string[]): Expression<SqlBool> {
  if (urls.length === 0) return sql<SqlBool>`false`;
  const ref = sql.ref(column);
  return sql<SqlBool>`(md5(${ref}) in (${sql.join(urls.map((url) => sql`md5(${url})`))}) and ${ref} in (${sql.join(urls)}))`;
}

/**
 * `left = right` for a join on URL columns: the md5 equality lets a nested loop look rows of an
 * md5-indexed side up through its index, the plain one a side indexed on the value
 * (`published.canonical_url`) through that index, and keeps md5 collisions apart.
 *
 * @example db.selectFrom('published as p').innerJoin('items as i', (join) => join.on(matchUrlColumns('i.canonical_url', 'p.canonical_url')))
 */
export function matchUrlColumns(left: string, right: string): Expression<SqlBool> {
  const [leftRef, rightRef] = [sql.ref(left), sql.ref(right)];
  return sql<SqlBool>`(md5(${leftRef}) = md5(${rightRef}) and ${leftRef} = ${rightRef})`;
}
