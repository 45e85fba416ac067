import { tokenizeTitle } from './tokenize-title.ts';

export interface ClusterOptions {
  /** Token Jaccard similarity at or above which two titles are the same story. Default 0.8. */
  threshold?: number;
  /**
   * Tokens carried by more titles than this are too common to find candidates by ("python",
   * "release", a year): two titles sharing only such words are never compared, which keeps a week
   * of 50,000 templated headlines ("Release 1.2.3", "Python Bytes #412: …") from turning into a
   * comparison of every pair. Default 32.
   */
  maxBlockingFrequency?: number;
  /**
   * Titles with fewer content tokens (not stop words, not numbers) never merge: "Release 1.0",
   * "Python 3.13 is out" or "Weekly update" say too little to tell two projects' posts apart.
   * Default 3.
   */
  minContentTokens?: number;
}

/**
 * Groups items that tell the same story under different URLs (a post and its dev.to or Medium
 * repost, two headlines differing by a word) so the shortlist shows one card per story. Items
 * merge when their title tokens (see tokenizeTitle) have Jaccard similarity ≥ `threshold`;
 * merging is transitive. Returns the groups in the order of their first member; every item
 * appears exactly once, singletons included.
 *
 * Fast on a week of 50,000 items: an exact similarity join with prefix filtering (AllPairs, Bayardo
 * et al. 2007) instead of comparing all pairs. Tokens are ordered rarest first; two sets with
 * Jaccard ≥ t must share a token among the first |x| − ⌈t·|x|⌉ + 1 tokens of each, so only items
 * sharing a rare token are ever compared, and a size filter drops the rest. Sets are visited
 * shortest first, so the one already indexed is never the longer: it is indexed under its first
 * |y| − ⌈2t/(1+t)·|y|⌉ + 1 tokens only (the indexing prefix of PPJoin, Xiao et al. 2008). Tokens more frequent
 * than `maxBlockingFrequency` are not used to find pairs at all (see that option), which bounds the
 * work per title whatever the week looks like.
 */
export function clusterItems<T extends { title: string }>(items: readonly T[], options: ClusterOptions = {}): T[][] {
  const threshold = options.threshold ?? 0.8;
  const minContentTokens = options.minContentTokens ?? 3;
  const maxBlockingFrequency = options.maxBlockingFrequency ?? 32;
  const tokenized = items.map((item) => tokenizeTitle(item.title));

  // Intern every token once, then number the tokens rarest first, so that a set sorted by number
  // is a set sorted by rarity.
  const idOf = new Map<string, number>();
  const names: string[] = [];
  const frequency: number[] = [];
  const idsPerItem = tokenized.map(({ tokens }) => {
    const ids = new Int32Array(tokens.length);
    for (let index = 0; index < tokens.length; index += 1) {
      let id = idOf.get(tokens[index]);
      if (id === undefined) {
        id = names.length;
        idOf.set(tokens[index], id);
        names.push(tokens[index]);
        frequency.push(0);
      }
      frequency[id] += 1;
      ids[index] = id;
    }
    return ids;
  });
  const byRarity = names.map((_, id) => id).sort((left, right) => frequency[left] - frequency[right] || (names[left] < names[right] ? -1 : 1));
  const rankOf = new Int32Array(names.length);
  const frequencyOfRank = new Int32Array(names.length);
  byRarity.forEach((id, rank) => {
    rankOf[id] = rank;
    frequencyOfRank[rank] = frequency[id];
  });

  const eligible: Array<{ index: number; tokens: Int32Array }> = [];
  tokenized.forEach(({ contentCount }, index) => {
    if (contentCount < minContentTokens) return;
    const ranks = idsPerItem[index].map((id) => rankOf[id]).sort();
    eligible.push({ index, tokens: ranks });
  });
  eligible.sort((left, right) => left.tokens.length - right.tokens.length || left.index - right.index);

  const parent = items.map((_, index) => index);
  const findRoot = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root];
    while (parent[index] !== root) [index, parent[index]] = [parent[index], root];
    return root;
  };
  const join = (left: number, right: number) => {
    const [leftRoot, rightRoot] = [findRoot(left), findRoot(right)];
    if (leftRoot !== rightRoot) parent[Math.max(leftRoot, rightRoot)] = Math.min(leftRoot, rightRoot);
  };

  // token number → positions in `eligible` of the (shorter or equal) sets already indexed under it
  const postings: number[][] = [];
  const indexOverlap = (2 * threshold) / (1 + threshold);
  const seen = new Uint32Array(eligible.length);
  eligible.forEach((current, position) => {
    const size = current.tokens.length;
    const minimumSize = Math.ceil(threshold * size - 1e-9);
    const probeLength = size - minimumSize + 1;
    const stamp = position + 1;
    // tokens are sorted rarest first: past the first common one, every other is common too
    let blockingLength = 0;
    while (blockingLength < probeLength && frequencyOfRank[current.tokens[blockingLength]] <= maxBlockingFrequency) blockingLength += 1;
    for (let tokenIndex = 0; tokenIndex < blockingLength; tokenIndex += 1) {
      const list = postings[current.tokens[tokenIndex]];
      if (!list) continue;
      for (const other of list) {
        if (seen[other] === stamp) continue;
        seen[other] = stamp;
        const candidate = eligible[other];
        if (candidate.tokens.length < minimumSize) continue;
        if (measureSortedJaccard(candidate.tokens, current.tokens) >= threshold) join(candidate.index, current.index);
      }
    }
    // every later set is at least as long, so a match needs an overlap of 2t/(1+t)·size: a shorter prefix indexes it
    const indexLength = Math.min(blockingLength, size - Math.ceil(indexOverlap * size - 1e-9) + 1);
    for (let tokenIndex = 0; tokenIndex < indexLength; tokenIndex += 1) {
      const token = current.tokens[tokenIndex];
      (postings[token] ??= []).push(position);
    }
  });

  const groups = new Map<number, T[]>();
  items.forEach((item, index) => {
    const root = findRoot(index);
    const group = groups.get(root);
    if (group) group.push(item);
    else groups.set(root, [item]);
  });
  return [...groups.values()];
}

/** Jaccard similarity of two ascending integer sets, by one merge pass. */
function measureSortedJaccard(left: Int32Array, right: Int32Array): number {
  let shared = 0;
  let leftIndex = 0;
  let rightIndex = 0;
  while (leftIndex < left.length && rightIndex < right.length) {
    if (left[leftIndex] === right[rightIndex]) {
      shared += 1;
      leftIndex += 1;
      rightIndex += 1;
    } else if (left[leftIndex] < right[rightIndex]) leftIndex += 1;
    else rightIndex += 1;
  }
  return shared / (left.length + right.length - shared);
}
