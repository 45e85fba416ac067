import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractDigestLinks, extractDigestLinksDetailed } from './extract-digest-links.ts';
import type { DigestContext, DigestLink, DigestSkipReason } from './types.ts';

function readFixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}.html`, import.meta.url), 'utf8');
}

/** Skipped anchors grouped by reason, as resolved hrefs in issue order. */
function skippedByReason(context: DigestContext, html: string): Partial<Record<DigestSkipReason, string[]>> {
  const grouped: Partial<Record<DigestSkipReason, string[]>> = {};
  for (const anchor of extractDigestLinksDetailed(context, html).skipped) (grouped[anchor.reason] ??= []).push(anchor.href);
  return grouped;
}

interface FixtureCase {
  fixture: string;
  context: DigestContext;
  kept: DigestLink[];
  skipped: Partial<Record<DigestSkipReason, string[]>>;
}

const fixtures: FixtureCase[] = [
  {
    fixture: 'pycoders-weekly',
    context: { issueUrl: 'https://pycoders.com/issues/650', feedUrl: 'https://pycoders.com/feed' },
    kept: [
      {
        url: 'https://pycoders.com/link/13214/feed',
        title: 'Python 3.13: Cool New Features for You to Try',
        summary:
          'Python 3.13 is out, with a new interactive interpreter, an experimental free-threaded build and a JIT compiler. This tutorial walks you through what changed and how to try each feature today.',
        isRedirect: true,
      },
      {
        url: 'https://pycoders.com/link/13215/feed',
        title: 'Free-Threaded CPython Is Here, What Now?',
        summary:
          'With PEP 703 landing in 3.13, extension authors have to decide whether to support the free-threaded build. This post lists the steps & the pitfalls.',
        isRedirect: true,
      },
      {
        url: 'https://peps.python.org/pep-0703/',
        title: 'PEP 703',
        summary:
          'With PEP 703 landing in 3.13, extension authors have to decide whether to support the free-threaded build. This post lists the steps & the pitfalls.',
      },
      // No description, only the source line: the summary stays empty rather than "REDDIT.COM".
      {
        url: 'https://pycoders.com/link/13216/feed',
        title: 'What’s the Worst Python Feature You Still Use?',
        summary: '',
        isRedirect: true,
      },
      {
        url: 'https://pycoders.com/link/13218/feed',
        title: 'Understanding Python’s asyncio Task Groups',
        summary:
          'Task groups give structured concurrency to asyncio: when one task fails, its siblings are cancelled. Learn how TaskGroup compares with gather().',
        isRedirect: true,
      },
      { url: 'https://pycoders.com/link/13220/feed', title: 'uv: An Extremely Fast Python Package Manager', summary: '', isRedirect: true },
      {
        url: 'https://pycoders.com/link/13221/feed',
        title: 'textual-serve: Serve Textual Apps in the Browser',
        summary: '',
        isRedirect: true,
      },
      {
        url: 'https://pycoders.com/link/13230/feed',
        title: 'PyCon Sweden 2024',
        summary: 'October 17 to October 19, 2024 PYCON.SE',
        isRedirect: true,
      },
    ],
    skipped: {
      // "View in Browser »" at the top and the bottom.
      'newsletter-chrome': ['https://pycoders.com/issues/650/feed', 'https://pycoders.com/issues/650/feed'],
      // The logo: an anchor around an <img> with no text.
      image: ['https://pycoders.com/'],
      // Each item's source line (REALPYTHON.COM …) links the same redirect as its title.
      duplicate: [
        'https://pycoders.com/link/13214/feed',
        'https://pycoders.com/link/13215/feed',
        'https://pycoders.com/link/13216/feed',
        'https://pycoders.com/link/13218/feed',
        'https://pycoders.com/link/13220/feed',
        'https://pycoders.com/link/13221/feed',
        'https://pycoders.com/link/13230/feed',
      ],
      // Everything under "Python Jobs".
      jobs: ['https://pycoders.com/jobs/3461/', 'https://pycoders.com/jobs/'],
      // The item whose source line carries the SPONSOR tag: its title and its source line.
      sponsor: ['https://pycoders.com/link/13217/feed', 'https://pycoders.com/link/13217/feed'],
      'social-profile': ['https://twitter.com/pycoders', 'https://fosstodon.org/@pycoders'],
      // The "[ Subscribe to 🐍 PyCoder's Weekly 💌 … >> Click here to learn more ]" footer.
      'own-site': ['https://pycoders.com/?utm_source=pycoders&utm_medium=feed&utm_campaign=footer'],
    },
  },
  {
    fixture: 'python-weekly',
    context: {
      issueUrl: 'https://us2.campaign-archive.com/?u=e2e180baf855ac797ef407fc7&id=3f9d4c1a2b',
      feedUrl: 'https://us2.campaign-archive.com/feed?u=e2e180baf855ac797ef407fc7&id=9f0c',
      siteUrl: 'https://www.pythonweekly.com/',
    },
    kept: [
      {
        url: 'https://realpython.com/python313-new-features/',
        title: 'Python 3.13: Cool New Features for You to Try',
        summary: 'A tour of the new REPL, the free-threaded build and the experimental JIT.',
      },
      {
        url: 'https://www.youtube.com/watch?v=Vv0tMqkCCuI',
        title: 'Talk: How CPython’s Specializing Interpreter Works',
        summary: 'A PyCon talk on the adaptive interpreter that made 3.11 faster — with diagrams.',
      },
      {
        url: 'https://hakibenita.com/django-concurrency',
        title: 'How to Get or Create in PostgreSQL',
        summary: 'Race conditions in get-or-create, and the upsert that avoids them.',
      },
      {
        url: 'https://github.com/astral-sh/uv',
        title: 'uv',
        summary: 'An extremely fast Python package installer and resolver, written in Rust.',
      },
      {
        url: 'https://github.com/pydantic/logfire',
        title: 'logfire',
        summary: 'Uncomplicated observability for Python, by Samuel Colvin.',
      },
      {
        url: 'https://www.meetup.com/pydata-berlin/events/303456789/',
        title: 'PyData Berlin October Meetup',
        summary: 'Talks on Polars internals and DuckDB in production.',
      },
    ],
    skipped: {
      // "View this email in your browser", forward, preferences, unsubscribe.
      'newsletter-chrome': [
        'https://us2.campaign-archive.com/?u=e2e180baf855ac797ef407fc7&id=3f9d4c1a2b',
        'https://us2.forward-to-friend.com/forward?u=e2e180baf855ac797ef407fc7&id=3f9d4c1a2b',
        'https://pythonweekly.us2.list-manage.com/profile?u=e2e180baf855ac797ef407fc7&id=9f0c',
        'https://pythonweekly.us2.list-manage.com/unsubscribe?u=e2e180baf855ac797ef407fc7&id=9f0c',
      ],
      'own-site': ['https://www.pythonweekly.com/'],
      // The item under the bold "From Our Sponsor" line, and one whose URL says utm_medium=sponsored.
      sponsor: [
        'https://www.getlazy.ai/?utm_source=pythonweekly',
        'https://blog.example.dev/observability-for-django?utm_source=pythonweekly&utm_medium=sponsored',
      ],
      // A Mailchimp click tracker with no destination in it.
      tracking: ['https://pythonweekly.us2.list-manage.com/track/click?u=e2e180baf855ac797ef407fc7&id=77aa01&e=5c0d9a'],
      'social-profile': ['https://github.com/samuelcolvin', 'https://twitter.com/PythonWeekly'],
      duplicate: ['https://github.com/astral-sh/uv'],
      // The Twitter icon and the Mailchimp badge: anchors around an image only.
      image: [
        'https://twitter.com/PythonWeekly',
        'http://www.mailchimp.com/email-referral/?utm_source=freemium_newsletter&utm_medium=email&utm_campaign=referral_marketing',
      ],
      mailto: ['mailto:rahul@pythonweekly.com'],
      javascript: ['javascript:void(0)'],
    },
  },
  {
    fixture: 'django-news',
    context: { issueUrl: 'https://django-news.com/issues/250', feedUrl: 'https://django-news.com/issues.rss' },
    kept: [
      {
        url: 'https://www.djangoproject.com/weblog/2024/sep/03/security-releases/',
        title: 'Django security releases issued: 5.1.1, 5.0.9, and 4.2.16',
        summary: 'Four security issues were fixed, one of them a potential denial of service in urlize(). Upgrade as soon as possible.',
      },
      {
        url: 'https://pyfound.blogspot.com/2024/09/psf-board-election-nominations.html',
        title: 'PSF Board Election nominations are open',
        summary: 'Nominations close on September 18th; anyone can nominate themselves.',
      },
      {
        url: 'https://docs.djangoproject.com/en/dev/releases/5.2/',
        title: 'Django 5.2 release notes',
        summary:
          'Last week we had 12 pull requests merged into Django by 10 different contributors, including 2 first-time contributors! Read the Django 5.2 release notes for what is coming.',
      },
      {
        url: 'https://adamj.eu/tech/2024/09/10/django-migrations-squash/',
        title: 'Django: squash your migrations without fear',
        summary: 'Adam Johnson on when squashing pays off and how to check the result.',
      },
      {
        url: 'https://testdriven.io/blog/django-htmx-tailwind/',
        title: 'Modern Django with htmx and Tailwind',
        summary: 'A walk-through of a small app without a JavaScript build step.',
      },
      {
        url: 'https://2024.djangocon.us/',
        title: 'DjangoCon US 2024',
        summary: 'September 22–27 in Durham, NC. Tutorials, talks and sprints.',
      },
      {
        url: 'https://github.com/adamchainz/django-upgrade',
        title: 'adamchainz/django-upgrade',
        summary: 'Automatically upgrade your Django projects.',
      },
      { url: 'https://github.com/carltongibson/neapolitan', title: 'carltongibson/neapolitan', summary: 'Quick CRUD views for Django.' },
    ],
    skipped: {
      'own-site': ['https://django-news.com/issues/250#start', 'https://django-news.com/'],
      // Both links of the "Sponsored Link 1" section, and the <div class="sponsored-link"> inside Articles.
      sponsor: ['https://www.scoutapm.com/django', 'https://www.scoutapm.com/pricing', 'https://courses.example.com/django-pro'],
      'social-profile': ['https://github.com/sarahboyce'],
      // The same article linked again to one of its sections.
      duplicate: ['https://adamj.eu/tech/2024/09/10/django-migrations-squash/#checking'],
      jobs: ['https://jobs.django-news.com/jobs/senior-django-developer-acme/', 'https://djangojobs.net/jobs/999/'],
      'newsletter-chrome': ['https://django-news.com/#subscribe'],
    },
  },
  {
    fixture: 'python-trending-weekly',
    context: { issueUrl: 'https://pythoncat.top/posts/2023-09-16-weekly', feedUrl: 'https://pythoncat.top/rss.xml' },
    kept: [
      {
        url: 'https://superfastpython.com/benchmark-python-code/',
        title: '三种对 Python 作基准测试的方法',
        summary: '文章介绍了用标准库对 Python 作基准测试的几种方法：time、timeit 与 cProfile，并解读了测试数据。',
      },
      {
        url: 'https://andrich.me/2023/08/switching-to-hatch/',
        title: '舍弃 Poetry，切换成 Hatch',
        summary: '作者开始在项目中使用 Hatch，喜欢它的环境隔离和命令脚本。（附：Python 任务自动化工具 tox 教程）',
      },
      // The weekly's own tutorial on its own blog: a recommendation, not the newsletter itself.
      {
        url: 'https://pythoncat.top/posts/2020-01-06-tox',
        title: 'Python 任务自动化工具 tox 教程',
        summary: '作者开始在项目中使用 Hatch，喜欢它的环境隔离和命令脚本。（附：Python 任务自动化工具 tox 教程）',
      },
      {
        url: 'https://sethmlarson.dev/visualizing-the-cpython-release-process',
        title: '可视化 CPython 发布过程',
        summary: '文章基于 PEP-101 梳理了 CPython 的发布过程，并绘制了流程图。',
      },
      {
        url: 'https://peps.python.org/pep-0101/',
        title: 'PEP-101',
        summary: '文章基于 PEP-101 梳理了 CPython 的发布过程，并绘制了流程图。',
      },
      // link.zhihu.com/?target=… unwrapped to the article it points to.
      { url: 'https://zhuanlan.zhihu.com/p/654321987', title: 'Python 装饰器的七种写法', summary: '从函数装饰器到类装饰器，一次讲清楚。' },
      {
        url: 'https://github.com/pypa/hatch',
        title: 'hatch：时髦的可扩展的 Python 项目管理库',
        summary: '一个 Python 项目管理工具，有标准化构建系统、环境管理、轻松发布到 PyPI。（star 4.4K）',
      },
      // An image paragraph between title and description is passed over.
      {
        url: 'https://py-code.org/stats',
        title: 'PyPI Data 网站：查看 PyPI 的各项数据',
        summary: '包含 PyPI 的各类统计数据、曲线图和饼图。',
      },
      { url: 'https://github.com/Textualize/textual-web', title: 'textual-web：在浏览器中运行 TUI 和终端', summary: '' },
      {
        url: 'https://www.youtube.com/watch?v=DhoPM7Rz7AM',
        title: 'Python 3.12 的新特性',
        summary: '视频介绍了 f-string 的改进和更好的报错信息。',
      },
      {
        url: 'https://news.ycombinator.com/item?id=37412345',
        title: '为什么 Python 的 GIL 这么难移除？',
        summary: 'Hacker News 上的一场讨论。',
      },
    ],
    skipped: {
      // The intro's "微信 | 博客 | 邮件 | Github | Telegram | Twitter" bar: each anchor gets the first reason that applies.
      image: ['https://img.pythoncat.top/python_cat.jpg'],
      // Its home page and its tag listing are the site's chrome; its own posts are kept (above).
      'own-site': ['https://pythoncat.top/', 'https://pythoncat.top/tags/weekly'],
      navigation: ['https://pythoncat.substack.com/', 'https://github.com/chinesehuazhou/python-weekly'],
      'social-profile': ['https://t.me/pythontrendingweekly', 'https://twitter.com/chinesehuazhou', 'https://t.me/pythontrendingweekly'],
      // 【推广】 in the title, and everything under "🐱赞助&支持".
      sponsor: [
        'https://cloud.example.cn/gpu?from=pythoncat',
        'https://img.pythoncat.top/wechat_code.png',
        'https://www.buymeacoffee.com/pythoncat',
        'https://github.com/chinesehuazhou/python-weekly/issues/new',
      ],
      // Everything under "🐼欢迎订阅".
      'newsletter-chrome': [
        'https://img.pythoncat.top/python_cat.jpg',
        'https://pythoncat.top/',
        'https://pythoncat.top/rss.xml',
        'https://pythoncat.substack.com/',
      ],
    },
  },
];

describe('extractDigestLinks on newsletter fixtures', () => {
  it.each(fixtures)('$fixture: keeps exactly the picks, with titles and summaries', ({ fixture, context, kept }) => {
    expect(extractDigestLinks(context, readFixture(fixture))).toEqual(kept);
  });

  it.each(fixtures)('$fixture: skips every other anchor for the expected reason', ({ fixture, context, skipped }) => {
    expect(skippedByReason(context, readFixture(fixture))).toEqual(skipped);
  });
});

const context: DigestContext = { issueUrl: 'https://weekly.example.org/issues/12', feedUrl: 'https://weekly.example.org/feed.xml' };

interface QuirkCase {
  quirk: string;
  html: string;
  context?: DigestContext;
  kept: Array<Partial<DigestLink>>;
}

const quirks: QuirkCase[] = [
  {
    quirk: 'protocol-relative hrefs take the issue scheme',
    html: '<p><a href="//cdn.other.net/x">Other</a> too</p>',
    kept: [{ url: 'https://cdn.other.net/x' }],
  },
  {
    quirk: '<base href> wins over the issue URL',
    html: '<head><base href="https://mirror.example.net/a/"></head><p><a href="b/c">Deep link</a> here</p>',
    kept: [{ url: 'https://mirror.example.net/a/b/c' }],
  },
  {
    quirk: 'entities decoded, whitespace and zero-width characters collapsed in titles',
    html: '<p><a href="https://a.example/x">  Ben &amp; Jerry&rsquo;s\n\t&nbsp;guide&#8203; </a> to ice&nbsp;cream</p>',
    kept: [{ url: 'https://a.example/x', title: 'Ben & Jerry’s guide', summary: 'to ice cream' }],
  },
  {
    quirk: 'a list item that opens with its link gets the rest of the item as summary',
    html: '<ul><li><a href="https://github.com/a/b">a/b</a> – A tool that does b.</li><li>Read <a href="https://c.example/d">this post</a> first.</li></ul>',
    kept: [
      { url: 'https://github.com/a/b', title: 'a/b', summary: 'A tool that does b.' },
      { url: 'https://c.example/d', title: 'this post', summary: 'Read this post first.' },
    ],
  },
  {
    quirk: 'a list item that is only its link does not borrow the next item as summary',
    html: '<ul><li><a href="https://a.example/1">One</a></li><li><a href="https://a.example/2">Two</a> – second.</li></ul>',
    kept: [
      { url: 'https://a.example/1', summary: '' },
      { url: 'https://a.example/2', summary: 'second.' },
    ],
  },
  {
    quirk: 'a later anchor with real text replaces a first anchor that only showed the domain',
    html: '<p><a href="https://a.example/post">a.example</a></p><p><a href="https://a.example/post">The real title</a> and more</p>',
    kept: [{ url: 'https://a.example/post', title: 'The real title' }],
  },
  {
    quirk: 'a bare SPONSORED line marks only the item after it',
    html:
      '<p>SPONSORED</p><p><a href="https://ad.example/">Buy this</a> now.</p>' +
      '<p><a href="https://content.example/1">Real article</a> after the ad.</p>',
    kept: [{ url: 'https://content.example/1' }],
  },
  {
    quirk: 'a link inside a sponsor-classed container is a sponsor',
    html: '<table class="ad-block"><tr><td><a href="https://ad.example/">Great tool</a> try it</td></tr></table><p><a href="https://b.example/">Kept</a> yes</p>',
    kept: [{ url: 'https://b.example/' }],
  },
  {
    quirk: 'a tweet is kept, the profile is not; a repository is kept, its owner is not',
    html:
      '<p><a href="https://twitter.com/gvanrossum/status/1700000000000000000">Guido on typing</a> thread</p>' +
      '<p>by <a href="https://twitter.com/gvanrossum">@gvanrossum</a> and <a href="https://github.com/python">python</a> in <a href="https://github.com/python/cpython">cpython</a></p>',
    kept: [{ url: 'https://twitter.com/gvanrossum/status/1700000000000000000' }, { url: 'https://github.com/python/cpython' }],
  },
  {
    quirk: 'a link titled with the image file is dropped when it points to an image',
    html: '<p><a href="https://a.example/chart.PNG">See the chart</a> and <a href="https://a.example/chart.html">the page</a></p>',
    kept: [{ url: 'https://a.example/chart.html' }],
  },
  {
    quirk: 'ftp:, tel: and empty anchors are dropped',
    html: '<p><a href="ftp://a.example/f">FTP</a> <a href="tel:+123">Call</a> <a href="https://a.example/x"> </a> <a>No href</a> <a href="https://a.example/y">Web</a> ok</p>',
    kept: [{ url: 'https://a.example/y' }],
  },
  {
    quirk: 'an issue on WeChat still keeps other WeChat articles',
    html: '<p>1、<a href="https://mp.weixin.qq.com/s/AbCdEf">另一篇公众号文章</a></p><p>介绍。</p>',
    context: { issueUrl: 'https://mp.weixin.qq.com/s/XyZ123', feedUrl: 'https://rsshub.app/wechat/mp/weekly' },
    kept: [{ url: 'https://mp.weixin.qq.com/s/AbCdEf', title: '另一篇公众号文章', summary: '介绍。' }],
  },
  {
    quirk: 'an issue on GitHub drops only its own repository pages',
    html: '<p><a href="https://github.com/someone/weekly/blob/main/docs/12.md">Last issue</a> and <a href="https://github.com/other/tool">other/tool</a> too</p>',
    context: {
      issueUrl: 'https://github.com/someone/weekly/blob/main/docs/13.md',
      feedUrl: 'https://github.com/someone/weekly/commits.atom',
    },
    kept: [{ url: 'https://github.com/other/tool' }],
  },
  {
    quirk: 'content the same words as chrome is kept when the title is long',
    html: '<p><a href="https://redis.io/docs/interact/pubsub/">Subscribe and publish with Redis Streams from asyncio: a long walk through it</a></p>',
    kept: [{ url: 'https://redis.io/docs/interact/pubsub/' }],
  },
];

describe('extractDigestLinks quirks', () => {
  it.each(quirks)('$quirk', ({ html, context: quirkContext, kept }) => {
    const links = extractDigestLinks(quirkContext ?? context, html);
    expect(links).toHaveLength(kept.length);
    kept.forEach((expected, index) => {
      expect(links[index]).toMatchObject(expected);
    });
  });

  it('resolves relative hrefs against the issue URL: an own post is kept, another issue is the newsletter itself', () => {
    const html = '<p><a href="../../blog/post-1">Post one</a> about things, and <a href="../issues/11">last week</a> too</p>';
    expect(extractDigestLinksDetailed(context, html)).toEqual({
      links: [{ url: 'https://weekly.example.org/blog/post-1', title: 'Post one', summary: 'about things, and last week too' }],
      skipped: [{ href: 'https://weekly.example.org/issues/11', text: 'last week', reason: 'own-site' }],
    });
  });

  it('cuts a long summary to 500 characters at a sentence end', () => {
    const sentence = 'This sentence is exactly fifty characters long ok. ';
    const html = `<h3><a href="https://a.example/long">Long</a></h3><p>${sentence.repeat(20)}</p>`;
    const [link] = extractDigestLinks(context, html);
    expect(Array.from(link.summary).length).toBeLessThanOrEqual(500);
    expect(link.summary.endsWith('long ok.')).toBe(true);
  });

  it('returns nothing for an issue without links', () => {
    expect(extractDigestLinksDetailed(context, '<p>No links this week.</p>')).toEqual({ links: [], skipped: [] });
  });
});
