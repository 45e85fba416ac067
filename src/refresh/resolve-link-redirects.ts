import pLimit from 'p-limit';
import { findPrivateAddressRefusal, PRIVATE_NETWORK_ADVICE } from '../fetch/find-private-address-refusal.ts';
import { canonicalizeUrl } from '../normalize/canonicalize-url.ts';
import { shortenForLog } from '../shared/shorten-for-log.ts';
import { loadLinkRedirects } from '../store/link-redirects/load-link-redirects.ts';
import { saveLinkRedirects } from '../store/link-redirects/save-link-redirects.ts';
import type { RefreshDeps } from './refresh-deps.ts';
import type { FoundItem } from './process-feed.ts';

const MAX_HOPS = 5;
/** Longest one click-through may take (and never past the pass's budget). */
const TIMEOUT_MS = 10_000;
const CONCURRENCY = 4;
/** Click-throughs of one newsletter issue asked per refresh at most; the rest wait for a later refresh. */
export const MAX_CLICK_THROUGHS_PER_ISSUE = 100;
/** A click-through that failed is not asked again for a day, twice as long after each further failure, at most 32 days. */
const RETRY_AFTER_MS = 86_400_000;
const MAX_RETRY_DOUBLINGS = 5;

export interface ResolveOptions {
  /** What is left of the source's timeout after its fetch: the whole resolution pass ends when it has passed. */
  budgetMs: number;
}

type Answer = { target: string } | { error: string };
/** `cutOff`: the pass's budget ran out while asking; not the link's fault, so nothing is remembered. */
type Outcome = Answer | { cutOff: true };

/**
 * Newsletters such as PyCoder's Weekly link every pick through their own click-through redirect
 * (`pycoders.com/link/13216/feed`). Those items are content, but their real URL is only known by
 * asking the newsletter's server. Each redirect is resolved once (Location headers only, no body
 * read) and remembered in `link_redirects`; the items get the target's URL and canonical URL.
 *
 * A link that cannot be resolved (no answer, no redirect, a malformed `Location`) keeps its
 * click-through URL (still a working link), is logged with the reason, and is remembered as failed:
 * it is not asked again before `next_try_at` (a day, doubling per failure). The pass is bounded by
 * what is left of the source's timeout (`budgetMs`) and by MAX_CLICK_THROUGHS_PER_ISSUE per issue;
 * links it did not get to, or was still asking when the budget ran out, keep their click-through URL,
 * are not remembered and are asked on a later refresh. Nothing here fails the issue.
 */
