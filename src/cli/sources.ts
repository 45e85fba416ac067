import { writeLine, type Command } from './context.ts';

/** Literal imports, like main.ts's COMMANDS, so the build can bundle each subcommand. */
const SUBCOMMANDS: Record<string, () => Promise<{ run: Command }>> = {
  check: () => import('./sources-check.ts'),
  status: () => import('./sources-status.ts'),
  'import-opml': () => import('./sources-import-opml.ts'),
  'export-opml': () => import('./sources-export-opml.ts'),
};

/** `sift sources <check|status|import-opml|export-opml>`. */
export const run: Command = async (args, ctx) => {
  const [name, ...rest] = args;
  const load = name ? SUBCOMMANDS[name] : undefined;
  if (!load) {
    writeLine(ctx.stderr, `usage: sift sources <${Object.keys(SUBCOMMANDS).join('|')}>`);
    return 2;
  }
  const { run: runSubcommand } = await load();
  return runSubcommand(rest, ctx);
};
