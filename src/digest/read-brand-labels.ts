import { isTrackingUrl } from './classify-url.ts';
import { NO_OWNER, OWNER_IN_PATH } from './create-own-site-matcher.ts';
import { getRegistrableDomain } from './get-registrable-domain.ts';

/** Shorter labels (`py`, `io`) would match too much by chance. */
const MIN_LABEL_LENGTH = 4;

/**
 * The names a newsletter goes by, read from its issue, feed and site URLs: the owner's label of each
 * registrable domain (`hellogithub` for `hellogithub.com`, `pychina` for `weekly.pychina.org`,
 * `pythoncat` for `pythoncat.substack.com`), lowercased with separators dropped (`django-news` →
 * `djangonews`). Used to recognise the newsletter's own repository and its own `utm_source`.
 *
 * Shared hosts give no name (a WeChat issue says nothing about WeChat links; a GitHub-hosted issue is
 * told apart by its repository, not by `github`), nor do email-service hosts (`campaign-archive.com`).
 */
export function readBrandLabels(urls: Array<string | undefined>): string[] {
  const labels = new Set<string>();
  for (const raw of urls) {
    const url = parseContextUrl(raw);
    if (url === null || isTrackingUrl(url)) continue;
    const domain = getRegistrableDomain(url.hostname);
    if (NO_OWNER.has(domain) || OWNER_IN_PATH.has(domain) || !domain.includes('.')) continue;
    const label = toBrandLabel(domain.split('.')[0]);
    if (label.length >= MIN_LABEL_LENGTH) labels.add(label);
  }
  return [...labels];
}

/** Lowercase letters and digits only, so `HelloGitHub`, `hello-github` and `hello_github` compare equal. */
export function toBrandLabel(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function parseContextUrl(raw: string | undefined): URL | null {
  if (raw === undefined || raw === '') return null;
  try {
    return new URL(raw);
  } catch {
    return null; // a malformed context URL only means one name fewer
  }
}
