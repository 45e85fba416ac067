/** One item ready to store: every URL absolute, text plain, dates real. Produced by normalizeItem. */
export interface NormalizedItem {
  /** The display URL (absolute, as the feed gave it, tracking parameters kept). */
  url: string;
  /** The dedupe key: see canonicalizeUrl. */
  canonicalUrl: string;
  title: string;
  /** Plain text, at most 500 characters, cut at a sentence or word boundary. */
  summary: string;
  lang: 'zh' | 'en' | 'other';
  /** Null when the feed gave no usable date (the store uses first seen). Never in the future. */
  publishedAt: Date | null;
  imageUrl: string | null;
  /** 'audio' for audio enclosures (podcasts), 'video' for YouTube/bilibili and video enclosures. */
  mediaKind: 'audio' | 'video' | null;
  guid: string | null;
  /** Engagement carried by the feed (hnrss `Points:` / `# Comments:`). */
  points: number | null;
  comments: number | null;
  /** Item HTML kept for the digest stage (links inside a newsletter issue); not stored. */
  contentHtml: string | null;
}
