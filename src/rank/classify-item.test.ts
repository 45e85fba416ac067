import { describe, expect, it } from 'vitest';
import { classifyItem, type ClassifyInput, type ClassifySettings } from './classify-item.ts';

const shipped: ClassifySettings = {
  categories: [{ id: 'articles' }, { id: 'projects' }, { id: 'media' }, { id: 'discussions' }],
  rules: [],
};

const byUrl = (url: string, extra: Partial<ClassifyInput> = {}) => classifyItem({ url, ...extra }, shipped).category;

describe('classifyItem built-in rules', () => {
  it.each([
    // repositories and packages
    ['https://github.com/bloomberg/memray', 'projects'],
    ['https://github.com/bloomberg/memray/', 'projects'],
    ['https://github.com/astral-sh/uv/blob/main/README.md', 'projects'],
    ['https://github.com/astral-sh/uv#readme', 'projects'],
    ['https://github.com/astral-sh/uv/releases/tag/0.5.0', 'projects'],
    ['https://github.com/astral-sh/uv/tree/main/crates', 'projects'],
    ['https://github.com/aio-libs', 'projects'],
    ['https://github.com/topics/asyncio', 'projects'],
    ['https://gitlab.com/inkscape/inkscape', 'projects'],
    ['https://gitlab.com/group/sub/project', 'projects'],
    ['https://codeberg.org/forgejo/forgejo', 'projects'],
    ['https://git.sr.ht/~sircmpwn/hare', 'projects'],
    ['https://bitbucket.org/owner/repo', 'projects'],
    ['https://gitee.com/owner/repo', 'projects'],
    ['https://pypi.org/project/httpx/', 'projects'],
    ['https://huggingface.co/Qwen/Qwen2.5-7B', 'projects'],
    ['https://huggingface.co/spaces/owner/demo', 'projects'],
    ['https://marketplace.visualstudio.com/items?itemName=ms-python.python', 'projects'],
    ['https://pandastutor.com/', 'projects'],
    ['https://ploomber-sql.readthedocs.io/en/latest/index.html', 'projects'],
    ['http://python.jpglomot.com/#/questions', 'projects'],
    // videos and podcasts
    ['https://www.youtube.com/watch?v=wf-BqAjZb8M', 'media'],
    ['https://m.youtube.com/playlist?list=PLs4CJRBY5F1', 'media'],
    ['https://youtu.be/wf-BqAjZb8M', 'media'],
    ['https://www.bilibili.com/video/BV1v64y1J7hS', 'media'],
    ['https://space.bilibili.com/474764697/video', 'media'],
    ['https://vimeo.com/123456', 'media'],
    ['https://talkpython.fm/episodes/show/425/memray', 'media'],
    ['https://pythonbytes.fm/episodes/show/400/title', 'media'],
    ['https://pythonpeople.fm/', 'media'],
    ['https://realpython.com/podcasts/rpp/172/', 'media'],
    ['https://podcasts.apple.com/us/podcast/id123', 'media'],
    ['https://open.spotify.com/episode/abc', 'media'],
    ['https://podcasters.spotify.com/pod/show/corepy', 'media'],
    ['https://www.xiaoyuzhoufm.com/episode/6500', 'media'],
    ['https://stackoverflow.blog/2023/08/08/understanding-sre-ep-597/', 'media'],
    ['https://www.blog.pythonlibrary.org/2023/11/10/episode-21-sanic/', 'media'],
    // discussion threads
    ['https://www.reddit.com/r/Python/comments/15z1amc/how_to_build/', 'discussions'],
    ['https://news.ycombinator.com/item?id=38000000', 'discussions'],
    ['https://www.v2ex.com/t/1000000', 'discussions'],
    ['https://discuss.python.org/t/syntactic-sugar/36217', 'discussions'],
    ['https://stackoverflow.com/questions/231767/what-does-yield-do', 'discussions'],
    ['https://github.com/python/cpython/issues/100000', 'discussions'],
    ['https://github.com/python/cpython/pull/113465', 'discussions'],
    ['https://github.com/astral-sh/uv/discussions/123', 'discussions'],
    ['https://gitlab.com/owner/repo/-/issues/7', 'discussions'],
    ['https://lobste.rs/s/abc123/title', 'discussions'],
    ['https://www.zhihu.com/question/123456', 'discussions'],
  ])('%s → %s', (url, expected) => {
    expect(byUrl(url)).toBe(expected);
  });

  it.each([
    // must not: blogs and documents on code hosts, video words in article paths, listings
    ['https://tonybaloney.github.io/posts/sub-interpreter-web-workers.html', 'a github.io blog post'],
    ['https://github.blog/2024-01-01-some-announcement/', 'a github.blog post'],
    ['https://github.com/blog/2019-some-post', 'the old github.com/blog'],
    ['https://github.com/stickfigure/blog/wiki/How-to-design-REST-APIs', 'a GitHub wiki page'],
    ['https://github.com/someone/blog/issues/12', 'a blog kept in GitHub issues'],
    ['https://github.com/owner/repo/blob/main/docs/guide.md', 'a document inside a repository'],
    ['https://gist.github.com/owner/0123abcd', 'a gist'],
    ['https://huggingface.co/blog/open-llm', 'a Hugging Face blog post'],
    ['https://zhuanlan.zhihu.com/p/123456', 'a zhihu column post'],
    ['https://cython.readthedocs.io/en/latest/src/changes.html', 'a page inside documentation'],
    ['https://juejin.cn/post/7288998044020326415', 'a juejin post about videos'],
    ['https://ep2024.europython.eu/session/ep2024-keynote', 'EuroPython, not an episode'],
    ['https://www.reddit.com/r/Python/', 'a subreddit, not a thread'],
    ['https://talkpython.fm/blog/posts/some-post/', "a podcast host's blog"],
  ])('%s is an article (%s)', (url) => {
    expect(byUrl(url)).toBe('articles');
  });

  it('reads media words in titles but not in repository names', () => {
    expect(byUrl('https://pyfound.blogspot.com/2023/12/announcing.html', { title: 'A new Python podcast' })).toBe('media');
    expect(byUrl('https://github.com/ephes/django-cast', { title: 'A blog/podcast project' })).toBe('projects');
    expect(byUrl('https://example.com/post/video-editing', { title: 'Editing videos with MoviePy' })).toBe('articles');
  });

  it('trusts the feed: audio enclosures and podcast sources are media', () => {
    expect(byUrl('https://example.com/show/12', { mediaKind: 'audio' })).toBe('media');
    expect(byUrl('https://example.com/show/12', { sourceKind: 'podcast', sourceCategory: 'articles' })).toBe('media');
  });
});

