/** Words newsletters use to label paid placements, English and Chinese. */
const SPONSOR_WORD = String.raw`(?:sponsor(?:ed|s)?(?: (?:link|post|content|message|by))?|advertisement|advert|ads?|paid|promoted|partner(?:ed)?|赞助商?|广告|推广)`;

/** A piece of text that is only a sponsor label: `SPONSOR`, `[Sponsored]`, `(广告)`, `Sponsored by`. */
const SPONSOR_TAG = new RegExp(String.raw`^[\[(（【<]?\s*${SPONSOR_WORD}\s*[\])）】>]?\s*[:：]?$`, 'iu');
/** A title or line that carries a sponsor label at its start or end: `[Sponsor] Ship faster`, `Sponsored: …`, `… (Sponsored)`. */
const SPONSOR_PREFIX = new RegExp(String.raw`^[\[(（【]\s*${SPONSOR_WORD}\s*[\])）】]|^${SPONSOR_WORD}\s*[:：]`, 'iu');
const SPONSOR_SUFFIX = new RegExp(String.raw`[\[(（【]\s*${SPONSOR_WORD}\s*[\])）】]$`, 'iu');

export function isSponsorTag(text: string): boolean {
  return text !== '' && SPONSOR_TAG.test(text);
}

/** True when a title or line is labelled as paid placement (see SPONSOR_PREFIX / SPONSOR_SUFFIX). */
export function hasSponsorMarker(text: string): boolean {
  return isSponsorTag(text) || SPONSOR_PREFIX.test(text) || SPONSOR_SUFFIX.test(text);
}

export type SectionKind = 'sponsor' | 'chrome' | 'jobs';

const SECTION_RULES: Array<[SectionKind, RegExp]> = [
  ['sponsor', /\bsponsor|\badverti[sz]|\bpartner|赞助|广告|推广/iu],
  ['jobs', /\bjobs?\b|\bjob board|\bhiring\b|\bcareers?\b|招聘|工作机会/iu],
  [
    'chrome',
    /\b(?:un)?subscribe\b|订阅|\bfollow us\b|\bconnect with us\b|关注我们|\bspread the word\b|\bshare (?:this|the) (?:newsletter|issue)\b|\babout (?:this|the) newsletter\b|往期|往年回顾|历史上的(?:本|这)周|历史(?:本|这)周|\b(?:previous|past|older|back) issues\b|\bfrom the archives?\b|\bthis week in history\b/iu,
  ],
];

/**
 * What a section heading (a heading without a link, or a bold-only line) announces: sponsors
 * (`Sponsored Link`, `🐱赞助&支持`), jobs (`Python Jobs`, `Django News Jobs`), newsletter chrome
 * (`🐼欢迎订阅`, `Subscribe`, and the past-issues block: `往年回顾`, `历史这周`, "From the
 * archives"), or ordinary content (null).
 */
export function classifySectionTitle(text: string): SectionKind | null {
  for (const [kind, pattern] of SECTION_RULES) if (pattern.test(text)) return kind;
  return null;
}

/** Footer phrases, each with the longest anchor text it is trusted on. */
const CHROME_TEXT: Array<[RegExp, number]> = [
  [/^\W*(?:click here to )?(?:un-?)?subscribe\b/iu, 40],
  [/\bunsubscribe\b|退订|取消订阅/iu, 80],
  [/\b(?:view|read|open|see)\b.{0,30}\b(?:in|on) (?:your |a |the )?(?:web )?browser\b/iu, 80],
  [/\bview (?:it |this )?(?:email |issue )?online\b|\bweb version\b|在浏览器中(?:查看|打开|阅读)/iu, 80],
  [/\b(?:update|manage|change|edit) (?:your )?(?:email |subscription )?(?:subscriptions?|preferences|profile|settings)\b/iu, 80],
  [/^(?:email )?preferences$/iu, 80],
  [/\bforward (?:this|it|to a friend)\b|\bforwarded this\b/iu, 80],
  [/^(?:tweet|share)(?: (?:this|it)(?: (?:email|issue|newsletter))?)?\W*$/iu, 80],
  [/^订阅|订阅(?:本|我们的)?(?:周刊|邮件|频道|通讯)/u, 40],
];

/**
 * True for an anchor that runs the newsletter rather than points to content: (un)subscribe,
 * preferences, "view in browser", forward, share. Only short texts are judged, so an article
 * titled "Subscribe and publish with Redis Streams from asyncio, a walk through" is not taken for a footer.
 */
export function isChromeText(text: string): boolean {
  return CHROME_TEXT.some(([pattern, maxLength]) => text.length <= maxLength && pattern.test(text));
}

const GENERIC_TITLES = new Set([
  'here',
  'link',
  'this',
  'more',
  'read more',
  'read more »',
  'continue reading',
  'source',
  'website',
  'article',
  '原文',
  '链接',
  '这里',
  '点击这里',
  '阅读原文',
  '地址',
  '项目地址',
]);

/**
 * A title that says nothing about the page: "read more", "原文", a bare URL or domain
 * (`REALPYTHON.COM`). Used to prefer a later, better anchor for the same URL.
 */
export function isGenericTitle(title: string, url: URL): boolean {
  const lower = title.toLowerCase().replace(/[»›→>.:：\s]+$/u, '');
  if (GENERIC_TITLES.has(lower)) return true;
  const bare = lower
    .replace(/^https?:\/\//, '')
    .replace(/^www\./, '')
    .replace(/\/$/, '');
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return bare === host || `${host}${url.pathname.toLowerCase()}`.replace(/\/$/, '') === bare || /^https?:\/\//.test(lower);
}
