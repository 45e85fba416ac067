import type { BenchCase } from '../lib/types.ts';
import { board } from './board.ts';
import { firstPass } from './first-pass.ts';
import { wholeProcess } from './process.ts';
import { queue } from './queue.ts';
import { rank } from './rank.ts';
import { replay } from './replay.ts';
import { scale } from './scale.ts';
import { store } from './store.ts';

/**
 * Every case, in the order `npm run bench` runs them. A new case is one module in this folder
 * exporting a BenchCase, added here; `--case NAME` runs only the named ones.
 */
export const CASES: readonly BenchCase[] = [firstPass, wholeProcess, scale, store, rank, board, queue, replay];
