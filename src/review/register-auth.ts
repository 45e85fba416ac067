import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/database.ts';
import { isLoopbackHost } from './check-bind-address.ts';
import { createLoginThrottle } from './create-login-throttle.ts';
import { createSessionStore } from '../store/sessions/create-session-store.ts';
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
/** A browser that has signed in before: its wrong tokens count apart from its address's (createLoginThrottle). */
export const DEVICE_COOKIE = 'sift_device';
const SESSION_MAX_AGE_SECONDS = 14 * 86_400;
const DEVICE_MAX_AGE_SECONDS = 365 * 86_400;
const RANDOM_ID = /^[0-9a-f]{32}$/;
/** Paths anyone may reach: the login form, static assets, and the probes of the ops routes. */
const PUBLIC_PATHS = [/^\/login$/, /^\/assets\//, /^\/healthz$/, /^\/readyz$/, /^\/metrics$/, /^\/favicon\.ico$/];

export interface AuthOptions {
  db: Db;
  /** SIFT_REVIEW_TOKEN; undefined = no login (the server then only listens on loopback). */
  token?: string;
  assetVersion: string;
  loginRateLimit: { max: number; timeWindowMs: number };
  now: () => Date;
}

/**
 * Login with the shared review token. A successful login stores a session (review_sessions) and
 * sets a signed, HttpOnly, SameSite=Strict cookie carrying its random id, Secure when the request
 * came over https (directly, or per X-Forwarded-Proto from a proxy SIFT_TRUST_PROXY trusts); every
 * other page redirects to /login without it and every API call gets 401. Logout deletes the
 * session, so a copied cookie stops working. Wrong tokens are limited per client and per browser
 * that signed in before (createLoginThrottle), so guessing never locks a curator's browser out.
 */
export function registerAuth(app: FastifyInstance, options: AuthOptions): void {
  app.decorateRequest('curator', '');
  app.decorateRequest('sessionId', '');
  const sessions = createSessionStore(options.db, { now: options.now, maxAgeMs: SESSION_MAX_AGE_SECONDS * 1000 });

  app.addHook('onRequest', async (request, reply) => {
    if (!options.token) {
      // no login, so only this machine may ask: a page elsewhere that rebinds its own name to
      // 127.0.0.1 (DNS rebinding) reaches the port but names its own host. The Host header itself,
      // not request.hostname: under SIFT_TRUST_PROXY that is X-Forwarded-Host, which any caller sets.
      const host = request.headers.host ?? '';
      if (!isLoopbackHost(hostnameOf(host))) {
        return reply
          .code(421)
          .type('text/plain; charset=utf-8')
          .send(
            `without SIFT_REVIEW_TOKEN the review UI answers only to localhost or a loopback address, not to ${JSON.stringify(host.slice(0, 100))}; set SIFT_REVIEW_TOKEN to serve other names`,
          );
      }
      request.curator = 'local';
      return;
    }
    const path = request.url.split('?')[0]!;
    const isPublic = PUBLIC_PATHS.some((pattern) => pattern.test(path));
    // assets and probes need no curator: spare them the session lookup
    if (isPublic && path !== '/login') return;
    const sessionId = readSignedId(request, SESSION_COOKIE);
    const session = sessionId ? await sessions.find(sessionId) : null;
    if (sessionId && session) {
      request.curator = cleanName(session.curator);
      request.sessionId = sessionId;
      return;
    }
    if (isPublic) return;
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
  const throttle = createLoginThrottle(app, { ...options.loginRateLimit, readDeviceId: (request) => readSignedId(request, DEVICE_COOKIE) });

  app.get('/login', async (request, reply) => {
    const next = safeNext((request.query as Record<string, string>).next);
    if (request.sessionId) return reply.redirect(next, 302);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        renderLoginPage({ csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(request) }), assetVersion: options.assetVersion, next }),
      );
  });

  // The CSRF check is the app-wide preHandler: it runs before this, on every attempt.
  app.post('/login', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const next = safeNext(typeof body.next === 'string' ? body.next : undefined);
    const name = cleanName(typeof body.name === 'string' ? body.name : '');
    const refuse = (status: number, error: string) =>
      reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(
          renderLoginPage({
            csrfToken: reply.generateCsrf({ userInfo: csrfUserInfo(request) }),
            assetVersion: options.assetVersion,
            next,
            name,
            error,
          }),
        );
    const waitSeconds = await throttle.waitSeconds(request);
    if (waitSeconds > 0) {
      request.log.warn({ ip: request.ip }, 'review login refused: too many wrong tokens');
      reply.header('retry-after', String(waitSeconds));
      return refuse(429, `错误次数太多，请 ${waitSeconds} 秒后再试 Too many wrong tokens from here; try again in ${waitSeconds} s.`);
    }
    if (typeof body.token !== 'string' || !isTokenMatch(body.token, token)) {
      await throttle.recordFailure(request);
      request.log.warn({ ip: request.ip }, 'review login failed');
      return refuse(401, '口令不对 Wrong token.');
    }
    // signing in again (another name) replaces the session this browser had
    if (request.sessionId) await sessions.revoke(request.sessionId);
    const sessionId = await sessions.create(name);
    setSignedCookie(reply, SESSION_COOKIE, sessionId, { path: '/', maxAge: SESSION_MAX_AGE_SECONDS });
    if (!readSignedId(request, DEVICE_COOKIE)) {
      setSignedCookie(reply, DEVICE_COOKIE, randomBytes(16).toString('hex'), { path: '/login', maxAge: DEVICE_MAX_AGE_SECONDS });
    }
    return reply.redirect(next, 303);
  });

  app.post('/logout', async (request, reply) => {
    if (request.sessionId) await sessions.revoke(request.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/login', 303);
  });
}

