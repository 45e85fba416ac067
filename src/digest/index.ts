export { extractDigestLinks, extractDigestLinksDetailed } from './extract-digest-links.ts';
export { dropRecurringLinks } from './drop-recurring-links.ts';
export { findRecurringLinks } from './find-recurring-links.ts';
export type { DigestContext, DigestExtraction, DigestLink, DigestSkipReason, SkippedDigestAnchor } from './types.ts';
