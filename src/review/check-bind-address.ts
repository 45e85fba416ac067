import { isIP } from 'node:net';
import { ConfigError } from '../shared/errors.ts';

/**
 * Refuses to expose the review UI without a login: with no SIFT_REVIEW_TOKEN the server may only
 * listen on a loopback address (127.0.0.0/8, ::1, localhost). Throws ConfigError saying what to
 * do otherwise; returns the host to bind.
 */
export function checkBindAddress(host: string, hasToken: boolean): string {
  if (hasToken || isLoopbackHost(host)) return host;
  throw new ConfigError([
    {
      file: 'environment',
      message: `HOST=${host} would expose the review UI to the network without a login; set SIFT_REVIEW_TOKEN to a long random secret, or bind to 127.0.0.1`,
    },
  ]);
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(bare);
  return false;
}
