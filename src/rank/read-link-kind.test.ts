import { describe, expect, it } from 'vitest';
import { readLinkKind } from './read-link-kind.ts';

describe('readLinkKind', () => {
  it.each([
    ['https://github.com/astral-sh/uv', 'repository'],
    ['https://gitee.com/owner/project', 'repository'],
    ['https://github.com/astral-sh/uv/releases/tag/0.5.0', 'release'],
    ['https://github.com/python/cpython/issues/1234', 'discussion'],
    ['https://github.com/owner/blog/issues/12', 'post'],
    ['https://github.com/owner/repo/blob/main/docs/guide.md', 'post'],
    ['https://pypi.org/project/httpx/', 'package'],
    ['https://huggingface.co/datasets/owner/set', 'model'],
    ['https://www.youtube.com/watch?v=abc', 'video'],
    ['https://www.bilibili.com/video/BV1xx', 'video'],
    ['https://podcasts.apple.com/us/podcast/x/id1', 'podcast'],
    ['https://pythonbytes.fm/episodes/show/360', 'podcast'],
    ['https://www.reddit.com/r/Python/comments/abc/title/', 'discussion'],
    ['https://discuss.python.org/t/pep-9999/123', 'discussion'],
    ['https://httpx.readthedocs.io/', 'docs'],
    ['https://docs.pydantic.dev/latest/concepts/models/', 'docs'],
    ['https://example.com/', 'home'],
    ['https://example.com/2023/11/a-post.html', 'post'],
  ])('%s is a %s', (url, kind) => {
    expect(readLinkKind(url)).toBe(kind);
  });

  it('says nothing of something that is not a URL', () => {
    expect(readLinkKind('not a url')).toBeNull();
  });
});
