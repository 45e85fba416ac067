/** hnrss (and feeds built like it) end each description with these lines. */
const POINTS = /(?:^|\s)Points:\s*(\d+)/;
const COMMENTS = /#\s*Comments:\s*(\d+)/;
const BOILERPLATE = /\b(?:Article URL|Comments URL):\s*\S+|(?:^|\s)Points:\s*\d+|#\s*Comments:\s*\d+/g;

export interface Engagement {
  points: number | null;
  comments: number | null;
  /** The text without the hnrss boilerplate lines, so the summary is what the post says (or empty). */
  text: string;
}

/**
 * Reads the points and comment counts hnrss writes into item descriptions (`Points: 412`,
 * `# Comments: 99`) from their plain text. Only text that has the `# Comments:` line or the
 * `Comments URL:` line is treated as hnrss, so an article that merely says "Points: 3" keeps it.
 */
export function extractEngagement(text: string): Engagement {
  const isHnrss = COMMENTS.test(text) || /\bComments URL:/.test(text);
  if (!isHnrss) return { points: null, comments: null, text };
  const points = POINTS.exec(text);
  const comments = COMMENTS.exec(text);
  return {
    points: points ? Number(points[1]) : null,
    comments: comments ? Number(comments[1]) : null,
    text: text.replace(BOILERPLATE, ' ').replace(/\s+/g, ' ').trim(),
  };
}
