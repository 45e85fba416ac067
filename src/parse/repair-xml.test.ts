import { describe, expect, it } from 'vitest';
import { repairXml } from './repair-xml.ts';

describe('repairXml', () => {
  it.each([
    ['bare ampersand in text', '<t>Q&A</t>', '<t>Q&amp;A</t>'],
    ['bare ampersands in a query string', '<link>http://x/?a=1&b=2&c</link>', '<link>http://x/?a=1&amp;b=2&amp;c</link>'],
    ['ampersand in an attribute', '<a href="?a=1&b=2"/>', '<a href="?a=1&amp;b=2"/>'],
    ['HTML entity becomes its character', '<t>a&nbsp;b&eacute;&mdash;</t>', '<t>a\u00a0bé—</t>'],
    ['HTML entity for a markup character stays escaped', '<t>&AMP;&LT;</t>', '<t>&amp;&lt;</t>'],
    ['unknown entity is shown as written', '<t>&bogus;</t>', '<t>&amp;bogus;</t>'],
    ['XML entities and valid references are kept', '<t>&amp;&lt;&#233;&#x4E2D;</t>', '<t>&amp;&lt;&#233;&#x4E2D;</t>'],
    ['reference to a forbidden character is dropped', '<t>a&#0;b&#x1B;c</t>', '<t>abc</t>'],
    ['raw control characters are dropped', '<t>a\u0001b\u000Bc</t>', '<t>abc</t>'],
    ['stray < in text', '<t>if a < b</t>', '<t>if a &lt; b</t>'],
    ['CDATA is left alone', '<t><![CDATA[&nbsp; & <b>]]></t>', '<t><![CDATA[&nbsp; & <b>]]></t>'],
    ['comments are left alone', '<t><!-- & --></t>', '<t><!-- & --></t>'],
    ['misspelt close tag of a text-only element', '<c><lang>en</langauge><i>x</i></c>', '<c><lang>en</lang><i>x</i></c>'],
    ['stray close tag after child elements is dropped', '<e><l href="x"/></content></e>', '<e><l href="x"/></e>'],
    ['outer close tag closes inner elements left open', '<a><b><c>x</a>', '<a><b><c>x</c></b></a>'],
    ['truncated document is closed', '<rss><channel><title>t</title></channel>\n</rss', '<rss><channel><title>t</title></channel>\n</rss>'],
    ['attribute containing >', '<a title="x > y">z</a>', '<a title="x > y">z</a>'],
  ])('%s', (_name, input, expected) => {
    expect(repairXml(input)).toBe(expected);
  });

  it('returns a well-formed document unchanged', () => {
    const document = '<?xml version="1.0"?>\n<!DOCTYPE rss>\n<rss version="2.0"><channel><title>A &amp; B</title><item/></channel></rss>';
    expect(repairXml(document)).toBe(document);
  });
});
