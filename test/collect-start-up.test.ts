import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The packages `sift collect` used to load at start whether or not it parsed or left the
 * operator's servers: the feed parser's (rss-parser, iconv-lite, chardet) on a main thread whose
 * documents go to the parse thread, and undici's Agent for the public-only dispatcher, a tenth of
 * a pass where every feed answers 304 (bench/, case process). CommonJS packages all: loaded, they
 * are in require.cache.
 */
const LOADED_ON_DEMAND = ['rss-parser', 'xml2js', 'iconv-lite', 'chardet', 'undici'];

describe('what sift collect loads before it has a document', () => {
  it('imports the command without the feed parser or the undici package', async () => {
    // a process of its own: this one has loaded everything already
    const script = [
      "import { register } from 'tsx/esm/api';",
      "import { createRequire } from 'node:module';",
      'register();',
      `await import(${JSON.stringify(pathToFileURL(path.join(ROOT, 'src/cli/collect.ts')).href)});`,
      'console.log(JSON.stringify(Object.keys(createRequire(import.meta.url).cache)));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT });
    const packages = new Set(
      (JSON.parse(stdout) as string[]).map((file) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1]).filter(Boolean),
    );
    expect(packages.size).toBeGreaterThan(0); // it sees what is loaded (pg, at least)
    expect(LOADED_ON_DEMAND.filter((name) => packages.has(name))).toEqual([]);
  });
});
