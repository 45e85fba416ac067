/**
 * What kind of link a URL is, judged from its shape alone: the built-in rules of classifyItem.
 * Each rule names the *kind* of category it argues for ('projects', 'media', 'discussions'); the
 * caller keeps a verdict only when that id is configured, so a newsletter without a media section
 * simply falls through to the next step.
 *
 * The rules describe platforms, not URLs seen in any one issue: code hosts and package registries
 * are projects; video sites, podcast apps and podcast-shaped pages are media; forum and Q&A threads
 * and issue trackers are discussions. Blogs on code hosts (github.io, github.blog, GitHub wikis,
 * gists, "issue blogs" kept in a repository called blog) are deliberately left to fall through.
 */
import { isAnyHost, isHostUnder, prepareDomains, type UrlShape } from './read-url-shape.ts';

export interface BuiltinInput {
  url: UrlShape;
  title: string;
  sourceKind?: string;
  mediaKind?: string | null;
}

export type BuiltinCategory = 'projects' | 'media' | 'discussions';

export interface BuiltinRule {
  name: string;
  /** The category this rule argues for, or null when the rule decides "not ours, fall through". */
  test(input: BuiltinInput): BuiltinCategory | null | undefined;
}

/** Repositories used as blogs (one post per issue) are common among Chinese authors. */
const BLOG_REPO = /^(blogs?|notes?|articles?|posts?|essays?|til|weekly|diary|writings?)$/;
/** Files in a repository that read as documents rather than as the project itself. */
const DOCUMENT_FILE = /\.(md|markdown|rst|txt|adoc|ipynb|pdf)$/;
const THREAD_SECTIONS = new Set(['issues', 'pull', 'pulls', 'discussions', 'merge_requests', 'commit', 'compare']);

/** First path segments on github.com that are GitHub's own pages, not accounts. */
const GITHUB_OWN_ARTICLES = new Set([
  'blog',
  'about',
  'features',
  'pricing',
  'security',
  'enterprise',
  'readme',
  'customer-stories',
  'events',
  'site',
  'newsroom',
  'resources',
  'solutions',
  'team',
  'home',
  'login',
  'join',
  'signup',
  'settings',
  'notifications',
  'search',
  'new',
  'contact',
  'premium-support',
  'git-guides',
]);
const GITHUB_OWN_LISTINGS = new Set(['topics', 'trending', 'collections', 'marketplace', 'orgs', 'apps', 'explore', 'sponsors']);

/**
 * A link into a repository on a forge (GitHub, GitLab, Gitea-style hosts): the repository, its
 * files and releases are the project; an issue, pull request or discussion is a thread, unless the
 * repository is a blog kept in issues; wiki pages and documents inside it read as articles.
 */
function judgeRepositoryPath(segments: readonly string[]): BuiltinCategory | null {
  if (segments.length === 0) return null;
  if (segments.length === 1) return 'projects'; // an organisation or author page: their projects
  const repo = segments[1];
  const rest = segments.slice(2).filter((segment) => segment !== '-'); // GitLab puts '-' before sections
  const section = rest[0];
  if (section === undefined) return 'projects';
  if (THREAD_SECTIONS.has(section)) {
    if (rest.length < 2) return 'projects'; // the list of issues, not one thread
    return BLOG_REPO.test(repo) ? null : 'discussions';
  }
  if (section === 'wiki') return null;
  if (section === 'blob' || section === 'tree' || section === 'raw') {
    const file = rest[rest.length - 1] ?? '';
    if (/^readme(\.|$)/.test(file)) return 'projects';
    return DOCUMENT_FILE.test(file) ? null : 'projects';
  }
  return 'projects'; // releases, tags, actions, packages, stargazers…
}

const CODE_FORGES = prepareDomains([
  'gitlab.com',
  'codeberg.org',
  'bitbucket.org',
  'gitee.com',
  'gitea.com',
  'framagit.org',
  'salsa.debian.org',
  'git.sr.ht',
]);

const PACKAGE_PAGES: ReadonlyArray<{ host: string; prefix: string | null }> = [
  { host: 'pypi.org', prefix: 'project' },
  { host: 'pypi.python.org', prefix: 'pypi' },
  { host: 'npmjs.com', prefix: 'package' },
  { host: 'crates.io', prefix: 'crates' },
  { host: 'marketplace.visualstudio.com', prefix: 'items' },
  { host: 'open-vsx.org', prefix: 'extension' },
  { host: 'plugins.jetbrains.com', prefix: 'plugin' },
  { host: 'anaconda.org', prefix: null },
  { host: 'pkg.go.dev', prefix: null },
  { host: 'rubygems.org', prefix: 'gems' },
  { host: 'packagist.org', prefix: 'packages' },
  { host: 'addons.mozilla.org', prefix: null },
  { host: 'chromewebstore.google.com', prefix: 'detail' },
  { host: 'apps.apple.com', prefix: null },
  { host: 'play.google.com', prefix: 'store' },
];

