import { Redis } from 'ioredis';
import { AppError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';

/** How long a producer waits for the TCP connection before giving up. */
const PRODUCER_CONNECT_TIMEOUT_MS = 3_000;

/**
 * The connection of a long-running service (worker, scheduler). It never gives up: commands wait
 * while Redis is away (`maxRetriesPerRequest: null`, offline queue on), reconnection retries
 * forever, and BullMQ resumes once Redis is back. Logs once when Redis goes away and once when it
 * is back, not on every retry.
 *
 * `name` shows up in `CLIENT LIST` (operators, and tests that drop exactly our connections).
 */
export function createServiceRedis(url: string, options: { log: Logger; name?: string }): Redis {
  const where = redactRedisUrl(url);
  const redis = new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    connectionName: options.name,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    // A closing connection waits this long for its socket to end (ioredis: 2 s), also when Redis
    // is gone and it never will: that wait would hold a stopping process.
    disconnectTimeout: 500,
  });
  let isDown = false;
  redis.on('error', (error) => {
    // Every failed attempt lands here; commands are held until the connection is back.
    if (isDown) return;
    isDown = true;
    options.log.warn({ err: error, redis: where }, 'Redis unreachable; waiting for it');
  });
  redis.on('ready', () => {
    if (isDown) options.log.info({ redis: where }, 'Redis reachable again');
    isDown = false;
  });
  return redis;
}

/**
 * The connection of a producer (CLI command, web app): fails fast instead of hanging when Redis is
 * down, with a message that says where it looked. After a successful start it reconnects when
 * Redis restarts, but commands issued while it is away fail at once (no offline queue).
 *
 * @throws AppError REDIS_UNREACHABLE — e.g. `cannot reach Redis at redis://127.0.0.1:6379: is it running? (connect ECONNREFUSED …)`
 */
export async function connectProducerRedis(url: string, options: { connectTimeoutMs?: number; name?: string } = {}): Promise<Redis> {
  let hasConnected = false;
  let lastError: Error | undefined;
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    connectTimeout: options.connectTimeoutMs ?? PRODUCER_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    connectionName: options.name,
    // No retries before the first connection (fail fast); afterwards, come back after a restart.
    retryStrategy: (attempt) => (hasConnected ? Math.min(attempt * 200, 2_000) : null),
  });
  redis.on('error', (error) => {
    // Kept for the startup message below; later, each failed command reports its own error.
    lastError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
    hasConnected = true;
    return redis;
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? (error as Error);
    throw new AppError('REDIS_UNREACHABLE', `cannot reach Redis at ${redactRedisUrl(url)}: is it running? (${cause.message})`, { cause });
  }
}

/** The URL without its password, for logs and messages. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return '(unparsable REDIS_URL)'; // an unparsable URL may still hold a password: never echo it
  }
}
