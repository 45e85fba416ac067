import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Db } from '../src/db/database.ts';
import { createDrafter, type Drafter } from '../src/draft/create-drafter.ts';
import type { LlmSettings } from '../src/draft/read-llm-settings.ts';
import { canonicalizeUrl } from '../src/normalize/canonicalize-url.ts';
import { createRankCandidateSource } from '../src/review/create-rank-candidate-source.ts';
import { startReviewServer } from '../src/review/start-review-server.ts';
import { loadEnv } from '../src/config/env.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { silentLogger } from '../src/shared/logger.ts';
import { describeEachEngine } from './helpers/db.ts';
import { chatCompletion, DEFAULT_DRAFT, startFakeLlmServer, type FakeLlmServer } from './helpers/fake-llm-server.ts';
import { createTestReviewApp, signInCurator } from './helpers/review-harness.ts';
import { readReviewConfig, REVIEW_NOW, REVIEW_WEEK, seedReviewWeek } from './helpers/review-seed.ts';
import type { ReviewSession } from './helpers/review-session.ts';

const TOKEN = 'correct horse battery staple';
const API_KEY = 'sk-test-drafting-key';
const ASYNCIO = 'https://blog.test/asyncio-deep-dive';
const TYPING = 'https://blog.test/typing-guide';
const GIL = 'https://zh.test/gil-free-threading';
const LEAD = 'The asyncio event loop runs one callback at a time, and everything else in asyncio is built on that one rule.';
const PAGE_TEXT = `${LEAD}\n\nEXTRACTED-ARTICLE-TEXT: tasks wrap coroutines and cancellation raises CancelledError inside them.`;

/** The weekly's own past items, as `sift history import` stores them. */
async function seedHistory(db: Db): Promise<void> {
  await db.insertInto('issues').values({ number: 33, title: 'Python 潮流周刊#33', pub_date: '2026-11-15', front_matter: '{}' }).execute();
  const row = (section: string, category: string, position: number, title: string, summary: string) => ({
    issue_number: 33,
    section,
    category,
    position,
    title,
    summary,
    url: `https://past.test/${category}/${position}`,
    canonical_url: `https://past.test/${category}/${position}`,
    image_url: null,
  });
  await db
    .insertInto('published')
    .values([
      row('🐿️项目&资源', 'projects', 1, '往期项目：PROJECT-EXAMPLE', '一个项目的介绍。'),
      row('🦄文章&教程', 'articles', 1, '往期文章：ARTICLE-EXAMPLE-ONE', '文章示例一的简介，两三句话。'),
      row('🦄文章&教程', 'articles', 2, '往期文章：ARTICLE-EXAMPLE-TWO', '文章示例二的简介。'),
    ])
    .execute();
}

async function seedReadablePage(db: Db, url: string, text: string): Promise<void> {
  await sql`insert into readable_pages (canonical_url, status, text, lang) values (${canonicalizeUrl(url)}, 'ok', ${text}, 'en')`.execute(
    db,
  );
}

