/**
 * Which npm packages `npm run build` puts inside dist/ instead of loading them from node_modules
 * at run time, and the esbuild plugin that decides it.
 *
 * Why: Node loads an ES module file by file, and some packages are hundreds of files (kysely 564,
 * zod 248, yaml 151). A plain `import('kysely')` cost 200–250 ms of CPU on the bench machine, the
 * same code bundled into one chunk 30 ms; every `sift` command paid that before doing anything
 * (bench/, case process). Bundled are pure-JavaScript packages that find no files of their own at
 * run time, with everything they import. Left in node_modules: packages that load files beside
 * themselves (PGlite's WebAssembly, pino's transport threads, BullMQ's Lua scripts, the queue
 * dashboard's UI) and the web stack, which only `sift serve`/`start` load.
 */
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

export const BUNDLED_PACKAGES: ReadonlySet<string> = new Set([
  // every command that opens the database
  'kysely',
  'kysely-pglite-dialect', // so PGlite mode uses the same (bundled) kysely, not a second copy from node_modules
  'pg',
  'zod',
  'yaml',
  // collect, worker: fetching and parsing (also the parse thread's start-up)
  'undici',
  'ipaddr.js',
  'p-limit',
  'cli-progress',
  'rss-parser',
  'htmlparser2',
  'entities',
  'iconv-lite',
  'chardet',
]);

/** Optional peers that bundled packages require only when installed (pg's native bindings); never installed here. */
const ABSENT_OPTIONAL = new Set(['pg-native']);

/**
 * CommonJS packages bundled into ES modules still `require()` Node's built-ins; esbuild routes
 * those to a `require` in scope, which an ES module lacks: every output file gets one.
 */
export const REQUIRE_BANNER =
  "import { createRequire as __siftCreateRequire } from 'node:module'; const require = __siftCreateRequire(import.meta.url);";

/** "@scope/name/sub" → "@scope/name"; "name/sub" → "name". */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

/**
 * Marks every bare import external (loaded from node_modules at run time) except the
 * BUNDLED_PACKAGES sift imports and whatever those import in turn; built-ins stay external.
 */
export const bundlePackagesPlugin: Plugin = {
  name: 'sift-bundle-packages',
  setup(build) {
    const root = build.initialOptions.absWorkingDir ?? process.cwd();
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (isBuiltin(args.path) || ABSENT_OPTIONAL.has(packageNameOf(args.path))) return { path: args.path, external: true };
      // sift's own code is under the root and outside its node_modules, even when the root is a copy inside node_modules/.cache (bench/)
      const relative = path.relative(root, args.importer);
      const fromPackage = relative.startsWith('..') || path.isAbsolute(relative) || relative.split(/[/\\]/).includes('node_modules');
      if (fromPackage || BUNDLED_PACKAGES.has(packageNameOf(args.path))) return undefined; // esbuild resolves and bundles it
      return { path: args.path, external: true };
    });
  },
};
