import { Worker } from 'node:worker_threads';
import { AppError, ParseError, type ParseErrorCode } from '../shared/errors.ts';
import type { FeedDocument, ProcessedFeed } from './process-feed.ts';

/** Beside this module: from the sources, a shim that loads process-feed-worker.ts through tsx; in the build, that worker compiled. */
const WORKER_URL = new URL('./process-feed-worker.mjs', import.meta.url);

export interface ProcessFeedPoolOptions {
  /**
   * Worker threads. The main thread still fetches and stores, so cores − 1 (at least 1) is the
   * useful most: more workers only compete for the same cores and cost ~30 MB each (~50 MB
   * run through tsx; bench/).
   */
  size: number;
}

export interface ProcessFeedPool {
  /** Same contract as processFeed, run on a worker thread. The document's bytes are moved there: the caller's array is empty afterwards. */
  processFeed(document: FeedDocument): Promise<ProcessedFeed>;
  /** Stops the workers; work still queued or running rejects with POOL_CLOSED. */
  close(): Promise<void>;
  readonly size: number;
  /** Worker threads started so far: 0 until the first document, then `size` (restarts included). */
  readonly threadsStarted: number;
}

/** What a worker sends back for a thrown error: enough to rebuild the typed error here. */
interface WireError {
  name: string;
  code?: string;
  message: string;
  alternateUrl?: string;
  stack?: string;
}

type WorkerReply = { id: number; result: ProcessedFeed; error?: undefined } | { id: number; error: WireError };

interface Slot {
  worker: Worker;
  inFlight: Set<number>;
  /** Set once the worker has answered: a worker that dies before that is broken, not unlucky, and is not restarted. */
  hasAnswered: boolean;
  isAlive: boolean;
}

interface Task {
  slot: Slot;
  resolve(result: ProcessedFeed): void;
  reject(error: Error): void;
}

/**
 * Runs processFeed (decode, parse, normalize, digest links) on `size` worker threads, so a pass
 * that is parse-bound uses every core while the main thread keeps fetching and storing.
 *
 * Each document goes to the worker with the fewest documents in flight (ties: the next in turn).
 * Errors keep their type: a ParseError thrown in a worker rejects here as a ParseError with the
 * same code, message and alternateUrl, so refreshSource records it exactly as it would in-thread
 * (the `cause` does not cross the thread boundary). A worker that dies fails only its own documents
 * and is replaced, unless it died before answering anything (it cannot start: restarting would
 * loop); with no worker left, calls reject with the reason. Idle workers do not keep the process
 * alive; call close() all the same.
 *
 * The threads start with the first document, not with the pool: each loads the parser's modules
 * (about 0.15 s of CPU on the bench machine), which a pass where every feed answers 304 never
 * needs (`sift collect`'s second pass; bench/, case process).
 *
 * @example
 * const pool = createProcessFeedPool({ size: Math.max(1, os.availableParallelism() - 1) });
 * try {
 *   await collectSources({ ...deps, processFeed: pool.processFeed }, sources, options);
 * } finally {
 *   await pool.close();
 * }
 */
