import { describe, expect, it } from 'vitest';
import { stripTrackingParams } from './strip-tracking-params.ts';

describe('stripTrackingParams', () => {
  it('drops tracking parameters and keeps everything else as written', () => {
    expect(stripTrackingParams('https://blog.example/post?utm_source=feed')).toBe('https://blog.example/post');
    expect(stripTrackingParams('https://www.Example.com/a/?utm_source=feed&page=2&utm_medium=rss#top')).toBe(
      'https://www.Example.com/a/?page=2#top',
    );
    expect(stripTrackingParams('https://news.example/x?ref=pycoders&id=7')).toBe('https://news.example/x?id=7');
  });

  it('leaves a URL without tracking parameters, and what they mean elsewhere, alone', () => {
    expect(stripTrackingParams('https://mostlypython.substack.com/p/reading-code?nthPub=581')).toBe(
      'https://mostlypython.substack.com/p/reading-code?nthPub=581',
    );
    expect(stripTrackingParams('https://github.com/o/r/blob/x?ref=main')).toBe('https://github.com/o/r/blob/x?ref=main');
    expect(stripTrackingParams('https://www.youtube.com/watch?v=Tml94je2edk')).toBe('https://www.youtube.com/watch?v=Tml94je2edk');
    expect(stripTrackingParams('not a url?utm_source=x')).toBe('not a url?utm_source=x');
  });
});
