#!/usr/bin/env node
// Entry point of the `sift` command. Runs the bundle that `npm run build` leaves in dist/ when it
// was built from exactly the source files there are now (so an edit is never shadowed by a stale
// build); otherwise loads the TypeScript sources through tsx, which needs no build step but costs
// memory.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findFreshBuild } from './find-fresh-build.mjs';
import { limitHeapGrowth } from './limit-heap-growth.mjs';

limitHeapGrowth();
const build = findFreshBuild(fileURLToPath(new URL('..', import.meta.url)));
const { main } = build ? await import(pathToFileURL(build).href) : await importSources();
process.exitCode = await main(process.argv.slice(2));

async function importSources() {
  const { register } = await import('tsx/esm/api');
  register();
  return import('../src/cli/main.ts');
}
