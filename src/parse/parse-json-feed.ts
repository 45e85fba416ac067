import { z } from 'zod';
import { ParseError } from '../shared/errors.ts';
import type { ParsedFeed, ParsedItem } from './types.ts';

// Optional members may be null in the wild ("image": null); both mean absent.
const optionalText = z.string().nullish();
const author = z.object({ name: optionalText, url: optionalText }).nullish();

const jsonFeedItem = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  url: optionalText,
  external_url: optionalText,
  title: optionalText,
  content_html: optionalText,
  content_text: optionalText,
  summary: optionalText,
  image: optionalText,
  banner_image: optionalText,
  date_published: optionalText,
  date_modified: optionalText,
  author,
  // Seen in the wild: a single author object where 1.1 wants an array.
  authors: z.union([z.array(author), author]).nullish(),
  attachments: z
    .array(
      z.object({
        url: z.string(),
        mime_type: optionalText,
        size_in_bytes: z.number().nullish(),
        duration_in_seconds: z.number().nullish(),
      }),
    )
    .nullish(),
});

const jsonFeed = z.object({
  version: optionalText,
  title: optionalText,
  home_page_url: optionalText,
  // A feed with nothing published yet may omit `items`.
  items: z.array(jsonFeedItem).nullish(),
});

type JsonFeedItem = z.infer<typeof jsonFeedItem>;

/**
 * Parses JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1). JSON that is not a JSON Feed (no
 * jsonfeed.org `version` and no `items`) is NOT_A_FEED; a JSON Feed whose shape is wrong is
 * MALFORMED with the first offending path, e.g. `items[2].url: expected string`.
 * `where` names the document in messages (its URL, or "document").
 */
export function parseJsonFeed(text: string, where: string): ParsedFeed {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new ParseError('MALFORMED', `${where}: invalid JSON: ${describeJsonSyntaxError(error)}`, { cause: error });
  }
  if (!isJsonFeedLike(document)) {
    throw new ParseError('NOT_A_FEED', `${where}: JSON document is not a JSON Feed (no jsonfeed.org "version" and no "items" array)`);
  }
  const result = jsonFeed.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    const path = issue.path
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('')
      .replace(/^\./, '');
    throw new ParseError('MALFORMED', `${where}: JSON Feed ${path || 'document'}: ${issue.message}`, { cause: result.error });
  }
  const feed = result.data;
  return {
    format: 'json',
    title: feed.title?.trim() || undefined,
    siteUrl: feed.home_page_url?.trim() || undefined,
    items: (feed.items ?? []).map(mapJsonItem),
  };
}

function isJsonFeedLike(document: unknown): document is Record<string, unknown> {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return false;
  const record = document as Record<string, unknown>;
  return (typeof record.version === 'string' && record.version.includes('jsonfeed.org')) || 'items' in record;
}

function mapJsonItem(item: JsonFeedItem): ParsedItem {
  const authors = Array.isArray(item.authors) ? item.authors : [item.authors];
  const authorName = [item.author, ...authors].map((person) => person?.name?.trim()).find(Boolean);
  const images = [item.image, item.banner_image].filter((url): url is string => typeof url === 'string' && url.trim() !== '');
  return {
    guid: item.id === undefined || item.id === null || item.id === '' ? undefined : String(item.id),
    title: item.title ?? undefined,
    link: (item.url || item.external_url)?.trim() || undefined,
    contentHtml: item.content_html || (item.content_text ? escapeHtml(item.content_text) : undefined),
    summaryHtml: item.summary ?? undefined,
    published: (item.date_published || item.date_modified) ?? undefined,
    author: authorName,
    enclosures: (item.attachments ?? []).map((attachment) => ({
      url: attachment.url,
      type: attachment.mime_type ?? undefined,
      length: attachment.size_in_bytes ?? undefined,
    })),
    thumbnails: images.map((url) => url.trim()),
  };
}

/** content_text is plain text; contentHtml promises HTML, so its markup characters are escaped. */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * JSON.parse's reason without the document's text: V8 quotes the text around the error
 * (`Unexpected token 'I', "{"token": IN"... is not valid JSON`); its other messages (`Expected ','
 * or '}' after property value in JSON at position 12`) name only the syntax and a position.
 */
function describeJsonSyntaxError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.includes('"') ? 'unexpected text where a JSON value should be' : message;
}
