import { describe, expect, it } from 'vitest';
import { isHttpUrl, parseHttpUrl } from './parse-http-url.ts';

describe('isHttpUrl', () => {
  it.each([
    ['https://example.com/a', true],
    ['http://example.com', true],
    ['HTTP://EXAMPLE.COM', true],
    ['  https://example.com/padded  ', true],
    ['ftp://example.com', false],
    ['/relative', false],
    ['urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a', false],
    ['javascript:alert(1)', false],
    ['http://', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isHttpUrl(url)).toBe(expected);
  });

  it('takes a missing value as no link', () => {
    expect(isHttpUrl(null)).toBe(false);
    expect(isHttpUrl(undefined)).toBe(false);
  });
});

describe('parseHttpUrl', () => {
  it('returns the URL as the WHATWG parser serializes it', () => {
    expect(parseHttpUrl(' HTTPS://Example.COM/a b ')?.href).toBe('https://example.com/a%20b');
  });
});
