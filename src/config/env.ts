import { availableParallelism } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../shared/errors.ts';

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
  SIFT_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  SIFT_QUEUE_PREFIX: z.string().default('sift'),
  SIFT_CONCURRENCY: z.coerce.number().int().positive().default(16),
  SIFT_HOST_CONCURRENCY: z.coerce.number().int().positive().default(2),
  /** Worker threads that decode and parse feeds (0 = on the main thread); default: cores − 1. */
  SIFT_PARSE_THREADS: z.coerce.number().int().min(0).max(64).default(Math.max(1, availableParallelism() - 1)),
  /** Distributed mode: how often the scheduler looks for due sources. */
  SIFT_SCHEDULER_TICK_MS: z.coerce.number().int().min(100).default(60_000),
  /** Distributed mode: job lock, stalled-job check and host lease; a killed worker's work resumes after about this long. */
  SIFT_WORKER_LEASE_MS: z.coerce.number().int().min(500).default(30_000),
  /** Distributed mode: how long SIGTERM waits for running jobs before leaving them to other workers. */
  SIFT_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(30_000),
});

export type Env = Readonly<z.infer<typeof envSchema>>;

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
