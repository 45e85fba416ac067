import { isIP } from 'node:net';
import { ConfigError } from '../shared/errors.ts';

/** The placeholder `.env.example` ships: published, so never a secret. */
export const EXAMPLE_REVIEW_TOKEN = 'change-me-to-a-long-random-string';
/** Shortest SIFT_REVIEW_TOKEN accepted when the UI is reachable from the network. */
export const MIN_REVIEW_TOKEN_LENGTH = 24;

const HOW_TO_MAKE_ONE =
  'make one with `openssl rand -base64 32` (or `node -e "console.log(crypto.randomBytes(32).toString(\'base64url\'))"`)';

/**
 * Refuses to expose the review UI without a real login: with no SIFT_REVIEW_TOKEN the server may
 * only listen on a loopback address (127.0.0.0/8, ::1, localhost); on any other address the token
 * must not be the published example and must be at least 24 characters long. Throws ConfigError
 * saying what to do otherwise; returns the host to bind.
 */
export function checkBindAddress(host: string, token: string | undefined): string {
  if (isLoopbackHost(host)) return host;
  const problem = !token
    ? `HOST=${host} would expose the review UI to the network without a login; set SIFT_REVIEW_TOKEN to a long random secret (${HOW_TO_MAKE_ONE}), or bind to 127.0.0.1`
    : token === EXAMPLE_REVIEW_TOKEN
      ? `SIFT_REVIEW_TOKEN is the example from .env.example, which anyone can read; with HOST=${host} set a secret of your own: ${HOW_TO_MAKE_ONE}`
      : token.length < MIN_REVIEW_TOKEN_LENGTH
        ? `SIFT_REVIEW_TOKEN is ${token.length} characters; with HOST=${host} it must be at least ${MIN_REVIEW_TOKEN_LENGTH}: ${HOW_TO_MAKE_ONE}`
        : null;
  if (problem === null) return host;
  throw new ConfigError([{ file: 'environment', message: problem }]);
}

/**
 * A loopback name or address, as a bind address or a Host header names it: `localhost` and its
 * subdomains, 127.0.0.0/8, ::1 (bracketed or not, IPv4-mapped too), with or without a final dot.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || bare === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(bare);
  return false;
}
