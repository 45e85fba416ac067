/**
 * Suffixes under which each label belongs to a different owner: two-level country suffixes, and
 * hosting platforms where `someone.github.io` and `someone-else.github.io` are unrelated sites.
 * A short list, not the Public Suffix List: enough to tell a newsletter's own site from the sites it links.
 */
const SHARED_SUFFIXES = new Set([
  'ac.uk',
  'co.uk',
  'org.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'co.kr',
  'com.cn',
  'net.cn',
  'org.cn',
  'edu.cn',
  'gov.cn',
  'com.hk',
  'com.tw',
  'org.tw',
  'com.sg',
  'co.in',
  'com.br',
  'beehiiv.com',
  'blogspot.com',
  'fly.dev',
  'ghost.io',
  'github.io',
  'gitlab.io',
  'hashnode.dev',
  'herokuapp.com',
  'medium.com',
  'netlify.app',
  'notion.site',
  'pages.dev',
  'readthedocs.io',
  'substack.com',
  'tumblr.com',
  'vercel.app',
  'wixsite.com',
  'wordpress.com',
]);

/**
 * The part of a host one owner controls: `www.pythonweekly.com` → `pythonweekly.com`,
 * `img.pythoncat.top` → `pythoncat.top`, `news.bbc.co.uk` → `bbc.co.uk`,
 * `pythoncat.substack.com` → `pythoncat.substack.com`. IP addresses and single labels come back as given.
 */
export function getRegistrableDomain(host: string): string {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (/^[\d.]+$/.test(name) || name.includes(':') || !name.includes('.')) return name;
  const labels = name.split('.');
  const lastTwo = labels.slice(-2).join('.');
  const take = SHARED_SUFFIXES.has(lastTwo) ? 3 : 2;
  return labels.slice(-take).join('.');
}
