import { readLinkKind } from './read-link-kind.ts';

/**
 * One curator verdict on a link: a decision (accepted / rejected) or an imported issue's link
 * (always accepted). `sourceIds` are the sources that had carried the link.
 */
export interface AcceptanceEvent {
  url: string;
  isAccepted: boolean;
  at: Date;
  sourceIds: readonly string[];
  /** Title and summary (for learnTaste), and the category the link was picked in or shown under. */
  text?: string;
  category?: string | null;
  /** A card the editor saw in a published week and did not pick: a rejection in all but name. */
  isPassedOver?: boolean;
  /** The link's language (`zh`, `en`, `other`), when known. */
  lang?: string | null;
}

export interface AcceptanceOptions {
  /** Age at which a verdict counts half. Default ~half a year. */
  halfLifeDays?: number;
  /**
   * The acceptance rate assumed before any evidence: the Beta prior's mean. Default: the record's own
   * rate when it holds passed-over cards (picks ÷ cards seen), else 0.15 (imported history alone
   * holds acceptances only).
   */
  priorRate?: number;
  /** Weight of the prior in (decayed) verdicts: how much evidence it takes to move away from 1×. Default 5. */
  priorStrength?: number;
  /** Lowest multiplier, so a new or unlucky source still reaches the shortlist. Default 0.3. */
  floor?: number;
  /** Highest multiplier, so one favourite cannot drown every other signal. Default 3. */
  ceiling?: number;
  /**
   * Newsletters (digest sources): the language sift detected for a link only they carried is the
   * language of the newsletter's blurb (a Chinese weekly describes English posts in Chinese), not
   * the link's, so such a verdict teaches no language rate. See isNewsletterOnly.
   */
  newsletters?: ReadonlySet<string>;
}

/** Decayed evidence about one key and the multiplier the score uses. */
export interface AcceptanceStat {
  accepted: number;
  rejected: number;
  /** Posterior mean over prior mean, clamped to [floor, ceiling]; 1 means "no evidence either way". */
  multiplier: number;
}

export interface AcceptanceModel {
  source: ReadonlyMap<string, AcceptanceStat>;
  /** Keyed by host without `www.` (`realpython.com`, `someone.github.io`). */
  domain: ReadonlyMap<string, AcceptanceStat>;
  /** Keyed by lowercased `github.com/owner`. */
  owner: ReadonlyMap<string, AcceptanceStat>;
  /** Keyed by `category/lang` (`projects/zh`): a Chinese weekly may pick Chinese projects more often. */
  lang: ReadonlyMap<string, AcceptanceStat>;
  /**
   * Keyed by `category/sourceId/lang`: a language's rate among one source's cards of a section, over
   * that source's rate there, pulled towards the section's language rate. Chinese descriptions may
   * be picked often from trending and rarely from a Chinese newsletter, whose cards are all Chinese.
   */
  langBySource: ReadonlyMap<string, AcceptanceStat>;
  /**
   * Keyed by `category/sourceId`: a source's rate within one section, which can differ from its
   * rate overall (a recap whose articles are often picked and whose project links rarely are).
   */
  sourceIn: ReadonlyMap<string, AcceptanceStat>;
  /** Keyed by `category/kind` (`projects/home`, see readLinkKind): the editor's rate of each kind of link within a section. */
  kind: ReadonlyMap<string, AcceptanceStat>;
}

/**
 * True when every source that carried a link is a newsletter: its detected language is then the
 * newsletter's, not the link's, and neither learned nor scored (see scoreCandidate's language term).
 */
export function isNewsletterOnly(sourceIds: readonly string[], newsletters: ReadonlySet<string> | undefined): boolean {
  return newsletters !== undefined && sourceIds.length > 0 && sourceIds.every((id) => newsletters.has(id));
}

/** The ids of the newsletters (digest sources) among `sources`: the set isNewsletterOnly reads. */
export function newsletterIdsOf(sources: Iterable<{ id: string; kind: string }>): Set<string> {
  const ids = new Set<string>();
  for (const source of sources) if (source.kind === 'digest') ids.add(source.id);
  return ids;
}

export const EMPTY_ACCEPTANCE: AcceptanceModel = {
  source: new Map(),
  domain: new Map(),
  owner: new Map(),
  lang: new Map(),
  langBySource: new Map(),
  sourceIn: new Map(),
  kind: new Map(),
};

const DAY_MS = 86_400_000;

/**
 * Learns how often the curator takes links from each source, each site and each GitHub owner, so
 * the score can lean towards where good links came from before. Each key gets a Beta posterior
 * (prior mean `priorRate`, strength `priorStrength`); every verdict counts 0.5^(age / half-life),
 * so tastes can change; the multiplier is the posterior mean over the prior mean, clamped to
 * [floor, ceiling]. Pure: `now` is passed in; verdicts dated after `now` count fully.
 */
