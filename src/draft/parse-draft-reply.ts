import { z } from 'zod';
import { shortenForLog } from '../shared/shorten-for-log.ts';
import { DraftError } from './draft-error.ts';

/** A drafted item as the model must return it. */
export interface DraftText {
  title: string;
  summary: string;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

const draftSchema = z.object({
  title: z.string().transform(oneLine).pipe(z.string().min(1, 'is empty').max(200, 'is longer than 200 characters')),
  summary: z
    .string()
    .transform((text) => text.trim())
    .pipe(z.string().min(1, 'is empty').max(2000, 'is longer than 2000 characters')),
});

/**
 * The draft inside a model's reply. Models asked for JSON still wrap it in ```json fences or add a
 * sentence around it, so this takes the outermost `{…}`; then the object must have a non-empty
 * string `title` and `summary` of sane length (a raw line break inside a string, which
 * JSON forbids and models write, is read as a space). A reply that is not that is refused with what was
 * wrong and the start of what came back, so the curator can tell a wrong model from a bad day.
 *
 * @throws DraftError MALFORMED_REPLY
 */
export function parseDraftReply(content: string): DraftText {
  const preview = JSON.stringify(shortenForLog(content.replace(/\s+/g, ' ').trim(), 120));
  const unfenced = content.replace(/```(?:json)?/gi, '');
  const start = unfenced.indexOf('{');
  const end = unfenced.lastIndexOf('}');
  if (start < 0 || end < start) throw new DraftError('MALFORMED_REPLY', `the model's reply holds no JSON object: ${preview}`);
  const candidate = unfenced.slice(start, end + 1);
  let json: unknown;
  try {
    json = JSON.parse(candidate);
  } catch {
    // Models often break lines inside strings, which JSON forbids; outside strings a line break is only space.
    try {
      json = JSON.parse(candidate.replace(/[\r\n\t]+/g, ' '));
    } catch {
      throw new DraftError('MALFORMED_REPLY', `the model's reply is not valid JSON: ${preview}`);
    }
  }
  const parsed = draftSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'reply'} ${issue.code === 'invalid_type' ? 'is missing or not text' : issue.message}`,
    );
    throw new DraftError('MALFORMED_REPLY', `the model's reply is not a draft {"title", "summary"}: ${problems.join('; ')}: ${preview}`);
  }
  return parsed.data;
}
