import { parseArgs } from 'node:util';
import path from 'node:path';
import { loadSources } from '../config/load-sources.ts';
import type { SourcesConfig } from '../config/schema.ts';
import { ConfigError, formatProblem } from '../shared/errors.ts';
import { writeLine, type Command } from './context.ts';
import { defineCommandHelp } from './command-help.ts';
import { sourcesFileOption } from './read-option.ts';

export const help = defineCommandHelp({
  usage: 'sift sources check [--file FILE]',
  summary: 'validate the sources file: every problem with its line and source id; exit 1 on any',
  options: { file: sourcesFileOption },
});

/**
 * `sift sources check`: validates sources.yaml, printing every problem with its line and source
 * id, exit 1 on any; on success a summary of the enabled sources by kind, language and category.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: help.options });
  const file = values.file ? path.resolve(values.file) : ctx.env.SIFT_SOURCES;
  let config: SourcesConfig;
  try {
    config = await loadSources(file);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) writeLine(ctx.stdout, formatProblem(problem));
    writeLine(ctx.stdout, `${error.problems.length} problem(s) in ${file}`);
    return 1;
  }
  writeLine(ctx.stdout, summarizeSources(config));
  return 0;
};

export function summarizeSources(config: SourcesConfig): string {
  const enabled = config.sources.filter((source) => source.enabled);
  const countBy = (key: 'kind' | 'lang' | 'category') => {
    const counts = new Map<string, number>();
    for (const source of enabled) counts.set(source[key], (counts.get(source[key]) ?? 0) + 1);
    return [...counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
  };
  const disabled = config.sources.length - enabled.length;
  return [
    `${path.basename(config.file)}: ok — ${enabled.length} enabled source(s)${disabled ? `, ${disabled} disabled` : ''}`,
    `  by kind:     ${countBy('kind')}`,
    `  by lang:     ${countBy('lang')}`,
    `  by category: ${countBy('category')}`,
    `  categories:  ${config.weekly.categories.map((category) => `${category.emoji}${category.title} (${category.id}, ${category.slots})`).join(' · ')}`,
  ].join('\n');
}
