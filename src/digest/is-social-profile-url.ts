/**
 * Rules per social network: given the path segments, is this a profile (or channel) page rather
 * than one post? Posts stay: a tweet or a Mastodon toot can be the discussion a weekly links.
 */
const PROFILE_RULES: Array<[RegExp, (segments: string[]) => boolean]> = [
  [/^(?:www\.|mobile\.)?(?:twitter|x)\.com$/, (s) => s.length > 0 && !s.includes('status') && s[0] !== 'i'],
  [
    /^(?:www\.|m\.)?(?:facebook|fb)\.com$/,
    (s) =>
      s.length > 0 &&
      !s.some((part) => ['posts', 'videos', 'photos', 'permalink.php', 'story.php', 'watch', 'events', 'permalink'].includes(part)),
  ],
  [/^(?:[a-z]{2,3}\.|www\.)?linkedin\.com$/, (s) => ['in', 'company', 'school', 'showcase'].includes(s[0] ?? '')],
  [/^(?:www\.)?instagram\.com$/, (s) => s.length > 0 && !['p', 'reel', 'reels', 'tv'].includes(s[0])],
  [/^(?:www\.)?github\.com$/, (s) => (s.length === 1 && !GITHUB_RESERVED.has(s[0])) || (s[0] === 'orgs' && s.length === 2)],
  [/^t\.me$/, (s) => s.length === 1 || (s[0] === 's' && s.length === 2)],
  [/^bsky\.app$/, (s) => s[0] === 'profile' && s.length === 2],
  [/^(?:www\.|m\.)?youtube\.com$/, (s) => ['c', 'channel', 'user'].includes(s[0] ?? '')],
  [/^space\.bilibili\.com$/, () => true],
  [/^(?:www\.)?weibo\.com$/, (s) => s[0] === 'u' || s.length === 1],
  [/^(?:www\.)?zhihu\.com$/, (s) => ['people', 'org'].includes(s[0] ?? '')],
  [/^(?:www\.|old\.)?reddit\.com$/, (s) => ['user', 'u'].includes(s[0] ?? '') || (s[0] === 'r' && s.length === 2)],
];

/** One-segment GitHub paths that are GitHub's own pages, not a user or organisation. */
const GITHUB_RESERVED = new Set([
  'about',
  'collections',
  'customer-stories',
  'enterprise',
  'events',
  'explore',
  'features',
  'login',
  'marketplace',
  'new',
  'pricing',
  'readme',
  'search',
  'security',
  'settings',
  'site',
  'solutions',
  'sponsors',
  'topics',
  'trending',
]);

/**
 * True for a social profile page (`twitter.com/pycoders`, `github.com/someone`, `fosstodon.org/@someone`,
 * `t.me/channel`, `youtube.com/@channel`), false for a post, a repository or any other page. Any host's
 * `/@name` (one segment) counts as a profile: that is how Mastodon, Medium, YouTube and Threads name people.
 */
export function isSocialProfileUrl(url: URL): boolean {
  const segments = url.pathname
    .split('/')
    .filter((part) => part !== '')
    .map((part) => part.toLowerCase());
  if (segments.length === 1 && /^@[^@]+$/.test(segments[0])) return true;
  const host = url.hostname.toLowerCase();
  const rule = PROFILE_RULES.find(([pattern]) => pattern.test(host));
  return rule !== undefined && rule[1](segments);
}
