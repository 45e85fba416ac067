import { findOwnRepositories, type AnchorSample } from './find-own-repositories.ts';
import { hasNewsletterTag } from './has-newsletter-tag.ts';
import { findDiscussedUrl, readDiscussionCount } from './read-discussion-count.ts';

/** What one read over all anchors of an issue teaches before any of them is judged. */
export interface IssueSurvey {
  /** Repositories that host the newsletter itself (see findOwnRepositories). */
  ownRepositories: Set<string>;
  /** The newsletter's names that mark an ad when another site's link carries them as its source tag; empty when they mark nothing here. */
  adTagLabels: readonly string[];
  /** Hosts of the aggregator a recap is made from (`discu.eu` for "N comments in M discussions" links to `discu.eu/q/<url>`). */
  aggregatorHosts: Set<string>;
}

export interface SurveyContext {
  contextUrls: Array<string | undefined>;
  brandLabels: readonly string[];
  isOwnSite: (url: URL) => boolean;
}

/**
 * Reads the issue as a whole, for the judgements no single anchor can make:
 *
 * - the newsletter's own repositories, from how the issue points at them;
 * - whether the newsletter's own name as `utm_source` (or `ref`, `from`, `*_track`) marks ads: yes
 *   when fewer than half of the links to other sites carry it (an advertiser counting the
 *   newsletter's readers), no when the newsletter tags its outbound links that way itself;
 * - the aggregator a recap is made from: hosts of discussion-count links that name the page they
 *   discuss. Its other pages in the issue ("原文: discu.eu/weekly/python/2023/45/") are the recap's
 *   source, not picks. A count linking a thread (a Hacker News item) teaches nothing: other threads
 *   there can be picks.
 */
export function surveyIssue(samples: readonly AnchorSample[], context: SurveyContext): IssueSurvey {
  const external = samples.filter((sample) => sample.url !== null && !context.isOwnSite(sample.url));
  const tagged = external.filter((sample) => sample.url !== null && hasNewsletterTag(sample.url, context.brandLabels)).length;
  const aggregatorHosts = new Set<string>();
  for (const sample of samples) {
    if (sample.url !== null && readDiscussionCount(sample.text) !== null && findDiscussedUrl(sample.url) !== null)
      aggregatorHosts.add(sample.url.hostname);
  }
  return {
    ownRepositories: findOwnRepositories(samples, context.contextUrls, context.brandLabels),
    adTagLabels: tagged > 0 && tagged * 2 < external.length ? context.brandLabels : [],
    aggregatorHosts,
  };
}
