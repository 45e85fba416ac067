import { isAscii, isUtf8 } from 'node:buffer';
import { detect as detectCharset } from 'chardet';
import iconv from 'iconv-lite';
import { ParseError } from '../shared/errors.ts';

export interface DecodedBody {
  /** The body as a string: BOM removed, XML prolog's `encoding` rewritten to utf-8. */
  text: string;
  /** Canonical name of the charset actually used (`utf-8`, `gbk`, `big5`, `utf-16le`, `windows-1252`…). */
  charset: string;
}

/**
 * Turns a response body into text, choosing the charset the way a careful reader would.
 *
 * Order of trust (first that applies wins):
 * 1. A byte-order mark: it cannot appear by accident, so it beats any label.
 * 2. UTF-16/UTF-32 without BOM, recognised from the NUL pattern of the first characters (XML spec,
 *    appendix F). An 8-bit label on such bytes is always wrong; a UTF-16/32 label on 8-bit bytes is
 *    ignored for the same reason.
 * 3. Bytes that are valid UTF-8 and contain non-ASCII: UTF-8, whatever the labels say. Text in
 *    latin-1, GBK, Big5, Shift_JIS… practically never forms valid multi-byte UTF-8, while servers and
 *    feeds that label UTF-8 as ISO-8859-1 are common. Bytes that are UTF-8 but for a few broken
 *    sequences (at least 20 valid non-ASCII characters per broken one) are UTF-8 too, the broken
 *    ones replaced by U+FFFD: one bad byte must not garble a whole Chinese feed.
 * 4. The declared charsets, the Content-Type header before the document's own (XML prolog, also in
 *    UTF-16 form, or HTML `<meta charset>`): the first whose decoding needs no replacement character.
 *    So a header saying utf-8 over GBK bytes whose prolog says gbk ends up as gbk ("trust what makes
 *    the bytes decode").
 * 5. Detection (chardet), then windows-1252, which decodes anything.
 * If every candidate needs replacement characters, the one needing fewest wins (ties: earlier).
 *
 * Label handling follows the WHATWG Encoding Standard where it matters: `gb2312`/`gbk` decode with the
 * GB18030 superset, `iso-8859-1`/`us-ascii` as windows-1252. Unknown or bogus labels are skipped,
 * never thrown on. Throws ParseError('DECODE') only if no decoder produced text at all.
 *
 * @example decodeBody(bytes, 'text/xml; charset=gbk') // { text: '<?xml version="1.0" encoding="utf-8"?>…', charset: 'gbk' }
 */
export function decodeBody(bytes: Uint8Array, contentType?: string | null): DecodedBody {
  const bom = findByteOrderMark(bytes);
  if (bom) return finish(decodeAs(bom.charset, bytes.subarray(bom.length)), bom.charset);

  const wide = sniffWideCharset(bytes);
  if (wide) return finish(decodeAs(wide, bytes), wide);

  const hasHighBytes = !isAscii(bytes);
  if (hasHighBytes && isUtf8(bytes)) return finish(decodeAs('utf-8', bytes), 'utf-8');
  if (hasHighBytes) {
    // UTF-8 but for a stray broken sequence (a truncated character in one title): decoding the whole
    // document as windows-1252 would garble every other character, so keep UTF-8 and replace the few
    const utf8 = decodeAs('utf-8', bytes);
    if (isMostlyUtf8(utf8)) return finish(utf8, 'utf-8');
  }

  const declared = [readHeaderCharset(contentType), readDocumentCharset(bytes)]
    .map((label) => (label === undefined ? null : resolveCharset(label)))
    .filter((name): name is string => name !== null && !isWideCharset(name));
  if (!hasHighBytes) {
    const charset = declared[0] ?? 'utf-8';
    return finish(decodeAs(charset, bytes), charset);
  }

  const detected = detectCharset(bytes.subarray(0, DETECTION_SAMPLE_BYTES));
  const candidates = [...new Set([...declared, detected === null ? null : resolveCharset(detected), 'windows-1252'])].filter(
    (name): name is string => name !== null && !isWideCharset(name),
  );
  let best: { text: string; charset: string; errors: number } | undefined;
  let lastError: unknown;
  for (const charset of candidates) {
    let text: string;
    try {
      text = decodeAs(charset, bytes);
    } catch (error) {
      lastError = error; // tried the next candidate; reported below if none works
      continue;
    }
    const errors = countReplacementCharacters(text);
    if (errors === 0) return finish(text, charset);
    if (best === undefined || errors < best.errors) best = { text, charset, errors };
  }
  if (best) return finish(best.text, best.charset);
  throw new ParseError('DECODE', `could not decode the body with any of ${candidates.join(', ')}`, { cause: lastError });
}

/** chardet's cost grows with input size; 64 KiB is plenty to tell CJK encodings apart. */
const DETECTION_SAMPLE_BYTES = 64 * 1024;

const BYTE_ORDER_MARKS: { bytes: number[]; charset: string }[] = [
  // UTF-32LE must be tested before UTF-16LE: its BOM starts with the UTF-16LE one.
  { bytes: [0xff, 0xfe, 0x00, 0x00], charset: 'utf-32le' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], charset: 'utf-32be' },
  { bytes: [0xef, 0xbb, 0xbf], charset: 'utf-8' },
  { bytes: [0xff, 0xfe], charset: 'utf-16le' },
  { bytes: [0xfe, 0xff], charset: 'utf-16be' },
];

function findByteOrderMark(bytes: Uint8Array): { charset: string; length: number } | null {
  for (const mark of BYTE_ORDER_MARKS) {
    if (mark.bytes.every((value, index) => bytes[index] === value)) return { charset: mark.charset, length: mark.bytes.length };
  }
  return null;
}

