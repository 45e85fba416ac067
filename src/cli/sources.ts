import { defineCommandHelp } from './command-help.ts';
import { writeLine, type Command } from './context.ts';
import { runCommand, type CommandModule } from './run-command.ts';

/** Literal imports, like main.ts's COMMANDS, so the build can bundle each subcommand. */
const SUBCOMMANDS: Record<string, { load: () => Promise<CommandModule>; summary: string }> = {
  check: { load: () => import('./sources-check.ts'), summary: 'validate sources.yaml: every problem with its line; exit 1 on any' },
  status: { load: () => import('./sources-status.ts'), summary: "every source's health, broken first [--broken] [--json]" },
  'import-opml': { load: () => import('./sources-import-opml.ts'), summary: 'FILE: merge an OPML file into sources.yaml, comments kept' },
  'export-opml': { load: () => import('./sources-export-opml.ts'), summary: 'the sources as OPML [--out FILE]' },
};

export const help = defineCommandHelp({
  usage: `sift sources <${Object.keys(SUBCOMMANDS).join('|')}> [options]`,
  summary: 'the sources file and the health of its sources; `sift sources <command> --help` for each command',
  options: {},
  subcommands: Object.fromEntries(Object.entries(SUBCOMMANDS).map(([name, { summary }]) => [name, summary])),
});

/** `sift sources <check|status|import-opml|export-opml>`. */
export const run: Command = async (args, ctx) => {
  const [name, ...rest] = args;
  const entry = name ? SUBCOMMANDS[name] : undefined;
  if (!entry) {
    writeLine(ctx.stderr, `usage: ${help.usage}`);
    return 2;
  }
  return runCommand(await entry.load(), rest, ctx);
};
