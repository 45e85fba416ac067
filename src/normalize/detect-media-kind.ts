import type { ParsedEnclosure } from '../parse/types.ts';

const AUDIO_FILE = /\.(mp3|m4a|aac|ogg|oga|opus|wav|flac)(\?|$)/i;
const VIDEO_FILE = /\.(mp4|m4v|webm|mov|mkv)(\?|$)/i;
const VIDEO_HOST = /^(?:[a-z0-9-]+\.)*(youtube\.com|youtu\.be|youtube-nocookie\.com|bilibili\.com|b23\.tv)$/i;

/** Audio or video judged from the enclosure's MIME type, or from its file extension when the type is missing. */
export function classifyEnclosure(enclosure: ParsedEnclosure): 'audio' | 'video' | 'image' | null {
  const type = enclosure.type?.toLowerCase() ?? '';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('image/')) return 'image';
  if (type !== '' && type !== 'application/octet-stream') return null;
  if (AUDIO_FILE.test(enclosure.url)) return 'audio';
  if (VIDEO_FILE.test(enclosure.url)) return 'video';
  if (/\.(jpe?g|png|gif|webp|avif)(\?|$)/i.test(enclosure.url)) return 'image';
  return null;
}

/**
 * 'audio' for podcasts (an audio enclosure), 'video' for a video enclosure or a link to YouTube or
 * Bilibili; null otherwise. Audio wins: a podcast episode that also links its YouTube recording is
 * still listened to first.
 */
export function detectMediaKind(url: string, enclosures: ParsedEnclosure[], youtubeVideoId?: string): 'audio' | 'video' | null {
  const kinds = enclosures.map(classifyEnclosure);
  if (kinds.includes('audio')) return 'audio';
  if (kinds.includes('video') || youtubeVideoId) return 'video';
  return detectMediaKindFromUrl(url);
}

/** The media kind a bare link reveals: video hosts and audio/video file extensions. */
export function detectMediaKindFromUrl(url: string): 'audio' | 'video' | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL: nothing to tell from it.
    return null;
  }
  if (VIDEO_HOST.test(parsed.hostname)) return 'video';
  if (AUDIO_FILE.test(parsed.pathname)) return 'audio';
  if (VIDEO_FILE.test(parsed.pathname)) return 'video';
  return null;
}
