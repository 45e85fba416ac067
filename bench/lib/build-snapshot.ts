import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { findFreshBuild } from '../../bin/find-fresh-build.mjs';
import { ROOT } from '../../scripts/build.ts';

/** What a `sift` installation is made of: the code, the entry, the build script and package.json (for `npx sift` and `npm run sift`). */
const SNAPSHOT_PARTS = ['bin', 'src', 'migrations', 'scripts', 'package.json'];

export interface SiftSnapshot {
  /** The snapshot's root: run `node bin/sift.mjs`, `npx sift` and `npm run sift` here. */
  root: string;
  remove(): Promise<void>;
}

/**
 * A copy of sift as it is now, built with its own `npm run build`, in node_modules/.cache (where
 * its packages resolve from the repository's node_modules). Processes timed against it run the
 * bundle as a user's `sift` does after `npm run build`, and an edit to the working tree during
 * the bench neither sends them back to the sources (tsx) nor is measured half-way.
 */
export async function buildSnapshot(): Promise<SiftSnapshot> {
  const { folder: root, remove } = await makeCacheFolder('sift-snapshot-', async (root) => {
    for (const part of SNAPSHOT_PARTS)
      await cp(path.join(ROOT, part), path.join(root, part), { recursive: true, preserveTimestamps: true });
    await promisify(execFile)(process.execPath, ['bin/run-ts.mjs', 'scripts/build.ts'], { cwd: root });
    if (!findFreshBuild(root)) throw new Error(`the snapshot in ${root} was built but bin/sift.mjs does not take the build as fresh`);
  });
  return { root, remove };
}

/**
 * A new folder in node_modules/.cache, where code bundled into it resolves sift's packages from
 * the repository's node_modules, filled by `fill`; removed again when that fails.
 */
export async function makeCacheFolder(
  prefix: string,
  fill: (folder: string) => Promise<void>,
): Promise<{ folder: string; remove(): Promise<void> }> {
  const cache = path.join(ROOT, 'node_modules/.cache');
  await mkdir(cache, { recursive: true });
  const folder = await mkdtemp(path.join(cache, prefix));
  const remove = () => rm(folder, { recursive: true, force: true });
  try {
    await fill(folder);
  } catch (error) {
    await remove();
    throw error;
  }
  return { folder, remove };
}
