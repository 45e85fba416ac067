import type { Db } from '../../db/database.ts';

/** The issue after the last one imported or published, so the preview starts with a sensible number. */
export async function guessNextIssue(db: Db): Promise<number> {
  const [issues, published] = await Promise.all([
    db
      .selectFrom('issues')
      .select((eb) => eb.fn.max('number').as('last'))
      .executeTakeFirst(),
    db
      .selectFrom('published')
      .select((eb) => eb.fn.max('issue_number').as('last'))
      .executeTakeFirst(),
  ]);
  return Math.max(Number(issues?.last ?? 0), Number(published?.last ?? 0)) + 1;
}
