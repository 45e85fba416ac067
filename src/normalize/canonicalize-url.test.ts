import { describe, expect, it } from 'vitest';
import { canonicalizeUrl } from './canonicalize-url.ts';

/** One row per rule: what a feed (or newsletter) wrote → the dedupe key. */
const CANONICAL_FORMS: Array<[rule: string, input: string, expected: string | null]> = [
  // generic
  ['http becomes https', 'http://example.com/post', 'https://example.com/post'],
  ['host is lowercased, path case kept', 'https://Example.COM/Post', 'https://example.com/Post'],
  ['www. is stripped', 'https://www.example.com/post', 'https://example.com/post'],
  ['m. is stripped', 'https://m.example.com/post', 'https://example.com/post'],
  ['www. alone on a short name stays', 'https://www.com/post', 'https://www.com/post'],
  ['trailing dot of the host is dropped', 'https://example.com./post', 'https://example.com/post'],
  ['default https port is dropped', 'https://example.com:443/post', 'https://example.com/post'],
  ['default http port is dropped', 'http://example.com:80/post', 'https://example.com/post'],
  ['other ports are kept', 'http://example.com:8080/post/', 'https://example.com:8080/post'],
  ['userinfo is dropped', 'https://user:secret@example.com/post', 'https://example.com/post'],
  ['trailing slash is dropped', 'https://example.com/post/', 'https://example.com/post'],
  ['root slash is dropped', 'https://example.com/', 'https://example.com'],
  ['index.html is dropped', 'https://example.com/docs/index.html', 'https://example.com/docs'],
  ['index.htm is dropped', 'https://example.com/docs/INDEX.HTM', 'https://example.com/docs'],
  ['other html files stay', 'https://example.com/docs/intro.html', 'https://example.com/docs/intro.html'],
  ['dot segments are resolved', 'https://example.com/a/./b/../c', 'https://example.com/a/c'],
  ['fragment is dropped', 'https://example.com/post#comments', 'https://example.com/post'],
  [
    'empty fragment is dropped',
    'https://pep-previews--3586.org.readthedocs.build/pep-0738/#',
    'https://pep-previews--3586.org.readthedocs.build/pep-0738',
  ],
  ['#/ route is kept', 'http://python.jpglomot.com/#/questions', 'https://python.jpglomot.com/#/questions'],
  ['#! route is kept', 'https://example.com/app#!/item/7', 'https://example.com/app#!/item/7'],
  ['query params are sorted', 'https://example.com/list?b=2&a=1', 'https://example.com/list?a=1&b=2'],
  ['repeated params keep their order', 'https://example.com/list?tag=z&tag=a', 'https://example.com/list?tag=z&tag=a'],
  ['empty query pieces are dropped', 'https://example.com/list?&a=1&&', 'https://example.com/list?a=1'],
  ['bare flags are kept', 'https://example.com/list?raw', 'https://example.com/list?raw'],
  // percent-encoding
  ['escaped unreserved chars are decoded', 'https://example.com/%7Euser/%41bc', 'https://example.com/~user/Abc'],
  ['escapes get uppercase hex', 'https://example.com/a%2fb', 'https://example.com/a%2Fb'],
  ['raw CJK path is encoded', 'https://example.com/文章/', 'https://example.com/%E6%96%87%E7%AB%A0'],
  ['lowercase-escaped CJK path matches', 'https://example.com/%e6%96%87%e7%ab%a0', 'https://example.com/%E6%96%87%E7%AB%A0'],
  ['CJK query value is encoded', 'https://example.com/search?q=异步', 'https://example.com/search?q=%E5%BC%82%E6%AD%A5'],
  ['IDN host becomes punycode', 'https://例子.测试/a', 'https://xn--fsqu00a.xn--0zwm56d/a'],
  // tracking parameters
  ['utm_* are dropped', 'https://example.com/p?utm_source=rss&utm_medium=feed&utm_campaign=x&id=3', 'https://example.com/p?id=3'],
  ['UTM_ in capitals too', 'https://example.com/p?UTM_Source=rss', 'https://example.com/p'],
  ['mtm_* are dropped', 'https://example.com/p?mtm_campaign=a&mtm_kwd=b', 'https://example.com/p'],
  ['click ids are dropped', 'https://example.com/p?fbclid=1&gclid=2&dclid=3&msclkid=4&yclid=5&twclid=6&igshid=7', 'https://example.com/p'],
  [
    'mail tool ids are dropped',
    'https://example.com/p?mc_cid=1&mc_eid=2&_hsenc=3&__hssc=4&__hstc=5&__hsfp=6&_hsmi=7',
    'https://example.com/p',
  ],
  [
    'more tracker ids are dropped',
    'https://example.com/p?si=1&gbraid=2&wbraid=3&_openstat=4&vero_id=5&wickedid=6&rb_clickid=7&oly_anon_id=8&oly_enc_id=9',
    'https://example.com/p',
  ],
  ['CSDN spm is dropped', 'https://example.com/p?spm=1001.2014.3001.5501', 'https://example.com/p'],
  ['ref naming a newsletter is dropped', 'https://blog.example.com/post?ref=pycoders', 'https://blog.example.com/post'],
  ['Ghost ref=<site host> is dropped', 'https://example.ghost.io/post/?ref=example.ghost.io', 'https://example.ghost.io/post'],
  ['ref_src is dropped', 'https://example.com/p?ref_src=twsrc%5Etfw', 'https://example.com/p'],
  ['source=rss is dropped', 'https://example.com/p?source=rss', 'https://example.com/p'],
  [
    'Medium source is dropped',
    'https://medium.com/@someone/my-post-3f7174824862?source=rss----5517fd7b58a6---4',
    'https://medium.com/@someone/my-post-3f7174824862',
  ],
  ['ref with a path value is kept', 'https://example.com/view?ref=refs/heads/main', 'https://example.com/view?ref=refs/heads/main'],
  [
    'git ref on a code host is kept',
    'https://codeberg.org/owner/repo/compare?ref=v1.2',
    'https://codeberg.org/owner/repo/compare?ref=v1.2',
  ],
  [
    'git ref on an API path is kept',
    'https://git.example.org/api/v1/repos/o/r/contents/setup.py?ref=main',
    'https://git.example.org/api/v1/repos/o/r/contents/setup.py?ref=main',
  ],
  ['ref on a compare path is kept', 'https://example.com/compare?ref=v2', 'https://example.com/compare?ref=v2'],
  [
    'source on a search page is kept',
    'https://www.example.com/search?q=python&source=docs',
    'https://example.com/search?q=python&source=docs',
  ],
  [
    'source with a search query is kept',
    'https://example.com/results?query=asyncio&source=packages',
    'https://example.com/results?query=asyncio&source=packages',
  ],
  // redirect wrappers
  ['Google /url?q= is unwrapped', 'https://www.google.com/url?q=https://example.com/a&sa=D&ust=1', 'https://example.com/a'],
  [
    'Google /url?url= is unwrapped, inner tracking dropped',
    'https://www.google.com/url?sa=t&url=https%3A%2F%2Fexample.com%2Fa%3Futm_medium%3Dx',
    'https://example.com/a',
  ],
  ['Google on another TLD', 'https://google.co.uk/url?q=https%3A%2F%2Fexample.com%2Fb', 'https://example.com/b'],
  ['out.reddit.com is unwrapped', 'https://out.reddit.com/t3_abc?url=https%3A%2F%2Fexample.com%2Fc&token=x', 'https://example.com/c'],
  ['l.facebook.com is unwrapped', 'https://l.facebook.com/l.php?u=https%3A%2F%2Fexample.com%2Fd&h=AT0', 'https://example.com/d'],
  ['Zhihu link page is unwrapped', 'https://link.zhihu.com/?target=https%3A//example.com/e', 'https://example.com/e'],
  ['Juejin link page is unwrapped', 'https://link.juejin.cn/?target=https%3A%2F%2Fexample.com%2Ff', 'https://example.com/f'],
  [
    'YouTube redirect is unwrapped',
    'https://www.youtube.com/redirect?event=video_description&q=https%3A%2F%2Fexample.com%2Fg',
    'https://example.com/g',
  ],
  [
    'nested wrappers are unwrapped',
    'https://www.google.com/url?q=https%3A%2F%2Fl.facebook.com%2Fl.php%3Fu%3Dhttps%253A%252F%252Fexample.com%252Fh',
    'https://example.com/h',
  ],
  [
    'a wrapper whose target is not http stays',
    'https://www.google.com/url?q=javascript:alert(1)',
    'https://google.com/url?q=javascript:alert(1)',
  ],
  // YouTube
  ['YouTube watch', 'https://www.youtube.com/watch?v=wf-BqAjZb8M&feature=youtu.be&t=42', 'https://youtube.com/watch?v=wf-BqAjZb8M'],
  [
    'YouTube watch in a playlist',
    'https://www.youtube.com/watch?v=wf-BqAjZb8M&list=PLx&index=3',
    'https://youtube.com/watch?v=wf-BqAjZb8M',
  ],
  ['youtu.be short link', 'https://youtu.be/wf-BqAjZb8M?si=abc&t=10', 'https://youtube.com/watch?v=wf-BqAjZb8M'],
  ['YouTube Shorts', 'https://youtube.com/shorts/wf-BqAjZb8M?feature=share', 'https://youtube.com/watch?v=wf-BqAjZb8M'],
  ['YouTube embed', 'https://www.youtube.com/embed/wf-BqAjZb8M?rel=0', 'https://youtube.com/watch?v=wf-BqAjZb8M'],
  ['YouTube live', 'https://www.youtube.com/live/wf-BqAjZb8M', 'https://youtube.com/watch?v=wf-BqAjZb8M'],
  ['mobile YouTube', 'https://m.youtube.com/watch?v=wf-BqAjZb8M', 'https://youtube.com/watch?v=wf-BqAjZb8M'],
  ['youtube-nocookie embed', 'https://www.youtube-nocookie.com/embed/wf-BqAjZb8M', 'https://youtube.com/watch?v=wf-BqAjZb8M'],
  [
    'YouTube playlist keeps list',
    'https://m.youtube.com/playlist?list=PLs4CJRBY5F1KwxIxbTmhN9jX4hBtE-OKJ&si=x',
    'https://youtube.com/playlist?list=PLs4CJRBY5F1KwxIxbTmhN9jX4hBtE-OKJ',
  ],
  ['YouTube channel page stays a page', 'https://www.youtube.com/@PyCon/videos', 'https://youtube.com/@PyCon/videos'],
  // GitHub
  ['GitHub owner/repo are case-folded', 'https://github.com/Textualize/Rich', 'https://github.com/textualize/rich'],
  ['GitHub .git suffix', 'https://github.com/textualize/rich.git', 'https://github.com/textualize/rich'],
  ['GitHub trailing slash', 'https://github.com/hynek/svcs/', 'https://github.com/hynek/svcs'],
  ['GitHub #readme', 'https://github.com/textualize/rich#readme', 'https://github.com/textualize/rich'],
  ['GitHub ?tab=readme-ov-file', 'https://github.com/textualize/rich?tab=readme-ov-file', 'https://github.com/textualize/rich'],
  ['GitHub /tree/<branch>', 'https://github.com/textualize/rich/tree/master', 'https://github.com/textualize/rich'],
  ['GitHub top-level README', 'https://github.com/Textualize/rich/blob/main/README.md', 'https://github.com/textualize/rich'],
  ['GitHub README.rst', 'https://github.com/pallets/flask/blob/main/README.rst', 'https://github.com/pallets/flask'],
  [
    'GitHub pull request tabs fold into the PR',
    'https://github.com/python/cpython/pull/113465/files',
    'https://github.com/python/cpython/pull/113465',
  ],
  [
    'GitHub issue keeps its number',
    'https://github.com/Python/CPython/issues/123#issuecomment-1',
    'https://github.com/python/cpython/issues/123',
  ],
  [
    'GitHub file path keeps its case',
    'https://github.com/Python/CPython/blob/main/Lib/asyncio/Tasks.py',
    'https://github.com/python/cpython/blob/main/Lib/asyncio/Tasks.py',
  ],
  ['GitHub profile tab is kept', 'https://github.com/Hynek?tab=repositories', 'https://github.com/hynek?tab=repositories'],
  // PyPI
  ['PyPI project', 'https://pypi.org/project/requests/', 'https://pypi.org/project/requests'],
  ['PyPI version and PEP 503 name', 'https://pypi.org/project/Typing_Extensions/4.8.0/', 'https://pypi.org/project/typing-extensions'],
  ['PyPI dots and runs fold', 'https://pypi.org/project/zope.interface', 'https://pypi.org/project/zope-interface'],
  ['legacy pypi.python.org', 'http://pypi.python.org/pypi/Django/4.2', 'https://pypi.org/project/django'],
  ['PyPI #history fragment', 'https://pypi.org/project/ruff/#history', 'https://pypi.org/project/ruff'],
  // arXiv
  ['arXiv abs', 'https://arxiv.org/abs/2310.06825', 'https://arxiv.org/abs/2310.06825'],
  ['arXiv version is dropped', 'https://arxiv.org/abs/2310.06825v3', 'https://arxiv.org/abs/2310.06825'],
  ['arXiv pdf', 'https://arxiv.org/pdf/2310.06825', 'https://arxiv.org/abs/2310.06825'],
  ['arXiv pdf with .pdf and version', 'http://www.arxiv.org/pdf/2310.06825v2.pdf', 'https://arxiv.org/abs/2310.06825'],
  ['arXiv old-style id', 'https://export.arxiv.org/abs/hep-th/9901001v1', 'https://arxiv.org/abs/hep-th/9901001'],
  // Chinese platforms and blog hosts
  [
    'WeChat keeps the article params only',
    'https://mp.weixin.qq.com/s?__biz=MzA&mid=2&idx=1&sn=abc&chksm=zz&scene=21#wechat_redirect',
    'https://mp.weixin.qq.com/s?__biz=MzA&idx=1&mid=2&sn=abc',
  ],
  ['WeChat short form drops the query', 'https://mp.weixin.qq.com/s/AbCdEf123?from=timeline', 'https://mp.weixin.qq.com/s/AbCdEf123'],
  [
    'Bilibili video keeps the part only',
    'https://m.bilibili.com/video/BV1v64y1J7hS/?spm_id_from=333&vd_source=ab&p=2',
    'https://bilibili.com/video/BV1v64y1J7hS?p=2',
  ],
  [
    'Substack post drops the query',
    'https://mostlypython.substack.com/p/reading-code?nthPub=581',
    'https://mostlypython.substack.com/p/reading-code',
  ],
  ['Juejin post drops the query', 'https://juejin.cn/post/7268955025211129893?searchId=abc', 'https://juejin.cn/post/7268955025211129893'],
  [
    'CSDN article drops the query',
    'https://blog.csdn.net/someone/article/details/1234567?spm=1&depth_1-utm_source=x',
    'https://blog.csdn.net/someone/article/details/1234567',
  ],
  [
    'twitter.com is x.com, share params dropped',
    'https://mobile.twitter.com/gvanrossum/status/1?s=20&t=abc',
    'https://x.com/gvanrossum/status/1',
  ],
  [
    'old.reddit.com is reddit.com',
    'https://old.reddit.com/r/Python/comments/15z1amc/how_to/?share_id=x',
    'https://reddit.com/r/Python/comments/15z1amc/how_to',
  ],
  // not a URL we can key
  ['ftp is rejected', 'ftp://example.com/file', null],
  ['mailto is rejected', 'mailto:someone@example.com', null],
  ['relative is rejected', '/post/1', null],
  ['garbage is rejected', 'not a url', null],
  ['empty is rejected', '', null],
];

