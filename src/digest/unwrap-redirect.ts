import { isTrackingUrl } from './classify-url.ts';

const TARGET_PARAMS = ['target', 'url', 'u', 'q', 'to', 'dest', 'destination', 'redirect', 'redirect_url', 'redirect_uri', 'link', 'goto'];

/** Redirectors that carry their destination in a query parameter. */
function isKnownRedirector(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  const path = url.pathname;
  if (['link.zhihu.com', 'link.juejin.cn', 'links.jianshu.com', 'l.facebook.com', 'lm.facebook.com', 'out.reddit.com'].includes(host)) return true;
  if (/(^|\.)google\.[a-z.]+$/.test(host) && path === '/url') return true;
  if (/(^|\.)youtube\.com$/.test(host) && path === '/redirect') return true;
  if (/(^|\.)oschina\.net$/.test(host) && /^\/action\/gotolink/i.test(path)) return true;
  return isTrackingUrl(url);
}

/**
 * The destination of a redirect link when the link itself names it (`link.zhihu.com/?target=…`,
 * `google.com/url?q=…`, an email click tracker with `?url=…`); otherwise the URL unchanged. Nested
 * redirects are followed a few levels deep.
 */
export function unwrapRedirect(url: URL): URL {
  let current = url;
  for (let depth = 0; depth < 3 && isKnownRedirector(current); depth += 1) {
    const target = findTarget(current);
    if (target === null) break;
    current = target;
  }
  return current;
}

function findTarget(url: URL): URL | null {
  for (const name of TARGET_PARAMS) {
    const value = url.searchParams.get(name);
    if (value === null || !/^https?:\/\//i.test(value)) continue;
    try {
      return new URL(value);
    } catch {
      continue; // not a usable destination: try the next parameter
    }
  }
  return null;
}
