import { BUILTIN_RULES } from './builtin-classify-rules.ts';
import { readUrlShape, type UrlShape } from './read-url-shape.ts';

/**
 * What a link is, as far as its address tells: a code repository, a release, a package, a model or
 * dataset page, a video, a podcast episode, a discussion thread, documentation, a site's front
 * page, or (anything else) a post. The ranking learns the editor's pick rate of each kind within a
 * section (learnAcceptance), so a weekly whose project picks are repositories learns that front
 * pages of services and newsletter chrome in the same section are rarely picked.
 */
export type LinkKind = 'repository' | 'release' | 'package' | 'model' | 'video' | 'podcast' | 'discussion' | 'docs' | 'home' | 'post';

/** The built-in classification rule that recognised the link → the kind it stands for (see builtin-classify-rules.ts). */
const KIND_OF_RULE: Record<string, LinkKind> = {
  github: 'repository',
  'code-forge': 'repository',
  'package-registry': 'package',
  'hugging-face': 'model',
  'video-site': 'video',
  'podcast-app': 'podcast',
  'podcast-page': 'podcast',
  thread: 'discussion',
  'docs-home': 'docs',
  'site-home': 'home',
};

const RELEASE_SECTIONS = new Set(['releases', 'tags']);

/**
 * The kind of `url` from its shape alone (not from the title or the source that carried it, so a
 * link is the same kind in the record as on this week's card). Null for something that is not an
 * absolute URL.
 */
export function readLinkKind(url: string): LinkKind | null {
  const shape = readUrlShape(url);
  return shape ? readShapeKind(shape) : null;
}

/** readLinkKind for a URL already taken apart (classifyItem has the shape at hand). */
export function readShapeKind(shape: UrlShape): LinkKind {
  const input = { url: shape, title: '' };
  for (const rule of BUILTIN_RULES) {
    const verdict = rule.test(input);
    if (verdict === undefined) continue;
    // a page a rule recognised as "not ours" (a wiki page, a document in a repository, a blog on a forge) reads as a post
    if (verdict === null) return 'post';
    if (verdict === 'discussions') return 'discussion';
    const kind = KIND_OF_RULE[rule.name];
    if (kind === undefined) continue;
    if (kind === 'repository' && RELEASE_SECTIONS.has(shape.segments[2] ?? '')) return 'release';
    return kind;
  }
  return shape.segments.includes('docs') || shape.host.startsWith('docs.') ? 'docs' : 'post';
}
