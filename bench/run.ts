/**
 * `npm run bench [-- --quick] [--case NAME]… [--runs N] [--seed N] [--parse-threads N] [--list]`
 *
 * Runs the cases of bench/cases/index.ts against local fixture servers and a fresh database per
 * run, prints a table per case (median of the runs, every run, PASS/MISS per target) and writes
 * bench/results.json with the machine it ran on. Postgres comes from TEST_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres); each run creates and drops its own database there.
 * Exit code 1 when a case could not run; a missed target is a result, not a failure.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { limitHeapGrowth } from '../bin/limit-heap-growth.mjs';
import { CASES } from './cases/index.ts';
import { readServerVersion } from './lib/bench-database.ts';
import { formatCase } from './lib/format-report.ts';
import { isTargetMet, type BenchContext, type CaseResult } from './lib/types.ts';

// the garbage collector's policy of every sift process (bin/sift.mjs): cases measured in this process run under it too
limitHeapGrowth();

const RESULTS_FILE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results.json');

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    quick: { type: 'boolean', default: false },
    case: { type: 'string', multiple: true },
    runs: { type: 'string' },
    seed: { type: 'string', default: '20261125' },
    'parse-threads': { type: 'string' },
    list: { type: 'boolean', default: false },
  },
});

if (values.list) {
  for (const benchCase of CASES) process.stdout.write(`${benchCase.name.padEnd(16)} ${benchCase.summary}\n`);
  process.exit(0);
}

const unknown = (values.case ?? []).filter((name) => !CASES.some((benchCase) => benchCase.name === name));
if (unknown.length > 0) {
  process.stderr.write(`unknown case(s): ${unknown.join(', ')}; known: ${CASES.map((benchCase) => benchCase.name).join(', ')}\n`);
  process.exit(2);
}
const selected = values.case ? CASES.filter((benchCase) => values.case?.includes(benchCase.name)) : CASES;
const context: BenchContext = {
  quick: values.quick,
  runs: readPositiveInt(values.runs, '--runs') ?? (values.quick ? 1 : 3),
  seed: readPositiveInt(values.seed, '--seed') ?? 1,
  adminUrl: process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres',
  // One core stays with the main thread (fetch, store); see the parse pool figures in first-pass.
  parseThreads: readPositiveInt(values['parse-threads'], '--parse-threads') ?? Math.max(1, os.availableParallelism() - 1),
  progress: (message) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`),
};

const startedAt = new Date();
const machine = {
  cores: os.availableParallelism(),
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  memoryMB: Math.round(os.totalmem() / 2 ** 20),
  platform: `${os.platform()} ${os.release()}`,
  node: process.version,
  postgres: await readServerVersion(context.adminUrl),
  loadAverageAtStart: os.loadavg().map((load) => Number(load.toFixed(2))),
};
process.stdout.write(
  `sift bench — ${machine.cores} cores (${machine.cpuModel}), ${(machine.memoryMB / 1024).toFixed(1)} GiB, Node ${machine.node}, Postgres ${machine.postgres}; ` +
    `${context.runs} run(s) per figure${context.quick ? ' (--quick)' : ''}; load average at start ${machine.loadAverageAtStart.join(' ')}\n\n`,
);

const results: Record<string, CaseResult | { error: string }> = {};
let hasFailed = false;
for (const benchCase of selected) {
  try {
    const result = await benchCase.run(context);
    results[benchCase.name] = result;
    process.stdout.write(`${formatCase(`${benchCase.name} — ${benchCase.summary}`, result)}\n\n`);
  } catch (error) {
    hasFailed = true;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    results[benchCase.name] = { error: message };
    process.stdout.write(`== ${benchCase.name}: could not run\n   ${message}\n\n`);
  }
}

const targets = Object.values(results).flatMap((result) => ('targets' in result ? result.targets : []));
const passed = targets.filter(isTargetMet).length;
const loadAverageAtEnd = os.loadavg().map((load) => Number(load.toFixed(2)));
process.stdout.write(
  `targets: ${passed} PASS, ${targets.length - passed} MISS; took ${((Date.now() - startedAt.getTime()) / 1000).toFixed(0)} s; load average at end ${loadAverageAtEnd.join(' ')}\n`,
);
await writeFile(
  RESULTS_FILE,
  `${JSON.stringify({ startedAt: startedAt.toISOString(), machine: { ...machine, loadAverageAtEnd }, options: { quick: context.quick, runs: context.runs, seed: context.seed, parseThreads: context.parseThreads }, cases: results }, null, 2)}\n`,
);
process.stdout.write(`results written to ${path.relative(process.cwd(), RESULTS_FILE)}\n`);
process.exitCode = hasFailed ? 1 : 0;

function readPositiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) {
    process.stderr.write(`${flag} must be a positive integer, got "${value}"\n`);
    process.exit(2);
  }
  return parsed;
}
