import type { Db } from '../../db/database.ts';
import type { DraftText } from '../../draft/parse-draft-reply.ts';

export type DraftOutcome =
  | { status: 'ready'; draft: DraftText; isEnglish: boolean; usage: { promptTokens: number; completionTokens: number } | null }
  | { status: 'failed'; error: string; usage?: { promptTokens: number; completionTokens: number } | null };

/**
 * Stores how a draft ended: its text (ready), or the error the curator reads (failed; the text of
 * an earlier ready draft is kept). Tokens the endpoint reported are added to the row either way.
 * Never touches the decision: only the curator's save does.
 */
export async function finishDraft(db: Db, key: { week: string; itemId: number }, outcome: DraftOutcome, now: Date): Promise<void> {
  const usage = outcome.usage ?? { promptTokens: 0, completionTokens: 0 };
  await db
    .updateTable('drafts')
    .set((eb) => ({
      status: outcome.status,
      ...(outcome.status === 'ready'
        ? { title: outcome.draft.title, summary: outcome.draft.summary, is_english: outcome.isEnglish, error: null }
        : { error: outcome.error }),
      prompt_tokens: eb('prompt_tokens', '+', usage.promptTokens),
      completion_tokens: eb('completion_tokens', '+', usage.completionTokens),
      finished_at: now,
    }))
    .where('week', '=', key.week)
    .where('item_id', '=', key.itemId)
    .execute();
}
