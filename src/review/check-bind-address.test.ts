import { describe, expect, it } from 'vitest';
import { ConfigError } from '../shared/errors.ts';
import { checkBindAddress } from './check-bind-address.ts';

describe('checkBindAddress', () => {
  it.each(['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])('lets %s through without a token', (host) => {
    expect(checkBindAddress(host, false)).toBe(host);
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com', '128.0.0.1'])('refuses %s without a token, saying what to do', (host) => {
    expect(() => checkBindAddress(host, false)).toThrow(ConfigError);
    expect(() => checkBindAddress(host, false)).toThrow(/SIFT_REVIEW_TOKEN/);
  });

  it('binds anywhere once a token protects the UI', () => {
    expect(checkBindAddress('0.0.0.0', true)).toBe('0.0.0.0');
  });
});
