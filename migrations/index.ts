import type { Migration } from 'kysely';
import * as core from './0001_core.ts';
import * as rank from './0002_rank.ts';
import * as linkRedirects from './0003_link_redirects.ts';
import * as sightingAppearances from './0004_sighting_appearances.ts';
import * as reviewSessions from './0005_review_sessions.ts';
import * as urlHashes from './0006_url_hashes.ts';
import * as decisionImages from './0007_decision_images.ts';
import * as syncState from './0008_sync_state.ts';
import * as readablePages from './0009_readable_pages.ts';
import * as drafts from './0010_drafts.ts';
import * as sightingPositions from './0011_sighting_positions.ts';
import * as urlMd5Lookups from './0012_url_md5_lookups.ts';

/**
 * Every migration by name, in order. A static list rather than a directory scan, so the bundle
 * built by scripts/build.ts carries the migrations inside it. Add each new numbered file here
 * (src/db/migrate.test.ts fails when one is missing).
 */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '0001_core': core,
  '0002_rank': rank,
  '0003_link_redirects': linkRedirects,
  '0004_sighting_appearances': sightingAppearances,
  '0005_review_sessions': reviewSessions,
  '0006_url_hashes': urlHashes,
  '0007_decision_images': decisionImages,
  '0008_sync_state': syncState,
  '0009_readable_pages': readablePages,
  '0010_drafts': drafts,
  '0011_sighting_positions': sightingPositions,
  '0012_url_md5_lookups': urlMd5Lookups,
};
