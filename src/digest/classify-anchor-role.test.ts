import { describe, expect, it } from 'vitest';
import { classifyAnchorRole, type AnchorRole } from './classify-anchor-role.ts';

/** [quirk, anchor text, text of its paragraph, href, role] */
const cases: Array<[string, string, string, string | null, AnchorRole | null]> = [
  // credits
  ['@name credit after an item', '@silaoA', '本文介绍…（@silaoA 投稿）', 'https://github.com/someone/weekly/issues/3714', 'credit'],
  ['@name with a space', '@Wu Zheng', '该项目可以…来自 @Wu Zheng 的分享', 'https://monthly.example.org/user/zwC03jng8k', 'credit'],
  [
    '@name 投稿 inside the anchor',
    '@zobor 投稿',
    '一款抓包代理工具。（@zobor 投稿）',
    'https://github.com/someone/weekly/issues/3728',
    'credit',
  ],
  ['@name thanked, linking a blog', '@lin', '感谢 @lin 的投稿。', 'https://lin.example.com/posts/1', 'credit'],
  [
    'an article about a decorator is no credit',
    '@dataclass 详解',
    '1、@dataclass 详解（英文）',
    'https://blog.example.com/dataclass',
    null,
  ],
  ['a picture credit', 'via', '甘肃的马蹄寺。（via）', 'https://baike.example.com/item/1', 'credit'],
  ['a thank-you linking the thread', 'carol', '终端图表。感谢 carol 的投稿。', 'https://github.com/carol/termchart/issues/3', 'credit'],
  [
    'a thread linked near a thank-you for someone else is no credit',
    '介绍文章',
    '小朋友跟 AI 玩成语接龙，参见介绍文章。（@zamia 投稿）',
    'https://github.com/someone/blog/issues/72',
    null,
  ],
  [
    'an issue thread without thanks is no credit',
    'bug #12',
    'The fix landed, see bug #12.',
    'https://github.com/pallets/flask/issues/12',
    null,
  ],
  // job threads
  [
    'job thread in book-title marks',
    '《谁在招人》',
    '另有《谁在招人》服务，发布程序员招聘信息。',
    'https://github.com/someone/weekly/issues/3684',
    'jobs',
  ],
  ['English job thread', 'Ask HN: Who is hiring? (December 2023)', '', 'https://news.ycombinator.com/item?id=38490811', 'jobs'],
  ['an article about hiring is content', 'What we learned from hiring 50 engineers in a year', '', 'https://a.example/hiring', null],
  // ad copy
  ['sign-up call on its own', '这里报名', '', 'https://event.example/e/1', 'call-to-action'],
  ['"learn the details" call', '了解详情', '', 'https://event.example/e/1', 'call-to-action'],
  [
    '"click here" in a paragraph selling tickets',
    '点击这里',
    '报名链接点击这里，或者扫描上方二维码。',
    'https://event.example/e/1',
    'call-to-action',
  ],
  [
    '"this link" with a QR code and free sign-up',
    '这个链接',
    '点击这个链接，或扫描上方二维码，了解活动详情并免费报名。',
    'https://event.example/e/1',
    'call-to-action',
  ],
  ['"click here" in an ordinary paragraph is content', '这里', '更多细节可以看这里。', 'https://a.example/part-2', null],
  [
    '"learn more" with a discount is an ad',
    'Learn more',
    'Use code PY20 for a 20% off discount.',
    'https://course.example/',
    'call-to-action',
  ],
  ['an ordinary title', 'Rust 异步入门', '1、Rust 异步入门（英文）', 'https://blog.example.com/rust-async', null],
  // sponsor reads
  [
    'the link a sponsor read names',
    'bytes.example.fm/acme',
    'Sponsored by Acme Monitoring: bytes.example.fm/acme',
    'https://bytes.example.fm/acme',
    'sponsor-read',
  ],
  [
    'brought to you by, the name linked',
    'Acme',
    'This episode is brought to you by Acme, thanks for supporting us.',
    'https://acme.example.com/',
    'sponsor-read',
  ],
  ["thanks to this week's sponsor", 'Deploy Co', "Thanks to this week's sponsor Deploy Co.", 'https://deploy.example.com/', 'sponsor-read'],
  [
    'a talk presented by someone is no sponsor',
    'slides',
    'A talk presented by Jane at PyCon: slides and video.',
    'https://talks.example.org/jane',
    null,
  ],
  [
    'sponsored by, a sentence earlier, is no read of this link',
    'the docs',
    'Sponsored by Acme. Read the docs for more.',
    'https://docs.example.org/',
    null,
  ],
  [
    'sponsored by, inside a sentence about funding, is no read',
    'a year in review',
    'The Security Developer-in-Residence role, sponsored by Alpha-Omega: a year in review',
    'https://blog.example.org/year',
    null,
  ],
  [
    "brought to you by, about a release's authors, is no read",
    "What's New in Python 3.13",
    "Python 3.13 features brought to you by the core team: What's New in Python 3.13",
    'https://docs.example.org/whatsnew',
    null,
  ],
  [
    'thanks to our sponsors, then another link, is no read',
    'What Is the Python GIL?',
    'Thanks to our sponsors, and read What Is the Python GIL? this week.',
    'https://realpython.example.com/gil',
    null,
  ],
  ['a sponsor whose name has a dot', 'acme.io/python', 'Sponsored by Acme.io: acme.io/python', 'https://acme.io/python', 'sponsor-read'],
  [
    'a sponsor read after an earlier sentence',
    'Scout APM',
    'Welcome back. Sponsored by Scout APM',
    'https://bytes.example.fm/scout',
    'sponsor-read',
  ],
];

describe('classifyAnchorRole', () => {
  it.each(cases)('%s', (_quirk, text, outsideText, href, role) => {
    expect(classifyAnchorRole(text, outsideText, href === null ? null : new URL(href))).toBe(role);
  });
});
