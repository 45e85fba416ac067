import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../shared/errors.ts';

/** One feed item as the source showed it on its date. */
export interface ReplayEntry {
  guid: string;
  title: string;
  link: string;
  /** Publication instant (epoch ms). */
  dateMs: number;
  html: string;
}

export interface ReplayIssue {
  number: number;
  /** `YYYY-MM-DD`, the issue's own date. */
  date: string;
  /** Absolute path of the issue's Markdown. */
  file: string;
}

/** A replay folder: dated feed items per source, and the editor's issues of the same weeks. */
export interface ReplayCorpus {
  dir: string;
  /** Source id (the file name without `.jsonl`) → its entries in date order. */
  sources: Map<string, ReplayEntry[]>;
  /** In number order. */
  issues: ReplayIssue[];
}

export class ReplayCorpusError extends AppError<'BAD_REPLAY'> {}

/**
 * Reads a replay folder laid out as shared/corpus/replay is: `items/<source id>.jsonl` (one JSON
 * object per line: guid, title, link, date as ISO 8601, html) and `issues.tsv` (number, date,
 * file relative to the folder). Every problem names its file and line.
 */
export async function readReplayCorpus(dir: string): Promise<ReplayCorpus> {
  const itemsDir = path.join(dir, 'items');
  let names: string[];
  try {
    names = (await readdir(itemsDir)).filter((name) => name.endsWith('.jsonl')).sort();
  } catch (error) {
    throw new ReplayCorpusError('BAD_REPLAY', `${itemsDir}: cannot read the items folder (${(error as Error).message})`);
  }
  if (names.length === 0) throw new ReplayCorpusError('BAD_REPLAY', `${itemsDir}: no .jsonl files`);
  const sources = new Map<string, ReplayEntry[]>();
  for (const name of names) {
    const file = path.join(itemsDir, name);
    const entries = (await readFile(file, 'utf8'))
      .split('\n')
      .map((line, index) => ({ line, number: index + 1 }))
      .filter(({ line }) => line.trim() !== '')
      .map(({ line, number }) => readEntry(line, `${file}:${number}`));
    sources.set(
      name.replace(/\.jsonl$/, ''),
      entries.sort((left, right) => left.dateMs - right.dateMs),
    );
  }
  return { dir, sources, issues: await readIssues(dir) };
}

function readEntry(line: string, where: string): ReplayEntry {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new ReplayCorpusError('BAD_REPLAY', `${where}: not JSON (${(error as Error).message})`);
  }
  const text = (field: string) => {
    const found = value[field];
    if (typeof found !== 'string') throw new ReplayCorpusError('BAD_REPLAY', `${where}: "${field}" must be a string`);
    return found;
  };
  const dateMs = Date.parse(text('date'));
  if (Number.isNaN(dateMs))
    throw new ReplayCorpusError('BAD_REPLAY', `${where}: "date" is not an ISO 8601 instant: ${JSON.stringify(value.date)}`);
  return { guid: text('guid'), title: text('title'), link: text('link'), dateMs, html: typeof value.html === 'string' ? value.html : '' };
}

async function readIssues(dir: string): Promise<ReplayIssue[]> {
  const file = path.join(dir, 'issues.tsv');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ReplayCorpusError('BAD_REPLAY', `${file}: cannot read (${(error as Error).message})`);
  }
  const [header, ...rows] = text.split('\n');
  const columns = header.trim().split('\t');
  const at = (name: string) => {
    const index = columns.indexOf(name);
    if (index < 0) throw new ReplayCorpusError('BAD_REPLAY', `${file}:1: no "${name}" column (expected number, date, file)`);
    return index;
  };
  const [numberAt, dateAt, fileAt] = [at('number'), at('date'), at('file')];
  const issues: ReplayIssue[] = [];
  rows.forEach((row, index) => {
    if (row.trim() === '') return;
    const cells = row.split('\t');
    const number = Number(cells[numberAt]);
    const date = cells[dateAt]?.trim() ?? '';
    if (!Number.isInteger(number) || !/^\d{4}-\d{2}-\d{2}$/.test(date) || !cells[fileAt]) {
      throw new ReplayCorpusError(
        'BAD_REPLAY',
        `${file}:${index + 2}: expected a number, a YYYY-MM-DD date and a file, got ${JSON.stringify(row)}`,
      );
    }
    issues.push({ number, date, file: path.resolve(dir, cells[fileAt].trim()) });
  });
  return issues.sort((left, right) => left.number - right.number);
}