const DOCS_HOSTS = prepareDomains(['readthedocs.io', 'readthedocs.org', 'rtfd.io']);

/** Hugging Face sections that are writing, not models, datasets or apps. */
const HUGGING_FACE_WRITING = new Set(['blog', 'docs', 'papers', 'learn', 'posts', 'course', 'tasks', 'changelog', 'pricing']);

const VIDEO_HOSTS = prepareDomains([
  'youtu.be',
  'youtube-nocookie.com',
  'vimeo.com',
  'b23.tv',
  'space.bilibili.com',
  'live.bilibili.com',
  'pyvideo.org',
  'ted.com',
  'twitch.tv',
  'ixigua.com',
  'v.qq.com',
  'youku.com',
  'loom.com',
  'dailymotion.com',
]);
const YOUTUBE_SECTIONS = new Set(['watch', 'playlist', 'shorts', 'live', 'embed', 'channel', 'c', 'user', 'v']);
const PODCAST_HOSTS = prepareDomains([
  'podcasts.apple.com',
  'podcasters.spotify.com',
  'anchor.fm',
  'podcasts.google.com',
  'xiaoyuzhoufm.com',
  'castbox.fm',
  'overcast.fm',
  'pca.st',
  'pocketcasts.com',
  'podbean.com',
  'buzzsprout.com',
  'simplecast.com',
  'transistor.fm',
  'captivate.fm',
  'libsyn.com',
  'soundcloud.com',
  'ximalaya.com',
  'lizhi.fm',
  'podtrac.com',
  'megaphone.fm',
  'pinecast.co',
  'fireside.fm',
  'spreaker.com',
  'rss.com',
  'podchaser.com',
  'listennotes.com',
]);
const PODCAST_PATH = new Set(['podcast', 'podcasts', 'episode', 'episodes']);
/**
 * Slugs of episode pages on ordinary blogs: `episode-21-…`, `…-ep-597`, `ep42`. `ep` takes at most
 * three digits so that EuroPython's `ep2024` stays an article.
 */
const EPISODE_SLUG = /(^|[-_])(episode[-_.]?\d+|ep[-_.]?\d{1,3})($|[-_.])/;
/** Titles that say what they are: "Podcast", "播客", "Episode 21", "(Ep. 597)", "[video]". */
const MEDIA_TITLE = /\bpodcasts?\b|播客|\bepisode\s*#?\s*\d+|\(ep\.?\s*\d+\)|\[(video|audio)\]|\((video|audio)\)/i;

const THREAD_PAGES: ReadonlyArray<{ host: string; section: string | null; minSegments: number }> = [
  { host: 'reddit.com', section: 'comments', minSegments: 3 },
  { host: 'redd.it', section: null, minSegments: 1 },
  { host: 'news.ycombinator.com', section: 'item', minSegments: 1 },
  { host: 'v2ex.com', section: 't', minSegments: 2 },
  { host: 'lobste.rs', section: 's', minSegments: 2 },
  { host: 'stackoverflow.com', section: 'questions', minSegments: 2 },
  { host: 'stackexchange.com', section: 'questions', minSegments: 2 },
  { host: 'superuser.com', section: 'questions', minSegments: 2 },
  { host: 'serverfault.com', section: 'questions', minSegments: 2 },
  { host: 'segmentfault.com', section: 'q', minSegments: 2 },
  { host: 'zhihu.com', section: 'question', minSegments: 2 },
  { host: 'mail.python.org', section: null, minSegments: 2 },
  { host: 'groups.google.com', section: 'g', minSegments: 2 },
  { host: 'tildes.net', section: null, minSegments: 2 },
];
/** Discourse forums (discuss.python.org and countless others) put threads under /t/slug/id. */
const FORUM_HOST = /^(discuss|discourse|forum|forums|community|talk|bbs)\./;

