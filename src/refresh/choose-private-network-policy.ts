import type { SourceConfig } from '../config/schema.ts';
import type { Env } from '../config/env.ts';
import { fetchThrough } from '../fetch/fetch-through.ts';
import type { Dispatcher } from '../fetch/public-dispatcher.ts';

export interface PrivateNetworkDeps {
  fetch: typeof fetch;
  config: { sources: readonly SourceConfig[] };
  env?: Pick<Env, 'SIFT_ALLOW_PRIVATE_NETWORKS'>;
  /** Connects targets chosen by responses; defaults to the process's public-only dispatcher. */
  publicDispatcher?: Dispatcher;
}

export interface PrivateNetworkPolicy {
  /** For fetchFeed: may redirects to another origin reach private addresses? */
  allowPrivateNetworks: boolean;
  /** The fetch for newsletter click-throughs: every link and every hop of it came from a response. */
  fetchChosenTargets: typeof fetch;
}

const allowingIds = new WeakMap<readonly SourceConfig[], Set<string>>();

/**
 * Whether what a source's responses choose may reach a private network: only when the operator
 * said so, for every source (`SIFT_ALLOW_PRIVATE_NETWORKS=1`) or for this one
 * (`allow_private_networks: true` in sources.yaml). The source's own URL is not decided here: it
 * is always fetched, wherever it points.
 *
 * Unlike a feed's redirect within the operator's origin, a click-through link is refused even
 * when it is on the feed's own server: it is text inside the feed (a local RSSHub republishes
 * strangers' content), not the server's answer.
 */
export function choosePrivateNetworkPolicy(deps: PrivateNetworkDeps, sourceId: string): PrivateNetworkPolicy {
  let ids = allowingIds.get(deps.config.sources);
  if (ids === undefined) {
    ids = new Set(deps.config.sources.filter((source) => source.allow_private_networks).map((source) => source.id));
    allowingIds.set(deps.config.sources, ids);
  }
  const allowPrivateNetworks = deps.env?.SIFT_ALLOW_PRIVATE_NETWORKS === true || ids.has(sourceId);
  if (allowPrivateNetworks) return { allowPrivateNetworks, fetchChosenTargets: deps.fetch };
  return { allowPrivateNetworks, fetchChosenTargets: fetchThrough(deps.fetch, deps.publicDispatcher) };
}
