import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * A browser-like client for `app.inject`: keeps cookies between requests and reads the CSRF token
 * a page carries, so route tests exercise the same login and CSRF path as a curator.
 */
export class ReviewSession {
  readonly cookies = new Map<string, string>();
  csrfToken = '';

  constructor(private readonly app: FastifyInstance) {}

  async request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies.entries()].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.inject({ ...options, headers: { ...(cookie ? { cookie } : {}), ...(options.headers ?? {}) } });
    for (const header of [response.headers['set-cookie'] ?? []].flat()) {
      const [pair] = header.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index);
      const value = pair!.slice(index + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /<meta name="csrf-token" content="([^"]*)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  /** GET a page (as a browser navigating: accepts HTML). */
  get(url: string): Promise<LightMyRequestResponse> {
    return this.request({ method: 'GET', url, headers: { accept: 'text/html' } });
  }

  /** POST JSON the way review.js does: CSRF token in a header. */
  postJson(url: string, payload: unknown, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    return this.request({
      method: 'POST',
      url,
      payload: JSON.stringify(payload),
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    });
  }

  /** POST a form the way a browser without JavaScript does: CSRF token as the `_csrf` field. */
  postForm(url: string, fields: Record<string, string>, options: { csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const csrf = options.csrf === undefined ? this.csrfToken : options.csrf;
    const body = new URLSearchParams({ ...fields, ...(csrf ? { _csrf: csrf } : {}) }).toString();
    return this.request({
      method: 'POST',
      url,
      payload: body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    });
  }

  /** Signs in through the login form. */
  async login(token: string, name: string): Promise<LightMyRequestResponse> {
    await this.get('/login');
    return this.postForm('/login', { token, name, next: '/' });
  }
}
