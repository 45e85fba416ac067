import { lookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sampleRss, startFeedServer, type FeedServer } from '../../test/helpers/feed-server.ts';
import { startIpv6LoopbackServer, type Ipv6LoopbackServer } from '../../test/helpers/start-ipv6-loopback-server.ts';
import { FetchError, isPermanentError } from '../shared/errors.ts';
import { fetchFeed, type FetchRequest, type FetchResult } from './fetch-feed.ts';
import { PRIVATE_NETWORK_ADVICE } from './find-private-address-refusal.ts';
import { createPublicDispatcher, refusePrivateLookup } from './public-dispatcher.ts';

const RSS = sampleRss();
/** Made-up names answered without DNS: one private, one with a public and a private address. */
const FAKE_DNS: Record<string, LookupAddress[]> = {
  'intranet.test': [{ address: '10.0.0.7', family: 4 }],
  'mixed.test': [
    { address: '93.184.215.14', family: 4 },
    { address: 'fd00::7', family: 6 },
  ],
};
const resolved: string[] = [];
const dispatcher = createPublicDispatcher({
  resolve: async (hostname, family) => {
    resolved.push(hostname);
    return FAKE_DNS[hostname] ?? lookup(hostname, { all: true, family });
  },
});
const deps = { userAgent: 'sift-test', publicDispatcher: dispatcher };

let operator: FeedServer; // the URL in sources.yaml: the operator's choice, private or not
let internal: FeedServer; // another service on this machine, which no feed may reach
let internalV6: Ipv6LoopbackServer;
beforeAll(async () => {
  operator = await startFeedServer();
  internal = await startFeedServer();
  internalV6 = await startIpv6LoopbackServer((_request, response) => response.end(RSS));
});
afterAll(async () => {
  await Promise.all([operator.close(), internal.close(), internalV6.close()]);
});
beforeEach(() => {
  operator.reset();
  internal.reset();
  internal.serveFeed('/feed.xml', RSS);
  resolved.length = 0;
});

function get(overrides: Partial<FetchRequest> = {}): Promise<FetchResult> {
  return fetchFeed(deps, { url: operator.url('/feed.xml'), timeoutMs: 5_000, maxBytes: 1024 * 1024, ...overrides });
}

async function getError(overrides: Partial<FetchRequest> = {}): Promise<FetchError> {
  const error = await get(overrides).then(
    (result) => new Error(`expected a FetchError, got ${result.kind}`),
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof FetchError)) throw error;
  return error;
}

