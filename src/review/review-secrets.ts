import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Keys the review app signs with. With SIFT_REVIEW_TOKEN they are derived from it, so sessions
 * survive a restart and every replica of the web app accepts the same cookies; without a token
 * (loopback only) they are random per process.
 */
export interface ReviewSecrets {
  cookieSecret: string;
  csrfKey: string;
}

export function deriveReviewSecrets(token: string | undefined): ReviewSecrets {
  if (!token) return { cookieSecret: randomBytes(32).toString('hex'), csrfKey: randomBytes(32).toString('hex') };
  const derive = (purpose: string) => createHmac('sha256', token).update(`sift-review:${purpose}:v1`).digest('hex');
  return { cookieSecret: derive('cookie'), csrfKey: derive('csrf') };
}

/** Compares a typed token with the configured one in constant time (hashing first equalizes lengths). */
export function isTokenMatch(typed: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(typed), digest(expected));
}
