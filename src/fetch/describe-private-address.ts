import ipaddr from 'ipaddr.js';

/** How each non-public range of ipaddr.js is named in messages ("127.0.0.1 is a loopback address"). */
const RANGE_NAMES: Record<string, string> = {
  unspecified: 'an unspecified address (it reaches this machine)',
  loopback: 'a loopback address',
  private: 'a private address',
  linkLocal: 'a link-local address',
  uniqueLocal: 'a unique local address',
  carrierGradeNat: 'a carrier-grade NAT (shared) address',
  deprecatedSiteLocal: 'a site-local address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
};

/**
 * Names the kind of a non-public IP address ("a loopback address"), or returns undefined for a
 * public one. Callers say whose address it is: "127.0.0.1 is …", "intranet resolves to 10.0.0.7, …".
 *
 * Public means ipaddr.js's `unicast` range and nothing else: loopback, private (RFC 1918),
 * link-local (169.254/16, where cloud metadata answers; fe80::/10), unique local (fc00::/7),
 * carrier-grade NAT (100.64/10, also used by VPN overlays), 0.0.0.0 and `::` (both reach this
 * machine), multicast, broadcast and every reserved or documentation range are refused.
 * Addresses that carry an IPv4 address are judged by it: IPv4-mapped (`::ffff:127.0.0.1`),
 * NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`); other translation and tunnelling ranges
 * (Teredo, local-use NAT64) are refused outright. Anything that does not parse is refused too.
 *
 * @example
 * describePrivateAddress('::ffff:10.0.0.1') // → 'a private address'
 * describePrivateAddress('93.184.215.14')   // → undefined
 */
export function describePrivateAddress(address: string): string | undefined {
  if (!ipaddr.isValid(address)) return 'not an IP address';
  const parsed = ipaddr.parse(address);
  const carried = parsed.kind() === 'ipv6' ? embeddedIPv4(parsed as ipaddr.IPv6) : undefined;
  const range = (carried ?? parsed).range();
  if (range === 'unicast') return undefined;
  return RANGE_NAMES[range] ?? `an address in a special-purpose range (${range})`;
}

/** The IPv4 address an IPv6 address stands for, when it is one of the forms that carry one. */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  const [first, second, ...rest] = address.parts;
  const isNat64 = first === 0x64 && second === 0xff9b && rest.slice(0, 4).every((part) => part === 0);
  if (isNat64) return fromParts(rest[4], rest[5]);
  if (first === 0x2002) return fromParts(second, rest[0]);
  return undefined;
}

function fromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}
