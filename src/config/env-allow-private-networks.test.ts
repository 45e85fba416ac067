import { describe, expect, it } from 'vitest';
import { ConfigError } from '../shared/errors.ts';
import { loadEnv } from './env.ts';

describe('SIFT_ALLOW_PRIVATE_NETWORKS', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['0', false],
    ['false', false],
    ['1', true],
    ['true', true],
  ])('%j → %s', (value, expected) => {
    expect(loadEnv(value === undefined ? {} : { SIFT_ALLOW_PRIVATE_NETWORKS: value }).SIFT_ALLOW_PRIVATE_NETWORKS).toBe(expected);
  });

  it('refuses anything else, saying what it takes', () => {
    expect(() => loadEnv({ SIFT_ALLOW_PRIVATE_NETWORKS: 'yes' })).toThrow(ConfigError);
    expect(() => loadEnv({ SIFT_ALLOW_PRIVATE_NETWORKS: 'yes' })).toThrow(
      'environment: SIFT_ALLOW_PRIVATE_NETWORKS: must be 1 (allow) or 0 (refuse, the default)',
    );
  });
});
