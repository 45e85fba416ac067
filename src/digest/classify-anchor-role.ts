/** What an anchor does in the issue when it is not a pick, told by its words and its paragraph's (`blockText`). */
export type AnchorRole = 'credit' | 'jobs' | 'call-to-action' | 'sponsor-read';

/** `@silaoA`, `@Wu Zheng`, `@zobor 投稿`: a person named as the one who sent the link in. */
const HANDLE = /^@[^\s@/]{1,39}(?:\s+[^\s@/]{1,20}){0,2}$/u;
/** A source credit on its own: `（via）` after a picture or an item. */
const VIA = /^(?:via|h\/t|hat tip)$/iu;
/** Thank-you phrases around a name: `感谢 X 的投稿`, `来自 X 的分享`, `X 投稿`, `thanks to X`, `submitted by X`. */
const CREDIT_BEFORE = String.raw`(?:感谢|致谢|来自|\bthanks? to|\bthank you,?|\b(?:submitted|contributed|suggested|sent) by|\bh\/t)\s*`;
const CREDIT_AFTER = String.raw`\s*(?:的)?(?:投稿|供稿|分享|推荐)`;
/** A thread where people send links in, or a person's page: what a credit links to (a home page too, for an `@name`). */
const CREDIT_TARGET = /\/(?:issues|pull|discussions)\/\d+|\/(?:user|users|u|people|profile|member|members|author)\/[^/]+\/?$/i;

/** `《谁在招人》`, "Who is hiring?", `招聘`: the newsletter's job thread or board. */
const JOBS_TEXT =
  /^(?:谁在招人|招聘(?:信息|专区|板块)?|内推|求职|工作机会|who(?:'s| is) hiring\b.*|hiring|jobs?(?: board)?|job board|careers?)$/iu;
const JOBS_ANYWHERE = /谁在招人|\bwho(?:'s| is) hiring\b/iu;

/** Calls to action that are ad copy by themselves: sign up, buy, learn the details of an offer. */
const STRONG_CALL =
  /^(?:(?:这里|立即|马上|免费|点击|现在)报名|报名(?:链接|地址|入口)|了解详情|查看详情|立即(?:购买|体验|领取|预约|注册)|免费(?:试用|领取|申请)|领取优惠|sign up now|register now|buy now|get started (?:for free|now)|start (?:your )?free trial|claim (?:your )?(?:offer|discount))$/iu;
/** Pointers that say nothing by themselves: ad copy when the paragraph sells something. */
const WEAK_CALL =
  /^(?:(?:点击|点|戳)?这里|点击|(?:这|此)个?(?:链接|网址|页面)|链接|官网|官方(?:网站|主页|页面)|官网说明|click here|here|this link|learn more|more info|details)$/iu;
/** What an ad paragraph asks for: registration, a QR code, a discount, tickets. */
const AD_CONTEXT =
  /报名|扫码|二维码|免费(?:申请|领取|试用|体验|报名)|优惠|折扣|门票|入场券|抽奖|限时|预约|\bsign up\b|\bregister\b|\bdiscount\b|\bcoupon\b|\bpromo code\b|\d+\s*% off\b|\bfree trial\b|\btickets?\b/iu;

/**
 * A sponsor read, from the start of its paragraph or sentence to the anchor: "Sponsored by Acme:
 * <a>", "Sponsored by <a>Scout APM</a>", "This episode is brought to you by <a>Acme</a>", "Thanks
 * to this week's sponsor <a>". Only the sponsor's name (up to 40 characters, no comma or end of
 * sentence; a dot inside a name such as Acme.io is fine) may sit between the words and the anchor:
 * "The role, sponsored by Alpha-Omega: <a>a year in review</a>" and "features brought to you by
 * the core team: <a>…</a>" are not reads, nor is "Thanks to our sponsors, and read <a>…</a>".
 */
const SPONSOR_READ =
  /(?:^|[.!?。！？]\s+)(?:(?:this|today's) (?:episode|issue|week|newsletter|show|edition)(?:'s)? (?:is )?)?(?:sponsored by|brought to you by|underwritten by|thanks? (?:you )?to (?:our|this (?:week|episode|issue)'s) sponsors?)\b(?:[^.!?。！？,;，；]|\.(?=\S)){0,40}$/iu;

const MAX_ROLE_TEXT = 40;

/**
 * Reads an anchor that carries the newsletter's housekeeping rather than a pick:
 *
 * - 'credit': a thank-you to whoever sent the link in: an `@name` anchor linking a thread, a person
 *   page or a home page, or inside a thank-you (`（@silaoA 投稿）`, `来自 @Wu Zheng 的分享`; an
 *   article titled `@dataclass 详解` is kept), a bare "via", or a link to an issue thread or person page whose words
 *   sit inside a thank-you (`感谢 <a>xxx</a> 的投稿`; not `参见<a>介绍文章</a>。（@x 投稿）`).
 * - 'jobs': the newsletter's job thread (`《谁在招人》`, "Who is hiring?").
 * - 'call-to-action': ad copy: "这里报名", "了解详情", "sign up now" on their own; "点击这里",
 *   "这个链接", "click here" when the paragraph around sells (报名, 二维码, 优惠, discount, tickets).
 * - 'sponsor-read': the link a sponsor read names: "Sponsored by Acme: <a>", "This episode is
 *   brought to you by <a>Acme</a>", "Thanks to our sponsor <a>…</a>".
 *
 * Only short anchor texts are judged: an article titled "How we stopped hiring for jobs" is not a job thread.
 */
export function classifyAnchorRole(text: string, blockText: string, url: URL | null): AnchorRole | null {
  const words = text.replace(/^[\s《〈「『【“"'(（[]+|[\s》〉」』】”"')）\]:：,，.。!！?？]+$/gu, '');
  if (words === '' || Array.from(words).length > MAX_ROLE_TEXT) return null;
  if (VIA.test(words)) return 'credit';
  const isThread = url !== null && CREDIT_TARGET.test(url.pathname);
  const isHome = url !== null && url.pathname === '/' && url.search === '';
  if (HANDLE.test(words) && (isThread || isHome || isThanked(text.trim(), blockText))) return 'credit';
  if (isThread && isThanked(text.trim(), blockText)) return 'credit';
  if (JOBS_TEXT.test(words) || JOBS_ANYWHERE.test(words)) return 'jobs';
  if (STRONG_CALL.test(words) || (WEAK_CALL.test(words) && AD_CONTEXT.test(blockText))) return 'call-to-action';
  if (isSponsorRead(text.trim(), blockText)) return 'sponsor-read';
  return null;
}

/** The anchor follows a sponsor read in its paragraph ("Sponsored by Acme: …"). */
function isSponsorRead(text: string, blockText: string): boolean {
  const at = text === '' ? -1 : blockText.indexOf(text);
  return at > 0 && SPONSOR_READ.test(blockText.slice(Math.max(0, at - 120), at));
}

/** The anchor's words sit right inside a thank-you phrase of its paragraph. */
function isThanked(text: string, blockText: string): boolean {
  if (text === '') return false;
  const name = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`${CREDIT_BEFORE}${name}|${name}${CREDIT_AFTER}`, 'iu').test(blockText);
}
