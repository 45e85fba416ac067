import type { WeeklyConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import { buildDraftMessages } from './build-draft-messages.ts';
import { claimDraftCall } from '../store/drafts/claim-draft-call.ts';
import { DraftError } from './draft-error.ts';
import { finishDraft } from '../store/drafts/finish-draft.ts';
import { loadDraftExamples } from '../store/drafts/load-draft-examples.ts';
import { loadDraftSubject } from '../store/drafts/load-draft-subject.ts';
import { parseDraftReply } from './parse-draft-reply.ts';
import { requeueDraft } from '../store/drafts/requeue-draft.ts';
import type { LlmSettings } from './read-llm-settings.ts';
import { requestChatCompletion, type ChatReply } from './request-chat-completion.ts';

export interface DraftItemDeps {
  db: Db;
  log: Logger;
  clock: Clock;
  fetch: typeof fetch;
  config: { weekly: WeeklyConfig };
}

/**
 * Makes one queued draft: takes a call of the week's budget, gives the model the item's text and
 * a few of the weekly's past items, and stores the reply's title and summary as the draft (never
 * on the decision). Every failure ends on the row as `failed` with its reason; nothing is thrown.
 * A call cut off by shutdown (`signal`) puts the row back to queued for the next start.
 */
export async function draftItem(
  deps: DraftItemDeps,
  settings: LlmSettings,
  key: { week: string; itemId: number },
  signal?: AbortSignal,
): Promise<void> {
  const log = deps.log.child({ week: key.week, itemId: key.itemId });
  let reply: ChatReply | null = null;
  try {
    if (!(await claimDraftCall(deps.db, { ...key, budget: settings.weeklyBudget, model: settings.model }))) return;
    const subject = await loadDraftSubject(deps.db, deps.config.weekly, key.week, key.itemId);
    const examples = await loadDraftExamples(deps.db, subject.category);
    const startedAt = Date.now();
    reply = await requestChatCompletion(deps.fetch, settings, buildDraftMessages(deps.config.weekly.title, subject, examples), signal);
    const draft = parseDraftReply(reply.content);
    await finishDraft(deps.db, key, { status: 'ready', draft, isEnglish: subject.isEnglish, usage: reply.usage }, deps.clock.now());
    log.info({ ms: Date.now() - startedAt, textSource: subject.textSource, examples: examples.length, usage: reply.usage }, 'draft ready');
  } catch (error) {
    if (signal?.aborted) {
      // Shutting down: the next start drafts it again.
      await requeueDraft(deps.db, key).catch((requeueError: unknown) => log.warn({ err: requeueError }, 'draft left drafting')); // the next start queues drafting rows too
      return;
    }
    const isExpected = error instanceof DraftError;
    if (isExpected) log.warn({ code: error.code, err: error }, 'draft failed');
    else log.error({ err: error }, 'draft failed');
    const message = isExpected ? error.message : `drafting stopped on an internal error: ${(error as Error).message}`;
    await finishDraft(deps.db, key, { status: 'failed', error: message, usage: reply?.usage }, deps.clock.now()).catch(
      (finishError: unknown) => {
        log.error({ err: finishError }, 'draft failure not stored'); // the row stays drafting; the next start queues it again
      },
    );
  }
}
