import { getRegistrableDomain } from './get-registrable-domain.ts';

/**
 * Hosts shared by everyone, where a newsletter's own pages are told apart by the first path
 * segment: the owner (`github.com/chinesehuazhou/…`, `medium.com/@pycoders`, `t.me/channel`).
 */
export const OWNER_IN_PATH = new Set([
  'buttondown.com',
  'buttondown.email',
  'cnblogs.com',
  'dev.to',
  'github.com',
  'gitlab.com',
  'medium.com',
  'substack.com',
  't.me',
]);

/**
 * Hosts where "same site" means nothing: an issue published on WeChat or Zhihu still links other
 * WeChat or Zhihu articles as content, and a feed proxied through FeedBurner or RSSHub says nothing
 * about the newsletter's site.
 */
export const NO_OWNER = new Set([
  'bilibili.com',
  'csdn.net',
  'feedburner.com',
  'google.com',
  'jianshu.com',
  'juejin.cn',
  'qq.com',
  'reddit.com',
  'rsshub.app',
  'segmentfault.com',
  'sspai.com',
  'telegra.ph',
  'twitter.com',
  'weibo.com',
  'x.com',
  'xiaobot.net',
  'ycombinator.com',
  'youtube.com',
  'zhihu.com',
]);

interface OwnSite {
  domain: string;
  owner: string | null;
}

/**
 * Builds the test "is this link the newsletter itself?" from the issue, feed and site URLs: same
 * registrable domain (so `img.pythoncat.top` counts for `pythoncat.top`), or on shared hosts the same
 * owner path. Invalid or missing URLs are ignored.
 */
export function createOwnSiteMatcher(urls: Array<string | undefined>): (url: URL) => boolean {
  const sites: OwnSite[] = [];
  for (const raw of urls) {
    const site = readOwnSite(raw);
    if (site !== null) sites.push(site);
  }
  return (url) => {
    const domain = getRegistrableDomain(url.hostname);
    const owner = firstSegment(url);
    return sites.some((site) => site.domain === domain && (site.owner === null || site.owner === owner));
  };
}

function readOwnSite(raw: string | undefined): OwnSite | null {
  if (raw === undefined || raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null; // a malformed context URL only means one fewer own-site rule
  }
  const domain = getRegistrableDomain(url.hostname);
  if (NO_OWNER.has(domain)) return null;
  if (!OWNER_IN_PATH.has(domain)) return { domain, owner: null };
  const owner = firstSegment(url);
  return owner === null ? null : { domain, owner };
}

function firstSegment(url: URL): string | null {
  const segment = url.pathname.split('/').find((part) => part !== '');
  return segment === undefined ? null : decodeURIComponent(segment).toLowerCase();
}
