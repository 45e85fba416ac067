// Whether `npm run build` left a bundle in dist/ built from exactly the code in the checkout now.
// Plain JavaScript: bin/sift.mjs asks before it decides whether to load tsx at all.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The bundle's folder: two levels below the root, like src/<stage>/, so paths modules resolve from their own URL (../../demo, ./assets) find the same files. */
export const BUILD_DIR = 'dist/cli';
/** Written last by the build: `{ "inputs": { "<path>": [size, mtimeMs], … } }`, the inputs as they were when it began. */
export const BUILD_STAMP = 'dist/build.json';
/** What the bundle is made of: every file below these. */
export const BUILD_INPUTS = ['src', 'migrations', 'scripts'];

/**
 * Every input file (relative path → [size, mtimeMs]). A build records it before it reads the
 * sources; the build is fresh while the checkout still matches it file for file, so an edit, a
 * new or deleted file, or a file put back with an older date (a tarball, `cp -p`, a clock that
 * stepped back) all send sift back to the sources. A few hundred stat calls, a few milliseconds.
 */
export function listBuildInputs(root) {
  const inputs = {};
  const visit = (relative) => {
    const stats = statSync(path.join(root, relative), { throwIfNoEntry: false });
    if (!stats) return; // an input folder the checkout does not have
    if (stats.isDirectory()) {
      for (const name of readdirSync(path.join(root, relative)).sort()) visit(path.join(relative, name));
    } else {
      inputs[relative.split(path.sep).join('/')] = [stats.size, stats.mtimeMs];
    }
  };
  for (const input of BUILD_INPUTS) visit(input);
  return inputs;
}

/**
 * The path of the built entry (dist/cli/main.mjs) when a build exists and the inputs are exactly
 * those it was built from; undefined otherwise (and when anything cannot be read), and the caller
 * runs the sources.
 */
export function findFreshBuild(root) {
  try {
    const built = readBuiltInputs(path.join(root, BUILD_STAMP));
    if (!built) return undefined;
    const current = listBuildInputs(root);
    const names = Object.keys(current);
    if (names.length !== Object.keys(built).length) return undefined;
    for (const name of names) {
      const [size, mtimeMs] = built[name] ?? [];
      if (size !== current[name][0] || mtimeMs !== current[name][1]) return undefined;
    }
    return path.join(root, BUILD_DIR, 'main.mjs');
  } catch {
    return undefined; // an unreadable folder, a half-written stamp: the sources always work
  }
}

function readBuiltInputs(stampFile) {
  let text;
  try {
    text = readFileSync(stampFile, 'utf8');
  } catch (error) {
    if (error.code === 'ENOENT') return undefined; // never built: run from the sources
    throw error;
  }
  const { inputs } = JSON.parse(text);
  return inputs && typeof inputs === 'object' ? inputs : undefined;
}
