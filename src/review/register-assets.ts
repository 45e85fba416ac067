import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const ASSETS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'assets');
const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export interface Assets {
  /** Hash of every asset: pages link `?v=<version>`, so a deploy is never served stale JS. */
  version: string;
  files: Map<string, { body: Buffer; type: string }>;
}

/**
 * Reads the page's CSS and JS once at startup. They are separate files because the
 * Content-Security-Policy allows no inline script or style.
 */
export function readAssets(): Assets {
  const files = new Map<string, { body: Buffer; type: string }>();
  const hash = createHash('sha256');
  for (const name of ['review.css', 'review.js', 'drafts.css', 'drafts.js']) {
    const body = readFileSync(path.join(ASSETS_DIR, name));
    hash.update(body);
    files.set(name, { body, type: TYPES[path.extname(name)]! });
  }
  return { version: hash.digest('hex').slice(0, 12), files };
}

export function registerAssets(app: FastifyInstance, assets: Assets): void {
  app.get('/assets/:name', async (request, reply) => {
    const file = assets.files.get((request.params as { name: string }).name);
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('not found');
    const isVersioned = (request.query as Record<string, string | undefined>).v === assets.version;
    return reply
      .type(file.type)
      .header('cache-control', isVersioned ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(file.body);
  });
}
