import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { WeekError } from '../calendar/week.ts';
import { isApiRequest } from './register-auth.ts';
import { ReviewError } from '../shared/review-error.ts';
import { renderErrorPage } from './views/render-login-page.ts';

/**
 * Turns any error into what the caller can use: JSON `{ error, message, issues? }` for API and
 * script callers, a page for a browser. ReviewError carries its status; CSRF failures say to
 * reload; other 4xx from Fastify and plugins (429, 415, body too large) keep their status; only
 * unexpected errors are logged, once, with the error, and answered with a generic 500.
 */
export function sendReviewError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
  assetVersion: string,
): FastifyReply {
  const fastifyError = error as FastifyError;
  let status = 500;
  let code = 'INTERNAL';
  let message = 'something went wrong on the server; the error is in its log';
  let issues: unknown;
  if (error instanceof ReviewError) {
    status = error.status;
    code = error.code;
    message = error.message;
    issues = error.issues;
  } else if (error instanceof WeekError) {
    status = 404;
    code = 'NOT_FOUND';
    message = error.message;
  } else if (fastifyError.code === 'FST_CSRF_INVALID_TOKEN' || fastifyError.code === 'FST_CSRF_MISSING_SECRET') {
    status = 403;
    code = 'CSRF';
    message = 'the form expired or did not come from this site (CSRF check failed): reload the page and try again';
  } else if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    status = fastifyError.statusCode;
    code = status === 429 ? 'RATE_LIMITED' : (fastifyError.code ?? 'BAD_REQUEST');
    message = status === 429 ? 'too many attempts; wait a minute and try again' : error.message;
  } else {
    request.log.error({ err: error, url: request.url }, 'review request failed');
  }
  reply.code(status);
  if (isApiRequest(request) || request.method !== 'GET') {
    const accept = request.headers.accept ?? '';
    if (!accept.includes('text/html')) return reply.send({ error: code, message, ...(issues ? { issues } : {}) });
  }
  return reply.type('text/html; charset=utf-8').send(renderErrorPage({ title: `${status} ${code}`, message, assetVersion }));
}
