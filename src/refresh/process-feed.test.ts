import { describe, expect, it } from 'vitest';
import { processFeed, type FeedDocument } from './process-feed.ts';

const NOW = new Date('2026-11-25T02:00:00Z');

/** A digest feed carrying `issues`, newest first, each with a standing "join us" block and a discussion count. */
function digestFeed(issues: Array<{ number: number; pick: string }>): FeedDocument {
  const items = issues
    .map(
      ({ number, pick }) => `<item><title>Issue #${number}</title><link>https://digest.example/issues/${number}</link>
<pubDate>${new Date(Date.UTC(2026, 10, 20 - (20 - number) * 7)).toUTCString()}</pubDate>
<description><![CDATA[<h2>Articles</h2>
<ul><li><a href="https://${pick}.example/post">The ${pick} post</a><ul><li><a href="https://recap.example.net/q/https://${pick}.example/post">${number * 10} comments in 2 discussions</a></li></ul></li></ul>
<p><a href="https://chat.example.org/invite?utm_medium=email">Join our community chat</a> to talk about the issue.</p>]]></description></item>`,
    )
    .join('\n');
  const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Digest</title><link>https://digest.example/</link>${items}</channel></rss>`;
  return {
    bytes: new TextEncoder().encode(rss),
    contentType: 'application/rss+xml; charset=utf-8',
    feedUrl: 'https://digest.example/feed',
    finalUrl: 'https://digest.example/feed',
    isDigest: true,
    now: NOW,
  };
}

describe('processFeed on a digest', () => {
  it('drops a link that recurs in most issues of the document from all of them, and says so', async () => {
    const processed = await processFeed(
      digestFeed([
        { number: 20, pick: 'a' },
        { number: 19, pick: 'b' },
        { number: 18, pick: 'c' },
      ]),
    );
    expect(processed.items.map((item) => [item.canonicalUrl, item.digestIssueUrl])).toEqual([
      ['https://a.example/post', 'https://digest.example/issues/20'],
      ['https://b.example/post', 'https://digest.example/issues/19'],
      ['https://c.example/post', 'https://digest.example/issues/18'],
    ]);
    expect(processed.skippedLinks.filter((link) => link.reason === 'recurring')).toEqual(
      [20, 19, 18].map((number) => ({
        href: 'https://chat.example.org/invite?utm_medium=email',
        text: 'Join our community chat',
        reason: 'recurring',
        issueUrl: `https://digest.example/issues/${number}`,
      })),
    );
  });

  it("keeps everything of a newsletter's first issue", async () => {
    const processed = await processFeed(digestFeed([{ number: 1, pick: 'a' }]));
    expect(processed.items.map((item) => item.canonicalUrl)).toEqual(['https://a.example/post', 'https://chat.example.org/invite']);
  });

  it("passes a link's discussion count through to the item's comments", async () => {
    const processed = await processFeed(
      digestFeed([
        { number: 20, pick: 'a' },
        { number: 19, pick: 'b' },
      ]),
    );
    expect(processed.items.map((item) => [item.canonicalUrl, item.comments])).toEqual([
      ['https://a.example/post', 200],
      ['https://chat.example.org/invite', null],
      ['https://b.example/post', 190],
      ['https://chat.example.org/invite', null],
    ]);
    expect(processed.skippedLinks.filter((link) => link.reason === 'engagement')).toHaveLength(2);
  });

  it('reports no skipped links for a feed that is not a digest', async () => {
    const processed = await processFeed({ ...digestFeed([{ number: 1, pick: 'a' }]), isDigest: false });
    expect(processed.items.map((item) => item.url)).toEqual(['https://digest.example/issues/1']);
    expect(processed.skippedLinks).toEqual([]);
  });
});

describe('processFeed on a blog', () => {
  it('keeps the text of a full article but sends none of its HTML back (nothing stores it)', async () => {
    const article = `<p>${'A long paragraph of the article. '.repeat(200)}</p><p><img src="https://blog.example/figure.png"></p>`;
    const rss = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Blog</title><link>https://blog.example/</link>
<item><title>Post</title><link>https://blog.example/post</link><content:encoded><![CDATA[${article}]]></content:encoded></item></channel></rss>`;
    const processed = await processFeed({
      bytes: new TextEncoder().encode(rss),
      contentType: 'application/rss+xml',
      feedUrl: 'https://blog.example/feed',
      finalUrl: 'https://blog.example/feed',
      isDigest: false,
      now: NOW,
    });
    expect(processed.items).toHaveLength(1);
    expect(processed.items[0]).toMatchObject({
      summary: expect.stringMatching(/^A long paragraph/),
      imageUrl: 'https://blog.example/figure.png',
    });
    expect(processed.items[0]?.contentHtml).toBeNull();
  });
});