/** Recognises BOM-less UTF-16/32 from where the NUL bytes of the first (ASCII) characters fall. */
function sniffWideCharset(bytes: Uint8Array): string | null {
  if (bytes.length < 4) return null;
  const isZero = [0, 1, 2, 3].map((index) => bytes[index] === 0);
  const pattern = isZero.map((zero) => (zero ? '0' : 'x')).join('');
  switch (pattern) {
    case '000x':
      return 'utf-32be';
    case 'x000':
      return 'utf-32le';
    case '0x0x':
      return 'utf-16be';
    case 'x0x0':
      return 'utf-16le';
    default:
      return null;
  }
}

function isWideCharset(charset: string): boolean {
  return /^utf-(16|32)/.test(charset);
}

/**
 * Text decoded as UTF-8 in which valid non-ASCII characters outnumber replacement characters at
 * least 20 to 1 (and there are at least 20): other 8-bit encodings almost never form valid UTF-8
 * sequences, so text in latin-1, GBK or Big5 decoded as UTF-8 is mostly replacement characters.
 */
function isMostlyUtf8(text: string): boolean {
  const errors = countReplacementCharacters(text);
  let valid = 0;
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) > 0x7f) valid += 1;
  valid -= errors;
  return valid >= MIN_UTF8_CHARACTERS && valid >= UTF8_TO_ERROR_RATIO * errors;
}

const MIN_UTF8_CHARACTERS = 20;
const UTF8_TO_ERROR_RATIO = 20;

function countReplacementCharacters(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\uFFFD'); index !== -1; index = text.indexOf('\uFFFD', index + 1)) count++;
  return count;
}

/** `charset` parameter of a Content-Type, tolerating spaces and quotes (`charset= "us-ascii"`). */
function readHeaderCharset(contentType: string | null | undefined): string | undefined {
  return contentType?.match(/;\s*charset\s*=\s*["']?\s*([^"';\s,]+)/i)?.[1];
}

/** The XML prolog's `encoding` or an HTML `<meta charset>`, read from the document's first bytes. */
function readDocumentCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1');
  const prolog = head.match(/^\s*<\?xml\s([^>]*?)\?>/);
  if (prolog) {
    const encoding = prolog[1].match(/encoding\s*=\s*["']\s*([^"'\s]+)/);
    if (encoding) return encoding[1];
  }
  return head.match(/<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i)?.[1];
}

/** Labels that iconv-lite does not know under that name, or that WHATWG maps to a superset. */
const CHARSET_ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  u16: 'utf-16',
  utf16: 'utf-16',
  'ucs-2': 'utf-16',
  ucs2: 'utf-16',
  unicode: 'utf-16',
  csunicode: 'utf-16',
  'iso-10646-ucs-2': 'utf-16',
  u32: 'utf-32',
  utf32: 'utf-32',
  'ucs-4': 'utf-32',
  ucs4: 'utf-32',
  'iso-10646-ucs-4': 'utf-32',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  cp936: 'gbk',
  'windows-936': 'gbk',
  chinese: 'gbk',
  csgb2312: 'gbk',
  'euc-cn': 'gbk',
  'iso-ir-58': 'gbk',
  'big5-hkscs': 'big5',
  'cn-big5': 'big5',
  'x-x-big5': 'big5',
  csbig5: 'big5',
  sjis: 'shift_jis',
  'x-sjis': 'shift_jis',
  ms_kanji: 'shift_jis',
  'windows-31j': 'shift_jis',
  'ks_c_5601-1987': 'euc-kr',
  korean: 'euc-kr',
  cp949: 'euc-kr',
  'windows-949': 'euc-kr',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  cp1252: 'windows-1252',
  cp819: 'windows-1252',
  ibm819: 'windows-1252',
  'iso-ir-100': 'windows-1252',
  'x-cp1252': 'windows-1252',
  koi8r: 'koi8-r',
  koi: 'koi8-r',
};

/** iconv-lite codecs that are not text charsets (or, like UTF-7, are unsafe to honour from a label). */
const NOT_TEXT_CHARSETS = new Set(['base64', 'hex', 'utf7', 'utf-7', 'utf7imap', 'utf-7-imap']);

/** Canonical charset name for a label, or null when neither the alias table nor iconv-lite knows it. */
export function resolveCharset(label: string): string | null {
  const lowered = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  const unicode = lowered.replace(/[^a-z0-9]/g, '').match(/^utf(8|16|32)(le|be)?$/);
  if (unicode) return `utf-${unicode[1]}${unicode[2] ?? ''}`;
  for (const name of [lowered, lowered.replace(/_/g, '-'), lowered.replace(/^x-/, '')]) {
    const alias = CHARSET_ALIASES[name];
    if (alias) return alias;
    if (name === 'utf-8' || name === 'gbk' || name === 'utf-16' || name === 'utf-32') return name;
    if (name !== '' && !NOT_TEXT_CHARSETS.has(name) && iconv.encodingExists(name)) return name;
  }
  return null;
}

function decodeAs(charset: string, bytes: Uint8Array): string {
  if (charset === 'utf-8') return new TextDecoder('utf-8').decode(bytes);
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // GB18030 is a superset of GBK and GB2312 (WHATWG decodes all three with it).
  const codec = charset === 'gbk' ? 'gb18030' : charset;
  return iconv.decode(buffer, codec, { stripBOM: true });
}

/**
 * Drops a leading BOM and makes the prolog say utf-8: the text is a JS string now, and a leftover
 * `encoding="gbk"` would mislead any XML parser that honours it.
 */
function finish(text: string, charset: string): DecodedBody {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rewritten = withoutBom.replace(/^(\s*<\?xml\s[^>]*?encoding\s*=\s*)(["'])[^"']*\2/, '$1$2utf-8$2');
  return { text: rewritten, charset };
}
