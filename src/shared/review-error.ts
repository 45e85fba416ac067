import { AppError } from './errors.ts';

export type ReviewErrorCode = 'NOT_FOUND' | 'VALIDATION' | 'CONFLICT' | 'BAD_URL';

/**
 * A request the review app turns down. `status` is the HTTP status it maps to; `current` carries
 * the row as it is now when a write lost an optimistic-concurrency race (409), so the client can
 * show what the other curator did instead of silently overwriting it.
 */
export class ReviewError extends AppError<ReviewErrorCode> {
  readonly status: number;
  readonly current?: unknown;
  /** For VALIDATION: every problem with the field it is about. */
  readonly issues?: ReadonlyArray<{ field: string; message: string }>;

  constructor(
    code: ReviewErrorCode,
    message: string,
    options: { current?: unknown; issues?: ReadonlyArray<{ field: string; message: string }>; cause?: unknown } = {},
  ) {
    super(code, message, { cause: options.cause });
    this.status = STATUS[code];
    this.current = options.current;
    this.issues = options.issues;
  }
}

const STATUS: Record<ReviewErrorCode, number> = { NOT_FOUND: 404, VALIDATION: 400, CONFLICT: 409, BAD_URL: 400 };
