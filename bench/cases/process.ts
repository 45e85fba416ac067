import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countUsableCores } from '../../src/config/count-usable-cores.ts';
import { parseSources } from '../../src/config/load-sources.ts';
import { weekOfDate } from '../../src/calendar/week.ts';
import { saveDecision } from '../../src/store/decisions/save-decision.ts';
import { startFixture, type Fixture } from '../fixture/start-fixture.ts';
import { createBenchDatabase, type BenchDatabase } from '../lib/bench-database.ts';
import { buildSnapshot, type SiftSnapshot } from '../lib/build-snapshot.ts';
import { renderSourcesYaml } from '../lib/make-sources-config.ts';
import { median } from '../lib/measure.ts';
import { timeProcess, type TimedProcess } from '../lib/time-process.ts';
import type { BenchCase, BenchContext, CaseResult, Metric, TargetCheck } from '../lib/types.ts';

const SOURCE_COUNT = 250;
const QUICK_SOURCE_COUNT = 100;
const PORT_COUNT = 64;
/** The fixture's items reach back 90 days from 2025-09-01 (fixture/generate-items.ts): this week has plenty. */
const RANK_DATE = '2025-08-28';
/** Accepted per category before `sift export`: a full issue. */
const ACCEPTED_PER_CATEGORY = 12;
const PEER_SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../peer-fetch-parse.py');
/** Debian's interpreter, where python3-httpx and python3-feedparser install (a pyenv or venv python on PATH may lack them). */
const PEER_PYTHON = '/usr/bin/python3';

interface Launcher {
  key: 'node' | 'npx' | 'npm';
  label: string;
  command: string;
  prefix: string[];
}

/** The three ways a user starts sift: the entry itself (as the image and an installed `sift` do), npx, and the npm script. */
const LAUNCHERS: readonly Launcher[] = [
  { key: 'node', label: 'node bin/sift.mjs', command: process.execPath, prefix: ['bin/sift.mjs'] },
  { key: 'npx', label: 'npx sift', command: 'npx', prefix: ['sift'] },
  { key: 'npm', label: 'npm run sift --', command: 'npm', prefix: ['run', '--silent', 'sift', '--'] },
];

type StepKey = 'first' | 'second' | 'rank' | 'export' | 'status' | 'version';

interface Step {
  key: StepKey;
  label: string;
  args(week: string): string[];
  /** Throws unless the process did what it was asked (every source fetched, every feed 304, …). */
  check(result: TimedProcess, fixture: Fixture, count: number): Promise<void>;
}

const STEPS: readonly Step[] = [
  {
    key: 'first',
    label: 'sift collect, first pass',
    args: () => ['collect', '--json'],
    async check(result, fixture, count) {
      const summary = readJsonLine(result.stdout);
      const served = await fixture.counts();
      if (summary.ok !== count || served.ok !== count)
        throw new Error(`first pass: expected ${count} sources ok, got ${summary.ok} (server answered ${served.ok} 200s)`);
    },
  },
  {
    key: 'second',
    label: 'sift collect --all, second pass (all 304)',
    args: () => ['collect', '--all', '--json'],
    async check(result, fixture, count) {
      const summary = readJsonLine(result.stdout);
      const served = await fixture.counts();
      if (summary.notModified !== count || served.notModified !== count)
        throw new Error(
          `second pass: expected ${count} not modified, got ${summary.notModified} (server answered ${served.notModified} 304s)`,
        );
    },
  },
  {
    key: 'rank',
    label: `sift rank --date ${RANK_DATE}`,
    args: () => ['rank', '--date', RANK_DATE],
    async check(result) {
      if (!/: \d+ candidate\(s\)/.test(result.stdout) || /: 0 candidate\(s\)/.test(result.stdout))
        throw new Error(`sift rank printed no candidates:\n${result.stdout.slice(0, 500)}`);
    },
  },
  {
    key: 'export',
    label: 'sift export --week W --issue 1',
    args: (week) => ['export', '--week', week, '--issue', '1'],
    async check(result) {
      if (!result.stdout.includes('](http')) throw new Error(`sift export printed no links:\n${result.stdout.slice(0, 500)}`);
    },
  },
  {
    key: 'status',
    label: 'sift sources status',
    args: () => ['sources', 'status'],
    async check(result, _fixture, count) {
      if (!result.stdout.includes(`${count} source(s)`))
        throw new Error(`sift sources status did not list ${count} sources:\n${result.stdout.slice(-500)}`);
    },
  },
  {
    key: 'version',
    label: 'sift --version (no-op: start-up)',
    args: () => ['--version'],
    async check(result) {
      if (!/^\d+\.\d+\.\d+/.test(result.stdout)) throw new Error(`sift --version printed ${JSON.stringify(result.stdout)}`);
    },
  },
];

