/** What every case receives from bench/run.ts. */
export interface BenchContext {
  /** `--quick`: fewer runs (and smaller sets where a case says so), the whole bench under a minute. */
  quick: boolean;
  /** Measured runs per figure (3, or 1 with --quick); each figure is their median. */
  runs: number;
  /** Seed of every generated fixture: the same seed gives the same bytes. */
  seed: number;
  /** Postgres server where each run creates (and drops) its own database. */
  adminUrl: string;
  /** Worker threads of the parse pool where a case uses one (`--parse-threads`, default: cores − 1, at least 1). */
  parseThreads: number;
  /** A progress line on stderr (the table goes to stdout). */
  progress(message: string): void;
}

export type Unit = 'ms' | 's' | 'items/s' | 'rows/s' | 'MB' | 'MB/s' | '×' | '%';

/** One measured figure: a value per run, shown as their median. */
export interface Metric {
  name: string;
  unit: Unit;
  samples: number[];
  note?: string;
}

/** A target from the issue, checked on the median of per-run values (ratios are taken within a run, never across runs). */
export interface TargetCheck {
  name: string;
  measured: number;
  comparison: '<=' | '>=';
  limit: number;
  unit: Unit;
  /** How the measured value was formed, e.g. "pipeline ÷ (fetch floor + parse floor)". */
  detail: string;
}

export interface CaseResult {
  /** What was measured (fixture size, settings), printed above the case's table. */
  setup: string[];
  metrics: Metric[];
  targets: TargetCheck[];
  notes?: string[];
}

/** A benchmark case: one module in bench/cases/, listed once in bench/cases/index.ts. */
export interface BenchCase {
  name: string;
  summary: string;
  run(context: BenchContext): Promise<CaseResult>;
}

export function isTargetMet(target: TargetCheck): boolean {
  return target.comparison === '<=' ? target.measured <= target.limit : target.measured >= target.limit;
}
