import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { Drafter } from '../draft/create-drafter.ts';
import { isWeekLabel } from '../calendar/week.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { CandidateSource } from './candidate-source.ts';
import { ReviewError } from '../shared/review-error.ts';
import type { PageContext } from './views/render-layout.ts';

/** What the review routes share: the app's deps plus the few facts pages need. */
export interface ReviewContext {
  db: Db;
  log: Logger;
  clock: Clock;
  config: SourcesConfig;
  candidates: CandidateSource;
  assetVersion: string;
  isAuthEnabled: boolean;
  /** The queue dashboard's path when one is mounted (REDIS_URL), linked from every page. */
  queueDashboardPath?: string;
  /** Background drafting of titles and summaries; undefined when SIFT_LLM_URL is not set. */
  drafter?: Drafter;
}

/** The page context of one request: a CSRF token bound to its session, the curator, the week in the nav. */
export function readPageContext(context: ReviewContext, request: FastifyRequest, reply: FastifyReply, week: string): PageContext {
  return {
    csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(request) }),
    assetVersion: context.assetVersion,
    curator: context.isAuthEnabled ? request.curator : null,
    isAuthEnabled: context.isAuthEnabled,
    queueDashboardPath: context.queueDashboardPath,
    week,
  };
}

/**
 * What a CSRF token is bound to: the session id, so a token lifted from one curator's page is
 * useless in another session. Requests without a session (the login form, no-token mode) share
 * one fixed value; the CSRF cookie's secret still separates browsers.
 */
export function csrfUserInfo(request: FastifyRequest): string {
  return request.sessionId || 'no-session';
}

/** The `:week` route parameter, checked: `2026-W48` exists, `2026-W99` and `latest` are 404s. */
export function readWeekParam(request: FastifyRequest): string {
  const week = (request.params as { week?: string }).week ?? '';
  if (!isWeekLabel(week)) throw new ReviewError('NOT_FOUND', `no such week: ${JSON.stringify(week)} (expected YYYY-Www, e.g. 2026-W48)`);
  return week;
}

/** True when the caller wants JSON back (review.js's fetch calls) rather than a redirect to a page. */
export function wantsJson(request: FastifyRequest): boolean {
  const contentType = request.headers['content-type'] ?? '';
  const accept = request.headers.accept ?? '';
  return contentType.includes('application/json') || (accept.includes('application/json') && !accept.includes('text/html'));
}
