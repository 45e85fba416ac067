import { readFileSync } from 'node:fs';
import { systemClock } from '../shared/clock.ts';
import { AppError, ConfigError } from '../shared/errors.ts';
import { writeLine, type CliContext } from './context.ts';
import { runCommand, type CommandModule } from './run-command.ts';

/**
 * Command name → loader of the module exporting `run`. Loaded lazily so `sift classify` does not pay
 * for the web stack; each import names its file literally so the build (scripts/build.ts) can
 * bundle it as its own chunk.
 */
const COMMANDS: Record<string, { load: () => Promise<CommandModule>; summary: string }> = {
  start: { load: () => import('./start.ts'), summary: 'migrate, collect on schedule, rank and serve the review UI' },
  migrate: { load: () => import('./migrate.ts'), summary: 'apply database migrations' },
  sources: { load: () => import('./sources.ts'), summary: 'check | status | import-opml FILE | export-opml' },
  collect: { load: () => import('./collect.ts'), summary: 'one pass over due (--all, --source ID) sources, in-process' },
  scheduler: { load: () => import('./scheduler.ts'), summary: 'enqueue due sources on every tick (needs REDIS_URL)' },
  worker: { load: () => import('./worker.ts'), summary: 'process refresh jobs [--concurrency N] (needs REDIS_URL)' },
  classify: { load: () => import('./classify.ts'), summary: 'TSV url[,title] on stdin → url, category, lang' },
  rank: { load: () => import('./rank.ts'), summary: 'candidates per category [--week W] [--json] [--limit N]' },
  serve: { load: () => import('./serve.ts'), summary: 'review UI [--port 3000]' },
  export: { load: () => import('./export.ts'), summary: 'the shortlist as the issue Markdown --issue N [--week W] [--out FILE]' },
  history: { load: () => import('./history.ts'), summary: 'import FILE|DIR… — mark published links' },
  backtest: {
    load: () => import('./backtest.ts'),
    summary: 'score the ranking against your imported issues, week as of its end: [--issue N | --last K] [--json]',
  },
  replay: {
    load: () => import('./replay.ts'),
    summary: 'score the ranking on a replay of dated feed items against the issues: DIR [--from N] [--to N] [--json]',
  },
  demo: { load: () => import('./demo.ts'), summary: 'run everything against bundled sample feeds' },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return [
    'usage: sift <command> [options]',
    '',
    ...Object.entries(COMMANDS).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'sift <command> --help (or sift help <command>) prints its usage and options',
  ].join('\n');
}

/** sift's version, from package.json: two levels up from src/cli/ and from the bundle's dist/cli/ alike. */
function readVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/** Runs one command and returns the process exit code. Errors meant for people are printed without a stack. */
export async function main(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const stderr = overrides.stderr ?? process.stderr;
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    writeLine(overrides.stdout ?? process.stdout, readVersion());
    return 0;
  }
  if (name === 'help' && args.length > 0) return main([...args, '--help'], overrides);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    writeLine(name ? (overrides.stdout ?? process.stdout) : stderr, usage());
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    writeLine(stderr, `sift: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    const ctx: CliContext = {
      // imported here: its schema library is a fifth of a bare start-up, which --version and --help do without
      env: overrides.env ?? (await import('../config/env.ts')).loadEnv(),
      stdout: overrides.stdout ?? process.stdout,
      stderr,
      stdin: overrides.stdin ?? process.stdin,
      clock: overrides.clock ?? systemClock,
    };
    return await runCommand(await entry.load(), args, ctx);
  } catch (error) {
    if (error instanceof ConfigError) {
      writeLine(stderr, error.message);
      return 1;
    }
    if (error instanceof AppError) {
      writeLine(stderr, `sift ${name}: ${error.message}`);
      return 1;
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      writeLine(stderr, `sift ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}
