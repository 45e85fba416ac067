import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

/** Reads a file as text; undefined when it cannot be read (no such cgroup file, not Linux). */
export type ReadText = (file: string) => string | undefined;

const readText: ReadText = (file) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The cores this process may use: os.availableParallelism() (the CPUs it may run on), lowered to
 * the container's CPU limit when a cgroup sets one (`docker run --cpus 2`, a Kubernetes CPU
 * limit): its quota ÷ period, rounded down, at least 1. Node 20's availableParallelism (libuv
 * 1.46) does not look at the quota, so a worker with a 2-CPU limit on a 32-core host started 31
 * parse threads of ~20 MB each, and the quota throttled them all.
 *
 * cgroup v2: cpu.max ("200000 100000", or "max 100000" for none) of the process's cgroup and
 * every cgroup above it, the lowest wins. cgroup v1: cpu.cfs_quota_us ÷ cpu.cfs_period_us of the
 * cpu controller (quota -1 = none). Anything unreadable counts as no limit.
 */
export function countUsableCores(deps: { parallelism?: number; read?: ReadText } = {}): number {
  const parallelism = deps.parallelism ?? availableParallelism();
  const quota = readCgroupCpuQuota(deps.read ?? readText);
  return quota === undefined ? parallelism : Math.max(1, Math.min(parallelism, Math.floor(quota)));
}

/** The CPU limit in cores (may be fractional), or undefined when none is set or none can be read. */
export function readCgroupCpuQuota(read: ReadText): number | undefined {
  const memberships = read('/proc/self/cgroup');
  if (memberships === undefined) return undefined;
  let lowest: number | undefined;
  const take = (cores: number | undefined) => {
    if (cores !== undefined && cores > 0 && (lowest === undefined || cores < lowest)) lowest = cores;
  };
  for (const line of memberships.split('\n')) {
    const [, controllers, cgroupPath] = /^\d+:([^:]*):(.*)$/.exec(line.trim()) ?? [];
    if (controllers === undefined || cgroupPath === undefined) continue;
    if (controllers === '') {
      // v2: the process's cgroup and each one above it, up to the mount (/ inside a container's namespace)
      for (let dir = cgroupPath; ; dir = path.posix.dirname(dir)) {
        take(parseCpuMax(read(path.posix.join('/sys/fs/cgroup', dir, 'cpu.max'))));
        if (dir === '/' || dir === '.' || dir === '') break;
      }
    } else if (controllers.split(',').includes('cpu')) {
      // v1: the controller's mount is named after the controllers it holds; without a cgroup namespace the path is the host's
      for (const mount of [`/sys/fs/cgroup/${controllers}`, '/sys/fs/cgroup/cpu', '/sys/fs/cgroup/cpu,cpuacct']) {
        for (const dir of [path.posix.join(mount, cgroupPath), mount]) {
          take(parseCfsQuota(read(path.posix.join(dir, 'cpu.cfs_quota_us')), read(path.posix.join(dir, 'cpu.cfs_period_us'))));
        }
      }
    }
  }
  return lowest;
}

function parseCpuMax(text: string | undefined): number | undefined {
  const [quota, period] = (text ?? '').trim().split(/\s+/);
  return quota === undefined || quota === 'max' ? undefined : ratio(quota, period);
}

function parseCfsQuota(quota: string | undefined, period: string | undefined): number | undefined {
  return quota === undefined || quota.trim() === '-1' ? undefined : ratio(quota.trim(), period?.trim());
}

function ratio(quota: string, period: string | undefined): number | undefined {
  const cores = Number(quota) / Number(period);
  return Number.isFinite(cores) && cores > 0 ? cores : undefined;
}
