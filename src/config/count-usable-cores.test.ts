import { describe, expect, it } from 'vitest';
import { countUsableCores, readCgroupCpuQuota } from './count-usable-cores.ts';

/** A file system of these files only. */
const files = (entries: Record<string, string>) => (file: string) => entries[file];

describe('countUsableCores', () => {
  it("lowers the host's cores to a cgroup v2 CPU limit (docker run --cpus 2 on a 32-core host)", () => {
    const read = files({ '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '200000 100000\n' });
    expect(countUsableCores({ parallelism: 32, read })).toBe(2);
  });

  it('rounds a fractional limit down, to at least one core', () => {
    expect(
      countUsableCores({ parallelism: 32, read: files({ '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '150000 100000' }) }),
    ).toBe(1);
    expect(
      countUsableCores({ parallelism: 32, read: files({ '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '50000 100000' }) }),
    ).toBe(1);
  });

  it("keeps the host's cores without a limit, or when the limit is above them", () => {
    expect(
      countUsableCores({ parallelism: 8, read: files({ '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': 'max 100000' }) }),
    ).toBe(8);
    expect(
      countUsableCores({ parallelism: 8, read: files({ '/proc/self/cgroup': '0::/\n', '/sys/fs/cgroup/cpu.max': '1600000 100000' }) }),
    ).toBe(8);
    expect(countUsableCores({ parallelism: 8, read: files({}) })).toBe(8);
  });

  it("takes the lowest limit of the process's cgroup and those above it (v2, no cgroup namespace)", () => {
    const read = files({
      '/proc/self/cgroup': '0::/system.slice/sift.service\n',
      '/sys/fs/cgroup/system.slice/sift.service/cpu.max': 'max 100000',
      '/sys/fs/cgroup/system.slice/cpu.max': '300000 100000',
      '/sys/fs/cgroup/cpu.max': 'max 100000',
    });
    expect(readCgroupCpuQuota(read)).toBe(3);
  });

  it("reads a cgroup v1 CFS quota, at the process's path or the mount's root inside a container", () => {
    const v1 = '12:memory:/docker/abc\n4:cpu,cpuacct:/docker/abc\n';
    expect(
      readCgroupCpuQuota(
        files({
          '/proc/self/cgroup': v1,
          '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_quota_us': '400000',
          '/sys/fs/cgroup/cpu,cpuacct/docker/abc/cpu.cfs_period_us': '100000',
        }),
      ),
    ).toBe(4);
    expect(
      readCgroupCpuQuota(
        files({
          '/proc/self/cgroup': v1,
          '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '200000',
          '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000',
        }),
      ),
    ).toBe(2);
    expect(
      readCgroupCpuQuota(
        files({ '/proc/self/cgroup': v1, '/sys/fs/cgroup/cpu/cpu.cfs_quota_us': '-1', '/sys/fs/cgroup/cpu/cpu.cfs_period_us': '100000' }),
      ),
    ).toBeUndefined();
  });
});
