import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** GNU time, when installed: it adds the CPU time and peak RSS of the whole process tree it waited for. */
const GNU_TIME = '/usr/bin/time';

export interface TimedProcess {
  /** Wall time from spawn to exit, as a user with a stopwatch (or cron) sees it. */
  ms: number;
  /** User + system CPU time of the process and the children it waited for (GNU time), if available. */
  cpuMs?: number;
  /** Peak resident set of the largest process in the tree (GNU time), if available. */
  peakRssMB?: number;
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs one command to its exit and times it whole: interpreter start-up, module loading and exit
 * included. Output is collected (piped, so no terminal-only code runs); a non-zero exit is an
 * error that quotes the command's stderr, unless `allowFailure`.
 */
export async function timeProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; allowFailure?: boolean },
): Promise<TimedProcess> {
  const hasGnuTime = existsSync(GNU_TIME);
  const folder = hasGnuTime ? await mkdtemp(path.join(os.tmpdir(), 'sift-time-')) : undefined;
  const timeFile = folder ? path.join(folder, 'time') : undefined;
  try {
    const [file, argv] = timeFile ? [GNU_TIME, ['-f', '%e %U %S %M', '-o', timeFile, command, ...args]] : [command, [...args]];
    const started = performance.now();
    const { stdout, stderr, code } = await new Promise<{ stdout: string; stderr: string; code: number | null }>((resolve, reject) => {
      const child = spawn(file, argv, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      child.once('error', reject);
      child.once('close', (exitCode) =>
        resolve({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: exitCode }),
      );
    });
    const ms = performance.now() - started;
    if (code !== 0 && !options.allowFailure) {
      throw new Error(`\`${[command, ...args].join(' ')}\` exited with ${code}:\n${stderr.slice(-2000)}`);
    }
    const measured: TimedProcess = { ms, stdout, stderr, code };
    if (timeFile) {
      // GNU time writes "Command exited with non-zero status N" first when it did: the figures are the last line
      const fields = (await readFile(timeFile, 'utf8')).trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
      const [, user, system, maxRssKB] = fields;
      if (user !== undefined && system !== undefined && maxRssKB !== undefined) {
        measured.cpuMs = (user + system) * 1000;
        measured.peakRssMB = maxRssKB / 1024;
      }
    }
    return measured;
  } finally {
    if (folder) await rm(folder, { recursive: true, force: true });
  }
}
