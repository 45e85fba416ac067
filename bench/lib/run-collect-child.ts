import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CollectChildRequest, CollectChildResult } from '../cases/collect-child.ts';
import { RUN_TS } from '../fixture/start-fixture.ts';

const CHILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../cases/collect-child.ts');

/** Runs one collect pass in a fresh Node process (see collect-child.ts) and returns its figures. */
export function runCollectChild(request: CollectChildRequest): Promise<CollectChildResult> {
  return new Promise((resolve, reject) => {
    const child = fork(RUN_TS, [CHILD], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let answered = false;
    child.once('message', (reply: { type: 'done'; result: CollectChildResult } | { type: 'error'; message: string }) => {
      answered = true;
      if (reply.type === 'done') resolve(reply.result);
      else reject(new Error(`collect child failed: ${reply.message}`));
    });
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`collect child exited with code ${code} before answering`));
    });
    child.send(request);
  });
}
