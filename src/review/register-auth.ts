import { isLoopbackHost } from './check-bind-address.ts';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { csrfUserInfo } from './review-context.ts';
import { isTokenMatch } from './review-secrets.ts';
import { renderLoginPage } from './views/render-login-page.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Name decisions are recorded under: the signed-in curator, or `local` without a token. */
    curator: string;
    /** Random id of the signed session ('' without one); CSRF tokens are bound to it. */
    sessionId: string;
  }
}

export const SESSION_COOKIE = 'sift_session';
const SESSION_MAX_AGE_SECONDS = 14 * 86_400;
/** Paths anyone may reach: the login form, static assets, and the probes of the ops routes. */
const PUBLIC_PATHS = [/^\/login$/, /^\/assets\//, /^\/healthz$/, /^\/readyz$/, /^\/metrics$/, /^\/favicon\.ico$/];

export interface AuthOptions {
  /** SIFT_REVIEW_TOKEN; undefined = no login (the server then only listens on loopback). */
  token?: string;
  assetVersion: string;
  loginRateLimit: { max: number; timeWindowMs: number };
  now: () => Date;
}

/**
 * Login with the shared review token. A successful login sets a signed, HttpOnly, SameSite=Strict
 * session cookie carrying a random session id and the curator's name; every other page redirects
 * to /login without it and every API call gets 401. Login attempts are rate-limited per client.
 */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('curator', '');
  app.decorateRequest('sessionId', '');

  app.addHook('onRequest', async (request, reply) => {
    if (!options.token) {
      // no login, so only this machine may ask: a page elsewhere that rebinds its own name to
      // 127.0.0.1 (DNS rebinding) reaches the port but names its own host
      if (!isLoopbackHost(request.hostname)) {
        return reply
          .code(421)
          .type('text/plain; charset=utf-8')
          .send(`without SIFT_REVIEW_TOKEN the review UI answers only to localhost or a loopback address, not to ${JSON.stringify(request.hostname.slice(0, 100))}; set SIFT_REVIEW_TOKEN to serve other names`);
      }
      request.curator = 'local';
      return;
    }
    const session = readSession(request, options.now());
    if (session) {
      request.curator = session.name;
      request.sessionId = session.id;
      return;
    }
    const path = request.url.split('?')[0]!;
    if (PUBLIC_PATHS.some((pattern) => pattern.test(path))) return;
    if (isApiRequest(request)) {
      return reply.code(401).send({ error: 'UNAUTHORIZED', message: 'sign in first: your session is missing or expired' });
    }
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 302);
  });

  if (!options.token) {
    app.get('/login', async (_request, reply) => reply.redirect('/', 302));
    return;
  }
  const token = options.token;

  app.get('/login', async (request, reply) => {
    const next = safeNext((request.query as Record<string, string>).next);
    if (request.sessionId) return reply.redirect(next, 302);
    return reply
      .type('text/html; charset=utf-8')
      .send(renderLoginPage({ csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(request) }), assetVersion: options.assetVersion, next }));
  });

  app.post(
    '/login',
    {
      // The CSRF check is the app-wide preHandler; the rate limit runs before it, on every attempt.
      config: { rateLimit: { max: options.loginRateLimit.max, timeWindow: options.loginRateLimit.timeWindowMs } },
    },
    async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
      const name = cleanName(typeof body.name === 'string' ? body.name : '');
      if (typeof body.token !== 'string' || !isTokenMatch(body.token, token)) {
        request.log.warn({ ip: request.ip }, 'review login failed');
        return reply
          .code(401)
          .type('text/html; charset=utf-8')
          .send(renderLoginPage({ csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(request) }), assetVersion: options.assetVersion, next, name, error: '口令不对 Wrong token.' }));
      }
      const issuedAt = Math.floor(options.now().getTime() / 1000);
      const value = `${randomBytes(16).toString('hex')}.${issuedAt}.${encodeURIComponent(name)}`;
      reply.setCookie(SESSION_COOKIE, value, {
        signed: true,
        httpOnly: true,
        sameSite: 'strict',
        secure: request.protocol === 'https',
        path: '/',
        maxAge: SESSION_MAX_AGE_SECONDS,
      });
      return reply.redirect(next, 303);
    },
  );

  app.post('/logout', async (_request, reply) => {
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
}

/** JSON callers (the fetch calls of review.js, scripts) get status codes; browsers navigating get pages. */
export function isApiRequest(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function readSession(request: FastifyRequest, now: Date): { id: string; name: string } | null {
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const match = /^([0-9a-f]{32})\.(\d+)\.(.*)$/.exec(unsigned.value);
  if (!match) return null;
  const ageSeconds = now.getTime() / 1000 - Number(match[2]);
  if (ageSeconds > SESSION_MAX_AGE_SECONDS || ageSeconds < -300) return null;
  let name: string;
  try {
    name = decodeURIComponent(match[3]!);
  } catch {
    return null; // a malformed name cannot come from us: treat as signed out
  }
  return { id: match[1]!, name: cleanName(name) };
}

function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 40);
  return cleaned || 'curator';
}

/** Only same-site paths: `next=https://evil.example` or `//evil.example` would be an open redirect. */
function safeNext(next: string | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

