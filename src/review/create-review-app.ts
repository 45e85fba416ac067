import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyError, type FastifyInstance, type FastifyRequest } from 'fastify';
import type { SourcesConfig } from '../config/schema.ts';
import type { Db } from '../db/database.ts';
import type { Drafter } from '../draft/create-drafter.ts';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { CandidateSource } from './candidate-source.ts';
import type { CollectNow } from './collect-now.ts';
import { readAssets, registerAssets } from './register-assets.ts';
import { registerAuth } from './register-auth.ts';
import { registerSecurityHeaders } from './register-security-headers.ts';
import type { ReviewContext } from './review-context.ts';
import { ReviewError } from '../shared/review-error.ts';
import { sendReviewError } from './send-review-error.ts';
import { csrfUserInfo } from './review-context.ts';
import { deriveReviewSecrets } from './review-secrets.ts';
import { registerAddRoutes } from './routes/register-add-routes.ts';
import { registerBoardRoutes } from './routes/register-board-routes.ts';
import { registerReadingRoutes } from './routes/register-reading-routes.ts';
import { createPageReader, type PageReader } from '../read/create-page-reader.ts';
import { registerBulkRoutes } from './routes/register-bulk-routes.ts';
import { registerDraftRoutes } from './routes/register-draft-routes.ts';
import { registerCollectRoutes } from './routes/register-collect-routes.ts';
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
  /** Wrong tokens allowed per client (and per browser that signed in before) and window (default 10 a minute). */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /**
   * SIFT_TRUST_PROXY, Fastify's `trustProxy`: the reverse proxies whose X-Forwarded-For/-Proto/-Host
   * to believe (true = any; or addresses, CIDRs, `loopback`, `linklocal`, `uniquelocal`). Behind a
   * TLS proxy it makes the cookies Secure and the login limit count per real client. Default: none.
   */
  trustProxy?: boolean | string;
  /**
   * Mounts routes of other stages (ops routes, the queue dashboard) after the auth hook, so they
   * sit behind the login like every page; /healthz, /readyz and /metrics stay public for probes.
   */
  mount?: (app: FastifyInstance) => Promise<void> | void;
  /**
   * Reads the pages behind links for the reading pane (src/read/create-page-reader.ts). Default: one
   * with no private-network allowance but the sources'; startReviewServer passes the environment's.
   */
  reader?: PageReader;
  /** "Collect now" on the board (in-process, or through the queue with REDIS_URL); without it the board offers none. */
  collectNow?: CollectNow;
  /** Where `mount` puts the queue dashboard (`/admin/queues`), for a link in the page header. */
  queueDashboardPath?: string;
  /** Background drafting (createDrafter); without it the edit form offers the article's lead paragraph. */
  drafter?: Drafter;
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
    trustProxy: options.trustProxy ?? false,
  }) as unknown as FastifyInstance;

  await app.register(fastifyCookie, { secret: secrets.cookieSecret });
  await app.register(fastifyFormbody);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'sift_csrf',
    // Secure when the browser came over https (directly, or through a trusted proxy)
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, signed: true, secure: 'auto' },
    getUserInfo: (request) => csrfUserInfo(request),
    csrfOpts: { hmacKey: secrets.csrfKey, userInfo: true },
  });
  registerSecurityHeaders(app);
  registerAuth(app, {
    db: options.db,
    token: options.token,
    assetVersion: assets.version,
    loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 },
    now: () => options.clock.now(),
  });
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return done();
    const isOriginChecked = ORIGIN_CHECKED_PREFIXES.some((prefix) => request.url.startsWith(prefix));
    // without a CSRF token behind it, a request that does not say where it came from is not trusted
    if (isCrossSite(request) || (isOriginChecked && !isSameOriginProven(request))) {
      reply.code(403).send({ error: 'CROSS_SITE', message: 'state changes must come from this site' });
      return;
    }
    if (isOriginChecked) return done();
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
    queueDashboardPath: options.queueDashboardPath,
    drafter: options.drafter,
  };
  registerAssets(app, assets);
  registerBoardRoutes(app, context);
  registerReadingRoutes(
    app,
    context,
    options.reader ?? createPageReader({ db: options.db, log: options.log, clock: options.clock, config: options.config }),
  );
  registerShortlistRoutes(app, context);
  registerAddRoutes(app, context);
  registerSourcesRoutes(app, context);
  registerDraftRoutes(app, context);
  registerBulkRoutes(app, context);
  registerCollectRoutes(app, options.collectNow);
  await options.mount?.(app);

  app.setErrorHandler((error: FastifyError, request, reply) => sendReviewError(error, request, reply, assets.version));
  app.setNotFoundHandler((request, reply) =>
    sendReviewError(new ReviewError('NOT_FOUND', `nothing at ${request.url.split('?')[0]}`), request, reply, assets.version),
  );
  return app;
}

/**
 * The request says it came from this site: `Sec-Fetch-Site: same-origin`, or an Origin naming
 * this host. A missing or `null` Origin proves nothing (a sandboxed frame, a form posted under
 * no-referrer, a script outside a browser), so it does not pass.
 */
function isSameOriginProven(request: FastifyRequest): boolean {
  if (request.headers['sec-fetch-site'] === 'same-origin') return true;
  const origin = request.headers.origin;
  return origin !== undefined && isOwnOrigin(request, origin); // `null` is no URL: not ours
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
  return !isOwnOrigin(request, origin);
}

/** `origin` names this server (request.host: the Host header, or X-Forwarded-Host from a trusted proxy that rewrote it). */
function isOwnOrigin(request: FastifyRequest, origin: string): boolean {
  try {
    return new URL(origin).host === request.host;
  } catch {
    return false; // an unparsable Origin is not ours
  }
}