/**
 * Whole `sift` processes, start to exit, as a user (or cron) times them: the first and second
 * collect passes, rank, export, sources status and a no-op, each through the three launchers,
 * next to a Python httpx + feedparser script that fetches and parses the same feeds (and does
 * nothing else), all in the same run. sift runs from a snapshot of the working tree built with
 * `npm run build`; every launcher gets a fresh, migrated database per run.
 */
export const wholeProcess: BenchCase = {
  name: 'process',
  summary:
    'whole processes, start to exit: collect (first, all 304), rank, export, sources status, --version; node / npx / npm run; vs a Python httpx + feedparser peer',
  async run(context) {
    await checkPeerCanRun();
    const count = context.quick ? QUICK_SOURCE_COUNT : SOURCE_COUNT;
    context.progress('process: copying and building sift (npm run build)');
    const snapshot = await buildSnapshot();
    const folder = await mkdtemp(path.join(os.tmpdir(), 'sift-process-'));
    let fixture: Fixture | undefined;
    try {
      context.progress(`process: generating and serving ${count} feeds on ${PORT_COUNT} ports`);
      fixture = await startFixture({ seed: context.seed, count, profile: 'realistic', portCount: PORT_COUNT });
      return await measure(context, snapshot, fixture, folder);
    } finally {
      await fixture?.close();
      await rm(folder, { recursive: true, force: true });
      await snapshot.remove();
    }
  },
};

