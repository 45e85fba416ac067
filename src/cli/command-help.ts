import type { ParseArgsConfig } from 'node:util';

type ParseArgsOption = NonNullable<ParseArgsConfig['options']>[string];

/** One option as node's parseArgs takes it, plus what `--help` says about it. */
export interface OptionHelp extends ParseArgsOption {
  /** What follows a string option in the usage (`N`, `FILE`, `2026-W48`). */
  value?: string;
  description: string;
}

/**
 * What `sift <command> --help` prints. A command passes `help.options` itself to parseArgs, so
 * the options it accepts and the ones its help lists are one object and cannot drift apart
 * (test/cli-help.test.ts checks every command does).
 */
export interface CommandHelp<Options extends Record<string, OptionHelp> = Record<string, OptionHelp>> {
  /** `sift collect [--all] …`: the synopsis, with positional arguments. */
  usage: string;
  /** One line: what the command does. */
  summary: string;
  options: Options;
  /** Further lines: input and output formats, environment, exit codes. */
  details?: readonly string[];
  /** Commands with subcommands (`sift sources check`): each name with its one line. */
  subcommands?: Readonly<Record<string, string>>;
}

/** Keeps the option literals' types, so `parseArgs({ args, options: help.options })` types its values. */
export function defineCommandHelp<const Options extends Record<string, OptionHelp>>(help: CommandHelp<Options>): CommandHelp<Options> {
  return help;
}

/** `--help` or `-h` among the arguments (before a `--`, after which everything is an operand). */
export function isHelpRequest(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((arg) => arg === '--help' || arg === '-h');
}

export function formatCommandHelp(help: CommandHelp): string {
  const rows: [string, string][] = Object.entries(help.options).map(([name, option]) => [
    `${option.short ? `-${option.short}, ` : ''}--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}${option.multiple ? ' (repeatable)' : ''}`,
    option.description,
  ]);
  rows.push(['-h, --help', 'print this help']);
  const lines = [`usage: ${help.usage}`, '', help.summary];
  if (help.subcommands) {
    const names = Object.keys(help.subcommands);
    const width = Math.max(...names.map((name) => name.length));
    lines.push('', 'commands:', ...names.map((name) => `  ${name.padEnd(width)}  ${help.subcommands![name]}`));
  }
  const width = Math.max(...rows.map(([left]) => left.length));
  lines.push('', 'options:', ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`));
  if (help.details?.length) lines.push('', ...help.details);
  return lines.join('\n');
}
