import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The shared test corpus (real feeds, published issues) lives beside the repository, not in it:
 * `SIFT_SHARED_DIR`, else `../shared` next to the checkout, else `/work/shared`. Returns the
 * folder of `sub` with a trailing slash. Missing corpus = a failing test, never a skipped one.
 */
export function sharedCorpusDir(sub: 'feeds' | 'weekly' | 'replay'): string {
  const candidates = [process.env.SIFT_SHARED_DIR, path.resolve(REPO_ROOT, '../shared'), '/work/shared'].filter((dir): dir is string =>
    Boolean(dir),
  );
  for (const dir of candidates) {
    const folder = path.join(dir, 'corpus', sub);
    if (existsSync(folder)) return `${folder}/`;
  }
  throw new Error(`the shared corpus (corpus/${sub}) was not found in ${candidates.join(', ')}: set SIFT_SHARED_DIR`);
}