/** HttpOnly, SameSite=Strict, signed; Secure when the browser reached us over https (`auto` reads request.protocol). */
function setSignedCookie(reply: FastifyReply, name: string, value: string, options: { path: string; maxAge: number }): void {
  reply.setCookie(name, value, { ...options, signed: true, httpOnly: true, sameSite: 'strict', secure: 'auto' });
}

/** JSON callers (the fetch calls of review.js, scripts) get status codes; browsers navigating get pages. */
export function isApiRequest(request: FastifyRequest): boolean {
  if (request.url.startsWith('/api/')) return true;
  const accept = request.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

/** The random id a signed cookie of ours carries, or null (missing, forged, or not our format). */
function readSignedId(request: FastifyRequest, cookie: string): string | null {
  const raw = request.cookies[cookie];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value && RANDOM_ID.test(unsigned.value) ? unsigned.value : null;
}

function cleanName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 40);
  return cleaned || 'curator';
}

/** The name in a Host header (`localhost:3000` → `localhost`, `[::1]:3000` → `[::1]`); '' when it is not one. */
function hostnameOf(host: string): string {
  try {
    const url = new URL(`http://${host}`);
    // exactly a host and port: `localhost@evil.example` or `localhost/x` name something else
    return url.host === host.toLowerCase().replace(/:80$/, '') ? url.hostname : '';
  } catch {
    return ''; // not a host at all: not loopback
  }
}

/** A dummy origin paths are resolved against: whatever leaves it is not ours. */
const SAME_ORIGIN = 'http://sift.invalid';

/**
 * Only paths of this site: `next=https://evil.example`, `//evil.example` or `/\t/evil.example`
 * (browsers drop the tab, and read a backslash as a slash) would be an open redirect. The path is
 * resolved the way a browser would and kept only when it stays on the same origin; control
 * characters and backslashes are refused outright.
 */
function safeNext(next: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  if (!next || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, SAME_ORIGIN);
  } catch {
    return '/';
  }
  return url.origin === SAME_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : '/';
}
