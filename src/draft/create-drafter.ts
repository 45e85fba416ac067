import pLimit from 'p-limit';
import type { DraftRow } from '../db/tables.ts';
import { draftItem, type DraftItemDeps } from './draft-item.ts';
import { listUnfinishedDrafts, queueDraft } from '../store/drafts/queue-draft.ts';
import type { LlmSettings } from './read-llm-settings.ts';

/** The review server's background drafting. */
export interface Drafter {
  readonly settings: LlmSettings;
  /**
   * Queues a draft of an item for a week and returns its row at once (queued, or failed when the
   * budget is spent, or unchanged when one is already waiting or, with `isFirstOnly`, exists).
   */
  request(input: { week: string; itemId: number; requestedBy: string | null; isFirstOnly: boolean }): Promise<DraftRow>;
  /** Resolves when every draft queued so far has ended (tests; shutdown). */
  idle(): Promise<void>;
  /** Stops taking work and aborts calls in flight; their rows go back to queued for the next start. */
  close(): Promise<void>;
}

/**
 * Drafts in the background of the review server's process: at most `settings.concurrency` calls
 * at once (p-limit), each bounded by the timeout; the rest wait in order. State lives in the
 * `drafts` table, so the board shows queued / drafting / ready / failed from any process, and a
 * restart loses nothing: drafts a stopped process left queued or drafting are queued again at
 * start (a call cut off mid-way is made again and counts again against the budget).
 */
export async function createDrafter(deps: DraftItemDeps, settings: LlmSettings): Promise<Drafter> {
  const limit = pLimit(settings.concurrency);
  const shutdown = new AbortController();
  const running = new Map<string, Promise<void>>();

  const schedule = (key: { week: string; itemId: number }) => {
    const id = `${key.week}/${key.itemId}`;
    if (running.has(id) || shutdown.signal.aborted) return;
    const job = limit(() => (shutdown.signal.aborted ? Promise.resolve() : draftItem(deps, settings, key, shutdown.signal))).finally(() =>
      running.delete(id),
    );
    running.set(id, job);
  };

  for (const key of await listUnfinishedDrafts(deps.db)) schedule(key);

  return {
    settings,
    request: async (input) => {
      const { row, isQueued } = await queueDraft(deps.db, { ...input, now: deps.clock.now(), budget: settings.weeklyBudget });
      if (isQueued) schedule(input);
      return row;
    },
    idle: async () => {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
    close: async () => {
      shutdown.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
}