export function createProcessFeedPool(options: ProcessFeedPoolOptions): ProcessFeedPool {
  if (!Number.isInteger(options.size) || options.size < 1) {
    throw new AppError('USAGE', `process-feed pool size must be a positive integer, got ${options.size}`);
  }
  const tasks = new Map<number, Task>();
  const slots: Slot[] = [];
  let nextId = 0;
  let nextSlot = 0;
  let isClosed = false;
  let brokenError: Error | undefined;
  let threadsStarted = 0;

  const settle = (slot: Slot, id: number): Task | undefined => {
    const task = tasks.get(id);
    tasks.delete(id);
    slot.inFlight.delete(id);
    if (slot.inFlight.size === 0) slot.worker.unref();
    return task;
  };

  const startWorker = (index: number): void => {
    threadsStarted += 1;
    const slot: Slot = { worker: new Worker(WORKER_URL), inFlight: new Set(), hasAnswered: false, isAlive: true };
    slot.worker.unref();
    slot.worker.on('message', (reply: WorkerReply) => {
      slot.hasAnswered = true;
      const task = settle(slot, reply.id);
      if (reply.error) task?.reject(rebuildError(reply.error));
      else task?.resolve(reply.result);
    });
    const fail = (error: Error) => {
      if (!slot.isAlive) return; // 'error' is followed by 'exit': handled once
      slot.isAlive = false;
      for (const id of [...slot.inFlight]) settle(slot, id)?.reject(error);
      if (isClosed) return;
      if (slot.hasAnswered) startWorker(index);
      else brokenError = error;
    };
    slot.worker.on('error', (error) => fail(new AppError('INTERNAL', `process-feed worker crashed: ${error.message}`, { cause: error })));
    slot.worker.on('exit', (code) => fail(new AppError('INTERNAL', `process-feed worker exited with code ${code}`)));
    slots[index] = slot;
  };

  /** The live worker with the fewest documents in flight, starting the search after the last one chosen. */
  const pickSlot = (): Slot | undefined => {
    let best: Slot | undefined;
    let bestIndex = 0;
    for (let offset = 0; offset < slots.length; offset++) {
      const index = (nextSlot + offset) % slots.length;
      const slot = slots[index] as Slot;
      if (slot.isAlive && (!best || slot.inFlight.size < best.inFlight.size)) {
        best = slot;
        bestIndex = index;
      }
    }
    nextSlot = (bestIndex + 1) % slots.length;
    return best;
  };

  return {
    size: options.size,
    get threadsStarted() {
      return threadsStarted;
    },
    processFeed(document) {
      if (isClosed) return Promise.reject(new AppError('POOL_CLOSED', 'the process-feed pool is closed'));
      if (slots.length === 0) for (let index = 0; index < options.size; index++) startWorker(index);
      const slot = pickSlot();
      if (!slot)
        return Promise.reject(
          new AppError('INTERNAL', `no process-feed worker could start: ${brokenError?.message ?? 'unknown reason'}`, {
            cause: brokenError,
          }),
        );
      const id = nextId++;
      const bytes = ownBytes(document.bytes);
      return new Promise<ProcessedFeed>((resolve, reject) => {
        tasks.set(id, { slot, resolve, reject });
        slot.inFlight.add(id);
        slot.worker.ref();
        try {
          slot.worker.postMessage({ id, document: { ...document, bytes } }, [bytes.buffer as ArrayBuffer]);
        } catch (error) {
          // A document that cannot be cloned never reached the worker: fail this call alone.
          settle(slot, id);
          reject(error);
        }
      });
    },
    async close() {
      if (isClosed) return;
      isClosed = true;
      const closing = slots.map((slot) => {
        for (const id of [...slot.inFlight])
          settle(slot, id)?.reject(new AppError('POOL_CLOSED', 'the process-feed pool closed before this feed was processed'));
        return slot.worker.terminate();
      });
      await Promise.all(closing);
    },
  };
}

/**
 * The bytes as an array that owns its whole buffer, ready to transfer. A view into a larger or
 * shared buffer (Node's Buffer pool) is copied: transferring it would empty its neighbours too.
 */
function ownBytes(bytes: Uint8Array): Uint8Array {
  const isWhole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return isWhole ? bytes : new Uint8Array(bytes);
}

/** The typed error a worker threw, as the in-thread call would have thrown it. */
function rebuildError(wire: WireError): Error {
  let error: Error;
  if (wire.name === 'ParseError') {
    error = new ParseError(
      wire.code as ParseErrorCode,
      wire.message,
      wire.alternateUrl === undefined ? undefined : { alternateUrl: wire.alternateUrl },
    );
  } else if (typeof wire.code === 'string') {
    error = new AppError(wire.code, wire.message);
  } else {
    error = new Error(wire.message);
  }
  if (wire.stack) error.stack = wire.stack;
  return error;
}