export function learnAcceptance(events: Iterable<AcceptanceEvent>, now: Date, options: AcceptanceOptions = {}): AcceptanceModel {
  const halfLifeMs = (options.halfLifeDays ?? 182) * DAY_MS;
  const tally = () => new Map<string, [number, number]>();
  const tallies = {
    source: tally(),
    domain: tally(),
    owner: tally(),
    lang: tally(),
    sourceIn: tally(),
    kind: tally(),
    category: tally(),
    sourcedCategory: tally(),
    languageCategory: tally(),
    langBySource: tally(),
    sourceLanguageKnown: tally(),
  };
  const add = (map: Map<string, [number, number]>, key: string, isAccepted: boolean, weight: number) => {
    const tally = map.get(key) ?? [0, 0];
    tally[isAccepted ? 0 : 1] += weight;
    map.set(key, tally);
  };

  let passedOver = 0;
  // overall and among links some source carried: a source's rate is compared with the second
  const totals = { all: [0, 0], sourced: [0, 0] };
  for (const event of events) {
    const age = Math.max(0, now.getTime() - event.at.getTime());
    const weight = 0.5 ** (age / halfLifeMs);
    if (event.isPassedOver) passedOver += 1;
    totals.all[event.isAccepted ? 0 : 1] += weight;
    if (event.sourceIds.length > 0) totals.sourced[event.isAccepted ? 0 : 1] += weight;
    for (const sourceId of new Set(event.sourceIds)) add(tallies.source, sourceId, event.isAccepted, weight);
    const origin = readOrigin(event.url);
    if (origin.domain) add(tallies.domain, origin.domain, event.isAccepted, weight);
    if (origin.owner) add(tallies.owner, origin.owner, event.isAccepted, weight);
    if (!event.category) continue;
    add(tallies.category, event.category, event.isAccepted, weight);
    if (event.lang && !isNewsletterOnly(event.sourceIds, options.newsletters)) {
      add(tallies.lang, `${event.category}/${event.lang}`, event.isAccepted, weight);
      add(tallies.languageCategory, event.category, event.isAccepted, weight);
      for (const sourceId of new Set(event.sourceIds)) {
        add(tallies.langBySource, `${event.category}/${sourceId}/${event.lang}`, event.isAccepted, weight);
        add(tallies.sourceLanguageKnown, `${event.category}/${sourceId}`, event.isAccepted, weight);
      }
    }
    const kind = readLinkKind(event.url);
    if (kind) add(tallies.kind, `${event.category}/${kind}`, event.isAccepted, weight);
    if (event.sourceIds.length > 0) add(tallies.sourcedCategory, event.category, event.isAccepted, weight);
    for (const sourceId of new Set(event.sourceIds)) add(tallies.sourceIn, `${event.category}/${sourceId}`, event.isAccepted, weight);
  }

  // with passed-over cards in the record, the editor's real pick rate is known: the prior is that
  const rateOf = ([accepted, rejected]: number[]) =>
    options.priorRate ??
    (passedOver > 0 && accepted + rejected > 0 ? Math.min(0.5, Math.max(0.005, accepted / (accepted + rejected))) : undefined);
  const toStats = (map: Map<string, [number, number]>, priorRate: number | undefined) =>
    new Map(
      [...map].map(([key, [accepted, rejected]]) => [
        key,
        { accepted, rejected, multiplier: measureMultiplier(accepted, rejected, { ...options, priorRate }) },
      ]),
    );
  const source = toStats(tallies.source, rateOf(totals.sourced));
  // Within a section, a key's rate is compared with the section's own rate (sections are picked at
  // very different rates) and, for a source, pulled towards the source's overall multiplier: a
  // source new to a section starts from what it is worth elsewhere. Only with passed-over cards:
  // without them a section's rate is its picks alone.
  const withinCategory = (
    map: Map<string, [number, number]>,
    rates: Map<string, [number, number]>,
    priorMultiplier: (key: string) => number,
    referenceOf: (key: string) => string = (key) => key.slice(0, key.indexOf('/')),
  ) => {
    const stats = new Map<string, AcceptanceStat>();
    if (passedOver === 0) return stats;
    for (const [key, [accepted, rejected]] of map) {
      const reference = rateOf(rates.get(referenceOf(key)) ?? [0, 0]);
      if (reference === undefined) continue;
      const priorRate = Math.min(0.5, reference * priorMultiplier(key));
      stats.set(key, {
        accepted,
        rejected,
        multiplier: clampMultiplier(posteriorRate(accepted, rejected, priorRate, options) / reference, options),
      });
    }
    return stats;
  };
  const lang = withinCategory(tallies.lang, tallies.languageCategory, () => 1);
  return {
    source,
    domain: toStats(tallies.domain, rateOf(totals.all)),
    owner: toStats(tallies.owner, rateOf(totals.all)),
    // a language's rate in a section against the section's rate among links whose language is known
    // (a pick sift never stored has none): only with passed-over cards
    lang,
    langBySource: withinCategory(
      tallies.langBySource,
      tallies.sourceLanguageKnown,
      (key) => lang.get(`${key.slice(0, key.indexOf('/'))}${key.slice(key.lastIndexOf('/'))}`)?.multiplier ?? 1,
      (key) => key.slice(0, key.lastIndexOf('/')),
    ),
    sourceIn: withinCategory(
      tallies.sourceIn,
      tallies.sourcedCategory,
      (key) => source.get(key.slice(key.indexOf('/') + 1))?.multiplier ?? 1,
    ),
    kind: withinCategory(tallies.kind, tallies.category, () => 1),
  };
}

