import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadSources } from '../config/load-sources.ts';
import { classifyItem, readClassifySettings } from '../rank/classify-item.ts';
import { detectItemLanguage } from '../rank/detect-item-language.ts';
import { writeLine, type Command } from './context.ts';

/**
 * `sift classify [--explain]`: TSV on stdin, one link per line (`url` or `url<TAB>title`), and
 * `url<TAB>category<TAB>lang` out, line for line in the same order (`--explain` adds the rule that
 * decided as a fourth column). Uses the categories and classify rules of sources.yaml; no source
 * is known here, so links no rule recognises get the default category. Blank lines are skipped;
 * a first line reading `url…` is taken as a header and answered with one.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: { explain: { type: 'boolean', default: false } } });
  const config = await loadSources(ctx.env.SIFT_SOURCES);
  const settings = readClassifySettings(config);
  const lines = createInterface({ input: ctx.stdin, crlfDelay: Infinity });
  let isFirst = true;
  for await (const line of lines) {
    const [rawUrl = '', ...titleParts] = line.split('\t');
    const url = rawUrl.trim();
    const title = titleParts.join(' ').trim();
    if (isFirst && url.toLowerCase() === 'url') {
      writeLine(ctx.stdout, ['url', 'category', 'lang', ...(values.explain ? ['rule'] : [])].join('\t'));
      isFirst = false;
      continue;
    }
    isFirst = false;
    if (url === '') continue;
    const { category, rule } = classifyItem({ url, title }, settings);
    const columns = [url, category, detectItemLanguage(url, title)];
    if (values.explain) columns.push(rule);
    writeLine(ctx.stdout, columns.join('\t'));
  }
  return 0;
};
