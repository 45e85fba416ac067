import type { FastifyInstance } from 'fastify';
import { currentWeek } from '../../calendar/week.ts';
import { listSourceHealth } from '../../store/sources/list-source-health.ts';
import { readPageContext, type ReviewContext } from '../review-context.ts';
import { renderSourcesPage } from '../views/render-sources-page.ts';

/** The sources health table, broken first. */
export function registerSourcesRoutes(app: FastifyInstance, context: ReviewContext): void {
  app.get('/sources', async (request, reply) => {
    const now = context.clock.now();
    const query = request.query as Record<string, string | undefined>;
    const q = query.q?.trim().slice(0, 200) || undefined;
    const needle = q?.toLowerCase();
    const brokenOnly = query.broken === '1' || query.broken === 'on';
    const all = await listSourceHealth(context.db, now);
    const rows = all.filter(
      (row) =>
        (!brokenOnly || row.errorCount > 0) &&
        (!needle ||
          [row.id, row.name, row.url, row.kind, row.lastStatus ?? '', row.lastError ?? ''].some((field) =>
            field.toLowerCase().includes(needle),
          )),
    );
    const model = {
      rows,
      now,
      filter: { q, brokenOnly },
      totals: {
        all: all.length,
        broken: all.filter((row) => row.errorCount > 0).length,
        neverFetched: all.filter((row) => !row.lastFetchedAt).length,
      },
    };
    const page = readPageContext(context, request, reply, currentWeek(now, context.config.weekly).label);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(renderSourcesPage(model, context.config.weekly.timezone, page));
  });
}
