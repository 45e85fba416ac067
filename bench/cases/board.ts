import { rankWeek } from '../../src/curate/rank-week.ts';
import { createRankCandidateSource } from '../../src/review/create-rank-candidate-source.ts';
import { loadBoard, type BoardDeps, type BoardFilters } from '../../src/review/load-board.ts';
import { renderWeekBoard } from '../../src/review/render-week-board.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { createBenchDatabase, type Engine } from '../lib/bench-database.ts';
import { median, time } from '../lib/measure.ts';
import { readRankBenchConfig, seedRankHistory, type RankSeed } from '../lib/seed-rank-history.ts';
import type { BenchCase, Metric, TargetCheck } from '../lib/types.ts';

const WEEK = '2026-W48';
/** Two weeks of 325 links: the ranked one gives about 300 cards once reposts merge, links published last week drop out and last week's carried-over picks join. */
const ITEM_COUNT = 650;
const WEEK_COUNT = 2;
/** Timed renders per run after one untimed warm-up; their median is the run's figure. */
const FULL_RENDERS = 9;
const QUICK_RENDERS = 5;
const LIMIT_MS = 300;
const ENGINES: Engine[] = ['postgres', 'pglite'];
const LABEL: Record<Engine, string> = { postgres: 'Postgres', pglite: 'PGlite (in memory)' };
/** A search a curator types: every card's text is scanned, so it costs at least what the plain board does. */
const SEARCH: BoardFilters = { q: 'python', showRejected: true };

/**
 * The review board of a week with about 300 candidates, as `GET /weeks/:week` builds it minus
 * HTTP: renderWeekBoard with the rank stage's candidate source over a week ranked beforehand (the
 * stored ranking is fresh, so the board reads it instead of re-ranking). Warm: one untimed render,
 * then the median of several. Also timed: loadBoard alone (the database part; the rest is
 * building HTML) and the board with a text search. A freshly seeded database per run and engine.
 */
export const board: BenchCase = {
  name: 'board',
  summary: 'the week board with ~300 candidates renders in < 300 ms server time (Postgres, PGlite)',
  async run(context) {
    const renders = context.quick ? QUICK_RENDERS : FULL_RENDERS;
    const config = readRankBenchConfig();
    const series = new Map<string, number[]>();
    const record = (key: string, value: number) => series.set(key, [...(series.get(key) ?? []), value]);
    let seed: RankSeed | undefined;
    let cards = 0;
    let decided = 0;

    for (let run = 0; run < context.runs; run++) {
      const order = run % 2 === 0 ? ENGINES : [...ENGINES].reverse();
      for (const engine of order) {
        context.progress(`board run ${run + 1}/${context.runs}, ${LABEL[engine]}`);
        const database = await createBenchDatabase(engine, context.adminUrl);
        try {
          seed = await seedRankHistory(database.db, { itemCount: ITEM_COUNT, weekCount: WEEK_COUNT, week: WEEK, config });
          const rankDeps = { db: database.db, config, clock: fixedClock(seed.now) };
          const ranked = await time(() => rankWeek(rankDeps, WEEK));
          record(`${engine}:rank`, ranked.ms);
          const deps: BoardDeps = { db: database.db, config, candidates: createRankCandidateSource(rankDeps) };

          const cold = await time(() => renderWeekBoard(deps, { week: WEEK }));
          record(`${engine}:cold`, cold.ms);
          record(`${engine}:bytes`, Buffer.byteLength(cold.value) / 1e6);
          const model = await loadBoard(deps, WEEK);
          cards = model.totals.candidates;
          decided = model.totals.accepted + model.totals.rejected;
          if (cards < 250) throw new Error(`board: expected about 300 cards, the seeded week gave ${cards}`);

          const timings = { render: [] as number[], cpu: [] as number[], load: [] as number[], search: [] as number[] };
          for (let call = 0; call < renders; call++) {
            const rendered = await time(() => renderWeekBoard(deps, { week: WEEK }));
            timings.render.push(rendered.ms);
            timings.cpu.push(rendered.cpuMs);
            timings.load.push((await time(() => loadBoard(deps, WEEK))).ms);
            timings.search.push((await time(() => renderWeekBoard(deps, { week: WEEK, filters: SEARCH }))).ms);
          }
          const renderMs = median(timings.render);
          const loadMs = median(timings.load);
          record(`${engine}:render`, renderMs);
          record(`${engine}:cpu`, median(timings.cpu));
          record(`${engine}:load`, loadMs);
          record(`${engine}:html`, Math.max(0, renderMs - loadMs));
          record(`${engine}:search`, median(timings.search));
        } finally {
          await database.drop();
        }
      }
    }

    const samples = (key: string) => series.get(key) ?? [];
    const metrics: Metric[] = ENGINES.flatMap((engine): Metric[] => [
      { name: `renderWeekBoard, ${LABEL[engine]} (median of ${renders} warm renders)`, unit: 'ms', samples: samples(`${engine}:render`) },
      { name: '  CPU time of the sift process (PGlite: includes the database)', unit: 'ms', samples: samples(`${engine}:cpu`) },
      { name: '  of which loadBoard (stored ranking, decisions, items, sightings)', unit: 'ms', samples: samples(`${engine}:load`) },
      { name: '  of which building the HTML (render − loadBoard)', unit: 'ms', samples: samples(`${engine}:html`) },
      { name: `  with a search (q="${SEARCH.q}", rejected shown)`, unit: 'ms', samples: samples(`${engine}:search`) },
      { name: '  first render on a fresh database (cold)', unit: 'ms', samples: samples(`${engine}:cold`) },
      { name: '  page size', unit: 'MB', samples: samples(`${engine}:bytes`) },
      { name: '  rankWeek beforehand (not part of the target)', unit: 'ms', samples: samples(`${engine}:rank`) },
    ]);
    const targets: TargetCheck[] = ENGINES.map((engine) => ({
      name: `board, ${LABEL[engine]} < ${LIMIT_MS} ms`,
      measured: median(samples(`${engine}:render`)),
      comparison: '<=' as const,
      limit: LIMIT_MS,
      unit: 'ms' as const,
      detail: `renderWeekBoard (${cards} cards), median of ${renders} warm renders per run`,
    }));
    return {
      setup: [
        ...(context.quick ? [`--quick: ${QUICK_RENDERS} timed renders per run instead of ${FULL_RENDERS}`] : []),
        `${cards} cards on the board (${decided} accepted or rejected this week) from ${seed?.counts.weekItems ?? '?'} links in ${WEEK}, ${seed?.counts.sources ?? '?'} sources; ranked once with rankWeek and read back through createRankCandidateSource (stored ranking fresh, no re-rank); a fresh database per run and engine`,
      ],
      metrics,
      targets,
    };
  },
};
