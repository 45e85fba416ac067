import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { CandidateSource } from './candidate-source.ts';
import { readAssets, registerAssets } from './register-assets.ts';
import { registerAuth } from './register-auth.ts';
import { registerSecurityHeaders } from './register-security-headers.ts';
import type { ReviewContext } from './review-context.ts';
import { ReviewError } from './review-error.ts';
import { sendReviewError } from './send-review-error.ts';
import { csrfUserInfo } from './review-context.ts';
import { deriveReviewSecrets } from './review-secrets.ts';
import { registerAddRoutes } from './routes/register-add-routes.ts';
import { registerBoardRoutes } from './routes/register-board-routes.ts';
import { registerShortlistRoutes } from './routes/register-shortlist-routes.ts';
import { registerSourcesRoutes } from './routes/register-sources-routes.ts';

export interface ReviewAppOptions {
  db: Db;
  log: Logger;
  clock: Clock;
  config: SourcesConfig;
  candidates: CandidateSource;
  /** SIFT_REVIEW_TOKEN. Without it there is no login and the caller must bind to loopback (checkBindAddress). */
  token?: string;
  /** Login attempts allowed per client and window (default 10 a minute). */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /**
   * Mounts routes of other stages (ops routes, the queue dashboard) after the auth hook, so they
   * sit behind the login like every page; /healthz, /readyz and /metrics stay public for probes.
   */
  mount?: (app: FastifyInstance) => Promise<void> | void;
}

/** Paths whose state changes come from a UI we do not render (bull-board): checked by origin instead of a CSRF token. */
const ORIGIN_CHECKED_PREFIXES = ['/admin/queues'];

/**
 * Builds the curators' review app: the week board, the shortlist with its export preview, "add
 * by URL" and the sources health page, server-rendered, behind the token login when one is set.
 * Every state change needs a CSRF token bound to the session, and a same-origin request.
 * Call `listen` on the result (or `inject` in tests).
 */
export async function createReviewApp(options: ReviewAppOptions): Promise<FastifyInstance> {
  const assets = readAssets();
  const secrets = deriveReviewSecrets(options.token);
  const app = Fastify({
    loggerInstance: options.log.child({ component: 'review' }),
    // One line per request would drown the curators' actions, which the routes log themselves.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 1_048_576,
  }) as unknown as FastifyInstance;

  await app.register(fastifyCookie, { secret: secrets.cookieSecret });
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'sift_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true },
    getUserInfo: (request) => csrfUserInfo(request),
    csrfOpts: { hmacKey: secrets.csrfKey, userInfo: true },
  });
  registerSecurityHeaders(app);
  registerAuth(app, {
    token: options.token,
    assetVersion: assets.version,
    loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 },
    now: () => options.clock.now(),
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    if (isCrossSite(request)) {
      reply.code(403).send({ error: 'CROSS_SITE', message: 'state changes must come from this site' });
      return;
    }
    if (ORIGIN_CHECKED_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return done();
    app.csrfProtection(request, reply, done);
  });

  const context: ReviewContext = {
    db: options.db,
    log: options.log,
    clock: options.clock,
    config: options.config,
    candidates: options.candidates,
    assetVersion: assets.version,
    isAuthEnabled: Boolean(options.token),
  };
  registerAssets(app, assets);
  registerBoardRoutes(app, context);
  registerShortlistRoutes(app, context);
  registerAddRoutes(app, context);
  registerSourcesRoutes(app, context);
  await options.mount?.(app);

  app.setErrorHandler((error: FastifyError, request, reply) => sendReviewError(error, request, reply, assets.version));
  app.setNotFoundHandler((request, reply) =>
    sendReviewError(new ReviewError('NOT_FOUND', `nothing at ${request.url.split('?')[0]}`), request, reply, assets.version),
  );
  return app;
}

/**
 * A browser says where a request came from: Sec-Fetch-Site (modern browsers), else Origin. A
 * request another site triggered is refused whatever its token. `Origin: null` (what a form post
 * sends under `Referrer-Policy: no-referrer`) says nothing either way; the CSRF token decides.
 */
function isCrossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site) return site !== 'same-origin' && site !== 'none';
  const origin = request.headers.origin;
  if (!origin || origin === 'null') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true; // an unparsable Origin is not ours
  }
}
