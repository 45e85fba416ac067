import type { Redis } from 'ioredis';

/**
 * Lua, run atomically in Redis so workers on any number of machines share one view of a host.
 * Times come from Redis (`TIME`), not from the callers, so clock skew between machines does not
 * matter. A lease is a sorted-set member scored by its expiry: a lease whose holder died (SIGKILL,
 * lost machine) simply stops counting once its expiry passes.
 *
 * Acquire: KEYS leases, pause; ARGV leaseId, limit, leaseMs →
 *   {1, 0} acquired | {0, ms} host paused for ms more | {2, ms} host full, earliest lease ends in ms.
 */
const ACQUIRE_LUA = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local leaseMs = tonumber(ARGV[3])
local pausedFor = redis.call('PTTL', KEYS[2])
if pausedFor > 0 then return {0, pausedFor} end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + leaseMs, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], leaseMs)
  return {1, 0}
end
local earliest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return {2, math.max(tonumber(earliest[2]) - now, 0)}
`;

/** Renew: KEYS leases; ARGV leaseId, leaseMs → 1 renewed | 0 the lease was gone (expired meanwhile). */
const RENEW_LUA = `
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 1
`;

/** Pause: KEYS pause; ARGV ms → the pause left, in ms. Only ever lengthens a pause, never shortens one. */
const PAUSE_LUA = `
local left = redis.call('PTTL', KEYS[1])
if left < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
  return tonumber(ARGV[1])
end
return left
`;

interface HostLimiterCommands {
  siftAcquireHostLease(leasesKey: string, pauseKey: string, leaseId: string, limit: number, leaseMs: number): Promise<[number, number]>;
  siftRenewHostLease(leasesKey: string, leaseId: string, leaseMs: number): Promise<number>;
  siftPauseHost(pauseKey: string, ms: number): Promise<number>;
}

export type AcquireResult = { acquired: true; lease: HostLease } | { acquired: false; reason: 'paused' | 'full'; retryInMs: number };

export interface HostLease {
  /** Pushes the expiry out by the lease duration; false when the lease had already expired. */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export interface HostLimiter {
  /** Takes one of the host's K slots for `leaseId` (the same id again renews instead of taking another). */
  acquire(host: string, leaseId: string): Promise<AcquireResult>;
  /** Stops every worker from starting fetches to `host` for `ms` (a 429's Retry-After). Returns the pause left. */
  pauseHost(host: string, ms: number): Promise<number>;
  /** Leases currently held on `host` (expired ones excluded), for tests and diagnostics. */
  countLeases(host: string): Promise<number>;
  readonly leaseMs: number;
}

export interface HostLimiterOptions {
  /** Key prefix (the BullMQ prefix), so deployments and test runs sharing a Redis never meet. */
  prefix: string;
  /** Concurrent fetches allowed per host across all workers (K). */
  limit: number;
  /**
   * How long a lease lasts without renewal. Holders renew it while they work; a holder that died
   * stops blocking the host after at most this long.
   */
  leaseMs: number;
}

/**
 * A per-host counting semaphore in Redis: at most `limit` fetches to one host at once across every
 * worker process on every machine, and a per-host pause for rate-limited hosts. Registers its Lua
 * scripts on `redis` with `defineCommand` (EVALSHA, loaded again after a Redis restart).
 */
export function createHostLimiter(redis: Redis, options: HostLimiterOptions): HostLimiter {
  if (!('siftAcquireHostLease' in redis)) {
    redis.defineCommand('siftAcquireHostLease', { numberOfKeys: 2, lua: ACQUIRE_LUA });
    redis.defineCommand('siftRenewHostLease', { numberOfKeys: 1, lua: RENEW_LUA });
    redis.defineCommand('siftPauseHost', { numberOfKeys: 1, lua: PAUSE_LUA });
  }
  const commands = redis as unknown as Redis & HostLimiterCommands;
  const leasesKey = (host: string) => `${options.prefix}:host-leases:${host}`;
  const pauseKey = (host: string) => `${options.prefix}:host-pause:${host}`;

  return {
    leaseMs: options.leaseMs,
    async acquire(host, leaseId) {
      const [code, ms] = await commands.siftAcquireHostLease(leasesKey(host), pauseKey(host), leaseId, options.limit, options.leaseMs);
      if (code === 1) {
        return {
          acquired: true,
          lease: {
            renew: async () => (await commands.siftRenewHostLease(leasesKey(host), leaseId, options.leaseMs)) === 1,
            release: async () => {
              await redis.zrem(leasesKey(host), leaseId);
            },
          },
        };
      }
      return { acquired: false, reason: code === 0 ? 'paused' : 'full', retryInMs: ms };
    },
    pauseHost: (host, ms) => commands.siftPauseHost(pauseKey(host), Math.max(1, Math.round(ms))),
    async countLeases(host) {
      const [seconds, micros] = await redis.time();
      const now = Number(seconds) * 1000 + Math.floor(Number(micros) / 1000);
      return redis.zcount(leasesKey(host), `(${now}`, '+inf');
    },
  };
}
