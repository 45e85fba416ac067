import { unwrapRedirect as unwrapKnownWrapper } from '../normalize/unwrap-redirect.ts';
import { parseHttpUrl } from '../shared/parse-http-url.ts';
import { isTrackingUrl } from './classify-url.ts';

/** Where email click trackers and click-through wrappers put their destination; they have no fixed parameter name. */
export const TARGET_PARAMS = [
  'target',
  'url',
  'u',
  'q',
  'to',
  'dest',
  'destination',
  'redirect',
  'redirect_url',
  'redirect_uri',
  'link',
  'goto',
];

/**
 * The destination of a redirect link when the link itself names it: the wrappers normalize knows
 * (`link.zhihu.com/?target=…`, `google.com/url?q=…`), plus the email click trackers newsletters
 * use (`?url=…` under any of the usual names). Otherwise the URL unchanged. Nested redirects are
 * followed a few levels deep.
 */
export function unwrapRedirect(url: URL): URL {
  let current = unwrapKnownWrapper(url);
  for (let depth = 0; depth < 3 && isTrackingUrl(current); depth += 1) {
    const target = findTarget(current);
    if (target === null) break;
    current = unwrapKnownWrapper(target);
  }
  return current;
}

function findTarget(url: URL): URL | null {
  for (const name of TARGET_PARAMS) {
    const value = url.searchParams.get(name);
    // not a usable destination: try the next parameter
    const target = value !== null && /^https?:\/\//i.test(value) ? parseHttpUrl(value) : null;
    if (target) return target;
  }
  return null;
}
