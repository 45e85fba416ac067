import { loadBoard, type BoardDeps, type BoardFilters } from './load-board.ts';
import { loadSourceAlert } from '../store/sources/load-source-alert.ts';
import { renderBoardPage } from './views/render-board-page.ts';
import type { PageContext } from './views/render-layout.ts';

/**
 * The week board's HTML from the database: what `GET /weeks/:week` sends, without the HTTP part.
 * Exported for the benchmark, which times it on a week of 300 candidates (target < 300 ms); the
 * page context defaults to an anonymous one.
 *
 * @example const html = await renderWeekBoard({ db, config, candidates }, { week: '2026-W48' });
 */
export async function renderWeekBoard(
  deps: BoardDeps,
  input: { week: string; filters?: BoardFilters; page?: PageContext },
): Promise<string> {
  const [board, sourceAlert] = await Promise.all([loadBoard(deps, input.week, input.filters ?? {}), loadSourceAlert(deps.db)]);
  const page = input.page ?? { csrfToken: '', assetVersion: '0', curator: null, isAuthEnabled: false, week: board.week.label };
  return renderBoardPage(board, deps.config.weekly, page, { sourceAlert });
}
