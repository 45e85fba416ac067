import { AppError } from '../shared/errors.ts';

export type DraftErrorCode =
  /** SIFT_LLM_URL is not set: nothing is drafted. */
  | 'NOT_CONFIGURED'
  /** The week's SIFT_LLM_WEEKLY_BUDGET of endpoint calls is used up. */
  | 'BUDGET'
  /** The endpoint did not answer within SIFT_LLM_TIMEOUT_MS. */
  | 'TIMEOUT'
  /** The endpoint answered with an HTTP error (401, 404, 429, 500…). */
  | 'HTTP_STATUS'
  /** No connection (refused, DNS, reset). */
  | 'NETWORK'
  /** The endpoint answered, but not with a draft we can use. */
  | 'MALFORMED_REPLY'
  /** The item is gone. */
  | 'NOT_FOUND';

/** A draft that could not be made. The message is what the curator sees on the card, so it says what and where. */
export class DraftError extends AppError<DraftErrorCode> {
  readonly status?: number;

  constructor(code: DraftErrorCode, message: string, options?: { cause?: unknown; status?: number }) {
    super(code, message, options);
    this.status = options?.status;
  }
}