/** The built-in rules in the order they are tried; the first one with an opinion wins. */
export const BUILTIN_RULES: readonly BuiltinRule[] = [
  {
    name: 'github',
    test: ({ url }) => {
      if (url.host !== 'github.com') return undefined;
      const first = url.segments[0];
      if (first === undefined || GITHUB_OWN_ARTICLES.has(first)) return null;
      if (GITHUB_OWN_LISTINGS.has(first)) return 'projects';
      return judgeRepositoryPath(url.segments);
    },
  },
  {
    name: 'code-forge',
    test: ({ url }) => {
      if (!isAnyHost(url.host, CODE_FORGES)) return undefined;
      if (url.segments[0] === 'blog' || url.segments[0] === 'explore') return url.segments[0] === 'blog' ? null : 'projects';
      return judgeRepositoryPath(url.segments);
    },
  },
  {
    name: 'package-registry',
    test: ({ url }) => {
      const page = PACKAGE_PAGES.find((entry) => isHostUnder(url.host, entry.host));
      if (!page) return undefined;
      if (page.prefix === null) return url.segments.length > 0 ? 'projects' : undefined;
      const named = url.segments.length >= 2 || url.search.size > 0; // /items?itemName=… names the package in the query
      return url.segments[0] === page.prefix && named ? 'projects' : undefined;
    },
  },
  {
    name: 'hugging-face',
    test: ({ url }) => {
      if (url.host !== 'huggingface.co' && url.host !== 'hf.co') return undefined;
      const first = url.segments[0];
      if (first === undefined || HUGGING_FACE_WRITING.has(first)) return null;
      return url.segments.length >= 2 ? 'projects' : undefined;
    },
  },
  {
    name: 'video-site',
    test: ({ url }) => {
      if (url.host === 'youtube.com' || url.host === 'music.youtube.com') {
        const first = url.segments[0] ?? '';
        return YOUTUBE_SECTIONS.has(first) || first.startsWith('@') ? 'media' : undefined;
      }
      if (url.host === 'bilibili.com') return url.segments[0] === 'video' || url.segments[0] === 'bangumi' ? 'media' : undefined;
      return isAnyHost(url.host, VIDEO_HOSTS) && !url.isHome ? 'media' : undefined;
    },
  },
  {
    name: 'podcast-app',
    test: ({ url }) => {
      if (isAnyHost(url.host, PODCAST_HOSTS)) return 'media';
      if (url.host === 'open.spotify.com') return ['episode', 'show'].includes(url.segments[0] ?? '') ? 'media' : undefined;
      return undefined;
    },
  },
  {
    name: 'thread',
    test: ({ url }) => {
      if (FORUM_HOST.test(url.host) && url.segments[0] === 't' && url.segments.length >= 2) return 'discussions';
      const page = THREAD_PAGES.find((entry) => isHostUnder(url.host, entry.host));
      if (!page) return undefined;
      const inSection = page.section === null || url.segments.includes(page.section);
      return inSection && url.segments.length >= page.minSegments ? 'discussions' : undefined;
    },
  },
  {
    name: 'media-kind',
    test: ({ mediaKind, sourceKind }) =>
      mediaKind === 'audio' || mediaKind === 'video' || sourceKind === 'podcast' || sourceKind === 'video' ? 'media' : undefined,
  },
  {
    name: 'podcast-page',
    test: ({ url }) => {
      // .fm is the podcasters' TLD (talkpython.fm, pythonbytes.fm, pythonpeople.fm); their blogs are not episodes
      if (url.host.endsWith('.fm') && !url.segments.includes('blog')) return 'media';
      if (url.host.includes('podcast')) return 'media';
      if (url.segments.some((segment) => PODCAST_PATH.has(segment))) return 'media';
      const slug = url.segments[url.segments.length - 1] ?? '';
      return EPISODE_SLUG.test(slug) ? 'media' : undefined;
    },
  },
  {
    name: 'media-title',
    test: ({ title }) => (MEDIA_TITLE.test(title) ? 'media' : undefined),
  },
  {
    name: 'docs-home',
    test: ({ url }) => {
      // the front page of a project's documentation stands for the project
      if (!isAnyHost(url.host, DOCS_HOSTS)) return undefined;
      const meaningful = url.segments.filter(
        (segment) => !/^(en|zh_cn|zh-cn|latest|stable|main|master|index\.html?|v?\d[\w.]*)$/.test(segment),
      );
      return meaningful.length === 0 ? 'projects' : undefined;
    },
  },
  {
    name: 'site-home',
    // a site's front page (a tool, a course, a service) is a resource, not a post
    test: ({ url }) => (url.isHome ? 'projects' : undefined),
  },
];
