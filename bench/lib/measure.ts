/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

export interface Timed<T> {
  value: T;
  ms: number;
  /** CPU time of this process (every thread) during the call: less sensitive than wall time to other load on the machine. */
  cpuMs: number;
}

/** Wall and CPU time of one call. */
export async function time<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const value = await work();
  const ms = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { value, ms, cpuMs: (cpu.user + cpu.system) / 1000 };
}
