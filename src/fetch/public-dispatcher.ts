import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { FetchError } from '../shared/errors.ts';
import { describePrivateAddress } from './describe-private-address.ts';

export type { Dispatcher } from 'undici';

/** Resolves a host name to every address it has; `dns.lookup` with `all: true` by default. */
export type ResolveHost = (hostname: string, family: number) => Promise<LookupAddress[]>;

/** The `lookup` option of `net.connect`: called with `all: true` when Node tries several addresses. */
type NetLookup = (
  hostname: string,
  options: LookupOptions,
  callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
) => void;

/**
 * An undici dispatcher that connects only to public addresses: for requests whose target came
 * from a response (a feed's redirect to another server, a click-through link inside a newsletter).
 *
 * The check is part of the connection itself, so nothing happens between checking and connecting
 * (no DNS rebinding window): a host name is resolved once, in the socket's `lookup`, and refused
 * when any of its addresses is private (the socket might pick any of them); a literal IP (which
 * never goes through a lookup) is checked before the socket is opened. Every redirect hop opens
 * its own connection through here, or reuses one that passed. A refusal is a FetchError
 * `PRIVATE_ADDRESS` as the `cause` of fetch's "fetch failed"; `findPrivateAddressRefusal` finds it.
 *
 * @param options.resolve replaces DNS (tests answer a private address for a made-up name).
 * @example
 * const response = await fetch(url, { redirect: 'manual', dispatcher: createPublicDispatcher() } as RequestInit);
 */
export function createPublicDispatcher(options: { resolve?: ResolveHost } = {}): Dispatcher {
  const connect = buildConnector({ lookup: refusePrivateLookup(options.resolve ?? resolveWithDns) });
  return new Agent({
    connect: (connectOptions, callback) => {
      const kind = isIP(connectOptions.hostname) === 0 ? undefined : describePrivateAddress(connectOptions.hostname);
      if (kind !== undefined) {
        callback(new FetchError('PRIVATE_ADDRESS', `${connectOptions.hostname} is ${kind}`), null);
        return;
      }
      connect(connectOptions, callback);
    },
  });
}

let sharedDispatcher: Dispatcher | undefined;

/**
 * The process's one public-only dispatcher (one connection pool, like undici's global one), made on
 * first use; callers that need another resolver pass their own `createPublicDispatcher()`.
 */
export function defaultPublicDispatcher(): Dispatcher {
  sharedDispatcher ??= createPublicDispatcher();
  return sharedDispatcher;
}

/**
 * The socket's lookup: resolves once and hands exactly the addresses it checked to the socket, or
 * refuses the name. Exported for the tests of that contract.
 */
export function refusePrivateLookup(resolve: ResolveHost): NetLookup {
  return (hostname, options, callback) => {
    resolve(hostname, options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : (options.family ?? 0)).then(
      (addresses) => {
        for (const { address } of addresses) {
          const kind = describePrivateAddress(address);
          if (kind !== undefined) return callback(new FetchError('PRIVATE_ADDRESS', `${hostname} resolves to ${address}, ${kind}`), []);
        }
        if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0].address, addresses[0].family);
      },
      (error: Error) => callback(error, []),
    );
  };
}

function resolveWithDns(hostname: string, family: number): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, family }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}
