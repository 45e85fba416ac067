import { writeLine, type Command } from './context.ts';

const SUBCOMMANDS: Record<string, string> = {
  check: './sources-check.ts',
  status: './sources-status.ts',
  'import-opml': './sources-import-opml.ts',
  'export-opml': './sources-export-opml.ts',
};

/** `sift sources <check|status|import-opml|export-opml>`. */
export const run: Command = async (args, ctx) => {
  const [name, ...rest] = args;
  const module = name ? SUBCOMMANDS[name] : undefined;
  if (!module) {
    writeLine(ctx.stderr, `usage: sift sources <${Object.keys(SUBCOMMANDS).join('|')}>`);
    return 2;
  }
  const { run: runSubcommand } = (await import(module)) as { run: Command };
  return runSubcommand(rest, ctx);
};
