import { describe, expect, it } from 'vitest';
import { normalizeDigestLink } from './normalize-digest-link.ts';

const CONTEXT = { now: new Date('2024-01-01T00:00:00Z') };

describe('normalizeDigestLink', () => {
  it('turns a newsletter link into an item keyed by its canonical URL', () => {
    const item = normalizeDigestLink(CONTEXT, {
      url: 'https://github.com/Textualize/rich?utm_source=pycoders',
      title: ' rich：在终端中提供富文本和美观的样式 ',
      summary: 'Rich 是一个 Python 库，\n  可以在终端中输出富文本。',
    });
    expect(item).toEqual({
      url: 'https://github.com/Textualize/rich?utm_source=pycoders',
      canonicalUrl: 'https://github.com/textualize/rich',
      title: 'rich：在终端中提供富文本和美观的样式',
      summary: 'Rich 是一个 Python 库， 可以在终端中输出富文本。',
      lang: 'zh',
      publishedAt: null,
      imageUrl: null,
      mediaKind: null,
      guid: null,
      points: null,
      comments: null,
      contentHtml: null,
    });
  });

  it.each([
    ['YouTube talk', 'https://www.youtube.com/watch?v=wf-BqAjZb8M', 'video'],
    ['Bilibili video', 'https://www.bilibili.com/video/BV1v64y1J7hS', 'video'],
    ['podcast file', 'https://cdn.example.com/episode-12.mp3', 'audio'],
    ['article', 'https://talkpython.fm/episodes/show/425/memray', null],
  ] as const)('media kind from the URL: %s', (_quirk, url, mediaKind) => {
    expect(normalizeDigestLink(CONTEXT, { url, title: 'x', summary: '' })?.mediaKind).toBe(mediaKind);
  });

  it.each([
    ['a count the newsletter printed', 642, 642],
    ['no count', undefined, null],
    ['a count that is not a whole number', 1.5, null],
  ] as const)('comments: %s', (_quirk, comments, expected) => {
    expect(normalizeDigestLink(CONTEXT, { url: 'https://example.com/a', title: 'x', summary: '', comments })?.comments).toBe(expected);
  });

  it('keeps angle brackets in plain anchor text', () => {
    expect(normalizeDigestLink(CONTEXT, { url: 'https://example.com/a', title: 'Why List<int> & friends', summary: '' })?.title).toBe(
      'Why List<int> & friends',
    );
  });

  it('falls back to the summary, then the URL, for an empty anchor', () => {
    expect(normalizeDigestLink(CONTEXT, { url: 'https://example.com/a', title: ' ', summary: 'A library for parsing dates.' })?.title).toBe(
      'A library for parsing dates.',
    );
    expect(normalizeDigestLink(CONTEXT, { url: 'https://example.com/a', title: '', summary: '' })?.title).toBe('https://example.com/a');
  });

  it.each([
    ['relative', '/post/1'],
    ['mailto', 'mailto:editor@example.com'],
    ['javascript', 'javascript:void(0)'],
  ])('rejects a %s link', (_quirk, url) => {
    expect(normalizeDigestLink(CONTEXT, { url, title: 'x', summary: '' })).toBeNull();
  });

  it('cuts a long description to 500 characters', () => {
    const item = normalizeDigestLink(CONTEXT, { url: 'https://example.com/a', title: 'x', summary: '这是一个很长的描述。'.repeat(80) });
    expect(item?.summary.length).toBeLessThanOrEqual(500);
    expect(item?.summary.endsWith('。…')).toBe(true);
  });
});
