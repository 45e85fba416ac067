import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.ts';

describe('sift --version', () => {
  it('prints the version of package.json and exits 0', async () => {
    const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    for (const flag of ['--version', '-v']) {
      const stdout = new PassThrough();
      let printed = '';
      stdout.on('data', (chunk) => (printed += chunk));
      const code = await main([flag], { stdout, stderr: new PassThrough() });
      expect(code).toBe(0);
      expect(printed).toBe(`${version}\n`);
    }
  });
});
