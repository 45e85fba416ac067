import { detectLanguage } from '../normalize/detect-language.ts';
import { isHostUnder, readUrlShape } from './read-url-shape.ts';

/**
 * Language of a link for `sift classify` and the "English" marker: `zh` when the title is
 * Chinese (normalize's detectLanguage, the one text detector), the host is a Chinese platform, or
 * the path carries (percent-encoded) Chinese; otherwise `en`. Deliberately coarse: the newsletter
 * only needs to tell Chinese from the rest. Only the host knowledge lives here: an imported
 * issue's link has no text of its own to judge (its title is the editor's translation).
 */
export function detectItemLanguage(url: string, title = ''): 'zh' | 'en' {
  if (isChinese(title)) return 'zh';
  const shape = readUrlShape(url);
  if (!shape) return 'en';
  if (CHINESE_HOSTS.some((domain) => isHostUnder(shape.host, domain))) return 'zh';
  if (/\.(cn|hk|tw|mo)$/.test(shape.host)) return 'zh';
  return shape.segments.some(isChinese) ? 'zh' : 'en';
}

function isChinese(text: string): boolean {
  return text.trim() !== '' && detectLanguage(text) === 'zh';
}

/** Platforms whose content is (almost) always Chinese, wherever the server sits. */
const CHINESE_HOSTS = [
  'juejin.cn',
  'zhihu.com',
  'cnblogs.com',
  'csdn.net',
  'segmentfault.com',
  'v2ex.com',
  'bilibili.com',
  'b23.tv',
  'xiaoyuzhoufm.com',
  'weixin.qq.com',
  'qq.com',
  'jianshu.com',
  'oschina.net',
  'gitee.com',
  'sspai.com',
  'infoq.cn',
  'douban.com',
  'weibo.com',
  'ximalaya.com',
  'sohu.com',
  '163.com',
  'toutiao.com',
  'ruanyifeng.com',
  'pythoncat.top',
  'xiaohongshu.com',
  'aliyun.com',
  'tencent.com',
  'baidu.com',
  'ithome.com',
  '36kr.com',
  'lizhi.fm',
  'ixigua.com',
];
