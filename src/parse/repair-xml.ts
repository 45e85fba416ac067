import { decodeHTML } from 'entities';

/**
 * Fixes the well-formedness errors real feeds commonly have and a browser would shrug off, so the
 * strict XML parser can read them. Applied only after a strict parse failed.
 *
 * Characters and references:
 * - a bare `&` (`Q&A`, `?a=1&b=2`) becomes `&amp;`;
 * - HTML named entities XML does not define (`&nbsp;`, `&eacute;`, `&mdash;`) become the character
 *   (ones that stand for markup characters, like `&AMP;`, stay escaped); unknown names are escaped
 *   so they show as written;
 * - numeric references to characters XML forbids (`&#0;`, `&#x1B;`) and raw control characters are
 *   dropped;
 * - a `<` that starts no tag (`if a < b`) becomes `&lt;`.
 * Tags:
 * - a close tag that matches no open element ends the current element if that holds only text
 *   (`<language>en</langauge>`, a misspelling), and is dropped otherwise;
 * - a close tag for an outer element closes the inner ones left open;
 * - a truncated document (`…</channel>\n</rss`) gets its open elements closed.
 * CDATA sections, comments, processing instructions and the DOCTYPE are copied unchanged: `&nbsp;`
 * inside CDATA is already just text.
 */
export function repairXml(text: string): string {
  const open: { name: string; hasChildren: boolean }[] = [];
  let output = '';
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    output += repairText(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [token, slash, name, attributes] = match;
    if (name === undefined) {
      output += token; // CDATA, comment, PI or DOCTYPE
    } else if (slash === '/') {
      let depth = open.map((element) => element.name).lastIndexOf(name);
      // A close tag matching nothing ends a text-only element (a misspelling of its name), else it is dropped.
      if (depth === -1 && open.length > 0 && !open[open.length - 1].hasChildren) depth = open.length - 1;
      while (depth !== -1 && open.length > depth) output += `</${open.pop()!.name}>`;
    } else {
      output += `<${name}${repairText(attributes)}>`;
      if (open.length > 0) open[open.length - 1].hasChildren = true;
      if (!attributes.trimEnd().endsWith('/')) open.push({ name, hasChildren: false });
    }
  }
  // A tag cut off by truncation (`</rss` at the very end) is dropped; the loop below closes it properly.
  output += repairText(text.slice(last).replace(/<[^>]*$/, ''));
  while (open.length > 0) output += `</${open.pop()!.name}>`;
  return output;
}

const TOKEN =
  /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>|<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;

const XML_ENTITIES = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const MARKUP_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Repairs characters and references in text or in a tag's attributes. */
function repairText(markup: string): string {
  return markup
    .replace(/[\x00-\x08\x0B\x0C\x0E-\x1F]/g, '')
    .replace(/</g, '&lt;') // every real tag was matched as a token: this `<` is text
    .replace(/&(?:(#[0-9]+|#x[0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*))?(;?)/g, (match, numeric?: string, name?: string, semicolon?: string) => {
      if (semicolon !== ';' || (numeric === undefined && name === undefined)) return `&amp;${match.slice(1)}`;
      if (numeric !== undefined) {
        const code = numeric[1] === 'x' ? parseInt(numeric.slice(2), 16) : parseInt(numeric.slice(1), 10);
        return isXmlCharacter(code) ? match : '';
      }
      if (XML_ENTITIES.has(name!)) return match;
      const decoded = decodeHTML(match);
      if (decoded === match) return `&amp;${name};`;
      return MARKUP_ESCAPES[decoded] ?? decoded;
    });
}

function isXmlCharacter(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}
