import type { NormalizedItem } from './types.ts';

/**
 * An item known by its link and words alone (a link inside a newsletter issue, one a curator
 * pasted): no image, guid or content, and a date, media kind or comment count only when given
 * (a newsletter that reports "642 comments" for a link).
 */
export function makeLinkItem(
  fields: Pick<NormalizedItem, 'url' | 'canonicalUrl' | 'title' | 'summary' | 'lang'> &
    Partial<Pick<NormalizedItem, 'publishedAt' | 'mediaKind' | 'comments'>>,
): NormalizedItem {
  return {
    url: fields.url,
    canonicalUrl: fields.canonicalUrl,
    title: fields.title,
    summary: fields.summary,
    lang: fields.lang,
    publishedAt: fields.publishedAt ?? null,
    imageUrl: null,
    mediaKind: fields.mediaKind ?? null,
    guid: null,
    points: null,
    comments: fields.comments ?? null,
    contentHtml: null,
  };
}
