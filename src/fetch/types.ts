export interface FetchRequest {
  url: string;
  /** Validators stored from the previous successful fetch, sent as `If-None-Match` / `If-Modified-Since`. */
  etag?: string | null;
  lastModified?: string | null;
  /** Budget for the whole exchange: every redirect hop, the headers and the body. Callers use 20 000. */
  timeoutMs: number;
  /** Cap on the decoded body. Callers use 15 MiB. */
  maxBytes: number;
  /** Redirect hops allowed before giving up; default 5. */
  maxRedirects?: number;
  /**
   * Lets redirects to other origins reach loopback, private, link-local and unique-local
   * addresses (the operator's `SIFT_ALLOW_PRIVATE_NETWORKS=1` or the source's `allow_private_networks`).
   */
  allowPrivateNetworks?: boolean;
}

interface FetchedCommon {
  /** The URL that finally answered, after redirects. */
  finalUrl: string;
  /** Validators to store for the next fetch. */
  etag: string | null;
  lastModified: string | null;
  /** `Cache-Control: max-age` — how long the publisher says the feed stays fresh. */
  maxAgeSeconds?: number;
  /**
   * Set when the request URL moved for good: the URL reached through an unbroken run of 301/308
   * from the start (a later temporary hop is not followed into it). The caller may store it.
   */
  permanentRedirectUrl?: string;
}

export interface FetchOk extends FetchedCommon {
  kind: 'ok';
  status: number;
  bytes: Uint8Array;
  contentType: string | null;
  /**
   * The server ignored our conditional headers but answered with the very validators we sent:
   * the content is the same, so the caller can skip parsing.
   */
  unchanged: boolean;
}

export interface FetchNotModified extends FetchedCommon {
  kind: 'not-modified';
}

export type FetchResult = FetchOk | FetchNotModified;
