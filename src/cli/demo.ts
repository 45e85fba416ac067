import { readFile, mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { waitForShutdownSignal } from '../queue/wait-for-shutdown-signal.ts';
import { writeLine, type Command } from './context.ts';
import { startService } from './start.ts';
import { defineCommandHelp } from './command-help.ts';
import { serverOptions } from './read-option.ts';
import { demoDataPaths } from './describe-database.ts';

const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../demo');
const CONTENT_TYPES: Record<string, string> = { '.xml': 'application/rss+xml', '.atom': 'application/atom+xml' };

export const help = defineCommandHelp({
  usage: 'sift demo [--port N] [--host ADDRESS]',
  summary:
    'everything sift start does, against bundled sample feeds served on 127.0.0.1, in its own embedded database (SIFT_DATA_DIR/demo); no internet needed',
  options: serverOptions,
});

/**
 * `sift demo` (`npm run demo`): everything `sift start` does, against the sample feeds in demo/
 * served by a local server, in its own embedded database (SIFT_DATA_DIR/demo). No internet, no
 * services: a newcomer sees a full week board within a minute of `npm ci`.
 */
export const run: Command = async (args, ctx) => {
  const { values } = parseArgs({ args, options: help.options });
  const feeds = await startDemoFeedServer();
  try {
    const { dataDir, sources: sourcesFile } = demoDataPaths(ctx.env);
    await mkdir(dataDir, { recursive: true });
    const template = await readFile(path.join(DEMO_DIR, 'sources.yaml'), 'utf8');
    await writeFile(sourcesFile, template.replaceAll('http://demo.invalid', feeds.origin));
    const env = { ...ctx.env, SIFT_DATA_DIR: dataDir, SIFT_SOURCES: sourcesFile, DATABASE_URL: undefined, REDIS_URL: undefined };
    const service = await startService({ ...ctx, env }, { port: values.port, host: values.host });
    writeLine(ctx.stdout, `sift demo: collecting ${feeds.origin} …`);
    await service.ready;
    writeLine(ctx.stdout, `sift demo is running — open ${service.address.replace('//127.0.0.1:', '//localhost:')} (Ctrl-C to stop)`);
    await waitForShutdownSignal(service.app.log);
    await service.stop();
    return 0;
  } finally {
    await feeds.close();
  }
};

/** Serves demo/feeds/ on 127.0.0.1 (ephemeral port) with ETags; anything else is a 404 (the demo's broken source). */
export async function startDemoFeedServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const feedsDir = path.join(DEMO_DIR, 'feeds');
  const server: Server = createServer((request, response) => {
    const name = path.basename(new URL(request.url ?? '/', 'http://demo').pathname);
    readFile(path.join(feedsDir, name)).then(
      (body) => {
        const etag = `"${body.byteLength.toString(16)}"`;
        if (request.headers['if-none-match'] === etag) {
          response.writeHead(304, { etag }).end();
          return;
        }
        response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(name)] ?? 'application/xml', etag }).end(body);
      },
      () => response.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
