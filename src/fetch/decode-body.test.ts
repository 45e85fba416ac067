import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody, resolveCharset } from './decode-body.ts';

const CHINESE = 'Python 周刊：异步编程与类型提示的最佳实践，欢迎订阅本期内容。';
const TRADITIONAL = 'Python 週刊：非同步程式設計與型別提示的最佳實踐，歡迎訂閱本期內容。';

function feed(title: string, encoding?: string): string {
  const prolog = encoding === undefined ? '<?xml version="1.0"?>' : `<?xml version="1.0" encoding="${encoding}"?>`;
  return `${prolog}\n<rss version="2.0"><channel><title>${title}</title></channel></rss>`;
}

function encode(text: string, charset: string, withBom = false): Uint8Array {
  return new Uint8Array(iconv.encode(text, charset, { addBOM: withBom }));
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

describe('decodeBody', () => {
  const cases: { name: string; bytes: Uint8Array; contentType?: string; charset: string; contains: string }[] = [
    { name: 'undeclared UTF-8', bytes: utf8(feed(CHINESE)), charset: 'utf-8', contains: CHINESE },
    { name: 'GBK declared in the prolog', bytes: encode(feed(CHINESE, 'gbk'), 'gbk'), charset: 'gbk', contains: CHINESE },
    {
      name: 'gb2312 label decodes with the GBK superset',
      bytes: encode(feed('瑄 镕', 'gb2312'), 'gbk'),
      charset: 'gbk',
      contains: '瑄 镕',
    },
    {
      name: 'GB18030 in the header',
      bytes: encode(feed(CHINESE), 'gb18030'),
      contentType: 'text/xml; charset=GB18030',
      charset: 'gb18030',
      contains: CHINESE,
    },
    { name: 'Big5 declared in the prolog', bytes: encode(feed(TRADITIONAL, 'big5'), 'big5'), charset: 'big5', contains: TRADITIONAL },
    {
      name: 'Shift_JIS in the header',
      bytes: encode(feed('日本語のフィード'), 'shift_jis'),
      contentType: 'application/rss+xml; charset=Shift_JIS',
      charset: 'shift_jis',
      contains: '日本語のフィード',
    },
    { name: 'EUC-KR in the prolog', bytes: encode(feed('한국어 피드', 'euc-kr'), 'euc-kr'), charset: 'euc-kr', contains: '한국어 피드' },
    {
      name: 'KOI8-R in the header',
      bytes: encode(feed('Новости'), 'koi8-r'),
      contentType: 'text/xml; charset=koi8-r',
      charset: 'koi8-r',
      contains: 'Новости',
    },
    {
      name: 'windows-1251 in the prolog',
      bytes: encode(feed('Привет', 'windows-1251'), 'windows-1251'),
      charset: 'windows-1251',
      contains: 'Привет',
    },
    {
      name: 'ISO-8859-7 in the prolog',
      bytes: encode(feed('Ελληνικά', 'iso-8859-7'), 'iso-8859-7'),
      charset: 'iso-8859-7',
      contains: 'Ελληνικά',
    },
    {
      name: 'ISO-8859-1 is read as windows-1252 (smart quotes in 0x80–0x9F)',
      bytes: new Uint8Array([
        ...Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>'),
        0x93,
        0x63,
        0x61,
        0x66,
        0xe9,
        0x94,
        ...Buffer.from('</title></channel></rss>'),
      ]),
      charset: 'windows-1252',
      contains: '“café”',
    },
    { name: 'UTF-16LE with BOM', bytes: encode(feed(CHINESE, 'utf-16'), 'utf-16le', true), charset: 'utf-16le', contains: CHINESE },
    { name: 'UTF-16BE with BOM', bytes: encode(feed(CHINESE, 'utf-16'), 'utf-16be', true), charset: 'utf-16be', contains: CHINESE },
    {
      name: 'UTF-16BE without BOM (prolog in UTF-16)',
      bytes: encode(feed(CHINESE, 'utf-16'), 'utf-16be'),
      charset: 'utf-16be',
      contains: CHINESE,
    },
    {
      name: 'UTF-16LE without BOM, odd alias "u16"',
      bytes: encode(feed(CHINESE, 'u16'), 'utf-16le'),
      charset: 'utf-16le',
      contains: CHINESE,
    },
    { name: 'UTF-32LE with BOM', bytes: encode(feed(CHINESE, 'utf-32'), 'utf-32le', true), charset: 'utf-32le', contains: CHINESE },
    { name: 'UTF-32BE without BOM', bytes: encode(feed(CHINESE, 'utf-32'), 'utf-32be'), charset: 'utf-32be', contains: CHINESE },
    {
      name: 'UTF-8 BOM beats a latin-1 prolog',
      bytes: new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(feed(CHINESE, 'iso-8859-1'))]),
      charset: 'utf-8',
      contains: CHINESE,
    },
    {
      name: 'header says utf-8 but the bytes are GBK as the prolog says',
      bytes: encode(feed(CHINESE, 'gbk'), 'gbk'),
      contentType: 'application/rss+xml; charset=utf-8',
      charset: 'gbk',
      contains: CHINESE,
    },
    {
      name: 'header says iso-8859-1 but the bytes are valid UTF-8',
      bytes: utf8(feed(CHINESE)),
      contentType: 'text/xml; charset=ISO-8859-1',
      charset: 'utf-8',
      contains: CHINESE,
    },
    {
      name: 'quoted, spaced header charset',
      bytes: encode(feed(CHINESE), 'gbk'),
      contentType: 'text/xml;charset= "GBK"',
      charset: 'gbk',
      contains: CHINESE,
    },
    { name: 'bogus prolog encoding falls back without throwing', bytes: utf8(feed('plain', 'bogus')), charset: 'utf-8', contains: 'plain' },
    {
      name: 'bogus header charset on GBK bytes falls back to the prolog',
      bytes: encode(feed(CHINESE, 'gbk'), 'gbk'),
      contentType: 'text/xml; charset=x-nonsense',
      charset: 'gbk',
      contains: CHINESE,
    },
    {
      name: 'a utf-16 header on 8-bit bytes is ignored',
      bytes: utf8(feed('ascii only')),
      contentType: 'text/xml; charset=utf-16',
      charset: 'utf-8',
      contains: 'ascii only',
    },
    {
      name: 'HTML meta charset',
      bytes: encode(`<!DOCTYPE html><html><head><meta charset="gbk"><title>${CHINESE}</title></head></html>`, 'gbk'),
      charset: 'gbk',
      contains: CHINESE,
    },
    {
      name: 'undeclared GBK is detected',
      bytes: encode(feed(CHINESE.repeat(4)), 'gbk'),
      charset: 'gb18030',
      contains: CHINESE,
    },
  ];

  it.each(cases)('$name', ({ bytes, contentType, charset, contains }) => {
    const decoded = decodeBody(bytes, contentType);
    expect(decoded.charset).toBe(charset);
    expect(decoded.text).toContain(contains);
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
    expect(decoded.text).not.toContain('\uFFFD');
  });

  it('rewrites the prolog encoding to utf-8 so a parser reading the string is not misled', () => {
    expect(decodeBody(encode(feed(CHINESE, 'gbk'), 'gbk')).text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(decodeBody(encode(feed(CHINESE, 'utf-16'), 'utf-16le', true)).text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(
      true,
    );
  });

  it('keeps invalid bytes under a UTF-8 BOM as replacement characters instead of failing', () => {
    const bytes = new Uint8Array([
      0xef,
      0xbb,
      0xbf,
      ...Buffer.from('<rss><channel><title>Espa'),
      0xf1,
      0x61,
      ...Buffer.from('</title></channel></rss>'),
    ]);
    const decoded = decodeBody(bytes);
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toBe('<rss><channel><title>Espa\uFFFDa</title></channel></rss>');
  });

  it('keeps a UTF-8 feed with one broken sequence UTF-8, replacing only that byte', () => {
    // characters whose UTF-8 bytes windows-1252 decodes without a replacement character: decoded
    // whole as windows-1252, this title would come out garbled with no sign of an error
    const title = 'Python 周刊：异步编程与类型的最佳实践，欢迎订阅本期内容。';
    const good = encode(feed(`${title} ${title}`, 'utf-8'), 'utf-8');
    const cut = Buffer.from(good).indexOf('</title>'); // a stray continuation byte right after the title
    const broken = new Uint8Array([...good.subarray(0, cut), 0xa0, ...good.subarray(cut)]);
    const decoded = decodeBody(broken, 'application/rss+xml; charset=utf-8');
    expect(decoded.charset).toBe('utf-8');
    expect(decoded.text).toContain(`${title} ${title}\uFFFD`);
  });

  it('still reads latin-1 labelled UTF-8 as windows-1252: a few accents are not "mostly UTF-8"', () => {
    const decoded = decodeBody(encode(feed('Café crème brûlée à la française, déjà vu'), 'latin1'), 'text/xml; charset=utf-8');
    expect(decoded.charset).toBe('windows-1252');
    expect(decoded.text).toContain('Café crème brûlée');
  });

  it('decodes an empty body to empty text', () => {
    expect(decodeBody(new Uint8Array(0), 'text/xml; charset=utf-8')).toEqual({ text: '', charset: 'utf-8' });
  });
});

describe('resolveCharset', () => {
  it.each([
    ['UTF8', 'utf-8'],
    ['utf_16', 'utf-16'],
    ['GB2312', 'gbk'],
    ['x-sjis', 'shift_jis'],
    ['"big5"', 'big5'],
    ['us-ascii', 'windows-1252'],
    ['bogus', null],
    ['base64', null],
    ['utf-7', null],
  ])('%s → %s', (label, expected) => {
    expect(resolveCharset(label)).toBe(expected);
  });
});