describe('classifyItem precedence', () => {
  const settings: ClassifySettings = {
    ...shipped,
    rules: [
      { host: '.github.io', path: '^/awesome', category: 'projects' },
      { host: 'realpython.com', path: '^/courses/', category: 'media' },
      { host: 'example.org', category: 'nonexistent' },
    ],
  };
  const classify = (input: ClassifyInput) => classifyItem(input, settings);

  it('lets the curator override win over everything', () => {
    expect(classify({ url: 'https://github.com/a/b', override: 'articles' })).toEqual({ category: 'articles', rule: 'override' });
  });

  it('ignores an override naming a category that is no longer configured', () => {
    expect(classify({ url: 'https://github.com/a/b', override: 'removed' }).category).toBe('projects');
  });

  it('applies sources.yaml rules before the built-ins, with .suffix hosts and path patterns', () => {
    expect(classify({ url: 'https://someone.github.io/awesome-python/' })).toEqual({ category: 'projects', rule: 'config:0' });
    expect(classify({ url: 'https://someone.github.io/posts/x' }).category).toBe('articles');
    expect(classify({ url: 'https://www.realpython.com/courses/python-basics/' })).toEqual({ category: 'media', rule: 'config:1' });
    expect(classify({ url: 'https://example.org/x', sourceCategory: 'projects' })).toEqual({ category: 'projects', rule: 'source' });
  });

  it('uses the source category when no rule knows the link, then articles', () => {
    expect(classify({ url: 'https://blog.example.com/post/1', sourceCategory: 'discussions' })).toEqual({
      category: 'discussions',
      rule: 'source',
    });
    expect(classify({ url: 'https://blog.example.com/post/1' })).toEqual({ category: 'articles', rule: 'default' });
    expect(classify({ url: 'not a url', sourceCategory: 'media' }).category).toBe('media');
  });

  it('lets a github.io post from a projects source take the source category', () => {
    expect(classify({ url: 'https://someone.github.io/posts/x', sourceCategory: 'projects' }).category).toBe('projects');
  });

  it('falls through when a built-in category is not configured', () => {
    const noMedia: ClassifySettings = { categories: [{ id: 'news' }, { id: 'projects' }], rules: [] };
    expect(classifyItem({ url: 'https://youtu.be/abc', sourceCategory: 'news' }, noMedia)).toEqual({ category: 'news', rule: 'source' });
    expect(classifyItem({ url: 'https://youtu.be/abc' }, noMedia)).toEqual({ category: 'news', rule: 'default' });
    expect(classifyItem({ url: 'https://github.com/a/b' }, noMedia).category).toBe('projects');
  });
});
