/**
 * One error type for the whole app: a typed `code` callers branch on, a message for people, and the
 * original `cause`. Stage-specific subclasses narrow the code.
 */
export class AppError<Code extends string = string> extends Error {
  readonly code: Code;

  constructor(code: Code, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

export type FetchErrorCode =
  | 'TIMEOUT'
  | 'TOO_LARGE'
  | 'HTTP_STATUS'
  | 'NETWORK'
  | 'REDIRECT_LOOP'
  | 'TOO_MANY_REDIRECTS'
  | 'BAD_URL'
  /** A target chosen by a response (redirect, newsletter click-through) is on a private network. */
  | 'PRIVATE_ADDRESS';

/** A failed HTTP fetch. `status` is set for HTTP_STATUS; `retryAfterMs` when the server said when to come back. */
export class FetchError extends AppError<FetchErrorCode> {
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(code: FetchErrorCode, message: string, options?: { cause?: unknown; status?: number; retryAfterMs?: number }) {
    super(code, message, options);
    this.status = options?.status;
    this.retryAfterMs = options?.retryAfterMs;
  }
}

export type ParseErrorCode = 'NOT_A_FEED' | 'MALFORMED' | 'EMPTY' | 'DECODE';

/** Bytes that are not a usable feed. For NOT_A_FEED, `alternateUrl` names the feed an HTML page advertises. */
export class ParseError extends AppError<ParseErrorCode> {
  readonly alternateUrl?: string;

  constructor(code: ParseErrorCode, message: string, options?: { cause?: unknown; alternateUrl?: string }) {
    super(code, message, options);
    this.alternateUrl = options?.alternateUrl;
  }
}

/** One problem found in configuration, with its place (file and line) when known. */
export interface ConfigProblem {
  file: string;
  line?: number;
  column?: number;
  sourceId?: string;
  message: string;
}

/** Formats a problem the way `sift sources check` prints it: `sources.yaml:41 source "pycoders": …`. */
export function formatProblem(problem: ConfigProblem): string {
  let place = problem.file;
  if (problem.line !== undefined) place += `:${problem.line}`;
  if (problem.column !== undefined) place += `:${problem.column}`;
  const who = problem.sourceId !== undefined ? ` source "${problem.sourceId}"` : '';
  return `${place}${who}: ${problem.message}`;
}

export class ConfigError extends AppError<'CONFIG'> {
  readonly problems: ConfigProblem[];

  constructor(problems: ConfigProblem[]) {
    super('CONFIG', problems.map(formatProblem).join('\n'));
    this.problems = problems;
  }
}

/** True for failures that retrying will not fix (gone, not found, not a feed). */
export function isPermanentError(error: unknown): boolean {
  if (error instanceof ParseError) return error.code === 'NOT_A_FEED';
  if (error instanceof FetchError) {
    return (
      error.code === 'BAD_URL' ||
      error.code === 'PRIVATE_ADDRESS' ||
      (error.code === 'HTTP_STATUS' && [400, 401, 403, 404, 410].includes(error.status ?? 0))
    );
  }
  return false;
}
