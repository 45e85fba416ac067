import { describe, expect, it } from 'vitest';
import { parseMaxAge } from './parse-max-age.ts';

describe('parseMaxAge', () => {
  it.each([
    ['max-age alone', 'max-age=600', 600],
    ['among other directives', 'public, max-age=3600, must-revalidate', 3600],
    ['upper case, spaces around =', 'Public, MAX-AGE = 60', 60],
    ['quoted value', 'max-age="300"', 300],
    ['zero', 'no-cache, max-age=0', 0],
    ['first of two wins', 'max-age=10, max-age=20', 10],
    ['s-maxage is not max-age', 's-maxage=900, max-age=30', 30],
  ])('%s: %j', (_name, header, expected) => {
    expect(parseMaxAge(header)).toBe(expected);
  });

  it.each([
    ['absent', null],
    ['no max-age', 'no-store'],
    ['only s-maxage', 's-maxage=900'],
    ['negative', 'max-age=-1'],
    ['not a number', 'max-age=soon'],
    ['no value', 'max-age'],
  ])('%s → undefined', (_name, header) => {
    expect(parseMaxAge(header)).toBeUndefined();
  });
});
