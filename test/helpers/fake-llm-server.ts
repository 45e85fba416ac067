import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';

/** One chat request the fake received. */
export interface FakeLlmRequest {
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, for measuring what a draft sends. */
  raw: string;
  body: { model?: string; messages?: Array<{ role: string; content: string }>; response_format?: { type: string }; [key: string]: unknown };
}

/** What the fake answers: a status with a JSON or text body, after a delay. */
export interface FakeLlmAnswer {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  delayMs?: number;
}

export interface FakeLlmServer {
  /** Base URL, as SIFT_LLM_URL takes it: `http://127.0.0.1:PORT/v1`. */
  baseUrl: string;
  requests: FakeLlmRequest[];
  /** Most requests it was answering at once. */
  maxActive: number;
  /** Replaces how it answers (default: a draft, see chatCompletion). */
  answerWith(answer: (request: FakeLlmRequest, index: number) => FakeLlmAnswer): void;
  reset(): void;
  close(): Promise<void>;
}

/** An OpenAI chat completion whose message is `content`, with a `usage` block. */
export function chatCompletion(content: string, usage = { prompt_tokens: 1200, completion_tokens: 150 }): unknown {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 1_764_000_000,
    model: 'fake-model',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

export const DEFAULT_DRAFT = {
  title: '深入理解 asyncio 事件循环',
  summary: '这篇长文从事件循环讲起，解释了任务的调度与取消。作者配了大量示例，适合想搞懂 asyncio 内部机制的读者。',
};

/**
 * A local OpenAI-compatible chat endpoint on 127.0.0.1 (POST /v1/chat/completions) that records
 * every request, so tests check what sift sends, and answers as told (a draft by default).
 */
export async function startFakeLlmServer(): Promise<FakeLlmServer> {
  const requests: FakeLlmRequest[] = [];
  let answer: (request: FakeLlmRequest, index: number) => FakeLlmAnswer = () => ({ json: chatCompletion(JSON.stringify(DEFAULT_DRAFT)) });
  let active = 0;
  const state = { maxActive: 0 };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: FakeLlmRequest['body'] = {};
      try {
        body = JSON.parse(raw) as FakeLlmRequest['body'];
      } catch {
        body = {}; // the test sees the raw text and an empty body
      }
      const received: FakeLlmRequest = { path: request.url ?? '', headers: request.headers, raw, body };
      requests.push(received);
      active++;
      state.maxActive = Math.max(state.maxActive, active);
      let isOpen = true;
      const end = () => {
        if (isOpen) active--;
        isOpen = false;
      };
      // A client that gave up (timeout) is no longer waiting on this answer.
      response.on('close', end);
      const reply =
        request.url === '/v1/chat/completions'
          ? answer(received, requests.length - 1)
          : { status: 404, json: { error: { message: `no route ${request.url}` } } };
      const send = () => {
        end();
        if (response.destroyed) return;
        const text = reply.text ?? JSON.stringify(reply.json ?? {});
        response.writeHead(reply.status ?? 200, {
          'content-type': reply.text !== undefined ? 'text/plain' : 'application/json',
          ...reply.headers,
        });
        response.end(text);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get maxActive() {
      return state.maxActive;
    },
    answerWith: (next) => {
      answer = next;
    },
    reset: () => {
      requests.length = 0;
      state.maxActive = 0;
      answer = () => ({ json: chatCompletion(JSON.stringify(DEFAULT_DRAFT)) });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
