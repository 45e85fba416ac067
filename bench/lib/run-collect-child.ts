import { fork } from 'node:child_process';
import path from 'node:path';
import { bundle, PARSE_WORKER_ENTRY } from '../../scripts/build.ts';
import { makeCacheFolder } from './build-snapshot.ts';
import type { CollectChildRequest, CollectChildResult } from '../cases/collect-child.ts';

/** A bundle of collect-child.ts (and the parse worker), ready to run with plain node. */
export interface CollectChildBuild {
  entry: string;
  remove(): Promise<void>;
}

/**
 * Bundles collect-child.ts with sift's own build (scripts/build.ts), so the measured process runs
 * precompiled JavaScript, parse threads included, as `sift collect` does from `npm run build`:
 * no tsx compiling at start-up. Built afresh for each bench run (under a second), so it is never
 * older than the sources; the bundle sits in node_modules/.cache, where its packages resolve.
 */
export async function buildCollectChild(): Promise<CollectChildBuild> {
  const { folder, remove } = await makeCacheFolder('sift-bench-', (folder) =>
    bundle({ 'collect-child': 'bench/cases/collect-child.ts', ...PARSE_WORKER_ENTRY }, path.join(folder, 'cli')),
  );
  return { entry: path.join(folder, 'cli/collect-child.mjs'), remove };
}

/** Runs one collect pass in a fresh Node process (see collect-child.ts) and returns its figures. */
export function runCollectChild(build: CollectChildBuild, request: CollectChildRequest): Promise<CollectChildResult> {
  return new Promise((resolve, reject) => {
    // Plain node: none of this process's flags or loaders.
    const child = fork(build.entry, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
    let answered = false;
    child.once('message', (reply: { type: 'done'; result: CollectChildResult } | { type: 'error'; message: string }) => {
      answered = true;
      if (reply.type === 'done') resolve(reply.result);
      else reject(new Error(`collect child failed: ${reply.message}`));
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`collect child exited with code ${code} before answering`));
    });
    child.send(request);
  });
}
