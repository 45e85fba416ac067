/**
 * `npm run build`: bundles sift into dist/ with esbuild, so `sift` (bin/sift.mjs) runs plain
 * JavaScript instead of compiling TypeScript through tsx at start-up: about 80 MB less resident
 * memory per process and 20 MB less per parse thread (bench/, case scale).
 *
 * dist/cli/ holds main.mjs (src/cli/main.ts; each command a lazily loaded chunk), the parse-pool
 * worker under the name the pool starts (process-feed-worker.mjs), the shared chunks, and the
 * review UI's assets. Most npm packages stay external and load from node_modules; the pure-JavaScript
 * ones every command loads are bundled in (scripts/bundle-packages.ts: start-up time).
 * dist/build.json, written last, lists the input files (size, time, SHA-256) the build read; bin/sift.mjs
 * runs dist/ only while src/, migrations/ and scripts/ still match it file for file.
 */
import { chmod, cp, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { BUILD_DIR, BUILD_INPUTS, BUILD_STAMP, findFreshBuild, listBuildInputs } from '../bin/find-fresh-build.mjs';
import { hashSyncCode } from '../src/store/sources/sync-sources.ts';
import { bundlePackagesPlugin, REQUIRE_BANNER } from './bundle-packages.ts';

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
    plugins: [bundlePackagesPlugin],
    banner: { js: REQUIRE_BANNER },
    // dist/ may ship without the sources the sync's content hash covers: their hash, taken now
    define: { SIFT_SYNC_CODE_HASH: JSON.stringify(hashSyncCode(ROOT)) },
    outExtension: { '.js': '.mjs' },
    chunkNames: '[name]-[hash]',
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  if (result.warnings.length > 0) {
    throw new Error(
      `esbuild warned:\n${result.warnings.map((warning) => `${warning.location?.file ?? '?'}:${warning.location?.line ?? '?'}: ${warning.text}`).join('\n')}`,
    );
  }
  await cp(path.join(ROOT, 'src/review/assets'), path.join(outdir, 'assets'), { recursive: true });
}

/**
 * Builds dist/ from scratch next to the old one, then swaps it in: the old dist/ is renamed aside
 * before the new one takes its name, so a `sift` starting meanwhile sees the old build, none (and
 * runs the sources), or the new one, never half of one. The inputs are recorded before the
 * bundle reads them; the build fails if they changed meanwhile (bin/sift.mjs would quietly keep
 * running the sources). A build running at the same time that swapped in the same sources first
 * counts as success.
 */
export async function buildSift(): Promise<void> {
  const inputs = listBuildInputs(ROOT);
  const distDir = path.join(ROOT, path.dirname(BUILD_DIR));
  const staging = await mkdtemp(`${distDir}.building-`);
  await chmod(staging, 0o755); // mkdtemp makes it private: the image runs sift as another user than the one who built
  try {
    await bundle(SIFT_ENTRY_POINTS, path.join(staging, path.basename(BUILD_DIR)));
    await writeFile(path.join(staging, path.basename(BUILD_STAMP)), `${JSON.stringify({ inputs })}\n`);
    await swapIn(staging, distDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  if (!findFreshBuild(ROOT)) {
    throw new Error(`${BUILD_DIR} was built but is already stale: a file under ${BUILD_INPUTS.join('/, ')}/ changed while it was built`);
  }
}

/** The file operations swapIn uses: tests hand it a rename that fails as overlayfs does. */
export interface SwapFs {
  rename(from: string, to: string): Promise<void>;
  rm(target: string, options: { recursive?: boolean; force?: boolean }): Promise<void>;
}

/** Puts the finished build in `staging` in the place of `distDir` (see buildSift). */
export async function swapIn(staging: string, distDir: string, fs: SwapFs = { rename, rm }): Promise<void> {
  const aside = `${distDir}.old-${process.pid}-${Date.now()}`;
  await fs.rename(distDir, aside).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EXDEV') return retireInPlace(distDir, fs);
    if (error.code !== 'ENOENT') throw error;
  });
  try {
    await fs.rename(staging, distDir);
  } catch (error) {
    // another build took the name first: fine when it built these very sources
    if (!['ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '') || !findFreshBuild(path.dirname(distDir)))
      throw error;
  } finally {
    await fs.rm(aside, { recursive: true, force: true });
  }
}

/**
 * overlayfs cannot rename a directory that an image layer below holds (EXDEV): `npm run build` in a
 * container whose image has a dist/. The old build is removed where it is instead, its stamp first,
 * so a `sift` starting meanwhile takes it for stale and runs the sources, never half of it.
 */
async function retireInPlace(distDir: string, fs: SwapFs): Promise<void> {
  await fs.rm(path.join(distDir, path.basename(BUILD_STAMP)), { force: true });
  await fs.rm(distDir, { recursive: true, force: true });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // --if-stale (npm start, npm run demo): nothing to do when dist/ matches the sources
  if (process.argv.includes('--if-stale') && findFreshBuild(ROOT)) {
    process.stdout.write(`${BUILD_DIR}/main.mjs is up to date\n`);
  } else {
    await buildSift();
    process.stdout.write(`built ${path.relative(process.cwd(), path.join(ROOT, BUILD_DIR))}/main.mjs\n`);
  }
}
