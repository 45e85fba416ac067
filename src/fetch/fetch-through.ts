import type { Dispatcher } from 'undici';

/**
 * The process's public-only dispatcher (see defaultPublicDispatcher), its module loaded on the
 * first call: it loads the undici package (about 60 ms of CPU), which a pass that never leaves
 * the operator's servers (every feed answering, or answering 304, from where it was configured)
 * does not need (bench/, case process).
 */
export async function loadPublicDispatcher(): Promise<Dispatcher> {
  return (await import('./public-dispatcher.ts')).defaultPublicDispatcher();
}

/**
 * `fetchImpl` with every request sent through `dispatcher`, by default the process's public-only
 * one, loaded with the first request (for code that takes a plain fetch).
 */
export function fetchThrough(fetchImpl: typeof fetch, dispatcher?: Dispatcher): typeof fetch {
  return async (input, init) => fetchImpl(input, { ...init, dispatcher: dispatcher ?? (await loadPublicDispatcher()) } as RequestInit);
}
