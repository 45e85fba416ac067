/** A link found inside one newsletter issue, before normalization. */
export interface DigestLink {
  /** Absolute URL of the linked page. */
  url: string;
  /** Anchor text, plain. */
  title: string;
  /** The surrounding paragraph or list item, plain text. */
  summary: string;
  /**
   * True when `url` is the newsletter's own click-through redirect (PyCoder's `pycoders.com/link/12345/web`):
   * the item is content, but its real address is only known after following the redirect.
   */
  isRedirect?: boolean;
}

/** Where a digest issue came from: its links to these sites are the newsletter itself, not picks. */
export interface DigestContext {
  issueUrl: string;
  feedUrl: string;
  siteUrl?: string;
}

/** Why an anchor of an issue did not become a DigestLink. */
export type DigestSkipReason =
  | 'no-href'
  | 'bad-url'
  | 'mailto'
  | 'javascript'
  | 'not-http'
  | 'no-text'
  | 'image'
  | 'newsletter-chrome'
  | 'sponsor'
  | 'jobs'
  | 'donation'
  | 'tracking'
  | 'social-profile'
  | 'own-site'
  | 'navigation'
  | 'duplicate';

export interface SkippedDigestAnchor {
  /** The resolved URL when there is one, else the raw href (or '' when the anchor has none). */
  href: string;
  /** Anchor text, plain. */
  text: string;
  reason: DigestSkipReason;
}

/** Every anchor of an issue accounted for: kept as a link, or skipped with a reason (for logs and tests). */
export interface DigestExtraction {
  links: DigestLink[];
  skipped: SkippedDigestAnchor[];
}
