export { extractDigestLinks, extractDigestLinksDetailed } from './extract-digest-links.ts';
export type { DigestContext, DigestExtraction, DigestLink, DigestSkipReason, SkippedDigestAnchor } from './types.ts';
