// Worker-thread side of the process-feed pool (see process-feed-pool.ts). The pool starts
// process-feed-worker.mjs beside it: from the sources that file registers tsx and loads this one;
// in the build (scripts/build.ts) it is this module, compiled.
//
// Wire format. In: { id, document } (a FeedDocument, its bytes transferred).
// Out: { id, result } (a ProcessedFeed) or { id, error: { name, code, message, alternateUrl, stack } },
// from which the main thread rebuilds the typed error.
import { parentPort } from 'node:worker_threads';
import { processFeed, type FeedDocument } from './process-feed.ts';

interface WorkerRequest {
  id: number;
  document: FeedDocument;
}

const port = parentPort;
if (!port) throw new Error('process-feed-worker runs on a worker thread of the process-feed pool');

// Messages that arrived while the imports loaded are queued on the port until this listener starts it.
port.on('message', async ({ id, document }: WorkerRequest) => {
  try {
    port.postMessage({ id, result: await processFeed(document) });
  } catch (error) {
    port.postMessage({ id, error: describeError(error) });
  }
});

function describeError(error: unknown) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, alternateUrl } = error as Error & { code?: unknown; alternateUrl?: unknown };
  return { name: error.name, code, message: error.message, alternateUrl, stack: error.stack };
}
