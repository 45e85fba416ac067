import { isIP } from 'node:net';
import path from 'node:path';
import * as z from 'zod/mini';
import { ConfigError } from '../shared/errors.ts';
import { countUsableCores } from './count-usable-cores.ts';

/*
 * zod's mini API, not its classic one: the same checks and messages, but a bundle of about 40 KB
 * instead of 750 KB, which every command (all but --version and --help) loads to read its
 * environment before anything else: 25–30 ms of CPU at each start (bench/, case process).
 */

/** An integer from text (`z.coerce`), within the bounds given. */
const integer = (...checks: Array<z.core.$ZodCheck<number>>) => z.coerce.number().check(z.int(), ...checks);

const optionalUrl = z.optional(
  z.pipe(
    z.string().check(z.trim()),
    z.transform((value: string) => (value === '' ? undefined : value)),
  ),
);

const envSchema = z.object({
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  SIFT_DATA_DIR: z._default(z.string(), './data'),
  SIFT_SOURCES: z._default(z.string(), './sources.yaml'),
  PORT: z._default(integer(z.gte(0), z.lte(65535)), 3000),
  HOST: z._default(z.string(), '127.0.0.1'),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  SIFT_REVIEW_TOKEN: optionalUrl,
  /** Review UI behind a reverse proxy: which proxies' X-Forwarded-* to believe (see readTrustProxy). */
  SIFT_TRUST_PROXY: z.pipe(z._default(z.string().check(z.trim()), ''), z.transform(readTrustProxy)),
  /**
   * Ops server of `sift scheduler` / `sift worker`. Unset (or empty): 9464, or the next free port
   * when another sift process on the host has it. Set: that port or a clear failure (0 = any free).
   */
  SIFT_METRICS_PORT: z.pipe(
    z.transform((value: unknown) => (value === '' ? undefined : value)),
    z.optional(integer(z.gte(0), z.lte(65535))),
  ),
  SIFT_QUEUE_PREFIX: z._default(z.string(), 'sift'),
  /** `1`: what any source's responses choose (redirects, click-throughs) may reach private networks. */
  SIFT_ALLOW_PRIVATE_NETWORKS: z.pipe(
    z._default(z.enum(['', '0', '1', 'false', 'true'], { error: 'must be 1 (allow) or 0 (refuse, the default)' }), ''),
    z.transform((value) => value === '1' || value === 'true'),
  ),
  /** `1` (default): when the review server ranks a week, it reads the top 3 × slots candidates' pages ahead of the curator. */
  SIFT_READ_AHEAD: z.pipe(
    z._default(z.enum(['', '0', '1', 'false', 'true'], { error: 'must be 1 (read ahead, the default) or 0' }), ''),
    z.transform((value) => value !== '0' && value !== 'false'),
  ),
  SIFT_CONCURRENCY: z._default(integer(z.positive()), 16),
  SIFT_HOST_CONCURRENCY: z._default(integer(z.positive()), 2),
  /** Worker threads that decode and parse feeds (0 = on the main thread); default: usable cores − 1 (a container's CPU limit counts). */
  SIFT_PARSE_THREADS: z._default(integer(z.gte(0), z.lte(64)), Math.max(1, countUsableCores() - 1)),
  /** Distributed mode: how often the scheduler looks for due sources. */
  SIFT_SCHEDULER_TICK_MS: z._default(integer(z.gte(100)), 60_000),
  /** Distributed mode: job lock, stalled-job check and host lease; a killed worker's work resumes after about this long. */
  SIFT_WORKER_LEASE_MS: z._default(integer(z.gte(500)), 30_000),
  /** Distributed mode: how long SIGTERM waits for running jobs before leaving them to other workers. */
  SIFT_SHUTDOWN_TIMEOUT_MS: z._default(integer(z.gte(0)), 30_000),
  /**
   * Drafting (src/draft/): an OpenAI-compatible chat endpoint's base URL (`…/v1`; sift POSTs to
   * `{base}/chat/completions`), the model, and a bearer key when the server wants one. Without a
   * URL nothing is drafted and the edit form offers the article's lead paragraph instead.
   */
  SIFT_LLM_URL: optionalUrl.check(
    z.refine(
      (value: string | undefined) => value === undefined || /^https?:\/\/[^/]/i.test(value),
      'must be an http(s) URL such as http://localhost:11434/v1',
    ),
  ),
  SIFT_LLM_MODEL: z._default(z.string().check(z.trim()), ''),
  SIFT_LLM_API_KEY: optionalUrl,
  /** Endpoint calls allowed per issue week (each draft or redraft is one call); 0 = drafting off. */
  SIFT_LLM_WEEKLY_BUDGET: z._default(integer(z.gte(0)), 60),
  /** Drafts asked of the endpoint at once, and how long one may take. */
  SIFT_LLM_CONCURRENCY: z._default(integer(z.gte(1), z.lte(16)), 2),
  SIFT_LLM_TIMEOUT_MS: z._default(integer(z.gte(1000)), 90_000),
});

export type Env = Readonly<z.infer<typeof envSchema>>;

const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * SIFT_TRUST_PROXY as Fastify's `trustProxy`: unset or `false` = no proxy; `true` = believe any
 * peer (only when nothing but the proxy can reach the port); else a comma list of proxy addresses,
 * CIDRs and the names `loopback`, `linklocal`, `uniquelocal`. A hop count is refused: Fastify
 * cannot check the peer with one and ignores it.
 */
function readTrustProxy(value: string, context: z.core.ParsePayload): boolean | string {
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  const bad = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => !PROXY_RANGE_NAMES.has(part) && !isAddressOrCidr(part));
  if (bad.length > 0) {
    context.issues.push({
      code: 'custom',
      input: value,
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
