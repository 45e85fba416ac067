import { forEachTitleTokenSpan, isContentToken, type TitleTokenKind } from './tokenize-title.ts';

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
 * merge when their title tokens (see forEachTitleToken) have Jaccard similarity ≥ `threshold`;
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
  const titles = tokenizeTitles(items);
  const { tokens, starts, frequency } = titles;

  // Number the tokens rarest first, so that a set sorted by number is a set sorted by rarity. Ties
  // go by name, for the same result whatever the order of the items; tokens of a single title come
  // first in any order (they are never shared, so their order changes nothing).
  const rankOf = new Int32Array(frequency.length);
  const frequencyOfRank = new Int32Array(frequency.length);
  const shared: number[] = [];
  let nextRank = 0;
  for (let id = 0; id < frequency.length; id += 1) {
    if (frequency[id] > 1) shared.push(id);
    else rankOf[id] = nextRank++;
  }
  shared.sort((left, right) => frequency[left] - frequency[right] || (titles.names[left] < titles.names[right] ? -1 : 1));
  for (const id of shared) rankOf[id] = nextRank++;
  for (let id = 0; id < frequency.length; id += 1) frequencyOfRank[rankOf[id]] = frequency[id];

  // Each eligible title's tokens become ranks, sorted in place; titles are visited shortest first.
  const inOrder: number[] = [];
  let longest = 0;
  for (let index = 0; index < items.length; index += 1) {
    if (titles.contentCounts[index] < minContentTokens) continue;
    for (let at = starts[index]; at < starts[index + 1]; at += 1) tokens[at] = rankOf[tokens[at]];
    sortRange(tokens, starts[index], starts[index + 1]);
    inOrder.push(index);
    longest = Math.max(longest, starts[index + 1] - starts[index]);
  }
  const sizeOf = (index: number) => starts[index + 1] - starts[index];
  // shortest first, ties in item order: a counting sort by size (a title has a few dozen tokens at most)
  const firstOfSize = new Int32Array(longest + 2);
  for (const index of inOrder) firstOfSize[sizeOf(index) + 1] += 1;
  for (let size = 1; size <= longest + 1; size += 1) firstOfSize[size] += firstOfSize[size - 1];
  const eligible = new Array<number>(inOrder.length);
  for (const index of inOrder) eligible[firstOfSize[sizeOf(index)]++] = index;

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

  // token number → positions in `eligible` of the (shorter or equal) sets already indexed under it,
  // as linked lists in flat arrays (newest first; the order a token's sets are compared in changes
  // no group): an array per token was hundreds of thousands of small objects for the collector
  const firstPosting = new Int32Array(frequency.length).fill(-1);
  const nextPosting = new Int32Array(tokens.length);
  const postedPosition = new Int32Array(tokens.length);
  let postingCount = 0;
  const indexOverlap = (2 * threshold) / (1 + threshold);
  const seen = new Uint32Array(eligible.length);
  for (let position = 0; position < eligible.length; position += 1) {
    const current = eligible[position];
    const start = starts[current];
    const size = starts[current + 1] - start;
    const minimumSize = Math.ceil(threshold * size - 1e-9);
    const probeLength = size - minimumSize + 1;
    const stamp = position + 1;
    // tokens are sorted rarest first: past the first common one, every other is common too
    let blockingLength = 0;
    while (blockingLength < Math.min(probeLength, size) && frequencyOfRank[tokens[start + blockingLength]] <= maxBlockingFrequency)
      blockingLength += 1;
    for (let tokenIndex = 0; tokenIndex < blockingLength; tokenIndex += 1) {
      for (let posting = firstPosting[tokens[start + tokenIndex]]; posting !== -1; posting = nextPosting[posting]) {
        const other = postedPosition[posting];
        if (seen[other] === stamp) continue;
        seen[other] = stamp;
        const candidate = eligible[other];
        if (sizeOf(candidate) < minimumSize) continue;
        if (measureSortedJaccard(tokens, starts[candidate], starts[candidate + 1], start, start + size) >= threshold)
          join(candidate, current);
      }
    }
    // every later set is at least as long, so a match needs an overlap of 2t/(1+t)·size: a shorter prefix indexes it
    const indexLength = Math.min(blockingLength, size - Math.ceil(indexOverlap * size - 1e-9) + 1);
    for (let tokenIndex = 0; tokenIndex < indexLength; tokenIndex += 1) {
      const token = tokens[start + tokenIndex];
      postedPosition[postingCount] = position;
      nextPosting[postingCount] = firstPosting[token];
      firstPosting[token] = postingCount;
      postingCount += 1;
    }
  }

  const groups = new Map<number, T[]>();
  items.forEach((item, index) => {
    const root = findRoot(index);
    const group = groups.get(root);
    if (group) group.push(item);
    else groups.set(root, [item]);
  });
  return [...groups.values()];
}

