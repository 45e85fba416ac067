// Whether `npm run build` left a bundle in dist/ that is at least as new as the code it was built
// from. Plain JavaScript: bin/sift.mjs asks before it decides whether to load tsx at all.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The bundle's folder: two levels below the root, like src/<stage>/, so paths modules resolve from their own URL (../../demo, ./assets) find the same files. */
export const BUILD_DIR = 'dist/cli';
/** Written last by the build: `{ "startedAt": ms }`, the time it began reading the sources. */
export const BUILD_STAMP = 'dist/build.json';
/** What the bundle is made of: a file or folder in these changed after the build started makes it stale. */
export const BUILD_INPUTS = ['src', 'migrations', 'scripts'];

/**
 * The path of the built entry (dist/cli/main.mjs) when a build exists and nothing under
 * BUILD_INPUTS changed since it started; undefined otherwise, and the caller runs the sources.
 * Folders count too: deleting or renaming a file changes its folder's mtime. A few hundred stat
 * calls, a few milliseconds.
 */
export function findFreshBuild(root) {
  const startedAt = readBuildStart(path.join(root, BUILD_STAMP));
  if (startedAt === undefined) return undefined;
  const isStale = BUILD_INPUTS.some((input) => hasChangedSince(path.join(root, input), startedAt));
  return isStale ? undefined : path.join(root, BUILD_DIR, 'main.mjs');
}

function readBuildStart(stampFile) {
  let text;
  try {
    text = readFileSync(stampFile, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return undefined; // never built: run from the sources
    throw error;
  }
  const { startedAt } = JSON.parse(text);
  return typeof startedAt === 'number' ? startedAt : undefined;
}

function hasChangedSince(file, time) {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if (error.code === 'ENOENT') return false; // an input the checkout does not have
    throw error;
  }
  if (stats.mtimeMs > time) return true;
  if (!stats.isDirectory()) return false;
  return readdirSync(file).some((name) => hasChangedSince(path.join(file, name), time));
}
