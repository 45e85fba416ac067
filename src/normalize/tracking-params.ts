import { decodeComponent } from './url-parts.ts';

/**
 * Query parameters that only say who sent the click, never which page it is. The list follows the
 * facts Miniflux's URL cleaner collects (click ids of ad networks, mail tools and analytics
 * suites) plus the share ids that Chinese platforms and apps append. Compared lowercased.
 */
const TRACKING_PARAMS = new Set([
  // Facebook / Instagram
  'fbclid',
  'fb_action_ids',
  'fb_action_types',
  'fb_ref',
  'fb_source',
  'fb_comment_id',
  'igshid',
  'igsh',
  // Google ads and analytics
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'gclsrc',
  'srsltid',
  'campaign_id',
  'campaign_medium',
  'campaign_name',
  'campaign_source',
  'campaign_term',
  'campaign_content',
  'itm_campaign',
  'itm_medium',
  'itm_source',
  // Yandex, Twitter, Microsoft, TikTok
  'yclid',
  'ysclid',
  '_openstat',
  'twclid',
  'msclkid',
  'ttclid',
  // Mail tools: Mailchimp, HubSpot, Marketo, Adobe, Vero, Beehiiv, Olytics, Wicked Reports
  'mc_cid',
  'mc_eid',
  'mc_tc',
  '_hsenc',
  '__hssc',
  '__hstc',
  '__hsfp',
  '_hsmi',
  'hsa_cam',
  'hsctatracking',
  'mkt_tok',
  'sc_cid',
  'vero_id',
  'vero_conv',
  '_bhlid',
  'rb_clickid',
  'oly_anon_id',
  'oly_enc_id',
  'wickedid',
  // Humble Bundle, Branch.io, Readwise
  'hmb_campaign',
  'hmb_medium',
  'hmb_source',
  '_branch_match_id',
  '_branch_referrer',
  '__readwiselocation',
  // Share ids: YouTube/Spotify `si`, Alibaba/CSDN `spm`, Twitter `ref_src`/`ref_url`
  'si',
  'spm',
  'ref_src',
  'ref_url',
]);

const TRACKING_PREFIXES = ['utm_', 'mtm_', 'pk_'];

/** Per-host extras: parameters that are noise on that site but could mean something elsewhere. */
const HOST_TRACKING_PARAMS: Array<{ host: RegExp; params: Set<string> }> = [
  { host: /(^|\.)youtube\.com$/, params: new Set(['feature', 'pp', 'ab_channel']) },
  {
    host: /(^|\.)bilibili\.com$/,
    params: new Set([
      'spm_id_from',
      'vd_source',
      'from_spmid',
      'share_source',
      'share_medium',
      'share_plat',
      'share_session_id',
      'share_tag',
      'share_from',
      'unique_k',
      'bbid',
      'ts',
      'from',
    ]),
  },
  { host: /^(twitter|x)\.com$/, params: new Set(['s', 't']) },
  { host: /(^|\.)reddit\.com$/, params: new Set(['share_id', 'rdt', 'context']) },
  { host: /(^|\.)zhihu\.com$/, params: new Set(['share_code', 'utm_psn']) },
];

/**
 * `ref` and `source` are the awkward ones: `?ref=pycoders` or Medium's `?source=rss----…` only name
 * the referrer, but a git ref (`/contents/x?ref=main`, a compare page) or a search page's `source`
 * selects different content. They are kept on code-hosting hosts, on API/compare/search paths and
 * on URLs carrying a search query; elsewhere they are dropped when the value is a bare token (a name
 * or host, no slash), which is what newsletters and Ghost's `?ref=<site host>` produce.
 */
const REFERRER_PARAMS = new Set(['ref', 'source', 'referrer', 'referer']);
const CODE_HOSTS = /(^|\.)(github\.com|gitlab\.com|codeberg\.org|bitbucket\.org|gitee\.com|sourcehut\.org|sr\.ht)$/;
const MEANINGFUL_REF_PATH = /\/(api|compare|search|raw|blob|tree|src|-)(\/|$)/i;
const SEARCH_QUERY_PARAMS = new Set(['q', 'query', 'search', 'keyword', 'keywords', 'wd', 'term']);
const REFERRER_TOKEN = /^[\w.\-~+]{1,80}$/;

export interface QueryContext {
  /** Lowercased host, `www.`/`m.` already stripped. */
  host: string;
  pathname: string;
  /** Every parameter name in the query, lowercased. */
  paramNames: Set<string>;
}

/** True when the parameter says nothing about which page this is and can be dropped from the dedupe key. */
export function isTrackingParam(name: string, value: string, context: QueryContext): boolean {
  const lower = name.toLowerCase();
  if (TRACKING_PARAMS.has(lower)) return true;
  if (TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix))) return true;
  if (HOST_TRACKING_PARAMS.some((rule) => rule.host.test(context.host) && rule.params.has(lower))) return true;
  if (REFERRER_PARAMS.has(lower)) return isReferrerOnly(value, context);
  return false;
}

function isReferrerOnly(value: string, context: QueryContext): boolean {
  if (CODE_HOSTS.test(context.host)) return false;
  if (MEANINGFUL_REF_PATH.test(context.pathname)) return false;
  for (const name of context.paramNames) {
    if (SEARCH_QUERY_PARAMS.has(name)) return false;
  }
  return REFERRER_TOKEN.test(decodeComponent(value));
}
