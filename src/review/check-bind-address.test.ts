import { describe, expect, it } from 'vitest';
import { ConfigError } from '../shared/errors.ts';
import { checkBindAddress, EXAMPLE_REVIEW_TOKEN } from './check-bind-address.ts';

describe('checkBindAddress', () => {
  it.each(['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]'])('lets %s through without a token', (host) => {
    expect(checkBindAddress(host, undefined)).toBe(host);
  });

  it.each(['0.0.0.0', '::', '192.168.1.10', 'example.com', '128.0.0.1'])('refuses %s without a token, saying what to do', (host) => {
    expect(() => checkBindAddress(host, undefined)).toThrow(ConfigError);
    expect(() => checkBindAddress(host, undefined)).toThrow(/SIFT_REVIEW_TOKEN/);
  });

  it('binds anywhere once a real token protects the UI', () => {
    expect(checkBindAddress('0.0.0.0', 'x'.repeat(24))).toBe('0.0.0.0');
  });

  it.each([
    ['the published example', EXAMPLE_REVIEW_TOKEN, /example from \.env\.example/],
    ['a short one', 'short-secret-23-chars-xx', /must be at least 24/],
  ])('refuses %s on a network address, saying how to make one', (_name, token, message) => {
    const short = token.length === 24 ? token.slice(1) : token;
    expect(() => checkBindAddress('0.0.0.0', short)).toThrow(message);
    expect(() => checkBindAddress('0.0.0.0', short)).toThrow(/openssl rand/);
    // on loopback any token (or none) will do: only this machine can reach it
    expect(checkBindAddress('127.0.0.1', short)).toBe('127.0.0.1');
  });
});
