import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface LoginThrottle {
  /** Seconds this attempt must wait before its token is even looked at; 0 = check it now. Counts nothing. */
  waitSeconds(request: FastifyRequest): Promise<number>;
  /** Counts a wrong token against the attempt's bucket. */
  recordFailure(request: FastifyRequest): Promise<void>;
}

/**
 * Limits wrong tokens, not logins (OWASP's "device cookie" scheme on @fastify/rate-limit's
 * store). Only failed attempts count, `max` per `timeWindowMs`, and they count per bucket: a
 * browser that has signed in before (it carries the signed device id `readDeviceId` returns)
 * has a bucket of its own, every other attempt shares its client address's (X-Forwarded-For
 * only from a trusted proxy). So someone guessing from the curators' address, or behind the
 * same proxy, locks out only browsers that never signed in, never a curator's own; and a full
 * bucket refuses attempts without checking them, so the limit cannot be used as an oracle.
 * Counters live in the process: each replica of the web app counts its own.
 */
export function createLoginThrottle(
  app: FastifyInstance,
  options: { max: number; timeWindowMs: number; readDeviceId: (request: FastifyRequest) => string | null },
): LoginThrottle {
  const limit = app.createRateLimit({
    max: options.max,
    timeWindow: options.timeWindowMs,
    keyGenerator: (request) => {
      const deviceId = options.readDeviceId(request);
      return deviceId ? `device:${deviceId}` : `client:${normalizeIP(request.ip)}`;
    },
  });
  return {
    async waitSeconds(request) {
      const state = await limit(request, { increment: false });
      return !state.isAllowed && state.remaining === 0 ? Math.max(1, state.ttlInSeconds) : 0;
    },
    async recordFailure(request) {
      await limit(request);
    },
  };
}
