import { describe, expect, it } from 'vitest';
import { readParseThreads, readPort, readPositiveInt } from './read-option.ts';

describe('command-line numbers', () => {
  it('reads a positive integer, falls back when absent, and names the flag when it is wrong', () => {
    expect(readPositiveInt('8', 16, '--concurrency')).toBe(8);
    expect(readPositiveInt(undefined, 16, '--concurrency')).toBe(16);
    for (const bad of ['0', '-1', '1.5', 'many', ''])
      expect(() => readPositiveInt(bad, 16, '--concurrency')).toThrow(`--concurrency must be a positive integer, got "${bad}"`);
  });

  it('accepts 0 parse threads (parse on the main thread) and nothing below', () => {
    expect(readParseThreads('0', 3)).toBe(0);
    expect(readParseThreads('2', 3)).toBe(2);
    expect(readParseThreads(undefined, 3)).toBe(3);
    expect(() => readParseThreads('-1', 3)).toThrow('--parse-threads must be a positive integer, got "-1"');
  });

  it('reads a port, 0 included', () => {
    expect(readPort('0', 8080)).toBe(0);
    expect(readPort(undefined, 8080)).toBe(8080);
    expect(() => readPort('70000', 8080)).toThrow('--port must be a port number (0–65535), got "70000"');
  });
});
