import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nothing listens on right now (bound to 0 and released). */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port bound');
  return address.port;
}

export interface ThrowawayRedis {
  readonly port: number;
  readonly url: string;
  /** Starts the server (again), empty: no RDB, no AOF. Resolves once it accepts connections. */
  start(): Promise<void>;
  /** SIGKILLs the server: everything in it is gone. */
  stop(): Promise<void>;
}

/**
 * A private `redis-server` for one test, on its own port, keeping nothing on disk, so a test can
 * take Redis away and bring it back empty without touching the Redis other tests share.
 */
export function createThrowawayRedis(port: number): ThrowawayRedis {
  let child: ChildProcess | undefined;
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', '/tmp'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = server;
      let output = '';
      await new Promise<void>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          if (output.includes('Ready to accept connections')) resolve();
        };
        server.stdout?.on('data', onData);
        server.stderr?.on('data', onData);
        server.once('exit', (code) => reject(new Error(`redis-server on port ${port} exited (${code}):\n${output}`)));
      });
    },
    async stop() {
      const server = child;
      child = undefined;
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    },
  };
}
