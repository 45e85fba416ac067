import { isHostUnder, readUrlShape } from './read-url-shape.ts';

/**
 * Language of a link for `sift classify` and the "English" marker: `zh` when the title has
 * Chinese characters, the host is a Chinese platform, or the path carries (percent-encoded) CJK;
 * otherwise `en`. Deliberately coarse: the newsletter only needs to tell Chinese from the rest.
 *
 * Local helper: src/normalize has no detectLanguage yet. When it lands, the title part should
 * defer to it and only the host knowledge below stays here.
 */
export function detectItemLanguage(url: string, title = ''): 'zh' | 'en' {
  if (hasCjk(title)) return 'zh';
  const shape = readUrlShape(url);
  if (!shape) return 'en';
  if (CHINESE_HOSTS.some((domain) => isHostUnder(shape.host, domain))) return 'zh';
  if (/\.(cn|hk|tw|mo)$/.test(shape.host)) return 'zh';
  return shape.segments.some(hasCjk) ? 'zh' : 'en';
}

/** True when the text has Han characters (CJK unified ideographs, extension A, compatibility). */
export function hasCjk(text: string): boolean {
  return /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(text);
}

/** Platforms whose content is (almost) always Chinese, wherever the server sits. */
const CHINESE_HOSTS = [
  'juejin.cn', 'zhihu.com', 'cnblogs.com', 'csdn.net', 'segmentfault.com', 'v2ex.com', 'bilibili.com', 'b23.tv',
  'xiaoyuzhoufm.com', 'weixin.qq.com', 'qq.com', 'jianshu.com', 'oschina.net', 'gitee.com', 'sspai.com', 'infoq.cn',
  'douban.com', 'weibo.com', 'ximalaya.com', 'sohu.com', '163.com', 'toutiao.com', 'ruanyifeng.com', 'pythoncat.top',
  'xiaohongshu.com', 'aliyun.com', 'tencent.com', 'baidu.com', 'ithome.com', '36kr.com', 'lizhi.fm', 'ixigua.com',
];
