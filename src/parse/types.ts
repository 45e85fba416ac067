/** A feed as parsed, before normalization: raw strings, nothing resolved or cleaned yet. */
export interface ParsedFeed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  title?: string;
  /** The site the feed belongs to (channel link / atom alternate / home_page_url). */
  siteUrl?: string;
  /** xml:base of the feed element, if any. */
  baseUrl?: string;
  /** RSS <ttl>, in minutes. */
  ttlMinutes?: number;
  items: ParsedItem[];
}

export interface ParsedEnclosure {
  url: string;
  type?: string;
  length?: number;
}

export interface ParsedItem {
  guid?: string;
  title?: string;
  /** The item's link as written in the feed (may be relative). */
  link?: string;
  /** feedburner:origLink, preferred over `link` when present. */
  origLink?: string;
  /** xml:base in effect for this item, if any. */
  baseUrl?: string;
  /** Full HTML content (content:encoded, atom content, content_html). */
  contentHtml?: string;
  /** Short HTML or text summary (description, atom summary, summary). */
  summaryHtml?: string;
  /** The published (or, failing that, updated) date exactly as the feed wrote it. */
  published?: string;
  author?: string;
  /** The comments page (RSS <comments>, hnrss). */
  commentsUrl?: string;
  enclosures: ParsedEnclosure[];
  /** media:thumbnail / media:group thumbnails / itunes:image / JSON Feed image. */
  thumbnails: string[];
  /** yt:videoId for YouTube feeds. */
  youtubeVideoId?: string;
  /** itunes:duration as written. */
  duration?: string;
}
