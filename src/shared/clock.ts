/** The only source of "now" for code that must be testable with a fixed time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at `at` (tests), movable with `set`. */
export function fixedClock(at: Date | string): Clock & { set(next: Date | string): void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = new Date(next);
    },
  };
}
