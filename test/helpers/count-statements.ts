import type { KyselyPlugin } from 'kysely';
import type { Db } from '../../src/db/database.ts';

/** The database seen through a plugin that counts the statements sent through it (BEGIN and COMMIT are not statements here). */
export function countStatements(db: Db): { db: Db; count: () => number } {
  let statements = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      statements += 1;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), count: () => statements };
}
