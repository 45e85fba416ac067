import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseSources } from '../config/load-sources.ts';
import { decodeOpmlBytes } from '../opml/decode-opml-bytes.ts';
import { mergeOpmlIntoSourcesYaml } from '../opml/merge-opml-into-sources-yaml.ts';
import { parseOpml } from '../opml/parse-opml.ts';
import { AppError } from '../shared/errors.ts';
import { writeLine, type Command } from './context.ts';
import { defineCommandHelp } from './command-help.ts';
import { sourcesFileOption } from './read-option.ts';

export const help = defineCommandHelp({
  usage: 'sift sources import-opml FILE [--dry-run] [--file FILE]',
  summary: "add the OPML file's feeds that the sources file lacks (kind, language and category guessed), keeping its comments",
  options: {
    'dry-run': { type: 'boolean', default: false, description: 'only report what would be added' },
    file: sourcesFileOption,
  },
});

/**
 * `sift sources import-opml FILE [--dry-run] [--file sources.yaml]`: appends the OPML's feeds that
 * sources.yaml lacks, with guessed kind, language and category, keeping the file's comments and
 * layout. The result is validated before it replaces sources.yaml (atomically); --dry-run only
 * reports. Feeds already present and invalid ones are listed, not added.
 */
export const run: Command = async (args, ctx) => {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: help.options });
  const [opmlFile] = positionals;
  if (!opmlFile) throw new AppError('USAGE', 'usage: sift sources import-opml FILE [--dry-run]');
  const sourcesFile = values.file ? path.resolve(values.file) : ctx.env.SIFT_SOURCES;

  const outlines = parseOpml(decodeOpmlBytes(await readFile(opmlFile)));
  const yamlText = await readFile(sourcesFile, 'utf8');
  const config = parseSources(yamlText, sourcesFile);
  const today = ctx.clock.now().toISOString().slice(0, 10);
  const result = mergeOpmlIntoSourcesYaml(yamlText, outlines, {
    defaults: { category: config.weekly.categories[0]!.id },
    categories: config.weekly.categories,
    comment: `imported from ${path.basename(opmlFile)} on ${today}; kind, lang and category are guesses`,
  });
  parseSources(result.text, sourcesFile); // never write a file `sift sources check` would reject

  const name = path.basename(sourcesFile);
  if (result.added.length > 0) {
    writeLine(ctx.stdout, `${values['dry-run'] ? 'would add' : 'added'} ${result.added.length} source(s) to ${name}:`);
    const width = Math.max(...result.added.map((entry) => entry.id.length));
    for (const entry of result.added)
      writeLine(ctx.stdout, `  + ${entry.id.padEnd(width)}  ${entry.kind} ${entry.lang} ${entry.category}  ${entry.url}`);
  }
  if (result.present.length > 0) {
    writeLine(ctx.stdout, `already in ${name}: ${result.present.length}`);
    for (const entry of result.present) writeLine(ctx.stdout, `  = ${entry.id}  ${entry.outline.xmlUrl}`);
  }
  if (result.invalid.length > 0) {
    writeLine(ctx.stdout, `invalid, not added: ${result.invalid.length}`);
    for (const entry of result.invalid) writeLine(ctx.stdout, `  ! ${entry.outline.title || '(untitled)'}: ${entry.reason}`);
  }
  if (outlines.length === 0) writeLine(ctx.stdout, `no feeds in ${opmlFile}`);

  if (result.added.length > 0 && !values['dry-run']) {
    const temporary = `${sourcesFile}.${process.pid}.tmp`;
    await writeFile(temporary, result.text);
    await rename(temporary, sourcesFile);
  }
  return 0;
};
