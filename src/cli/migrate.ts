import { parseArgs } from 'node:util';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { writeLine, type Command } from './context.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift migrate',
  summary:
    'apply pending database migrations to DATABASE_URL, or to the embedded database in SIFT_DATA_DIR (every command that needs the schema also does)',
  options: {},
});

/** `sift migrate`: applies pending migrations to DATABASE_URL, or to the embedded database in SIFT_DATA_DIR. */
export const run: Command = async (args, ctx) => {
  parseArgs({ args, options: help.options });
  const handle = await openDatabase({ databaseUrl: ctx.env.DATABASE_URL, dataDir: ctx.env.SIFT_DATA_DIR });
  try {
    const applied = await migrateToLatest(handle.db);
    const where = handle.engine === 'postgres' ? 'Postgres (DATABASE_URL)' : `embedded database in ${ctx.env.SIFT_DATA_DIR}`;
    writeLine(
      ctx.stdout,
      applied.length > 0 ? `applied ${applied.length} migration(s) to ${where}: ${applied.join(', ')}` : `${where} is up to date`,
    );
    return 0;
  } finally {
    await handle.close();
  }
};
