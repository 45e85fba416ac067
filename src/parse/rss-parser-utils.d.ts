/** rss-parser's helpers module, which it ships without types: what create-rss-parser.ts uses of it. */
declare module 'rss-parser/lib/utils.js' {
  const utils: {
    /** An item's `<description>` or Atom `<content>` as rss-parser reads it: the text, or the element's markup rebuilt. */
    getContent(node: unknown): string;
  };
  export default utils;
}