describeEachEngine('drafting summaries through an OpenAI-compatible endpoint', ({ getDb }) => {
  const config = readReviewConfig();
  const clock = fixedClock(REVIEW_NOW);
  let fake: FakeLlmServer;
  let ids: Map<string, number>;
  let drafters: Drafter[] = [];
  const id = (url: string) => ids.get(url)!;
  const settings = (overrides: Partial<LlmSettings> = {}): LlmSettings => ({
    baseUrl: fake.baseUrl,
    model: 'qwen2.5:7b',
    apiKey: API_KEY,
    weeklyBudget: 50,
    concurrency: 2,
    timeoutMs: 5000,
    ...overrides,
  });
  const startDrafter = async (overrides: Partial<LlmSettings> = {}) => {
    const drafter = await createDrafter({ db: getDb(), log: silentLogger(), clock, fetch, config }, settings(overrides));
    drafters.push(drafter);
    return drafter;
  };
  const draftRow = (week: string, itemId: number) =>
    getDb().selectFrom('drafts').selectAll().where('week', '=', week).where('item_id', '=', itemId).executeTakeFirstOrThrow();
  /** Drafts one item in its own week (each test its own budget) and returns the row once it ended. */
  const draftOnce = async (drafter: Drafter, week: string, url: string) => {
    await drafter.request({ week, itemId: id(url), requestedBy: 'test', isFirstOnly: false });
    await drafter.idle();
    return draftRow(week, id(url));
  };

  beforeAll(async () => {
    fake = await startFakeLlmServer();
    ids = await seedReviewWeek(getDb(), config);
    await seedHistory(getDb());
    await seedReadablePage(getDb(), ASYNCIO, PAGE_TEXT);
  });
  beforeEach(async () => {
    await Promise.all(drafters.map((drafter) => drafter.close()));
    drafters = [];
    fake.reset();
  });
  afterAll(async () => {
    await Promise.all(drafters.map((drafter) => drafter.close()));
    await fake?.close();
  });

  async function startApp(drafter: Drafter | undefined): Promise<{ app: FastifyInstance; session: ReviewSession }> {
    const app = await createTestReviewApp({ db: getDb(), config, clock, token: TOKEN, drafter });
    const session = await signInCurator(app, { token: TOKEN, name: '猫哥', week: REVIEW_WEEK });
    return { app, session };
  }

  it('drafts an accepted item in the background from its extracted text and the weekly’s own items; the decision changes only when the curator saves', async () => {
    const drafter = await startDrafter();
    const { app, session } = await startApp(drafter);
    try {
      const itemId = id(ASYNCIO);
      const accepted = await session.postJson(`/api/weeks/${REVIEW_WEEK}/items/${itemId}/decision`, {
        version: 0,
        status: 'accepted',
        category: 'articles',
      });
      expect(accepted.statusCode).toBe(200);
      const early = (
        await session.request({
          method: 'GET',
          url: `/api/weeks/${REVIEW_WEEK}/items/${itemId}/draft`,
          headers: { accept: 'application/json' },
        })
      ).json();
      expect(['queued', 'drafting', 'ready']).toContain(early.draft.status);
      await drafter.idle();

      // What went to the endpoint.
      expect(fake.requests).toHaveLength(1);
      const [request] = fake.requests;
      expect(request!.path).toBe('/v1/chat/completions');
      expect(request!.headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(request!.body.model).toBe('qwen2.5:7b');
      expect(request!.body.response_format).toEqual({ type: 'json_object' });
      const [system, user] = request!.body.messages!;
      expect(system!.role).toBe('system');
      expect(system!.content).toContain('Python 潮流周刊');
      expect(system!.content).toContain('2–4 句');
      expect(user!.content).toContain('EXTRACTED-ARTICLE-TEXT');
      expect(user!.content).toContain('原文是英文');
      expect(user!.content).toContain('栏目：文章&教程');
      // The weekly's own articles come before the project example.
      expect(user!.content.indexOf('ARTICLE-EXAMPLE-ONE')).toBeGreaterThan(-1);
      expect(user!.content.indexOf('ARTICLE-EXAMPLE-TWO')).toBeGreaterThan(-1);
      expect(user!.content.indexOf('ARTICLE-EXAMPLE-TWO')).toBeLessThan(user!.content.indexOf('PROJECT-EXAMPLE'));

      // The draft is there, marked English, with the week's spending.
      const shown = (
        await session.request({
          method: 'GET',
          url: `/api/weeks/${REVIEW_WEEK}/items/${itemId}/draft`,
          headers: { accept: 'application/json' },
        })
      ).json();
      expect(shown.draft).toMatchObject({
        status: 'ready',
        title: DEFAULT_DRAFT.title,
        summary: DEFAULT_DRAFT.summary,
        isEnglish: true,
        error: null,
        model: 'qwen2.5:7b',
      });
      const week = (
        await session.request({ method: 'GET', url: `/api/weeks/${REVIEW_WEEK}/drafts`, headers: { accept: 'application/json' } })
      ).json();
      expect(week.budget).toEqual({ limit: 50, calls: 1, promptTokens: 1200, completionTokens: 150 });
      expect(week.drafts.map((draft: { itemId: number }) => draft.itemId)).toEqual([itemId]);

      // Nothing reached the decision.
      const decision = await getDb()
        .selectFrom('decisions')
        .selectAll()
        .where('week', '=', REVIEW_WEEK)
        .where('item_id', '=', itemId)
        .executeTakeFirstOrThrow();
      expect(decision).toMatchObject({ title: null, summary: null, version: 1 });

      // Accepting again (after a reject) does not spend another call on an item that has a draft.
      await session.postJson(`/api/weeks/${REVIEW_WEEK}/items/${itemId}/decision`, { version: 1, status: 'rejected' });
      await session.postJson(`/api/weeks/${REVIEW_WEEK}/items/${itemId}/decision`, {
        version: 2,
        status: 'accepted',
        category: 'articles',
      });
      await drafter.idle();
      expect(fake.requests).toHaveLength(1);

      // The curator applies it in the edit form and saves: now the decision carries it.
      const saved = await session.postJson(`/api/weeks/${REVIEW_WEEK}/items/${itemId}/decision`, {
        version: 3,
        title: shown.draft.title,
        summary: `${shown.draft.summary}（编辑改过）`,
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json().decision).toMatchObject({ title: DEFAULT_DRAFT.title, summary: `${DEFAULT_DRAFT.summary}（编辑改过）` });
    } finally {
      await app.close();
    }
  });

  it('drafts every item a bulk action accepts, and none it rejects', async () => {
    const drafter = await startDrafter();
    const { app, session } = await startApp(drafter);
    try {
      const response = await session.postJson('/api/weeks/2026-W31/decisions', {
        items: [
          { itemId: id(ASYNCIO), version: 0, status: 'accepted', category: 'articles' },
          { itemId: id(TYPING), version: 0, status: 'rejected' },
        ],
      });
      expect(response.statusCode).toBe(200);
      await drafter.idle();
      expect(fake.requests).toHaveLength(1);
      expect((await draftRow('2026-W31', id(ASYNCIO))).status).toBe('ready');
    } finally {
      await app.close();
    }
  });

  it('drafts from the feed summary when no page was read, on the draft button', async () => {
    const drafter = await startDrafter();
    const { app, session } = await startApp(drafter);
    try {
      const response = await session.postJson(`/api/weeks/2026-W30/items/${id(TYPING)}/draft`, {});
      expect(response.statusCode).toBe(202);
      expect(response.json().draft.status).toBe('queued');
      await drafter.idle();
      expect(fake.requests[0]!.body.messages![1]!.content).toContain('Type hints, protocols and generics explained with examples.');
      expect((await draftRow('2026-W30', id(TYPING))).status).toBe('ready');
    } finally {
      await app.close();
    }
  });

  it.each([
    [
      429,
      { error: { message: 'Rate limit reached for gpt-4o-mini', type: 'rate_limit_error' } },
      { 'retry-after': '20' },
      'HTTP 429 Too Many Requests: Rate limit reached for gpt-4o-mini (retry after 20 s)',
    ],
    [
      500,
      { error: 'model "qwen2.5:7b" not found, try pulling it first' },
      {},
      'HTTP 500 Internal Server Error: model "qwen2.5:7b" not found, try pulling it first',
    ],
    [401, { error: { message: 'Incorrect API key provided' } }, {}, 'HTTP 401 Unauthorized: Incorrect API key provided'],
  ])('shows the endpoint’s own error text on HTTP %i', async (status, json, headers, message) => {
    const drafter = await startDrafter();
    fake.answerWith(() => ({ status, json, headers }));
    const row = await draftOnce(drafter, `2026-W0${String(status).slice(0, 1)}`, TYPING);
    expect(row.status).toBe('failed');
    expect(row.error).toBe(`POST ${fake.baseUrl}/chat/completions: ${message}`);
    expect(row.title).toBeNull();
  });

  it('fails a draft whose endpoint does not answer in time, and the next call still works', async () => {
    const drafter = await startDrafter({ timeoutMs: 300 });
    fake.answerWith((_request, index) =>
      index === 0 ? { delayMs: 3000, json: chatCompletion('{}') } : { json: chatCompletion(JSON.stringify(DEFAULT_DRAFT)) },
    );
    const startedAt = Date.now();
    const row = await draftOnce(drafter, '2026-W10', TYPING);
    expect(Date.now() - startedAt).toBeLessThan(2500);
    expect(row.status).toBe('failed');
    expect(row.error).toBe(`POST ${fake.baseUrl}/chat/completions: no answer within 0.3 s (SIFT_LLM_TIMEOUT_MS)`);
    expect((await draftOnce(drafter, '2026-W10', TYPING)).status).toBe('ready');
  });

  it.each([
    [
      'prose instead of JSON',
      { json: chatCompletion('抱歉，我不能总结这篇文章。') },
      'the model\'s reply holds no JSON object: "抱歉，我不能总结这篇文章。"',
    ],
    [
      'JSON without a summary',
      { json: chatCompletion('{"title":"只有标题"}') },
      'the model\'s reply is not a draft {"title", "summary"}: summary is missing or not text: "{\\"title\\":\\"只有标题\\"}"',
    ],
    [
      'a body that is no chat completion',
      { json: { result: 'ok' } },
      `POST {base}/chat/completions: not a chat completion (no choices[0].message): choices: Invalid input: expected array, received undefined`,
    ],
    [
      'an HTML page',
      { text: '<html>nginx</html>' },
      'POST {base}/chat/completions: the answer is not JSON (is SIFT_LLM_URL the base URL ending in /v1?)',
    ],
  ])('fails a draft on %s, saying what came back', async (_name, answer, message) => {
    const drafter = await startDrafter();
    fake.answerWith(() => answer);
    const row = await draftOnce(drafter, '2026-W11', TYPING);
    expect(row.status).toBe('failed');
    expect(row.error).toBe(message.replace('{base}', fake.baseUrl));
  });

  it('reads a fenced reply and counts its tokens even when it is unusable', async () => {
    const drafter = await startDrafter();
    fake.answerWith(() => ({
      json: chatCompletion('```json\n{"title": "类型提示实用指南", "summary": "讲类型提示。"}\n```', {
        prompt_tokens: 900,
        completion_tokens: 40,
      }),
    }));
    const row = await draftOnce(drafter, '2026-W12', TYPING);
    expect(row).toMatchObject({
      status: 'ready',
      title: '类型提示实用指南',
      summary: '讲类型提示。',
      calls: 1,
      prompt_tokens: 900,
      completion_tokens: 40,
      is_english: true,
    });
    fake.answerWith(() => ({ json: chatCompletion('no', { prompt_tokens: 800, completion_tokens: 2 }) }));
    const failed = await draftOnce(drafter, '2026-W12', TYPING);
    expect(failed).toMatchObject({ status: 'failed', title: '类型提示实用指南', calls: 2, prompt_tokens: 1700, completion_tokens: 42 });
  });

  it('asks again without response_format when the server refuses JSON mode', async () => {
    const drafter = await startDrafter();
    fake.answerWith((request) =>
      request.body.response_format
        ? {
            status: 400,
            json: { error: { message: "Invalid parameter: 'response_format' of type 'json_object' is not supported with this model." } },
          }
        : { json: chatCompletion(JSON.stringify(DEFAULT_DRAFT)) },
    );
    const row = await draftOnce(drafter, '2026-W13', GIL);
    expect(row).toMatchObject({ status: 'ready', is_english: false });
    expect(fake.requests.map((request) => Boolean(request.body.response_format))).toEqual([true, false]);
  });

  it('stops at the weekly budget with a clear reason, and never overruns it', async () => {
    const drafter = await startDrafter({ weeklyBudget: 2, concurrency: 3 });
    const week = '2026-W14';
    const rows = await Promise.all(
      [ASYNCIO, TYPING, GIL].map((url) => drafter.request({ week, itemId: id(url), requestedBy: 'test', isFirstOnly: false })),
    );
    await drafter.idle();
    const ended = await Promise.all([ASYNCIO, TYPING, GIL].map((url) => draftRow(week, id(url))));
    expect(fake.requests).toHaveLength(2);
    expect(ended.filter((row) => row.status === 'ready')).toHaveLength(2);
    const refused = ended.find((row) => row.status === 'failed')!;
    expect(refused.error).toBe(
      'drafting budget of week 2026-W14 is used up: 2 of 2 endpoint calls (raise SIFT_LLM_WEEKLY_BUDGET to draft more)',
    );
    expect(rows).toHaveLength(3);
    // A redraft is refused at once, without a call.
    const again = await drafter.request({ week, itemId: id(ASYNCIO), requestedBy: 'test', isFirstOnly: false });
    expect(again.status).toBe('failed');
    expect(again.error).toContain('is used up');
    await drafter.idle();
    expect(fake.requests).toHaveLength(2);
    // Another week has its own budget.
    expect((await draftOnce(drafter, '2026-W15', ASYNCIO)).status).toBe('ready');
  });

  it('asks the endpoint at most `concurrency` drafts at once', async () => {
    const drafter = await startDrafter({ concurrency: 2 });
    fake.answerWith(() => ({ delayMs: 150, json: chatCompletion(JSON.stringify(DEFAULT_DRAFT)) }));
    const urls = [...ids.keys()].slice(0, 6);
    for (const url of urls) await drafter.request({ week: '2026-W16', itemId: id(url), requestedBy: 'test', isFirstOnly: false });
    const states = await Promise.all(urls.map((url) => draftRow('2026-W16', id(url)).then((row) => row.status)));
    expect(states.filter((state) => state === 'queued' || state === 'drafting')).toHaveLength(6);
    await drafter.idle();
    expect(fake.requests).toHaveLength(6);
    expect(fake.maxActive).toBe(2);
    for (const url of urls) expect((await draftRow('2026-W16', id(url))).status).toBe('ready');
  });

  it('drafts at start what a stopped server left queued or drafting', async () => {
    const db = getDb();
    for (const [url, status] of [
      [ASYNCIO, 'queued'],
      [TYPING, 'drafting'],
    ] as const) {
      await db
        .insertInto('drafts')
        .values({ week: '2026-W17', item_id: id(url), status })
        .execute();
    }
    const drafter = await startDrafter();
    await drafter.idle();
    expect(fake.requests).toHaveLength(2);
    expect((await draftRow('2026-W17', id(ASYNCIO))).status).toBe('ready');
    expect((await draftRow('2026-W17', id(TYPING))).status).toBe('ready');
  });

  it('the review server drafts with SIFT_LLM_* set, picking up what a stopped one left queued; a URL without a model stops it from starting', async () => {
    const db = getDb();
    const deps = (env: Record<string, string>) => ({ db, log: silentLogger(), clock, fetch, config, env: loadEnv(env) });
    const options = { port: 0, host: '127.0.0.1', token: TOKEN, candidates: createRankCandidateSource({ db, config, clock }) };
    await expect(startReviewServer(deps({ SIFT_LLM_URL: fake.baseUrl }), options)).rejects.toThrow(/SIFT_LLM_MODEL: set the model/);
    await db
      .insertInto('drafts')
      .values({ week: '2026-W19', item_id: id(GIL), status: 'queued' })
      .execute();
    const server = await startReviewServer(
      deps({ SIFT_LLM_URL: fake.baseUrl, SIFT_LLM_MODEL: 'gpt-4o-mini', SIFT_LLM_API_KEY: API_KEY }),
      options,
    );
    try {
      for (let waited = 0; (await draftRow('2026-W19', id(GIL))).status !== 'ready' && waited < 10_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(await draftRow('2026-W19', id(GIL))).toMatchObject({ status: 'ready', model: 'gpt-4o-mini', title: DEFAULT_DRAFT.title });
      expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    } finally {
      await server.close();
    }
  });

  it('without an endpoint: no draft on accept, the button says drafting is off, the edit form gets the lead paragraph', async () => {
    const { app, session } = await startApp(undefined);
    try {
      const itemId = id(ASYNCIO);
      const week = '2026-W18';
      expect(
        (await session.postJson(`/api/weeks/${week}/items/${itemId}/decision`, { version: 0, status: 'accepted', category: 'articles' }))
          .statusCode,
      ).toBe(200);
      const button = await session.postJson(`/api/weeks/${week}/items/${itemId}/draft`, {});
      expect(button.statusCode).toBe(409);
      expect(button.json()).toEqual({
        error: 'NOT_CONFIGURED',
        message: 'drafting is off: set SIFT_LLM_URL and SIFT_LLM_MODEL (see the README, Drafting summaries) and restart',
      });
      const shown = (
        await session.request({ method: 'GET', url: `/api/weeks/${week}/items/${itemId}/draft`, headers: { accept: 'application/json' } })
      ).json();
      expect(shown).toEqual({ isConfigured: false, draft: null, isEnglish: true, leadParagraph: LEAD });
      expect(await getDb().selectFrom('drafts').select('item_id').where('week', '=', week).execute()).toEqual([]);
      expect(fake.requests).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
