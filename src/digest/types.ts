/** A link found inside one newsletter issue, before normalization. */
export interface DigestLink {
  /** Absolute URL of the linked page. */
  url: string;
  /** Anchor text, plain. */
  title: string;
  /** The surrounding paragraph or list item, plain text. */
  summary: string;
}