async function measure(context: BenchContext, snapshot: SiftSnapshot, fixture: Fixture, folder: string): Promise<CaseResult> {
  const count = fixture.feeds.length;
  const sourcesFile = path.join(folder, 'sources.yaml');
  const yaml = renderSourcesYaml(fixture.feeds);
  await writeFile(sourcesFile, yaml);
  const weekly = parseSources(yaml, sourcesFile).weekly;
  const week = weekOfDate(RANK_DATE, weekly).label;
  const urlList = path.join(folder, 'urls.txt');
  await writeFile(urlList, `${fixture.feeds.map((feed) => feed.url).join('\n')}\n`);

  const series = new Map<string, number[]>();
  const record = (key: string, value: number | undefined) => {
    if (value !== undefined) series.set(key, [...(series.get(key) ?? []), value]);
  };
  let peerEntries = 0;
  for (let run = 0; run < context.runs; run++) {
    context.progress(`process run ${run + 1}/${context.runs}: peer (Python httpx + feedparser)`);
    const peer = await timeProcess(PEER_PYTHON, [PEER_SCRIPT, urlList], { cwd: folder, env: process.env });
    const peerResult = readJsonLine(peer.stdout);
    if (peerResult.feeds !== count || peerResult.failed !== 0)
      throw new Error(`peer: expected ${count} feeds and no failure, got ${peer.stdout}`);
    peerEntries = Number(peerResult.entries);
    record('peer', peer.ms);
    record('peer:cpu', peer.cpuMs);
    // rotate so no launcher always goes first (cold caches) or last
    const order = LAUNCHERS.map((_, index) => LAUNCHERS[(index + run) % LAUNCHERS.length] as Launcher);
    for (const launcher of order) {
      context.progress(`process run ${run + 1}/${context.runs}: ${launcher.label}`);
      const database = await createBenchDatabase('postgres', context.adminUrl);
      try {
        const env = siftEnv(database, sourcesFile, folder);
        for (const step of STEPS) {
          if (step.key === 'export') await acceptTopCandidates(database, week);
          await fixture.resetCounts();
          const result = await timeProcess(launcher.command, [...launcher.prefix, ...step.args(week)], { cwd: snapshot.root, env });
          await step.check(result, fixture, count);
          record(`${launcher.key}:${step.key}`, result.ms);
          record(`${launcher.key}:${step.key}:cpu`, result.cpuMs);
          record(`${launcher.key}:${step.key}:rss`, result.peakRssMB);
        }
      } finally {
        await database.drop();
      }
    }
    // The default leaves a core to the main thread (fetch, store); on a first pass it idles about half the time.
    context.progress(`process run ${run + 1}/${context.runs}: first pass with --parse-threads ${countUsableCores()}`);
    const allCores = await createBenchDatabase('postgres', context.adminUrl);
    try {
      await fixture.resetCounts();
      const result = await timeProcess(
        process.execPath,
        ['bin/sift.mjs', 'collect', '--json', '--parse-threads', String(countUsableCores())],
        { cwd: snapshot.root, env: siftEnv(allCores, sourcesFile, folder) },
      );
      await (STEPS[0] as Step).check(result, fixture, count);
      record('node:first-all-cores', result.ms);
      record('node:first-all-cores:cpu', result.cpuMs);
    } finally {
      await allCores.drop();
    }
    const at = (key: string) => series.get(key)?.[run] as number;
    record('ratio:first', at('node:first') / at('peer'));
    record('ratio:first-all-cores', at('node:first-all-cores') / at('peer'));
    for (const launcher of LAUNCHERS.filter((candidate) => candidate.key !== 'node'))
      record(`overhead:${launcher.key}`, at(`${launcher.key}:version`) - at('node:version'));
  }

  const samples = (key: string) => series.get(key) ?? [];
  const metric = (name: string, key: string, unit: Metric['unit']): Metric[] =>
    samples(key).length > 0 ? [{ name, unit, samples: samples(key) }] : [];
  const node = (step: StepKey) => median(samples(`node:${step}`));
  const limitTarget = (name: string, step: StepKey, limit: number): TargetCheck => ({
    name,
    measured: node(step),
    comparison: '<=',
    limit,
    unit: 'ms',
    detail: 'wall time of `node bin/sift.mjs …`, spawn to exit',
  });
  return {
    setup: [
      ...(context.quick ? [`--quick: ${count} sources instead of ${SOURCE_COUNT}`] : []),
      `${count} feeds on ${PORT_COUNT} ports, ${(fixture.totalBytes / 1e6).toFixed(1)} MB, ${peerEntries.toLocaleString('en')} entries as feedparser counts them; Postgres, a fresh migrated database per launcher and run; sift built with \`npm run build\` (a snapshot of the working tree), default settings (parse threads: ${Math.max(1, countUsableCores() - 1)} of ${countUsableCores()} usable cores), output piped`,
      `peer: ${path.relative(process.cwd(), PEER_SCRIPT)} on ${PEER_PYTHON} (httpx.AsyncClient, every feed at once, feedparser on each body; nothing stored)`,
    ],
    metrics: [
      ...metric('peer: Python httpx + feedparser, fetch and parse', 'peer', 'ms'),
      ...metric('  CPU time (user + system)', 'peer:cpu', 'ms'),
      ...STEPS.flatMap((step) => [
        ...LAUNCHERS.flatMap((launcher) => metric(`${step.label}: ${launcher.label}`, `${launcher.key}:${step.key}`, 'ms')),
        ...metric(`  CPU time: node bin/sift.mjs`, `node:${step.key}:cpu`, 'ms'),
        ...metric(`  peak RSS: node bin/sift.mjs`, `node:${step.key}:rss`, 'MB'),
      ]),
      ...metric(
        `sift collect --parse-threads ${countUsableCores()} (every core), first pass: node bin/sift.mjs`,
        'node:first-all-cores',
        'ms',
      ),
      ...metric('  CPU time', 'node:first-all-cores:cpu', 'ms'),
      ...metric(`  ÷ peer`, 'ratio:first-all-cores', '×'),
      ...metric('npx sift: start-up added to node bin/sift.mjs (--version)', 'overhead:npx', 'ms'),
      ...metric('npm run sift: start-up added to node bin/sift.mjs (--version)', 'overhead:npm', 'ms'),
    ],
    targets: [
      {
        name: 'first pass ≤ 0.5 × the peer',
        measured: median(samples('ratio:first')),
        comparison: '<=',
        limit: 0.5,
        unit: '×',
        detail: '`node bin/sift.mjs collect` ÷ peer, wall time, same run',
      },
      limitTarget('second pass (all 304) ≤ 0.6 s', 'second', 600),
      limitTarget('sift sources status ≤ 0.5 s', 'status', 500),
      limitTarget('sift export ≤ 0.5 s', 'export', 500),
      limitTarget('start-up of a no-op (sift --version) ≤ 0.25 s', 'version', 250),
    ],
    notes: [
      'targets are checked on `node bin/sift.mjs` (what the image and an installed `sift` run); npx and npm run add their own start-up, shown above',
    ],
  };
}

