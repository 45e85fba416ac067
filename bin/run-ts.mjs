#!/usr/bin/env node
// Runs one TypeScript file through tsx (no build step): `node bin/run-ts.mjs bench/run.ts --quick`.
// The file is resolved from the current directory and sees its own arguments at process.argv.slice(2).
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: node bin/run-ts.mjs FILE.ts [args…]\n');
  process.exit(2);
}
register();
const target = path.resolve(process.cwd(), file);
process.argv = [process.argv[0], target, ...args];
await import(pathToFileURL(target).href);
