import { toBrandLabel } from './read-brand-labels.ts';

/** Parameters senders use to say where a click came from. */
const SOURCE_PARAM =
  /^(?:utm_(?:source|campaign|medium|content)|ref|referrer|source|src|from|via|channel|partner|aff|affiliate|[a-z_]*track[a-z_]*)$/i;

/**
 * True when the link carries a referral parameter naming the newsletter itself
 * (`juejin.cn/meetings/…?utm_source=ruanyifeng`, `?bag_track=ruanyifeng`): an advertiser's
 * tracking of the newsletter's readers. Whether that marks an ad depends on the issue: a newsletter
 * that tags every outbound link the same way says nothing by it (see the caller).
 */
export function hasNewsletterTag(url: URL, brandLabels: readonly string[]): boolean {
  if (brandLabels.length === 0 || url.search === '') return false;
  for (const [name, value] of url.searchParams) {
    if (!SOURCE_PARAM.test(name)) continue;
    const tokens = value.split(/[^\p{L}\p{N}]+/u).map(toBrandLabel);
    const whole = toBrandLabel(value);
    if (brandLabels.some((label) => whole === label || tokens.includes(label))) return true;
  }
  return false;
}
