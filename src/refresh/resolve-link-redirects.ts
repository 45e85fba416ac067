import pLimit from 'p-limit';
import { canonicalizeUrl } from '../normalize/canonicalize-url.ts';
import type { RefreshDeps } from './refresh-source.ts';
import type { FoundItem } from './process-feed.ts';

const MAX_HOPS = 5;
const TIMEOUT_MS = 10_000;
const CONCURRENCY = 4;

/**
 * Newsletters such as PyCoder's Weekly link every pick through their own click-through redirect
 * (`pycoders.com/link/13216/feed`). Those items are content, but their real URL is only known by
 * asking the newsletter's server. Each redirect is resolved once (Location headers only, no body
 * read) and remembered in `link_redirects`; the items get the target's URL and canonical URL.
 * A redirect that cannot be resolved now keeps its click-through URL (still a working link) and
 * is tried again on the next refresh that carries it.
 */
export async function resolveLinkRedirects(deps: Pick<RefreshDeps, 'db' | 'fetch' | 'log' | 'config'>, items: FoundItem[]): Promise<FoundItem[]> {
  const pending = [...new Set(items.filter((item) => item.isRedirect).map((item) => item.url))];
  if (pending.length === 0) return items;
  const known = new Map(
    (await deps.db.selectFrom('link_redirects').select(['url', 'target_url']).where('url', 'in', pending).execute()).map((row) => [row.url, row.target_url]),
  );
  const limit = pLimit(CONCURRENCY);
  const resolvedNow: Array<{ url: string; target_url: string }> = [];
  await Promise.all(
    pending
      .filter((url) => !known.has(url))
      .map((url) =>
        limit(async () => {
          const target = await followRedirects(deps, url);
          if (target) {
            known.set(url, target);
            resolvedNow.push({ url, target_url: target });
          }
        }),
      ),
  );
  if (resolvedNow.length > 0) {
    await deps.db.insertInto('link_redirects').values(resolvedNow).onConflict((conflict) => conflict.column('url').doNothing()).execute();
  }
  return items.map((item) => {
    const target = item.isRedirect ? known.get(item.url) : undefined;
    const canonicalUrl = target ? canonicalizeUrl(target) : null;
    return target && canonicalUrl ? { ...item, url: target, canonicalUrl, isRedirect: false } : item;
  });
}

/** Follows Location headers from `url` until a non-redirect answer; null when that fails. */
async function followRedirects(deps: Pick<RefreshDeps, 'fetch' | 'log' | 'config'>, url: string): Promise<string | null> {
  let current = url;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    let response: Response;
    try {
      response = await deps.fetch(current, {
        method: 'GET',
        redirect: 'manual',
        headers: { 'user-agent': deps.config.defaults.user_agent },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      deps.log.debug({ err: error, url }, 'click-through redirect not resolved');
      return null;
    }
    await response.body?.cancel().catch(() => {}); // only the headers matter; a failed cancel leaves nothing to clean up
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) return hop === 0 ? null : current;
    const next = new URL(location, current);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return null;
    current = next.href;
    if (new URL(url).host !== next.host) return current; // left the newsletter's site: that is the pick
  }
  return null;
}
