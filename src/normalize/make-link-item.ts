import type { NormalizedItem } from './types.ts';

/**
 * An item known by its link and words alone (a link inside a newsletter issue, one a curator
 * pasted): no image, guid, engagement or content, and a date or media kind only when given.
 */
export function makeLinkItem(
  fields: Pick<NormalizedItem, 'url' | 'canonicalUrl' | 'title' | 'summary' | 'lang'> & Partial<Pick<NormalizedItem, 'publishedAt' | 'mediaKind'>>,
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
    comments: null,
    contentHtml: null,
  };
}
