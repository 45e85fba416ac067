import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeedServer } from './feed-server.ts';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/read');

/** A page of test/fixtures/read (article.html, github-repo.html, hostile.html). */
export function readPageFixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

/**
 * A fetch that serves the whole web from one local server: `https://host/path` is fetched as
 * `http://127.0.0.1:PORT/host/path`, so a seeded item's own URL (https://blog.test/…,
 * https://github.com/…) reaches a page the test registered under `/blog.test/…`. Pair it with
 * private networks allowed: every answer comes from 127.0.0.1.
 */
export function fetchFromLocalWeb(server: FeedServer): typeof fetch {
  return (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    return fetch(url.replace(/^https?:\/\/(?!127\.0\.0\.1)/, `${server.origin}/`), init);
  };
}
