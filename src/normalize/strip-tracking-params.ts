import { isTrackingParam } from './tracking-params.ts';
import { decodeComponent } from './url-parts.ts';

/**
 * The URL as written, minus its tracking parameters (`utm_*`, click ids, share ids: see
 * tracking-params.ts). Unlike canonicalizeUrl it changes nothing else — scheme, host, path, the
 * order and spelling of the other parameters and the fragment stay — so it is fit to print: an
 * issue links `https://blog.example/post`, not the `?utm_source=feed` one of the feeds that
 * carried it. A URL that does not parse is returned unchanged.
 *
 * @example stripTrackingParams('https://www.Example.com/a?utm_source=feed&page=2#top') // → 'https://www.Example.com/a?page=2#top'
 */
export function stripTrackingParams(url: string): string {
  const match = /^([^?#]*)\?([^#]*)(#.*)?$/s.exec(url);
  if (!match) return url;
  let host: string;
  let pathname: string;
  try {
    const parsed = new URL(url);
    host = parsed.hostname.toLowerCase().replace(/^(?:www|m)\./, '');
    pathname = parsed.pathname;
  } catch {
    return url; // not a URL: nothing to take apart
  }
  const pieces = match[2]!.split('&').filter((piece) => piece !== '');
  const params = pieces.map((piece) => {
    const equals = piece.indexOf('=');
    return {
      piece,
      name: decodeComponent(equals === -1 ? piece : piece.slice(0, equals)),
      value: equals === -1 ? '' : piece.slice(equals + 1),
    };
  });
  const context = { host, pathname, paramNames: new Set(params.map((param) => param.name.toLowerCase())) };
  const kept = params.filter((param) => !isTrackingParam(param.name, param.value, context)).map((param) => param.piece);
  if (kept.length === pieces.length) return url;
  return `${match[1]}${kept.length > 0 ? `?${kept.join('&')}` : ''}${match[3] ?? ''}`;
}
