import iconv from 'iconv-lite';

/**
 * The text of an OPML file from its bytes: a byte order mark wins, then the XML declaration's
 * `encoding` (GBK and Big5 exports exist), else UTF-8. An encoding iconv-lite does not know is
 * read as UTF-8 rather than failing: the tags are ASCII either way, only titles could garble.
 */
export function decodeOpmlBytes(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes);
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf16be');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(buffer.subarray(0, 256).toString('latin1'))?.[1];
  if (declared && !/^utf-?8$/i.test(declared) && iconv.encodingExists(declared)) return iconv.decode(buffer, declared);
  return buffer.toString('utf8');
}