/**
 * Every title's distinct tokens, numbered in order of first appearance, in one flat array: title
 * i's are `tokens[starts[i] … starts[i + 1])`. Flat typed arrays instead of an array per title keep
 * a week's 400,000 tokens out of the garbage collector's way, and a token seen before is found by
 * its characters (TokenTable) without a string of its own.
 */
function tokenizeTitles(items: ReadonlyArray<{ title: string }>) {
  const table = new TokenTable();
  const frequency: number[] = [];
  /** Per token id, the last title that had it: a repeat within a title is skipped. */
  const lastTitle: number[] = [];
  const isContent: boolean[] = [];
  let tokens = new Int32Array(Math.max(16, items.length * 8));
  let length = 0;
  const starts = new Int32Array(items.length + 1);
  const contentCounts = new Int32Array(items.length);
  // one visitor for every title (not a closure per title), reading the title's number and count from here
  let index = 0;
  let contentCount = 0;
  const visit = (text: string, start: number, end: number, kind: TitleTokenKind) => {
    let id = table.find(text, start, end);
    if (id === -1) {
      const token = text.slice(start, end);
      id = table.add(token);
      frequency.push(0);
      lastTitle.push(-1);
      isContent.push(isContentToken(token, kind));
    } else if (lastTitle[id] === index) return;
    lastTitle[id] = index;
    frequency[id] += 1;
    if (isContent[id]) contentCount += 1;
    if (length === tokens.length) {
      const grown = new Int32Array(tokens.length * 2);
      grown.set(tokens);
      tokens = grown;
    }
    tokens[length++] = id;
  };
  for (index = 0; index < items.length; index += 1) {
    starts[index] = length;
    contentCount = 0;
    forEachTitleTokenSpan(items[index].title, visit);
    contentCounts[index] = contentCount;
  }
  starts[items.length] = length;
  return { tokens, starts, frequency, names: table.names, contentCounts };
}

/**
 * Tokens numbered in order of addition, found by a span of a string's characters: an open-addressing
 * hash table over the characters, so that looking up one of a week's 400,000 tokens builds no
 * substring and hashes no new string.
 */
class TokenTable {
  readonly names: string[] = [];
  private readonly hashes: number[] = [];
  /** Token id + 1 per slot, 0 for an empty one; a power of two long, at most half full. */
  private slots = new Int32Array(1 << 16);

  find(text: string, start: number, end: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hashSpan(text, start, end) & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot];
      if (entry === 0) return -1;
      const name = this.names[entry - 1];
      if (name.length === end - start && text.startsWith(name, start)) return entry - 1;
    }
  }

  /** Adds a token not in the table yet; returns its id. */
  add(token: string): number {
    const id = this.names.length;
    const hash = hashSpan(token, 0, token.length);
    this.names.push(token);
    this.hashes.push(hash);
    if (2 * this.names.length > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2);
      for (let other = 0; other < id; other += 1) this.place(other, this.hashes[other]);
    }
    this.place(id, hash);
    return id;
  }

  private place(id: number, hash: number): void {
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
  }
}

/** FNV-1a over the UTF-16 code units of `text[start … end)`. */
function hashSpan(text: string, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let index = start; index < end; index += 1) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  return hash >>> 0;
}

/** Sorts `values[start … end)` ascending in place: insertion sort, as a title's few tokens need no more. */
function sortRange(values: Int32Array, start: number, end: number): void {
  for (let at = start + 1; at < end; at += 1) {
    const value = values[at];
    let to = at;
    while (to > start && values[to - 1] > value) {
      values[to] = values[to - 1];
      to -= 1;
    }
    values[to] = value;
  }
}

/** Jaccard similarity of two ascending integer sets, `tokens[leftStart … leftEnd)` and `tokens[rightStart … rightEnd)`, by one merge pass. */
function measureSortedJaccard(tokens: Int32Array, leftStart: number, leftEnd: number, rightStart: number, rightEnd: number): number {
  let shared = 0;
  let left = leftStart;
  let right = rightStart;
  while (left < leftEnd && right < rightEnd) {
    if (tokens[left] === tokens[right]) {
      shared += 1;
      left += 1;
      right += 1;
    } else if (tokens[left] < tokens[right]) left += 1;
    else right += 1;
  }
  return shared / (leftEnd - leftStart + (rightEnd - rightStart) - shared);
}