describe('canonicalizeUrl', () => {
  it.each(CANONICAL_FORMS)('%s', (_rule, input, expected) => {
    expect(canonicalizeUrl(input)).toBe(expected);
  });

  it('is idempotent: a key canonicalizes to itself', () => {
    for (const [, input, expected] of CANONICAL_FORMS) {
      if (expected === null) continue;
      expect(canonicalizeUrl(expected), input).toBe(expected);
    }
  });
});

/** Pairs that are different pages: merging them would hide one from the curators. */
const MUST_NOT_MERGE: Array<[why: string, left: string, right: string]> = [
  ['different paths', 'https://example.com/posts/1', 'https://example.com/posts/2'],
  ['case-sensitive path on an ordinary host', 'https://example.com/Docs/Intro', 'https://example.com/docs/intro'],
  ['meaningful query value', 'https://news.ycombinator.com/item?id=1', 'https://news.ycombinator.com/item?id=2'],
  ['search query', 'https://example.com/search?q=python', 'https://example.com/search?q=rust'],
  ['page number', 'https://example.com/archive?page=1', 'https://example.com/archive?page=2'],
  ['different GitHub issues', 'https://github.com/python/cpython/issues/1', 'https://github.com/python/cpython/issues/2'],
  ['GitHub issue vs pull request', 'https://github.com/python/cpython/issues/5', 'https://github.com/python/cpython/pull/5'],
  ['GitHub discussion vs repo', 'https://github.com/astral-sh/ruff/discussions/7', 'https://github.com/astral-sh/ruff'],
  ['GitHub release vs repo', 'https://github.com/astral-sh/ruff/releases/tag/v0.1.0', 'https://github.com/astral-sh/ruff'],
  ['GitHub non-README file vs repo', 'https://github.com/astral-sh/ruff/blob/main/CHANGELOG.md', 'https://github.com/astral-sh/ruff'],
  [
    'GitHub README of a subfolder vs repo',
    'https://github.com/astral-sh/ruff/blob/main/docs/README.md',
    'https://github.com/astral-sh/ruff',
  ],
  ['GitHub subfolder tree vs repo', 'https://github.com/astral-sh/ruff/tree/main/docs', 'https://github.com/astral-sh/ruff'],
  ['GitHub repos of different owners', 'https://github.com/alice/tools', 'https://github.com/bob/tools'],
  ['github.io pages of different users', 'https://alice.github.io/blog', 'https://bob.github.io/blog'],
  ['github.io path case matters', 'https://alice.github.io/Notes', 'https://alice.github.io/notes'],
  ['different YouTube videos', 'https://youtu.be/wf-BqAjZb8M', 'https://youtu.be/spi0N_PNznE'],
  ['YouTube video vs its playlist', 'https://www.youtube.com/watch?v=wf-BqAjZb8M&list=PLx', 'https://www.youtube.com/playlist?list=PLx'],
  ['different PyPI packages', 'https://pypi.org/project/requests', 'https://pypi.org/project/requests-oauthlib'],
  ['different arXiv papers', 'https://arxiv.org/abs/2310.06825', 'https://arxiv.org/abs/2310.06826'],
  ['different subdomains', 'https://docs.example.com/a', 'https://blog.example.com/a'],
  ['git ref on a code host', 'https://gitlab.com/o/r/-/raw/file.py?ref=main', 'https://gitlab.com/o/r/-/raw/file.py?ref=dev'],
  ['source on a search page', 'https://example.com/search?q=x&source=pypi', 'https://example.com/search?q=x&source=conda'],
  [
    'different WeChat articles',
    'https://mp.weixin.qq.com/s?__biz=MzA&mid=2&idx=1&sn=abc',
    'https://mp.weixin.qq.com/s?__biz=MzA&mid=2&idx=2&sn=abd',
  ],
  ['parts of one Bilibili video', 'https://www.bilibili.com/video/BV1v64y1J7hS?p=1', 'https://www.bilibili.com/video/BV1v64y1J7hS?p=2'],
  ['different ports', 'https://example.com:8080/a', 'https://example.com:8081/a'],
  ['different #/ routes', 'https://example.com/#/a', 'https://example.com/#/b'],
  ['encoded slash vs path separator', 'https://example.com/a%2Fb', 'https://example.com/a/b'],
];

describe('canonicalizeUrl keeps different pages apart', () => {
  it.each(MUST_NOT_MERGE)('%s', (_why, left, right) => {
    expect(canonicalizeUrl(left)).not.toBe(canonicalizeUrl(right));
  });
});
