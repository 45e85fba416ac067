import type { Migration } from 'kysely';
import * as core from './0001_core.ts';
import * as rank from './0002_rank.ts';
import * as linkRedirects from './0003_link_redirects.ts';
import * as sightingAppearances from './0004_sighting_appearances.ts';

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
};
