import v8 from 'node:v8';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth, relaxHeapGrowth, withHeapGrowthRelaxed } from '../bin/limit-heap-growth.mjs';

/** The garbage collector's policy as sift's processes set it: the flags each call hands V8, in order. */
describe('heap growth policy', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    relaxHeapGrowth(); // this test process's own policy back to V8's
  });

  const recordFlags = () => {
    const flags: string[] = [];
    vi.spyOn(v8, 'setFlagsFromString').mockImplementation((flag: string) => {
      flags.push(flag);
    });
    return flags;
  };
  const CAPPED = `--heap-growing-percent=${HEAP_GROWING_PERCENT}`;
  const RELAXED = '--heap-growing-percent=0';

  it('relaxes the cap for a phase and puts it back after the last of overlapping phases', async () => {
    limitHeapGrowth();
    const flags = recordFlags();
    let finishFirst = () => {};
    const first = withHeapGrowthRelaxed(() => new Promise<void>((resolve) => (finishFirst = resolve)));
    const second = await withHeapGrowthRelaxed(async () => 'ranked');
    expect(second).toBe('ranked');
    // the second phase ended while the first still runs: still relaxed
    expect(flags).toEqual([RELAXED]);
    finishFirst();
    await first;
    expect(flags).toEqual([RELAXED, CAPPED]);
  });

  it('puts the cap back when the phase fails too', async () => {
    limitHeapGrowth();
    const flags = recordFlags();
    await expect(withHeapGrowthRelaxed(() => Promise.reject(new Error('database gone')))).rejects.toThrow('database gone');
    expect(flags).toEqual([RELAXED, CAPPED]);
  });

  it('shares one policy between two copies of the module, as the built sift has (bin/ and its bundle)', async () => {
    // a query makes the loader evaluate the file again: a second module, as esbuild's bundle is
    const specifier = '../bin/limit-heap-growth.mjs?copy';
    const copy: typeof import('../bin/limit-heap-growth.mjs') = await import(specifier);
    expect(copy.withHeapGrowthRelaxed).not.toBe(withHeapGrowthRelaxed);
    limitHeapGrowth(); // bin/sift.mjs, first thing
    const flags = recordFlags();
    await copy.withHeapGrowthRelaxed(async () => {}); // rankWeek, from the bundle
    expect(flags).toEqual([RELAXED, CAPPED]);
  });

  it('sets no cap after a phase in a process that has none, and defers one asked for during a phase', async () => {
    const flags = recordFlags();
    await withHeapGrowthRelaxed(async () => {});
    expect(flags).toEqual([RELAXED]);
    await withHeapGrowthRelaxed(async () => {
      limitHeapGrowth(); // a collect pass reaching its first document while a week is ranked
      expect(flags).toEqual([RELAXED, RELAXED]);
    });
    expect(flags).toEqual([RELAXED, RELAXED, CAPPED]);
  });
});