/** Every variable a user would set: this run's database and sources file; nothing from the bench's own configuration. */
function siftEnv(database: BenchDatabase, sourcesFile: string, folder: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    SIFT_SOURCES: sourcesFile,
    SIFT_DATA_DIR: path.join(folder, 'data'),
  };
  for (const name of ['REDIS_URL', 'LOG_LEVEL', 'SIFT_PARSE_THREADS', 'SIFT_CONCURRENCY', 'SIFT_HOST_CONCURRENCY', 'NODE_OPTIONS'])
    delete env[name];
  return env;
}

/** What a curator does between `sift rank` and `sift export`: accept the top of each category, through the review UI's own function. */
async function acceptTopCandidates(database: BenchDatabase, week: string): Promise<void> {
  const top = await database.db
    .selectFrom('candidates')
    .select(['item_id', 'category'])
    .where('week', '=', week)
    .where('rank', '<=', ACCEPTED_PER_CATEGORY)
    .execute();
  if (top.length === 0) throw new Error(`no stored candidates for ${week} to accept before sift export`);
  for (const candidate of top) {
    await saveDecision(database.db, {
      week,
      itemId: Number(candidate.item_id),
      expectedVersion: 0,
      patch: { status: 'accepted', category: candidate.category },
      decidedBy: 'bench',
      now: new Date(),
    });
  }
}

/** The last non-empty line of a process's stdout, as JSON (a command may print lines before its summary). */
function readJsonLine(stdout: string): Record<string, unknown> {
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error(`expected a JSON line at the end of the output, got: ${stdout.slice(-500)}`);
  }
}

async function checkPeerCanRun(): Promise<void> {
  if (!existsSync(PEER_PYTHON)) throw new Error(`${PEER_PYTHON} is missing: apt-get install python3 python3-httpx python3-feedparser`);
  const probe = await timeProcess(PEER_PYTHON, ['-c', 'import httpx, feedparser'], {
    cwd: os.tmpdir(),
    env: process.env,
    allowFailure: true,
  });
  if (probe.code !== 0)
    throw new Error(
      `the peer needs Debian's python3-httpx and python3-feedparser (apt-get install python3-httpx python3-feedparser): ${probe.stderr.trim().split('\n').at(-1)}`,
    );
}
