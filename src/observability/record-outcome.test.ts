import { describe, expect, it } from 'vitest';
import type { RefreshOutcome } from '../refresh/refresh-source.ts';
import { FetchError, ParseError } from '../shared/errors.ts';
import { createMetrics } from './create-metrics.ts';
import { recordOutcome } from './record-outcome.ts';

const outcomes: RefreshOutcome[] = [
  { status: 'ok', sourceId: 'a', itemsFound: 5, itemsNew: 3, sightingsNew: 4, durationMs: 120 },
  { status: 'ok', sourceId: 'b', itemsFound: 2, itemsNew: 0, sightingsNew: 1, durationMs: 80 },
  { status: 'not_modified', sourceId: 'c', durationMs: 30 },
  { status: 'failed', sourceId: 'd', error: new FetchError('HTTP_STATUS', 'HTTP 404', { status: 404 }), isPermanent: true, durationMs: 50 },
  {
    status: 'failed',
    sourceId: 'e',
    error: new FetchError('HTTP_STATUS', 'HTTP 429', { status: 429, retryAfterMs: 1000 }),
    isPermanent: false,
    durationMs: 40,
  },
  { status: 'failed', sourceId: 'f', error: new ParseError('NOT_A_FEED', 'an HTML page'), isPermanent: true, durationMs: 60 },
];

describe('recordOutcome', () => {
  it('counts outcomes by type, error code and HTTP status, and what was stored', async () => {
    const metrics = createMetrics({ processMetrics: false });
    for (const outcome of outcomes) recordOutcome(metrics, outcome);
    const text = await metrics.registry.metrics();

    expect(text).toContain('sift_fetch_outcomes_total{outcome="ok",error_code="",http_status=""} 2');
    expect(text).toContain('sift_fetch_outcomes_total{outcome="not_modified",error_code="",http_status=""} 1');
    expect(text).toContain('sift_fetch_outcomes_total{outcome="failed",error_code="HTTP_STATUS",http_status="404"} 1');
    expect(text).toContain('sift_fetch_outcomes_total{outcome="failed",error_code="HTTP_STATUS",http_status="429"} 1');
    expect(text).toContain('sift_fetch_outcomes_total{outcome="failed",error_code="NOT_A_FEED",http_status=""} 1');
    expect(text).toContain('sift_items_stored_total 3');
    expect(text).toContain('sift_sightings_stored_total 5');
    expect(text).toContain('sift_fetch_duration_seconds_count{outcome="ok"} 2');
    expect(text).toContain('sift_fetch_duration_seconds_sum{outcome="ok"} 0.2');
  });

  it('keeps each process in its own registry', async () => {
    const [first, second] = [createMetrics({ processMetrics: false }), createMetrics({ processMetrics: false })];
    recordOutcome(first, outcomes[0]);
    expect(await second.registry.metrics()).toContain('sift_items_stored_total 0');
  });
});