export async function resolveLinkRedirects(
  deps: Pick<RefreshDeps, 'db' | 'fetch' | 'log' | 'config' | 'clock'>,
  items: FoundItem[],
  options: ResolveOptions,
): Promise<FoundItem[]> {
  const issueOf = new Map<string, string>();
  for (const item of items) if (item.isRedirect && !issueOf.has(item.url)) issueOf.set(item.url, item.digestIssueUrl ?? '');
  if (issueOf.size === 0) return items;
  const now = deps.clock.now();
  const remembered = await loadLinkRedirects(deps.db, [...issueOf.keys()]);

  const perIssue = new Map<string, number>();
  const toAsk: string[] = [];
  let overCap = 0;
  for (const [url, issue] of issueOf) {
    const known = remembered.get(url);
    if (known?.target || (known?.nextTryAt && known.nextTryAt > now)) continue;
    const asked = perIssue.get(issue) ?? 0;
    if (asked >= MAX_CLICK_THROUGHS_PER_ISSUE) {
      overCap += 1;
      continue;
    }
    perIssue.set(issue, asked + 1);
    toAsk.push(url);
  }

  const budget = AbortSignal.timeout(Math.max(0, options.budgetMs));
  const limit = pLimit(CONCURRENCY);
  const outcomes = new Map<string, Answer>();
  await Promise.all(
    toAsk.map((url) =>
      limit(async () => {
        const outcome = budget.aborted ? null : await followRedirects(deps, url, budget);
        if (outcome && !('cutOff' in outcome)) outcomes.set(url, outcome);
      }),
    ),
  );

  const targets = new Map<string, string>();
  for (const [url, known] of remembered) if (known.target) targets.set(url, known.target);
  const rows = [...outcomes].map(([url, outcome]) => {
    if ('target' in outcome) {
      targets.set(url, outcome.target);
      return { url, target_url: outcome.target, resolved_at: now, failed_at: null, attempts: 0, next_try_at: null, error: null };
    }
    const attempts = (remembered.get(url)?.attempts ?? 0) + 1;
    const nextTryAt = new Date(now.getTime() + RETRY_AFTER_MS * 2 ** Math.min(attempts - 1, MAX_RETRY_DOUBLINGS));
    deps.log.warn(
      { link: shortenForLog(url), issue: shortenForLog(issueOf.get(url)), reason: outcome.error, nextTryAt },
      'click-through link not resolved: kept as it is',
    );
    return { url, target_url: null, resolved_at: null, failed_at: now, attempts, next_try_at: nextTryAt, error: outcome.error };
  });
  await saveLinkRedirects(deps.db, rows);
  const notAsked = toAsk.length - outcomes.size;
  if (notAsked > 0 || overCap > 0) {
    deps.log.info(
      { notAsked, overCap, budgetMs: options.budgetMs, perIssueCap: MAX_CLICK_THROUGHS_PER_ISSUE },
      'click-through links left for a later refresh (source timeout or per-issue cap)',
    );
  }

  return items.map((item) => {
    const target = item.isRedirect ? targets.get(item.url) : undefined;
    const canonicalUrl = target ? canonicalizeUrl(target) : null;
    return target && canonicalUrl ? { ...item, url: target, canonicalUrl, isRedirect: false } : item;
  });
}

/** Follows Location headers from `url` until a non-redirect answer, or says why that failed. */
async function followRedirects(deps: Pick<RefreshDeps, 'fetch' | 'config'>, url: string, budget: AbortSignal): Promise<Outcome> {
  const signal = AbortSignal.any([budget, AbortSignal.timeout(TIMEOUT_MS)]);
  let current = url;
  for (let hop = 0; hop < MAX_HOPS; hop += 1) {
    let response: Response;
    try {
      response = await deps.fetch(current, {
        method: 'GET',
        redirect: 'manual',
        headers: { 'user-agent': deps.config.defaults.user_agent },
        signal,
      });
    } catch (error) {
      if (budget.aborted) return { cutOff: true };
      if (signal.aborted) return { error: `no answer within ${TIMEOUT_MS} ms` };
      // refreshSource passes a fetch that refuses private addresses unless the operator allowed them
      const refusal = findPrivateAddressRefusal(error);
      if (refusal) return { error: `refused ${new URL(current).origin}: ${refusal.message}; ${PRIVATE_NETWORK_ADVICE}` };
      return { error: `request failed: ${describeError(error)}` };
    }
    await response.body?.cancel().catch(() => {}); // only the headers matter; a failed cancel leaves nothing to clean up
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return hop === 0 ? { error: `answered HTTP ${response.status} without a redirect` } : { target: current };
    }
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      return { error: `malformed Location header ${JSON.stringify(shortenForLog(location))}` };
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') return { error: `redirects to a ${next.protocol} URL` };
    current = next.href;
    if (new URL(url).host !== next.host) return { target: current }; // left the newsletter's site: that is the pick
  }
  return { error: `more than ${MAX_HOPS} redirects` };
}

/** An error's message with its cause's (undici says "fetch failed" and puts the reason in `cause`). */
function describeError(error: unknown): string {
  const cause = error instanceof Error && error.cause ? `: ${shortenForLog(error.cause)}` : '';
  return `${shortenForLog(error)}${cause}`;
}
