/** What a link to the newsletter's own site is: the issue (or another one), the site's chrome, or a post it recommends. */
export type OwnLinkKind = 'issue' | 'chrome' | 'content';

/** Index, navigation and account pages, when they end the path (`/archive`, `/about`, `/blog`, `/subscribe`). */
const INDEX_SEGMENTS = new Set([
  'about',
  'about-us',
  'account',
  'ads',
  'advertise',
  'advertising',
  'all',
  'archive',
  'archives',
  'articles',
  'atom',
  'back-issues',
  'blog',
  'careers',
  'contact',
  'donate',
  'episodes',
  'faq',
  'feed',
  'home',
  'imprint',
  'index',
  'issue',
  'issues',
  'jobs',
  'join',
  'latest',
  'legal',
  'live',
  'login',
  'news',
  'newsletter',
  'newsletters',
  'past-issues',
  'periodical',
  'podcast',
  'posts',
  'pricing',
  'privacy',
  'privacy-policy',
  'recent',
  'register',
  'rss',
  'search',
  'sign-in',
  'sign-up',
  'signin',
  'signup',
  'sponsor',
  'sponsors',
  'sponsorship',
  'stream',
  'subscribe',
  'subscription',
  'support',
  'terms',
  'tos',
  'weekly',
]);

/** Listing pages, wherever they sit in the path (`/tags/weekly`, `/category/python/`). */
const TAXONOMY_SEGMENTS = new Set(['categories', 'category', 'label', 'labels', 'series', 'tag', 'tags', 'topic', 'topics']);

/** People pages (`/user/zwC03jng8k`, `/author/jane`): a contributor credit, not a post. */
const PROFILE_SEGMENTS = new Set([
  'author',
  'authors',
  'contributor',
  'contributors',
  'member',
  'members',
  'people',
  'profile',
  'profiles',
  'u',
  'user',
  'users',
]);

/** Folders whose entries are numbered issues (`/issues/650`, `/volume/93`): there a bare number names an issue. */
const ISSUE_FOLDERS = new Set([
  'digest',
  'edition',
  'editions',
  'episode',
  'episodes',
  'issue',
  'issues',
  'newsletter',
  'newsletters',
  'no',
  'number',
  'periodical',
  'vol',
  'volume',
  'volumes',
  'weekly',
]);

/**
 * Sorts a link on the newsletter's own site (see createOwnSiteMatcher). A publisher's newsletter
 * that links its own blog posts, guides or tutorials recommends them, so those are 'content'; what
 * runs the site is 'chrome': the home page, the folders above the issue (`/periodical` above
 * `/periodical/volume/93`), archive, tag and category listings, feeds, about / subscribe / sponsor
 * pages, people pages. 'issue' is the issue itself and the other issues of the series: a path of the
 * same shape with other numbers (`/blog/2022/12/weekly-issue-234.html` beside
 * `/blog/2023/12/weekly-issue-281.html`), or a page under the issue (`/issues/650/feed`).
 *
 * A bare number only names an issue inside an issue folder (`/issues/249`; `/episodes/show/364`: see isOtherNumberedIssue): elsewhere
 * (`/archives/1234`) posts and issues share the scheme and the link is taken for a post.
 */
export function classifyOwnLink(url: URL, issueUrl: URL | null): OwnLinkKind {
  const segments = readSegments(url);
  if (segments.length === 0) return 'chrome';
  if (issueUrl !== null) {
    const issue = readSegments(issueUrl);
    if (issue.length > 0 && (isSameSeries(segments, issue) || isOtherNumberedIssue(segments, issue))) return 'issue';
    if (segments.length < issue.length && segments.every((segment, index) => segment === issue[index])) return 'chrome';
  }
  const last = segments[segments.length - 1];
  const stem = last.replace(/\.(?:html?|php|aspx?)$/, '');
  if (/\.(?:xml|rss|atom)$/.test(last) || INDEX_SEGMENTS.has(stem)) return 'chrome';
  if (PROFILE_SEGMENTS.has(segments[0]) || segments.some((segment) => TAXONOMY_SEGMENTS.has(segment))) return 'chrome';
  if (/^\d+$/.test(stem) && segments[segments.length - 2] === 'page') return 'chrome';
  return 'content';
}

/**
 * Another issue of a series numbered below an issue folder, or a page of one, however deep the
 * number and whatever slug follows it: `/episodes/show/353/hatching-another-episode` or
 * `/episodes/show/353` beside `/episodes/show/364` (or `/episodes/show/364/its-slug`). The folders
 * before the number must be the issue's own, and the number as long as the issue's: `/newsletter/2024/my-post`
 * beside `/newsletter/131` is a post.
 */
function isOtherNumberedIssue(link: string[], issue: string[]): boolean {
  const at = issue.findIndex(
    (segment, index) => /^\d+$/.test(segment) && issue.slice(0, index).some((folder) => ISSUE_FOLDERS.has(folder)),
  );
  if (at === -1 || link.length <= at) return false;
  const number = link[at];
  return (
    /^\d+$/.test(number) && number.length === issue[at].length && link.slice(0, at).every((segment, index) => segment === issue[index])
  );
}

/** Same issue, a page under it, or a sibling issue: see classifyOwnLink. */
function isSameSeries(link: string[], issue: string[]): boolean {
  if (link.length >= issue.length && issue.every((segment, index) => segment === link[index])) return true;
  if (link.length !== issue.length) return false;
  const folder = link.length - 1;
  if (!link.slice(0, folder).every((segment, index) => toTemplate(segment) === toTemplate(issue[index]))) return false;
  const [linkLast, issueLast] = [link[folder], issue[folder]];
  const isInIssueFolder = folder > 0 && ISSUE_FOLDERS.has(link[folder - 1]);
  if (/^\d/.test(linkLast) && /^\d/.test(issueLast)) {
    return isInIssueFolder || (toTemplate(linkLast) === toTemplate(issueLast) && /\p{L}/u.test(linkLast.replace(/\.[a-z\d]+$/, '')));
  }
  const linkStem = /^(\D*\p{L}\D*?)\d/u.exec(linkLast)?.[1];
  return linkStem !== undefined && linkStem === /^(\D*\p{L}\D*?)\d/u.exec(issueLast)?.[1];
}

function toTemplate(segment: string): string {
  return segment.replace(/\d+/g, '#');
}

function readSegments(url: URL): string[] {
  return url.pathname
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment).toLowerCase();
      } catch {
        return segment.toLowerCase(); // a broken escape is compared as written
      }
    });
}
