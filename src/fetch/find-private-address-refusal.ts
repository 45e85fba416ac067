import { FetchError } from '../shared/errors.ts';

/** What every refusal says after its reason, so the operator knows it was deliberate and how to allow it. */
export const PRIVATE_NETWORK_ADVICE =
  'a target chosen by a response may not be on a private network (allow it with allow_private_networks: true on the source, or SIFT_ALLOW_PRIVATE_NETWORKS=1)';

/** The PRIVATE_ADDRESS refusal somewhere in `error`'s cause chain (fetch wraps it in "fetch failed"). */
export function findPrivateAddressRefusal(error: unknown): FetchError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof FetchError && current.code === 'PRIVATE_ADDRESS') return current;
  }
  return undefined;
}