/** The multiplier for `accepted` / `rejected` (decayed) verdicts; exported for the score's documentation and tests. */
export function measureMultiplier(accepted: number, rejected: number, options: AcceptanceOptions = {}): number {
  const priorRate = options.priorRate ?? 0.15;
  return clampMultiplier(posteriorRate(accepted, rejected, priorRate, options) / priorRate, options);
}

/** The Beta posterior mean of the pick rate: `priorRate` worth `priorStrength` verdicts, plus the evidence. */
function posteriorRate(accepted: number, rejected: number, priorRate: number, options: AcceptanceOptions): number {
  const priorStrength = options.priorStrength ?? 5;
  return (priorRate * priorStrength + accepted) / (priorStrength + accepted + rejected);
}

function clampMultiplier(multiplier: number, options: AcceptanceOptions): number {
  return Math.min(options.ceiling ?? 3, Math.max(options.floor ?? 0.3, multiplier));
}

/**
 * The keys a link is judged by: its site, and for GitHub its owner (github.com as a whole says
 * nothing about a repository). Both null for something that is not a URL.
 */
export function readOrigin(url: string): { domain: string | null; owner: string | null } {
  // a regular expression rather than new URL(): this runs for every link of the week
  const match = ORIGIN.exec(url);
  if (!match) return { domain: null, owner: null };
  // the port and `www.` cut only when there (most hosts have neither): this runs for every story of a week
  let domain = match[1].toLowerCase();
  if (domain.includes(':')) domain = domain.replace(/:\d+$/, '');
  if (domain.startsWith('www.')) domain = domain.slice(4);
  const owner = domain === 'github.com' && match[2] ? `github.com/${match[2].toLowerCase()}` : null;
  return { domain, owner };
}

/** scheme://host[:port] and the first path segment. */
const ORIGIN = /^https?:\/\/(?:[^@/?#]*@)?([^/?#]+)(?:\/([^/?#]+))?/i;

/** The multiplier of a link's origin: its GitHub owner when known, else its site; 1 without evidence. */
export function lookupOriginMultiplier(model: AcceptanceModel, url: string): { key: string | null; multiplier: number } {
  const origin = readOrigin(url);
  if (origin.owner) {
    const stat = model.owner.get(origin.owner);
    return { key: origin.owner, multiplier: stat?.multiplier ?? 1 };
  }
  if (origin.domain) return { key: origin.domain, multiplier: model.domain.get(origin.domain)?.multiplier ?? 1 };
  return { key: null, multiplier: 1 };
}

/**
 * A source's learned multiplier: within `category` when the record has its rate there, else
 * overall; 1 for a source with no verdicts yet.
 */
export function lookupSourceMultiplier(model: AcceptanceModel, sourceId: string, category?: string): number {
  const within = category === undefined || model.sourceIn.size === 0 ? undefined : model.sourceIn.get(`${category}/${sourceId}`);
  return within?.multiplier ?? model.source.get(sourceId)?.multiplier ?? 1;
}

/** The learned multiplier of a kind of link (readLinkKind) within a category; 1 without evidence. */
export function lookupKindMultiplier(model: AcceptanceModel, category: string, kind: string): number {
  return model.kind.get(`${category}/${kind}`)?.multiplier ?? 1;
}

/**
 * The learned multiplier of a link's language within a category: among the cards of `sourceId` (the
 * source the record term judged the card by) when the record has that source's languages there,
 * else among all the category's cards; 1 without evidence.
 */
export function lookupLanguageMultiplier(model: AcceptanceModel, category: string, lang: string, sourceId?: string): number {
  const bySource = sourceId === undefined ? undefined : model.langBySource.get(`${category}/${sourceId}/${lang}`);
  return bySource?.multiplier ?? model.lang.get(`${category}/${lang}`)?.multiplier ?? 1;
}
