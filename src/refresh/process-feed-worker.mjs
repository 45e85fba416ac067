// Worker-thread entry of the process-feed pool (see process-feed-pool.ts). Plain JavaScript because
// a worker does not inherit the main thread's tsx hooks: it registers tsx itself, then loads the
// TypeScript stage.
//
// Wire format. In: { id, document } (a FeedDocument, its bytes transferred).
// Out: { id, result } (a ProcessedFeed) or { id, error: { name, code, message, alternateUrl, stack } },
// from which the main thread rebuilds the typed error.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { processFeed } = await import('./process-feed.ts');

// Messages that arrived while the imports loaded are queued on the port until this listener starts it.
parentPort.on('message', async ({ id, document }) => {
  try {
    parentPort.postMessage({ id, result: await processFeed(document) });
  } catch (error) {
    parentPort.postMessage({ id, error: describeError(error) });
  }
});

function describeError(error) {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  return { name: error.name, code: error.code, message: error.message, alternateUrl: error.alternateUrl, stack: error.stack };
}
