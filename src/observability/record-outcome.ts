import type { RefreshOutcome } from '../refresh/refresh-source.ts';
import type { SiftMetrics } from './create-metrics.ts';

/**
 * Counts one source refresh: duration, outcome with its error code (and HTTP status, so 404s and
 * 429s can be told apart), and what it stored. The BullMQ worker and the in-process collect both
 * call it, so dashboards do not depend on the run mode.
 */
export function recordOutcome(metrics: SiftMetrics, outcome: RefreshOutcome): void {
  const failure = outcome.status === 'failed' ? outcome.error : undefined;
  const status = failure && 'status' in failure && typeof failure.status === 'number' ? String(failure.status) : '';
  metrics.fetchDuration.observe({ outcome: outcome.status }, outcome.durationMs / 1000);
  metrics.fetchOutcomes.inc({ outcome: outcome.status, error_code: failure?.code ?? '', http_status: status });
  if (outcome.status === 'ok') {
    metrics.itemsStored.inc(outcome.itemsNew);
    metrics.sightingsStored.inc(outcome.sightingsNew);
  }
}
