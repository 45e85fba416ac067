import { describe, expect, it } from 'vitest';
import { toSafeHref } from './safe-url.ts';

describe('toSafeHref', () => {
  it.each([
    ['https', 'https://example.com/a?b=1#c', 'https://example.com/a?b=1#c'],
    ['http, upper-case scheme', 'HTTP://Example.com/x', 'http://example.com/x'],
    ['spaces around', '  https://example.com/  ', 'https://example.com/'],
    ['quotes are percent-encoded', 'https://example.com/"><script>', 'https://example.com/%22%3E%3Cscript%3E'],
  ])('keeps %s', (_quirk, url, expected) => {
    expect(toSafeHref(url)).toBe(expected);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: with leading space and mixed case', ' JaVaScRiPt:alert(1)'],
    ['javascript: hidden by a tab', 'java\tscript:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['protocol-relative', '//evil.example/x'],
    ['relative', '/local/path'],
    ['empty', ''],
    ['null', null],
    ['not a URL', 'https://'],
  ])('refuses %s', (_quirk, url) => {
    expect(toSafeHref(url)).toBeNull();
  });
});
