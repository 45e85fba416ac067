import { AppError } from '../shared/errors.ts';

/** A `--flag N` that must be a positive integer; `fallback` (from the environment) when absent. */
export function readPositiveInt<Fallback extends number | undefined>(
  value: string | undefined,
  fallback: Fallback,
  flag: string,
): number | Fallback {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new AppError('USAGE', `${flag} must be a positive integer, got "${value}"`);
  return parsed;
}

/** `--parse-threads N`: threads that parse feeds off the main thread, 0 for none; `fallback` (SIFT_PARSE_THREADS) when absent. */
export function readParseThreads(value: string | undefined, fallback: number): number {
  return value === '0' ? 0 : readPositiveInt(value, fallback, '--parse-threads');
}

/** `--port N` (0 picks a free port); `fallback` (PORT) when absent. */
export function readPort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new AppError('USAGE', `--port must be a port number (0–65535), got "${value}"`);
  return port;
}

/** `--parse-threads N` as `sift collect` and `sift worker` take it (see readParseThreads). */
export const parseThreadsOption = {
  type: 'string',
  value: 'N',
  description: 'threads that parse feeds, 0 = this thread (default SIFT_PARSE_THREADS: cores − 1)',
} as const;

/** `--port N` and `--host ADDRESS` of the commands that serve the review UI (see readPort, checkBindAddress). */
export const serverOptions = {
  port: { type: 'string', value: 'N', description: 'port of the review UI (default PORT, 3000; 0 picks a free one)' },
  host: {
    type: 'string',
    value: 'ADDRESS',
    description: 'address to listen on (default HOST, 127.0.0.1); a non-loopback one needs SIFT_REVIEW_TOKEN',
  },
} as const;

/** `--file FILE`: another sources file than SIFT_SOURCES. */
export const sourcesFileOption = {
  type: 'string',
  value: 'FILE',
  description: 'the sources file (default SIFT_SOURCES, ./sources.yaml)',
} as const;
