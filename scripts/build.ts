/**
 * `npm run build`: bundles sift into dist/ with esbuild, so `sift` (bin/sift.mjs) runs plain
 * JavaScript instead of compiling TypeScript through tsx at start-up: about 80 MB less resident
 * memory per process and 20 MB less per parse thread (bench/, case scale).
 *
 * dist/cli/ holds main.mjs (src/cli/main.ts; each command a lazily loaded chunk), the parse-pool
 * worker under the name the pool starts (process-feed-worker.mjs), the shared chunks, and the
 * review UI's assets. npm packages stay external: they load from node_modules as before.
 * dist/build.json, written last, says when the build began reading the sources; bin/sift.mjs runs
 * dist/ only while nothing in src/, migrations/ or scripts/ is newer.
 */
import { chmod, cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUILD_DIR, BUILD_STAMP, findFreshBuild } from '../bin/find-fresh-build.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The parse pool's worker, as an entry: a bundle that creates a pool must include it under this name. */
export const PARSE_WORKER_ENTRY = { 'process-feed-worker': 'src/refresh/process-feed-worker.ts' } as const;

/** Output name → source entry (relative to the root) of the sift bundle. */
export const SIFT_ENTRY_POINTS: Readonly<Record<string, string>> = { main: 'src/cli/main.ts', ...PARSE_WORKER_ENTRY };

/**
 * Bundles `entryPoints` (output name → file relative to the root) into `outdir` as ES modules
 * with code splitting, every file in that one folder, plus the review assets in outdir/assets.
 * Modules find files next to themselves through import.meta.url (the pool its worker, the review
 * app its assets), and in the bundle "themselves" is a file in outdir. outdir must sit inside
 * the repository, so the external packages resolve from its node_modules.
 * Fails on any esbuild warning: an import it cannot follow would only fail later, at run time.
 */
export async function bundle(entryPoints: Readonly<Record<string, string>>, outdir: string): Promise<void> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.entries(entryPoints).map(([out, entry]) => ({ out, in: entry })),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) {
    throw new Error(`esbuild warned:\n${result.warnings.map((warning) => `${warning.location?.file ?? '?'}:${warning.location?.line ?? '?'}: ${warning.text}`).join('\n')}`);
  }
  await cp(path.join(ROOT, 'src/review/assets'), path.join(outdir, 'assets'), { recursive: true });
}

/**
 * Builds dist/ from scratch next to the old one, then swaps it in, so a `sift` starting meanwhile
 * sees either the old build or none (and runs the sources), never half of one. Fails when the new
 * build already counts as stale (a source file dated in the future, or edited during the build):
 * bin/sift.mjs would quietly keep running the sources.
 */
export async function buildSift(): Promise<void> {
  const startedAt = Date.now();
  const distDir = path.join(ROOT, path.dirname(BUILD_DIR));
  const staging = await mkdtemp(`${distDir}.building-`);
  await chmod(staging, 0o755); // mkdtemp makes it private: the image runs sift as another user than the one who built
  try {
    await bundle(SIFT_ENTRY_POINTS, path.join(staging, path.basename(BUILD_DIR)));
    await writeFile(path.join(staging, path.basename(BUILD_STAMP)), `${JSON.stringify({ startedAt })}\n`);
    await rm(distDir, { recursive: true, force: true });
    await rename(staging, distDir);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  if (!findFreshBuild(ROOT)) {
    throw new Error(`${BUILD_DIR} was built but is already stale: a file under src/, migrations/ or scripts/ is dated after the build began (edited meanwhile, or a clock ahead); bin/sift.mjs would run the sources`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildSift();
  process.stdout.write(`built ${path.relative(process.cwd(), path.join(ROOT, BUILD_DIR))}/main.mjs\n`);
}
