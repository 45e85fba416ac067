import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../shared/errors.ts';
import { countUsableCores } from './count-usable-cores.ts';

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z.object({
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  SIFT_DATA_DIR: z.string().default('./data'),
  SIFT_SOURCES: z.string().default('./sources.yaml'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SIFT_REVIEW_TOKEN: optionalUrl,
  /** Review UI behind a reverse proxy: which proxies' X-Forwarded-* to believe (see readTrustProxy). */
  SIFT_TRUST_PROXY: z.string().trim().default('').transform(readTrustProxy),
  /**
   * Ops server of `sift scheduler` / `sift worker`. Unset (or empty): 9464, or the next free port
   * when another sift process on the host has it. Set: that port or a clear failure (0 = any free).
   */
  SIFT_METRICS_PORT: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(0).max(65535).optional()),
  SIFT_QUEUE_PREFIX: z.string().default('sift'),
  /** `1`: what any source's responses choose (redirects, click-throughs) may reach private networks. */
  SIFT_ALLOW_PRIVATE_NETWORKS: z
    .enum(['', '0', '1', 'false', 'true'], { error: 'must be 1 (allow) or 0 (refuse, the default)' })
    .default('')
    .transform((value) => value === '1' || value === 'true'),
  /** `1` (default): when the review server ranks a week, it reads the top 3 × slots candidates' pages ahead of the curator. */
  SIFT_READ_AHEAD: z
    .enum(['', '0', '1', 'false', 'true'], { error: 'must be 1 (read ahead, the default) or 0' })
    .default('')
    .transform((value) => value !== '0' && value !== 'false'),
  SIFT_CONCURRENCY: z.coerce.number().int().positive().default(16),
  SIFT_HOST_CONCURRENCY: z.coerce.number().int().positive().default(2),
  /** Worker threads that decode and parse feeds (0 = on the main thread); default: usable cores − 1 (a container's CPU limit counts). */
  SIFT_PARSE_THREADS: z.coerce
    .number()
    .int()
    .min(0)
    .max(64)
    .default(Math.max(1, countUsableCores() - 1)),
  /** Distributed mode: how often the scheduler looks for due sources. */
  SIFT_SCHEDULER_TICK_MS: z.coerce.number().int().min(100).default(60_000),
  /** Distributed mode: job lock, stalled-job check and host lease; a killed worker's work resumes after about this long. */
  SIFT_WORKER_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  /** Distributed mode: how long SIGTERM waits for running jobs before leaving them to other workers. */
  SIFT_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * Drafting (src/draft/): an OpenAI-compatible chat endpoint's base URL (`…/v1`; sift POSTs to
   * `{base}/chat/completions`), the model, and a bearer key when the server wants one. Without a
   * URL nothing is drafted and the edit form offers the article's lead paragraph instead.
   */
  SIFT_LLM_URL: optionalUrl.refine(
    (value) => value === undefined || /^https?:\/\/[^/]/i.test(value),
    'must be an http(s) URL such as http://localhost:11434/v1',
  ),
  SIFT_LLM_MODEL: z.string().trim().default(''),
  SIFT_LLM_API_KEY: optionalUrl,
  /** Endpoint calls allowed per issue week (each draft or redraft is one call); 0 = drafting off. */
  SIFT_LLM_WEEKLY_BUDGET: z.coerce.number().int().min(0).default(60),
  /** Drafts asked of the endpoint at once, and how long one may take. */
  SIFT_LLM_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  SIFT_LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).default(90_000),
});

export type Env = Readonly<z.infer<typeof envSchema>>;

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * SIFT_TRUST_PROXY as Fastify's `trustProxy`: unset or `false` = no proxy; `true` = believe any
 * peer (only when nothing but the proxy can reach the port); else a comma list of proxy addresses,
 * CIDRs and the names `loopback`, `linklocal`, `uniquelocal`. A hop count is refused: Fastify
 * cannot check the peer with one and ignores it.
 */
function readTrustProxy(value: string, context: z.RefinementCtx): boolean | string {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  const bad = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => !PROXY_RANGE_NAMES.has(part) && !isAddressOrCidr(part));
  if (bad.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `expected true, false, or proxy addresses, CIDRs, loopback, linklocal, uniquelocal separated by commas; not ${bad.map((part) => JSON.stringify(part)).join(', ')}`,
    });
    return z.NEVER;
  }
  return value;
}

function isAddressOrCidr(text: string): boolean {
  const [address = '', prefix, ...rest] = text.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/**
 * Reads and validates the environment. This is the one place that looks at `process.env`;
 * everything else receives the result.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({ file: 'environment', message: `${issue.path.join('.')}: ${issue.message}` })),
    );
  }
  return Object.freeze({
    ...parsed.data,
    SIFT_DATA_DIR: path.resolve(parsed.data.SIFT_DATA_DIR),
    SIFT_SOURCES: path.resolve(parsed.data.SIFT_SOURCES),
  });
}
