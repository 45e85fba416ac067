import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SIFT_BIN = path.join(REPO_ROOT, 'bin/sift.mjs');

/** One JSON log line of a child (pino), with its message in `msg`. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface SiftProcess {
  readonly child: ChildProcess;
  readonly name: string;
  /** Parsed stderr JSON lines so far (pino logs). */
  readonly logs: LogLine[];
  /** Raw stdout and non-JSON stderr, for failure messages. */
  readonly output: string[];
  /** Resolves with the exit code (null when killed by a signal) and signal. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The first log line matching, waiting up to `timeoutMs`. */
  waitForLog(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** The ops server address the process logged (SIFT_METRICS_PORT=0). */
  opsAddress(timeoutMs?: number): Promise<string>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs `node bin/sift.mjs <args>` as a real child process with `env` on top of this process's
 * PATH/HOME (nothing else leaks in: each test says what its children see; an undefined value
 * leaves the variable unset). Logs are JSON on
 * stderr; failures print the tail of both streams.
 */
export function spawnSift(name: string, args: string[], env: Record<string, string | undefined>): SiftProcess {
  const child = spawn(process.execPath, [SIFT_BIN, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const output: string[] = [];
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  let stderrRest = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (stderrRest + chunk).split('\n');
    stderrRest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('{')) {
        try {
          logs.push(JSON.parse(line) as LogLine);
          continue;
        } catch {
          // not JSON after all: kept as raw output below
        }
      }
      if (line.trim() !== '') output.push(`[stderr] ${line}`);
    }
    notify();
  });
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output.push(
      ...chunk
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => `[stdout] ${line}`),
    );
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      notify();
      resolve({ code, signal });
    });
  });

  const describe = () => [...output.slice(-20), ...logs.slice(-20).map((line) => JSON.stringify(line))].join('\n');

  const waitForLog: SiftProcess['waitForLog'] = (match, timeoutMs = 20_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = logs.find(match);
        if (found) {
          cleanup();
          resolve(found);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          cleanup();
          reject(new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before the expected log line:\n${describe()}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${name}: expected log line not seen within ${timeoutMs} ms:\n${describe()}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });

  return {
    child,
    name,
    logs,
    output,
    exited,
    waitForLog,
    async opsAddress(timeoutMs) {
      const line = await waitForLog((entry) => typeof entry.msg === 'string' && entry.msg.startsWith('ops server listening'), timeoutMs);
      return String(line.address);
    },
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

/** Stops every process still running (SIGKILL: test teardown, not the graceful path under test). */
export async function killAll(processes: SiftProcess[]): Promise<void> {
  await Promise.all(
    processes.map(async (proc) => {
      proc.kill('SIGKILL');
      await proc.exited;
    }),
  );
}
