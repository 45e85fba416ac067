const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * Parses a duration as written in sources.yaml: `90s`, `30m`, `6h`, `1d`, or a bare number of minutes.
 * Returns milliseconds, or null when the text is not a duration.
 */
export function parseDuration(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value * UNIT_MS.m : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([smhd])\s*$/.exec(value);
  if (!match) return null;
  const amount = Number(match[1]);
  return amount > 0 ? Math.round(amount * UNIT_MS[match[2] as keyof typeof UNIT_MS]) : null;
}
