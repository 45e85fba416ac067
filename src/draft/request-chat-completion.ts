import { z } from 'zod';
import { readLimitedBody } from '../fetch/read-limited-body.ts';
import { shortenForLog } from '../shared/shorten-for-log.ts';
import { DraftError } from './draft-error.ts';
import type { LlmSettings } from './read-llm-settings.ts';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatReply {
  /** The first choice's message text, as the model wrote it. */
  content: string;
  /** The endpoint's `usage`; null when it sent none (some local servers). */
  usage: { promptTokens: number; completionTokens: number } | null;
}

/** A chat reply is a few KB; a body this large is not one. */
const MAX_REPLY_BYTES = 1_048_576;

const replySchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullable().optional() }) })).min(1),
  usage: z.object({ prompt_tokens: z.number().optional(), completion_tokens: z.number().optional() }).nullable().optional(),
});

/**
 * One call to an OpenAI-compatible chat endpoint (`POST {base}/chat/completions`; OpenAI, Ollama,
 * vLLM, llama.cpp's server, LiteLLM…), asking for a JSON object (`response_format`). A server
 * that refuses `response_format` with a 400 naming it is asked once more without it: the prompt
 * asks for JSON anyway and parseDraftReply copes with fences around it.
 *
 * Bounded by `settings.timeoutMs` and by `signal` (the drafter's shutdown).
 *
 * @throws DraftError TIMEOUT, NETWORK, HTTP_STATUS (with the endpoint's own error message), MALFORMED_REPLY
 */
export async function requestChatCompletion(
  fetchImpl: typeof fetch,
  settings: LlmSettings,
  messages: readonly ChatMessage[],
  signal?: AbortSignal,
): Promise<ChatReply> {
  try {
    return await callOnce(fetchImpl, settings, messages, true, signal);
  } catch (error) {
    if (error instanceof DraftError && error.status === 400 && /response_format|json_object/i.test(error.message)) {
      return callOnce(fetchImpl, settings, messages, false, signal);
    }
    throw error;
  }
}

async function callOnce(
  fetchImpl: typeof fetch,
  settings: LlmSettings,
  messages: readonly ChatMessage[],
  isJsonMode: boolean,
  signal?: AbortSignal,
): Promise<ChatReply> {
  const url = `${settings.baseUrl}/chat/completions`;
  const where = `POST ${url}`;
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (settings.apiKey) headers.authorization = `Bearer ${settings.apiKey}`;
  const body = { model: settings.model, messages, temperature: 0.3, ...(isJsonMode ? { response_format: { type: 'json_object' } } : {}) };
  let text: string;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: signal ? AbortSignal.any([timeout, signal]) : timeout,
    });
    text = new TextDecoder().decode(await readLimitedBody(response, MAX_REPLY_BYTES, where));
  } catch (error) {
    if (timeout.aborted)
      throw new DraftError('TIMEOUT', `${where}: no answer within ${settings.timeoutMs / 1000} s (SIFT_LLM_TIMEOUT_MS)`, { cause: error });
    if (signal?.aborted) throw new DraftError('NETWORK', `${where}: stopped, the server is shutting down`, { cause: error });
    const reason = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    throw new DraftError('NETWORK', `${where}: ${reason?.code ?? reason?.message ?? (error as Error).message}`, { cause: error });
  }
  if (!response.ok) {
    const retryAfter = response.headers.get('retry-after');
    const said = readErrorMessage(text);
    throw new DraftError(
      'HTTP_STATUS',
      `${where}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${said ? `: ${said}` : ''}${retryAfter ? ` (retry after ${retryAfter} s)` : ''}`,
      { status: response.status },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DraftError('MALFORMED_REPLY', `${where}: the answer is not JSON (is SIFT_LLM_URL the base URL ending in /v1?)`, {
      cause: error,
    });
  }
  const parsed = replySchema.safeParse(json);
  if (!parsed.success) {
    throw new DraftError(
      'MALFORMED_REPLY',
      `${where}: not a chat completion (no choices[0].message): ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  }
  const usage = parsed.data.usage;
  return {
    content: parsed.data.choices[0]!.message.content ?? '',
    usage: usage ? { promptTokens: usage.prompt_tokens ?? 0, completionTokens: usage.completion_tokens ?? 0 } : null,
  };
}

/** The endpoint's own words for an error (`{"error":{"message":…}}`, `{"error":"…"}`, `{"message":…}`), one short line. */
function readErrorMessage(text: string): string {
  let message: unknown;
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown };
    message =
      typeof json.error === 'object' && json.error !== null ? (json.error as { message?: unknown }).message : (json.error ?? json.message);
  } catch {
    return ''; // not JSON: the status line says enough, and an HTML error page is not worth quoting
  }
  return typeof message === 'string' ? shortenForLog(message.replace(/\s+/g, ' ').trim(), 300) : '';
}
