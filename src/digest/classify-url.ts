import { isSocialProfileUrl } from './is-social-profile-url.ts';

/** Reasons a URL alone, wherever it appears, is not a pick. */
export type UrlSkipReason = 'image' | 'newsletter-chrome' | 'sponsor' | 'donation' | 'tracking' | 'social-profile';

const IMAGE_PATH = /\.(?:avif|bmp|gif|ico|jpe?g|png|svg|webp)$/i;

/** Path segments of unsubscribe / preference pages, on whatever host the email service uses. */
const CHROME_SEGMENTS = new Set([
  'unsubscribe',
  'optout',
  'opt-out',
  'opt_out',
  'email-preferences',
  'manage-preferences',
  'subscription-preferences',
  'manage-subscription',
  'manage-subscriptions',
  'update-profile',
]);

/** Share and "post this" endpoints: they create content, they are not content. */
const SHARE_ENDPOINTS: Array<[RegExp, RegExp]> = [
  [/^(?:www\.)?(?:twitter|x)\.com$/, /^\/(?:intent\/|share\b)/],
  [/^(?:www\.|m\.)?facebook\.com$/, /^\/sharer/],
  [/^(?:www\.)?linkedin\.com$/, /^\/(?:shareArticle|sharing\/)/i],
  [/^(?:www\.)?reddit\.com$/, /^\/submit/],
  [/^news\.ycombinator\.com$/, /^\/submitlink/],
  [/^service\.weibo\.com$/, /^\/share/],
  [/^t\.me$/, /^\/share\//],
];

/** Email service click trackers and campaign pages (Mailchimp, SendGrid, ConvertKit, beehiiv …). */
const TRACKING_HOSTS = [
  'aweber.com',
  'campaign-archive.com',
  'ck.page',
  'cmail19.com',
  'cmail20.com',
  'convertkit-mail.com',
  'convertkit-mail2.com',
  'convertkit-mail4.com',
  'createsend1.com',
  'hubspotlinks.com',
  'klclick.com',
  'list-manage.com',
  'mailchi.mp',
  'mandrillapp.com',
  'mlsend.com',
  'pstmrk.it',
  'rs6.net',
  'sendgrid.net',
  'mail.beehiiv.com',
  'click.mailerlite.com',
];
const TRACKING_PATHS = [/^\/ls\/click/, /^\/track\/click/, /^\/redirect\/\d+\//];

const DONATION_HOSTS = ['afdian.com', 'afdian.net', 'buymeacoffee.com', 'ko-fi.com', 'liberapay.com', 'patreon.com', 'paypal.me'];

function isOnHost(host: string, hosts: string[]): boolean {
  return hosts.some((candidate) => host === candidate || host.endsWith(`.${candidate}`));
}

/** Click trackers: the destination is unknown until followed, and following is not this stage's job. */
export function isTrackingUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return isOnHost(host, TRACKING_HOSTS) || TRACKING_PATHS.some((pattern) => pattern.test(url.pathname));
}

/** `utm_medium=sponsor`, `ref=sponsored-newsletter`, `?sponsored`: the sender marked the link as paid. */
function hasSponsorParam(url: URL): boolean {
  for (const [name, value] of url.searchParams) {
    const key = name.toLowerCase();
    if (key === 'sponsor' || key === 'sponsored' || key === 'ad_id' || key === 'adid') return true;
    if (/^(?:utm_[a-z]+|ref|source|via)$/.test(key) && /sponsor|advert|paid|\bcpc\b/i.test(value)) return true;
  }
  return false;
}

/**
 * What the URL by itself says about a link, or null when it looks like content. Checked in this
 * order: image file, newsletter chrome (unsubscribe, preferences, share endpoints, the issue's
 * Creative Commons licence), sponsor
 * marker, donation page, email click tracker, social profile.
 */
export function classifyUrl(url: URL): UrlSkipReason | null {
  const host = url.hostname.toLowerCase();
  const segments = url.pathname
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.toLowerCase());
  if (IMAGE_PATH.test(url.pathname)) return 'image';
  if (segments.some((part) => CHROME_SEGMENTS.has(part)) || url.searchParams.has('unsubscribe')) return 'newsletter-chrome';
  if (SHARE_ENDPOINTS.some(([hostPattern, pathPattern]) => hostPattern.test(host) && pathPattern.test(url.pathname)))
    return 'newsletter-chrome';
  if (/^(?:www\.)?creativecommons\.org$/.test(host) && (segments[0] === 'licenses' || segments[0] === 'publicdomain'))
    return 'newsletter-chrome';
  if (hasSponsorParam(url)) return 'sponsor';
  if (isOnHost(host, DONATION_HOSTS) || (/^(?:www\.)?github\.com$/.test(host) && segments[0] === 'sponsors')) return 'donation';
  if (/(^|\.)paypal\.com$/.test(host) && segments[0] === 'donate') return 'donation';
  if (isTrackingUrl(url)) return 'tracking';
  if (isSocialProfileUrl(url)) return 'social-profile';
  return null;
}
