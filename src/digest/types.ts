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
  /**
   * Comments the newsletter reported for the link (a recap's "642 comments in 2 discussions" line
   * after it): engagement, not a link of its own. Absent when the issue gave no count.
   */
  comments?: number;
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
  | 'duplicate'
  /** A click-through wrapper whose target parameter is not a usable http(s) URL. */
  | 'bad-redirect'
  /** A thank-you to whoever sent the link in (`@name 投稿`, "via"), not a pick. */
  | 'credit'
  /** A discussion count ("642 comments in 2 discussions"): engagement of the link before it. */
  | 'engagement'
  /** In most issues of the same newsletter: a standing block, learned across the issues of one feed. */
  | 'recurring'
  /** Past the per-issue cap: a page with thousands of links is not an issue, only its first links are read. */
  | 'too-many-links';

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