describe('fetchFeed: redirects chosen by the feed never reach a private network', () => {
  it('fetches the operator’s own loopback URL and follows redirects within its origin', async () => {
    operator.redirect('/feed.xml', '/moved.xml', 301);
    operator.serveFeed('/moved.xml', RSS);

    const result = await get();

    expect(result).toMatchObject({ kind: 'ok', finalUrl: operator.url('/moved.xml') });
  });

  it.each([
    ['another loopback port', () => internal.url('/feed.xml'), () => internal.origin, '127.0.0.1 is a loopback address'],
    ['[::1]', () => `${internalV6.origin}/feed.xml`, () => internalV6.origin, '::1 is a loopback address'],
    [
      'an IPv4-mapped IPv6 loopback',
      () => internal.url('/feed.xml').replace('127.0.0.1', '[::ffff:127.0.0.1]'),
      () => `http://[::ffff:7f00:1]:${internal.port}`,
      '::ffff:7f00:1 is a loopback address',
    ],
    [
      '0.0.0.0',
      () => internal.url('/feed.xml').replace('127.0.0.1', '0.0.0.0'),
      () => `http://0.0.0.0:${internal.port}`,
      '0.0.0.0 is an unspecified address',
    ],
    [
      'localhost',
      () => internal.url('/feed.xml').replace('127.0.0.1', 'localhost'),
      () => `http://localhost:${internal.port}`,
      /^localhost resolves to (127\.0\.0\.1|::1), a loopback address$/,
    ],
    [
      'a name that resolves to a private address',
      () => 'http://intranet.test/feed.xml',
      () => 'http://intranet.test',
      'intranet.test resolves to 10.0.0.7, a private address',
    ],
    [
      'a name with a public and a private address',
      () => 'https://mixed.test/feed.xml',
      () => 'https://mixed.test',
      'mixed.test resolves to fd00::7, a unique local address',
    ],
  ])('refuses a redirect to %s, says what and why, and sends it nothing', async (_name, target, origin, reason) => {
    operator.redirect('/feed.xml', target(), 302);

    const error = await getError();

    expect(error.code).toBe('PRIVATE_ADDRESS');
    const [prefix, why] = error.message.split(' refused: ');
    expect(prefix).toBe(`GET ${operator.url('/feed.xml')}: redirect to ${origin()}`);
    expect(why.endsWith(`; ${PRIVATE_NETWORK_ADVICE}`)).toBe(true);
    expect(why.slice(0, -PRIVATE_NETWORK_ADVICE.length - 2)).toMatch(reason);
    expect(isPermanentError(error)).toBe(true);
    expect(internal.requests).toEqual([]);
    expect(internalV6.paths).toEqual([]);
  });

  it('checks every hop: a public-looking chain that ends on a private address is refused there', async () => {
    operator.redirect('/feed.xml', '/step', 307);
    operator.redirect('/step', internal.url('/feed.xml'), 302);

    const error = await getError();

    expect(error.message).toContain(`redirect to ${internal.origin} refused: 127.0.0.1 is a loopback address`);
    expect(operator.requests.map((request) => request.path)).toEqual(['/feed.xml', '/step']);
    expect(internal.requests).toEqual([]);
  });

  it('keeps refusing private addresses once the chain has left the operator’s origin, even on the way back to it', async () => {
    operator.redirect('/feed.xml', 'http://bounce.test/to-operator', 302);
    operator.serveFeed('/internal.xml', RSS);
    // a public server (no DNS here: answered in place) that sends the chain back to the operator's loopback server
    const viaPublicBounce: typeof fetch = async (input, init) => {
      if (String(input).startsWith('http://bounce.test/'))
        return new Response(null, { status: 302, headers: { location: operator.url('/internal.xml') } });
      return fetch(input, init);
    };

    const error = await fetchFeed(
      { ...deps, fetch: viaPublicBounce },
      { url: operator.url('/feed.xml'), timeoutMs: 5_000, maxBytes: 1024 * 1024 },
    ).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(FetchError);
    expect(error).toMatchObject({ code: 'PRIVATE_ADDRESS' });
    expect((error as FetchError).message).toContain(`redirect to ${operator.origin} refused: 127.0.0.1 is a loopback address`);
    expect(operator.requests.map((request) => request.path)).toEqual(['/feed.xml']);
  });

  it('follows the same redirects when the operator allows private networks', async () => {
    operator.redirect('/feed.xml', internal.url('/feed.xml'), 302);

    const result = await get({ allowPrivateNetworks: true });

    expect(result).toMatchObject({ kind: 'ok', finalUrl: internal.url('/feed.xml') });
    expect(internal.requests).toHaveLength(1);
  });

  it('refuses by default, without a dispatcher passed in', async () => {
    operator.redirect('/feed.xml', internal.url('/feed.xml'), 302);

    const error = await fetchFeed({ userAgent: 'sift-test' }, { url: operator.url('/feed.xml'), timeoutMs: 5_000, maxBytes: 1024 }).catch(
      (thrown: unknown) => thrown,
    );

    expect(error).toMatchObject({ code: 'PRIVATE_ADDRESS' });
    expect(internal.requests).toEqual([]);
  }, 10_000);
});

describe('refusePrivateLookup: the connection uses exactly the addresses it checked', () => {
  const lookupOnce = (hostname: string, all: boolean, answers: LookupAddress[][]) => {
    let calls = 0;
    const netLookup = refusePrivateLookup(async () => answers[calls++]);
    return new Promise<{ error: Error | null; address: unknown; family?: number; calls: number }>((resolve) =>
      netLookup(hostname, { all }, (error, address, family) => resolve({ error, address, family, calls })),
    );
  };

  it('resolves once and passes the public answer on, whole or first', async () => {
    const answers = [
      [
        { address: '93.184.215.14', family: 4 },
        { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
      ],
    ];
    expect(await lookupOnce('example.test', true, answers)).toEqual({ error: null, address: answers[0], family: undefined, calls: 1 });
    expect(await lookupOnce('example.test', false, answers)).toEqual({ error: null, address: '93.184.215.14', family: 4, calls: 1 });
  });

  it('refuses a name with a private answer, from its one resolution', async () => {
    const first = await lookupOnce('rebind.test', true, [[{ address: '127.0.0.1', family: 4 }], [{ address: '93.184.215.14', family: 4 }]]);

    expect(first.calls).toBe(1);
    expect(first.error).toMatchObject({ code: 'PRIVATE_ADDRESS', message: 'rebind.test resolves to 127.0.0.1, a loopback address' });
  });
});
