import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadSources } from '../config/load-sources.ts';
import { classifyItem, readClassifySettings } from '../rank/classify-item.ts';
import { detectItemLanguage } from '../rank/detect-item-language.ts';
import { isHttpUrl } from '../shared/parse-http-url.ts';
import { writeLine, type Command } from './context.ts';
import { defineCommandHelp } from './command-help.ts';

const INPUT_FORMAT = 'one link per line as URL or URL<TAB>title, the URL http(s)';

export const help = defineCommandHelp({
  usage: 'sift classify [--explain] < links.tsv',
  summary: "put links into the weekly's categories by the rules of sources.yaml, and tell their language",
  options: {
    explain: { type: 'boolean', default: false, description: 'add a fourth column: the rule that decided' },
  },
  details: [
    'input (stdin): one link per line, `URL` or `URL<TAB>title`; every URL must be http(s). Blank lines are',
    'skipped; a first line reading `url…` is a header and is answered with one.',
    'output (stdout): `URL<TAB>category<TAB>lang` (and `<TAB>rule` with --explain), line for line.',
    'A line that is not an http(s) URL is named on stderr with its line number and left out; exit 1 if any was.',
    "example: printf 'https://github.com/astral-sh/uv\\tuv\\n' | sift classify",
  ],
});

/**
 * `sift classify [--explain]`: TSV on stdin, one link per line (`url` or `url<TAB>title`), and
 * `url<TAB>category<TAB>lang` out, line for line in the same order (`--explain` adds the rule that
 * decided as a fourth column). Uses the categories and classify rules of sources.yaml; no source
 * is known here, so links no rule recognises get the default category. Blank lines are skipped;
 * a first line reading `url…` is taken as a header and answered with one. A line whose first
 * column is not an http(s) URL is named on stderr with its line number and left out; the others
 * are still classified, and the exit code is 1. Someone who runs it at a terminal, or pipes in
 * nothing, is told what it reads.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: help.options });
  const config = await loadSources(ctx.env.SIFT_SOURCES);
  const settings = readClassifySettings(config);
  if ((ctx.stdin as NodeJS.ReadStream).isTTY)
    writeLine(ctx.stderr, `sift classify: reading links from the terminal, ${INPUT_FORMAT}; end with Ctrl-D (sift classify --help)`);
  const lines = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
  let lineNumber = 0;
  let classified = 0;
  const rejected: number[] = [];
  for await (const line of lines) {
    lineNumber += 1;
    const [rawUrl = '', ...titleParts] = line.split('\t');
    const url = rawUrl.trim();
    const title = titleParts.join(' ').trim();
    if (lineNumber === 1 && url.toLowerCase() === 'url') {
      writeLine(ctx.stdout, ['url', 'category', 'lang', ...(values.explain ? ['rule'] : [])].join('\t'));
      continue;
    }
    if (url === '') continue;
    if (!isHttpUrl(url)) {
      rejected.push(lineNumber);
      writeLine(
        ctx.stderr,
        `sift classify: stdin line ${lineNumber}: not an http(s) URL: ${JSON.stringify(url.length > 80 ? `${url.slice(0, 80)}…` : url)}`,
      );
      continue;
    }
    const { category, rule } = classifyItem({ url, title }, settings);
    const columns = [url, category, detectItemLanguage(url, title)];
    if (values.explain) columns.push(rule);
    writeLine(ctx.stdout, columns.join('\t'));
    classified += 1;
  }
  if (rejected.length > 0) {
    writeLine(
      ctx.stderr,
      `sift classify: left out ${rejected.length} line(s) that are not http(s) URLs (line ${rejected.join(', ')}); ${INPUT_FORMAT}`,
    );
    return 1;
  }
  if (classified === 0)
    writeLine(
      ctx.stderr,
      `sift classify: no links on stdin: give ${INPUT_FORMAT}, e.g. printf 'https://example.com/post\\tTitle\\n' | sift classify`,
    );
  return 0;
};
