import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadSources } from '../config/load-sources.ts';
import { renderOpml } from '../opml/render-opml.ts';
import { writeLine, type Command } from './context.ts';
import { defineCommandHelp } from './command-help.ts';
import { sourcesFileOption } from './read-option.ts';

export const help = defineCommandHelp({
  usage: 'sift sources export-opml [--out FILE] [--all] [--file FILE]',
  summary: 'print the enabled sources as OPML 2.0, one folder per kind, for any feed reader',
  options: {
    out: { type: 'string', value: 'FILE', description: 'write the OPML to FILE instead of stdout' },
    all: { type: 'boolean', default: false, description: 'disabled sources too' },
    file: sourcesFileOption,
  },
});

/**
 * `sift sources export-opml [--out FILE] [--all] [--file sources.yaml]`: the enabled sources (all
 * with --all) as OPML 2.0, one folder per kind, for any feed reader. Reads sources.yaml only.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: help.options });
  const config = await loadSources(values.file ? path.resolve(values.file) : ctx.env.SIFT_SOURCES);
  const sources = values.all ? config.sources : config.sources.filter((source) => source.enabled);
  const xml = renderOpml(sources, { title: `${config.weekly.title} — sift sources`, dateCreated: ctx.clock.now() });
  if (values.out) {
    await writeFile(values.out, xml);
    writeLine(ctx.stderr, `wrote ${sources.length} source(s) to ${values.out}`);
  } else {
    ctx.stdout.write(xml);
  }
  return 0;
};
