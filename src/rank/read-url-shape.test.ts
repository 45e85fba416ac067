import { describe, expect, it } from 'vitest';
import { readUrlShape } from './read-url-shape.ts';

/** What readUrlShape reads of a URL, as the WHATWG URL parser takes it apart. */
function readByParser(raw: string) {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  const segments = url.pathname
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeLeniently(segment).toLowerCase());
  return { rawHost: url.hostname.toLowerCase(), path: url.pathname, segments, search: [...url.searchParams] };
}

function decodeLeniently(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a stray % stays as written
  }
}

describe('readUrlShape', () => {
  // plain links take a shortcut past the URL parser: each must come out as the parser reads it
  it.each([
    'https://github.com/astral-sh/uv',
    'https://www.youtube.com/watch?v=abc&t=1+2%20x',
    'https://Example.COM/Path/To/Page.HTML',
    'http://example.com',
    'https://example.com?x=1',
    'https://example.com#top',
    'https://example.com/a//b/?',
    'https://example.com//',
    'https://example.com/A%2Fb/%zz/C',
    'https://example.com/%E4%BD%A0%E5%A5%BD/x',
    'https://example.com/a/./b/../c',
    'https://example.com/a/%2e%2E/c',
    'https://example.com/.well-known/x',
    'https://example.com/a/..',
    'https://192.168.0.1/admin',
    'https://0x7f.1/',
    'https://1.2.3/',
    'https://example.123/',
    'https://xn--fsqu00a.xn--0zwm56d/',
    'https://xn--a.com/',
    'https://user:pass@example.com/private',
    'https://example.com:8443/x',
    'https://example.com:99999/x',
    'https://example.com./x',
    'https://a..b.com/',
    'https://-a-.example.com/',
    `https://${'a'.repeat(70)}.com/`,
    'https://under_score.example.com/',
    'https://example.com/a b',
    'https://example.com/a\tb',
    'https://example.com/a\\b',
    'https://example.com/a"b<c>`{d}',
    "https://example.com/it's?q='x'",
    'https://example.com/??a=b',
    'https://example.com/p?a=%zz&b',
    'https://例子.com/路径?q=值',
    'HTTPS://EXAMPLE.COM/X',
    ' https://example.com/ ',
    'https:/example.com/x',
    'https:///example.com/x',
    'ftp://example.com/file',
    'mailto:someone@example.com',
    'not a url',
    '',
  ])('%j reads as the URL parser reads it', (raw) => {
    const shape = readUrlShape(raw);
    const expected = readByParser(raw);
    expect(shape && { rawHost: shape.rawHost, path: shape.path, segments: shape.segments, search: [...shape.search] }).toEqual(expected);
  });

  it('takes the host apart', () => {
    expect(readUrlShape('https://www.Example.com/Docs/%E6%96%87/index.html')).toMatchObject({
      host: 'example.com',
      rawHost: 'www.example.com',
      segments: ['docs', '文', 'index.html'],
      isHome: false,
    });
    expect(readUrlShape('https://m.example.com/index.php')).toMatchObject({ host: 'example.com', isHome: true });
  });
});
