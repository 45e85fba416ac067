import { decodeComponent, findParam, splitPath, type UrlParts } from './url-parts.ts';

/**
 * Per-site canonical forms for hosts where many URLs name one thing: a video, a repository, a
 * package, a paper. Each rule gets parts already cleaned by the generic steps and returns the
 * replacement, or null when the URL is not one it knows (the generic form then stands).
 */
type SiteRule = (parts: UrlParts) => UrlParts | null;

const SITE_RULES: SiteRule[] = [
  canonicalizeYouTube,
  canonicalizeGitHub,
  canonicalizePyPI,
  canonicalizeArxiv,
  canonicalizeWeixin,
  canonicalizeBilibili,
  keepPathOnly,
];

/** Applies the first site rule that recognizes the URL. */
export function applySiteRules(parts: UrlParts): UrlParts {
  for (const rule of SITE_RULES) {
    const replaced = rule(parts);
    if (replaced) return replaced;
  }
  return parts;
}

function buildParts(host: string, path: string, query: UrlParts['query'] = []): UrlParts {
  return { host, port: '', path, query, fragment: '' };
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** Every way to link one YouTube video (short links, Shorts, embeds, live) becomes `youtube.com/watch?v=ID`. */
function canonicalizeYouTube(parts: UrlParts): UrlParts | null {
  const segments = splitPath(parts.path);
  let id: string | null = null;
  if (parts.host === 'youtu.be') {
    id = segments[0] ?? null;
  } else if (/^(youtube\.com|youtube-nocookie\.com|music\.youtube\.com)$/.test(parts.host)) {
    if (parts.path === '/watch') id = findParam(parts, 'v');
    else if (segments.length >= 2 && ['shorts', 'embed', 'live', 'v', 'e'].includes(segments[0])) id = segments[1];
  }
  if (!id || !YOUTUBE_ID.test(id)) return null;
  return buildParts('youtube.com', '/watch', [{ rawName: 'v', rawValue: id, name: 'v' }]);
}

const GITHUB_RESERVED = new Set(['orgs', 'topics', 'sponsors', 'marketplace', 'collections', 'settings', 'features']);
const README_FILE = /^readme(\.[a-z0-9]+)?$/i;

/**
 * GitHub: owner and repository names are case-insensitive, `.git` is a clone suffix, and the
 * default-branch tree, the top-level README and `?tab=readme-ov-file` all show the repository
 * page. Issues, pull requests, discussions, releases and other files stay distinct; only a pull
 * request's tabs (`/files`, `/commits`) fold into the pull request.
 */
function canonicalizeGitHub(parts: UrlParts): UrlParts | null {
  if (parts.host !== 'github.com') return null;
  const segments = splitPath(parts.path);
  if (segments.length === 0) return null;
  segments[0] = segments[0].toLowerCase();
  if (segments.length >= 2 && !GITHUB_RESERVED.has(segments[0])) {
    segments[1] = segments[1].toLowerCase().replace(/\.git$/, '');
  }
  let kept = segments;
  const [, , section, branch, file] = segments;
  if (section === 'tree' && segments.length === 4) kept = segments.slice(0, 2);
  if (section === 'blob' && segments.length === 5 && branch && file && README_FILE.test(file)) kept = segments.slice(0, 2);
  if (section === 'pull' && /^\d+$/.test(branch ?? '') && segments.length > 4) kept = segments.slice(0, 4);
  const query = parts.query.filter((param) => !(param.name === 'tab' && /-ov-file$/i.test(param.rawValue ?? '')));
  return { ...parts, path: `/${kept.join('/')}`, query };
}

/** PEP 503: names compare lowercased with runs of `-`, `_`, `.` folded to one `-`. */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A PyPI project page, any version, on pypi.org or the legacy pypi.python.org → `pypi.org/project/<name>`. */
function canonicalizePyPI(parts: UrlParts): UrlParts | null {
  const segments = splitPath(parts.path);
  const isProject =
    (parts.host === 'pypi.org' && segments[0] === 'project') || (parts.host === 'pypi.python.org' && segments[0] === 'pypi');
  if (!isProject || !segments[1] || segments.length > 3) return null;
  return buildParts('pypi.org', `/project/${normalizePackageName(decodeComponent(segments[1]))}`);
}

const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v\d+)?(?:\.pdf)?$/i;

/**
 * arXiv abstract, PDF and HTML views of a paper → `arxiv.org/abs/ID`. The version suffix (`v2`)
 * is dropped on purpose: a revised paper is the same candidate for the newsletter, and feeds
 * link the latest version while people link whichever they read.
 */
function canonicalizeArxiv(parts: UrlParts): UrlParts | null {
  if (!/^(arxiv\.org|export\.arxiv\.org)$/.test(parts.host)) return null;
  const match = /^\/(?:abs|pdf|html)\/(.+)$/.exec(parts.path);
  const id = match ? ARXIV_ID.exec(match[1]) : null;
  if (!id) return null;
  return buildParts('arxiv.org', `/abs/${id[1]}`);
}

const WEIXIN_ARTICLE_PARAMS = new Set(['__biz', 'mid', 'idx', 'sn']);

/** WeChat articles: `__biz`, `mid`, `idx`, `sn` name the article; the rest (scene, chksm, …) is per-share noise. */
function canonicalizeWeixin(parts: UrlParts): UrlParts | null {
  if (parts.host !== 'mp.weixin.qq.com' || !parts.path.startsWith('/s')) return null;
  if (parts.path !== '/s') return { ...parts, query: [], fragment: '' };
  return { ...parts, query: parts.query.filter((param) => WEIXIN_ARTICLE_PARAMS.has(param.name)), fragment: '' };
}

/** Bilibili videos: only `p` (the part of a multi-part video) selects content. */
function canonicalizeBilibili(parts: UrlParts): UrlParts | null {
  if (parts.host !== 'bilibili.com' || !/^\/video\/[^/]+$/.test(parts.path)) return null;
  return { ...parts, query: parts.query.filter((param) => param.name === 'p') };
}

/** Article pages whose path alone names the article; any query there is referral noise. */
const PATH_ONLY_PAGES: Array<{ host: RegExp; path: RegExp }> = [
  { host: /\.substack\.com$/, path: /^\/p\/[^/]+$/ },
  { host: /^juejin\.cn$/, path: /^\/post\/\d+$/ },
  { host: /^blog\.csdn\.net$/, path: /^\/[^/]+\/article\/details\/\d+$/ },
  { host: /^zhuanlan\.zhihu\.com$/, path: /^\/p\/\d+$/ },
  { host: /^dev\.to$/, path: /^\/[^/]+\/[^/]+$/ },
];

function keepPathOnly(parts: UrlParts): UrlParts | null {
  const page = PATH_ONLY_PAGES.find((candidate) => candidate.host.test(parts.host) && candidate.path.test(parts.path));
  return page && parts.query.length > 0 ? { ...parts, query: [] } : null;
}
