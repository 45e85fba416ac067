import { parseHttpUrl } from '../shared/parse-http-url.ts';

/**
 * `642 comments in 2 discussions`, its machine translation `642 评注 in 2 讨论s`, `37 评注 in 1 讨论`,
 * `1,204 comments`, `85 条评论`: the whole anchor text is a count of comments.
 */
const DISCUSSION_COUNT =
  /^(\d{1,3}(?:[,，]\d{3})+|\d+)\s*(?:条|个)?\s*(?:comments?|评注|评论|回复|replies|discussions? comments?)(?:\s*(?:in|across|on|在)\s*\d+\s*(?:个)?\s*(?:discussions?|threads?|讨论s?|帖子))?$/iu;

/**
 * The comment count an anchor's text reports, or null when the text is anything else. Recaps
 * (discu.eu's "Python recap" and its translations) follow each link with such an anchor to the
 * aggregator's discussion page: it is engagement for the link before it, not a link.
 */
export function readDiscussionCount(text: string): number | null {
  const match = DISCUSSION_COUNT.exec(text.trim());
  return match === null ? null : Number(match[1].replace(/[,，]/g, ''));
}

/**
 * The page a discussion link is about, when the link names it: `discu.eu/q/https://example.com/post`
 * (the URL after the aggregator's path, percent-decoded), or a target parameter (`?url=…`). Null otherwise.
 */
export function findDiscussedUrl(url: URL): URL | null {
  const inPath = /\/(https?(?::|%3A)(?:\/|%2F).*)$/i.exec(url.pathname + url.search);
  const candidates = [inPath?.[1], url.searchParams.get('url') ?? undefined, url.searchParams.get('q') ?? undefined];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const parsed = parseDecoded(candidate);
    if (parsed !== null) return parsed;
  }
  return null;
}

function parseDecoded(value: string): URL | null {
  let decoded = value;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    // a stray `%` in the embedded URL: try it as written
  }
  return parseHttpUrl(decoded); // null: not a link after all, the caller falls back to the link before the count
}
