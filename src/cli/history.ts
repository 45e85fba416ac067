import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { importHistory, type HistoryFile, type HistoryImportResult } from '../curate/import-history.ts';
import { AppError } from '../shared/errors.ts';
import { writeLine, type Command } from './context.ts';
import { openApp } from './open-app.ts';
import { defineCommandHelp } from './command-help.ts';

export const help = defineCommandHelp({
  usage: 'sift history import FILE|DIR…',
  summary:
    'import published issues (Markdown; a folder is searched for .md files): their links are never proposed again and train the ranking',
  options: {},
  details: ['One line per file; exit 1 when any file failed, after importing all the others.'],
});

/**
 * `sift history import FILE|DIR…`: imports published issues (Markdown; a folder is searched for
 * `.md` files, in name order) so their links count as already published and as past picks.
 * One line per file; exit 1 when any file failed, after importing all the others.
 */
export const run: Command = async (args, ctx) => {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'import') {
    writeLine(ctx.stderr, 'usage: sift history import FILE|DIR…');
    return 2;
  }
  const { positionals } = parseArgs({ args: rest, options: help.options, allowPositionals: true });
  if (positionals.length === 0) throw new AppError('USAGE', 'name the issue files or folders to import: sift history import FILE|DIR…');

  const files: HistoryFile[] = [];
  const unreadable: HistoryImportResult[] = [];
  for (const target of positionals) {
    try {
      for (const file of await findMarkdownFiles(target)) files.push({ path: file, text: await readFile(file, 'utf8') });
    } catch (error) {
      unreadable.push({ path: target, status: 'failed', error: error as Error });
    }
  }
  if (files.length === 0 && unreadable.length === 0) throw new AppError('USAGE', `no .md files in ${positionals.join(', ')}`);

  const app = await openApp(ctx, { sync: false });
  let results: HistoryImportResult[];
  try {
    results = [...unreadable, ...(await importHistory(app, files))];
  } finally {
    await app.close();
  }

  const width = Math.max(...results.map((result) => displayPath(result.path).length));
  for (const result of results) writeLine(ctx.stdout, `${displayPath(result.path).padEnd(width)}  ${describe(result)}`);
  const imported = results.filter((result) => result.status === 'imported');
  const failed = results.length - imported.length;
  const links = imported.reduce(
    (count, result) => count + result.sections.reduce((sum, section) => sum + section.items, 0) - result.unlinked,
    0,
  );
  const replaced = imported.filter((result) => result.replaced).length;
  writeLine(
    ctx.stdout,
    `imported ${imported.length} issue(s)${replaced ? ` (${replaced} replaced)` : ''} with ${links} link(s); ${failed} failed`,
  );
  return failed > 0 ? 1 : 0;
};

function describe(result: HistoryImportResult): string {
  if (result.status === 'failed') return `failed: ${result.error.message}`;
  const items = result.sections.reduce((count, section) => count + section.items, 0);
  const bySection = result.sections.map((section) => `${section.heading} ${section.items}`).join(', ');
  const unlinked = result.unlinked > 0 ? `, ${result.unlinked} without a link` : '';
  return `#${result.number} ${result.title} — ${items} item(s)${unlinked}: ${bySection}${result.replaced ? ' (replaced)' : ''}`;
}

/** The file itself, or every `.md`/`.markdown` file under a folder (recursively, sorted by path). */
async function findMarkdownFiles(target: string): Promise<string[]> {
  const info = await stat(target);
  if (!info.isDirectory()) return [target];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(md|markdown)$/i.test(entry.name))
    .map((entry) => path.join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name))
    .sort();
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') ? file : relative;
}
