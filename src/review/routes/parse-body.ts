import type { z } from 'zod';
import { ReviewError } from '../../shared/review-error.ts';

/**
 * Validates a request body (JSON or form) and throws ReviewError VALIDATION listing every problem
 * with its field, so the 400 says what to fix. The `_csrf` form field is not part of any schema.
 */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const input = body && typeof body === 'object' ? { ...(body as Record<string, unknown>) } : {};
  delete input._csrf;
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || '(body)', message: issue.message }));
  throw new ReviewError('VALIDATION', issues.map((issue) => `${issue.field}: ${issue.message}`).join('; '), { issues });
}
