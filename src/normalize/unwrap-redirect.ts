import { parseHttpUrl } from '../shared/parse-http-url.ts';

/**
 * Click-through wrappers that carry the real target in a query parameter. Newsletters and social
 * sites wrap outbound links in these; without unwrapping, the same article seen on Reddit and in a
 * Google alert would be two items.
 */
const REDIRECT_WRAPPERS: Array<{ host: RegExp; path: RegExp; params: string[] }> = [
  { host: /^(www\.)?google\.[a-z.]+$/, path: /^\/url$/, params: ['q', 'url'] },
  { host: /^out\.reddit\.com$/, path: /.*/, params: ['url'] },
  { host: /^(l|lm|m|www)\.facebook\.com$/, path: /^\/l\.php$/, params: ['u'] },
  { host: /^l\.instagram\.com$/, path: /.*/, params: ['u'] },
  { host: /^(www\.)?youtube\.com$/, path: /^\/redirect$/, params: ['q'] },
  { host: /^t\.umblr\.com$/, path: /^\/redirect$/, params: ['z'] },
  { host: /^slack-redir\.net$/, path: /^\/link$/, params: ['url'] },
  { host: /\.safelinks\.protection\.outlook\.com$/, path: /.*/, params: ['url'] },
  { host: /^link\.zhihu\.com$/, path: /.*/, params: ['target'] },
  { host: /^link\.juejin\.cn$/, path: /.*/, params: ['target'] },
  { host: /^(www\.)?jianshu\.com$/, path: /^\/go-wild$/, params: ['url'] },
  { host: /^(www\.)?oschina\.net$/, path: /^\/action\/GoToLink$/, params: ['url'] },
  { host: /^weibo\.cn$/, path: /^\/sinaurl$/, params: ['u', 'toasturl'] },
  { host: /^(www\.)?linkedin\.com$/, path: /^\/redir\/redirect$/, params: ['url'] },
];

/** Wrappers can nest (a Google redirect to a Facebook redirect); a few levels is plenty. */
const MAX_DEPTH = 5;

/**
 * Returns the URL a known redirect wrapper points to, following nested wrappers; the input itself
 * when it is not a wrapper or its target is not an absolute http(s) URL.
 */
export function unwrapRedirect(url: URL): URL {
  let current = url;
  for (let depth = 0; depth < MAX_DEPTH; depth += 1) {
    const target = findWrappedTarget(current);
    if (!target) return current;
    current = target;
  }
  return current;
}

/** True for a URL on a known click-through wrapper (whatever its target), so a caller can tell a broken target from a page. */
export function isKnownRedirectWrapper(url: URL): boolean {
  return findWrapper(url) !== undefined;
}

function findWrapper(url: URL) {
  const host = url.hostname.toLowerCase();
  return REDIRECT_WRAPPERS.find((rule) => rule.host.test(host) && rule.path.test(url.pathname));
}

function findWrappedTarget(url: URL): URL | null {
  const wrapper = findWrapper(url);
  if (!wrapper) return null;
  for (const param of wrapper.params) {
    const target = parseHttpUrl(url.searchParams.get(param) ?? undefined);
    if (target) return target;
  }
  return null;
}
