import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandModule } from '../src/cli/run-command.ts';
import { main } from '../src/cli/main.ts';
import { loadEnv } from '../src/config/env.ts';
import { fixedClock } from '../src/shared/clock.ts';

const CLI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/cli');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sift-cli-help-'));
  await writeFile(
    path.join(dir, 'sources.yaml'),
    `weekly:
  categories:
    - { id: articles, title: 文章&教程, emoji: "🦄", slots: 12 }
    - { id: projects, title: 项目&资源, emoji: "🐿️", slots: 12 }
sources: []
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function sift(args: string[], stdin: PassThrough = endedStdin('')): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (chunk) => (chunks.out += chunk));
  stderr.on('data', (chunk) => (chunks.err += chunk));
  const env = loadEnv({ SIFT_DATA_DIR: path.join(dir, 'data'), SIFT_SOURCES: path.join(dir, 'sources.yaml'), LOG_LEVEL: 'silent' });
  const code = await main(args, { env, stdout, stderr, stdin, clock: fixedClock('2026-11-25T12:00:00Z') });
  return { code, stdout: chunks.out, stderr: chunks.err };
}

function endedStdin(text: string): PassThrough {
  const stdin = new PassThrough();
  stdin.end(text);
  return stdin;
}

/** The names a `usage`'s command list shows: `  name  summary` lines after the heading. */
function listedCommands(text: string): string[] {
  return [...text.matchAll(/^ {2}([a-z][a-z-]*) {2,}\S/gm)].map((match) => match[1]!);
}

describe('sift <command> --help', () => {
  it('prints the command list for sift --help and names how to get more', async () => {
    const result = await sift(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sift <command> --help');
    expect(listedCommands(result.stdout)).toEqual(expect.arrayContaining(['start', 'collect', 'classify', 'export', 'sources', 'history']));
  });

  it('answers --help, -h and sift help <command> for every command and subcommand: usage, what it does, every option it accepts; exit 0', async () => {
    const top = listedCommands((await sift(['--help'])).stdout);
    const commands: { words: string[]; file: string }[] = top.map((name) => ({ words: [name], file: `${name}.ts` }));
    const sources = await sift(['sources', '--help']);
    expect(sources.code).toBe(0);
    const subcommands = listedCommands(sources.stdout.slice(sources.stdout.indexOf('commands:')));
    expect(subcommands).toEqual(['check', 'status', 'import-opml', 'export-opml']);
    for (const name of subcommands) commands.push({ words: ['sources', name], file: `sources-${name}.ts` });

    for (const { words, file } of commands) {
      const label = words.join(' ');
      const module = (await import(path.join(CLI_DIR, file))) as CommandModule;
      const result = await sift([...words, '--help']);
      expect(result, label).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout.startsWith(`usage: sift ${label}`), `${label}: ${result.stdout}`).toBe(true);
      expect(result.stdout, label).toContain(`\n\n${module.help.summary}\n`);
      for (const option of Object.keys(module.help.options))
        expect(result.stdout, `${label} --${option}`).toMatch(new RegExp(`^ +(-\\w, )?--${option}\\b`, 'm'));
      expect(await sift([...words, '-h']), label).toEqual(result);
      expect(await sift(['help', ...words]), label).toEqual(result);
    }
  });

  it('keeps help and parsing one list: every parseArgs call in src/cli takes its options from the help', () => {
    const files = readdirSync(CLI_DIR).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
    let calls = 0;
    for (const file of files) {
      const text = readFileSync(path.join(CLI_DIR, file), 'utf8');
      for (const match of text.matchAll(/(?<!`)\bparseArgs\(\{/g)) {
        calls += 1;
        const call = text.slice(match.index, text.indexOf('})', match.index));
        expect(call, file).toMatch(/\boptions: help\.options\b/);
        expect(text, file).toMatch(/^export const help = defineCommandHelp\(/m);
      }
    }
    expect(calls).toBeGreaterThanOrEqual(15);
  });

  it('still refuses unknown options and commands with exit 2', async () => {
    expect(await sift(['collect', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining("Unknown option '--bogus'") });
    expect(await sift(['help', 'nosuch'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "nosuch"') });
    expect(await sift(['sources', 'nosuch'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage: sift sources <check|status|import-opml|export-opml>'),
    });
  });
});

describe('sift classify input', () => {
  it('says in its help what it reads and writes', async () => {
    const result = await sift(['classify', '--help']);
    expect(result.stdout).toContain('input (stdin): one link per line, `URL` or `URL<TAB>title`');
    expect(result.stdout).toContain('output (stdout): `URL<TAB>category<TAB>lang`');
  });

  it('leaves out lines that are not http(s) URLs, naming each line number, classifies the rest and exits 1', async () => {
    const input = [
      'https://github.com/astral-sh/uv\tuv',
      'just some words',
      '',
      'ftp://files.example/x',
      'https://realpython.com/python-gil/\tThe GIL',
    ].join('\n');
    const result = await sift(['classify'], endedStdin(input));
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('https://github.com/astral-sh/uv\tprojects\ten\nhttps://realpython.com/python-gil/\tarticles\ten\n');
    expect(result.stderr).toContain('sift classify: stdin line 2: not an http(s) URL: "just some words"');
    expect(result.stderr).toContain('sift classify: stdin line 4: not an http(s) URL: "ftp://files.example/x"');
    expect(result.stderr).toContain('left out 2 line(s) that are not http(s) URLs (line 2, 4)');
  });

  it('says what input it takes when stdin is empty, or a terminal', async () => {
    const empty = await sift(['classify']);
    expect(empty).toMatchObject({ code: 0, stdout: '' });
    expect(empty.stderr).toContain('sift classify: no links on stdin: give one link per line as URL or URL<TAB>title');

    const terminal = endedStdin('https://github.com/astral-sh/uv\n');
    Object.assign(terminal, { isTTY: true });
    const typed = await sift(['classify'], terminal);
    expect(typed.code).toBe(0);
    expect(typed.stderr).toContain('sift classify: reading links from the terminal, one link per line as URL or URL<TAB>title');
    expect(typed.stdout).toBe('https://github.com/astral-sh/uv\tprojects\ten\n');
  });
});
