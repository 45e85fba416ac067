// Worker-thread entry of the process-feed pool when sift runs from its sources. A worker does not
// inherit the main thread's tsx hooks, so it registers tsx itself and loads the TypeScript worker.
// The build (scripts/build.ts) writes the compiled worker under this same name beside the bundle,
// so the pool starts whichever sits next to it.
import { register } from 'tsx/esm/api';

register();
await import('./process-feed-worker.ts');
