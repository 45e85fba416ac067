import { describe, expect, it } from 'vitest';
import { loadEnv } from '../config/env.ts';
import { readLlmSettings } from './read-llm-settings.ts';

describe('readLlmSettings', () => {
  it('is off without SIFT_LLM_URL (an empty one included)', () => {
    expect(readLlmSettings(loadEnv({}))).toBeNull();
    expect(readLlmSettings(loadEnv({ SIFT_LLM_URL: '', SIFT_LLM_MODEL: 'qwen2.5:7b' }))).toBeNull();
  });

  it('reads the endpoint, model, key, budget and limits', () => {
    const env = loadEnv({
      SIFT_LLM_URL: 'http://localhost:11434/v1/',
      SIFT_LLM_MODEL: 'qwen2.5:7b',
      SIFT_LLM_API_KEY: 'sk-x',
      SIFT_LLM_WEEKLY_BUDGET: '10',
    });
    expect(readLlmSettings(env)).toEqual({
      baseUrl: 'http://localhost:11434/v1',
      model: 'qwen2.5:7b',
      apiKey: 'sk-x',
      weeklyBudget: 10,
      concurrency: 2,
      timeoutMs: 90_000,
    });
  });

  it('refuses a URL without a model, and a URL that is not http(s), saying what to set', () => {
    expect(() => readLlmSettings(loadEnv({ SIFT_LLM_URL: 'http://localhost:11434/v1' }))).toThrow(/SIFT_LLM_MODEL: set the model/);
    expect(() => loadEnv({ SIFT_LLM_URL: 'localhost:11434' })).toThrow(/SIFT_LLM_URL: must be an http\(s\) URL/);
  });
});
