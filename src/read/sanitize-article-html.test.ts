import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from './sanitize-article-html.ts';

describe('sanitizeArticleHtml', () => {
  it('keeps reading markup and drops everything that runs, submits, frames or restyles', () => {
    const dirty = `<h1 id="x" class="c" style="color:red">Title</h1><p onclick="alert(1)">Text <b>bold</b>
<a href="javascript:alert(1)">js</a> <a href="JaVaScRiPt:alert(1)">js2</a> <a href="data:text/html,x">data</a> <a href="//evil.test/x">proto-relative</a> <a href="/relative">relative</a>
<a href="https://ok.test/a" onmouseover="alert(1)" target="_self" rel="opener">ok</a></p>
<img src="javascript:alert(1)" onerror="alert(1)"><img src="https://img.test/a.png" srcset="https://evil.test/b.png 2x" alt="A" onerror="alert(1)">
<script>alert(1)</script><style>p{}</style><iframe src="https://evil.test"></iframe><form action="https://evil.test"><input name=p><button>go</button></form>
<svg onload="alert(1)"><a href="https://evil.test">svg</a></svg><math><mi>x</mi></math><object data="x"></object><template><p>t</p></template>`;
    const clean = sanitizeArticleHtml(dirty);
    expect(clean).toContain('<h2>Title</h2>');
    expect(clean).toContain('<p>Text <b>bold</b>');
    expect(clean).toContain('<a href="https://ok.test/a" rel="noopener noreferrer nofollow" target="_blank">ok</a>');
    expect(clean).toContain('<img alt="A" src="https://img.test/a.png" loading="lazy" referrerpolicy="no-referrer" />');
    expect(clean).toContain('<a>js</a>');
    expect(clean).toContain('<a>relative</a>');
    expect(clean).not.toMatch(
      /javascript:|data:|evil\.test|srcset|\son\w+=|\s(id|class|style)=|<(script|style|iframe|form|input|button|svg|math|object|template)/i,
    );
    expect(clean).not.toContain('alert');
  });
});
