// Whether `npm run build` left a bundle in dist/ built from exactly the code in the checkout now.
// Plain JavaScript: bin/sift.mjs asks before it decides whether to load tsx at all.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The bundle's folder: two levels below the root, like src/<stage>/, so paths modules resolve from their own URL (../../demo, ./assets) find the same files. */
export const BUILD_DIR = 'dist/cli';
/** Written last by the build: `{ "inputs": { "<path>": [size, mtimeMs, sha256], … } }`, the inputs as they were when it began. */
export const BUILD_STAMP = 'dist/build.json';
/** What the bundle is made of: every file below these. */
export const BUILD_INPUTS = ['src', 'migrations', 'scripts'];

/**
 * Every input file (relative path → [size, mtimeMs, sha256 of the content]), as the build
 * records it before it reads the sources.
 */
export function listBuildInputs(root) {
  const inputs = {};
  for (const [name, [size, mtimeMs]] of Object.entries(statBuildInputs(root))) inputs[name] = [size, mtimeMs, hashInput(root, name)];
  return inputs;
}

/**
 * The path of the built entry (dist/cli/main.mjs) when a build exists and the inputs are exactly
 * those it was built from; undefined otherwise (and when anything cannot be read), and the caller
 * runs the sources. A file is unchanged when its size and time are as recorded (a few hundred
 * stat calls: the usual case in a checkout, a few milliseconds) or, when only its time differs,
 * its content is: copies, tarballs and image layers (which keep whole seconds only) change times
 * and nothing else, and must not send sift back to compiling TypeScript at every start (+80 MB).
 * An edit, a new or deleted file, or a file put back with other content and an older date all do.
 * With no sources at all (an image that ships dist/ alone) the build is all there is: it runs.
 */
export function findFreshBuild(root) {
  try {
    const built = readBuiltInputs(path.join(root, BUILD_STAMP));
    if (!built) return undefined;
    const entry = path.join(root, BUILD_DIR, 'main.mjs');
    if (BUILD_INPUTS.every((input) => !existsSync(path.join(root, input)))) return entry;
    const current = statBuildInputs(root);
    const names = Object.keys(current);
    if (names.length !== Object.keys(built).length) return undefined;
    for (const name of names) {
      const [size, mtimeMs, sha256] = built[name] ?? [];
      if (size !== current[name][0]) return undefined;
      if (mtimeMs !== current[name][1] && sha256 !== hashInput(root, name)) return undefined;
    }
    return entry;
  } catch {
    return undefined; // an unreadable folder, a half-written stamp: the sources always work
  }
}

/** Every input file (relative path → [size, mtimeMs]), in a stable order. */
function statBuildInputs(root) {
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

function hashInput(root, name) {
  return createHash('sha256')
    .update(readFileSync(path.join(root, name)))
    .digest('hex');
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
