/**
 * Child-process entry of the queue case's fixture (see startQueueFixture): generates the feeds,
 * serves them, answers { type: 'ready', feeds }, and on { type: 'close' } closes the servers and
 * exits. Exits too when the parent goes away.
 */
import { startFixtureServers, type FixtureServers } from '../fixture/serve-feeds.ts';
import { generateQueueFeeds } from './seed-queue-feeds.ts';

type ParentMessage = { type: 'start'; seed: number; count: number; itemCount: number; portCount: number } | { type: 'close' };

let servers: FixtureServers | undefined;

process.on('message', (message: ParentMessage) => {
  void handle(message).catch((error: unknown) => {
    process.send?.({ type: 'error', message: error instanceof Error ? error.stack : String(error) });
  });
});
process.on('disconnect', () => process.exit(0));

async function handle(message: ParentMessage): Promise<void> {
  if (message.type === 'start') {
    servers = await startFixtureServers(generateQueueFeeds(message.seed, message.count, message.itemCount), message.portCount);
    process.send?.({ type: 'ready', feeds: servers.feeds });
    return;
  }
  await servers?.close();
  process.disconnect();
}
