import type { Env } from '../config/env.ts';
import { ConfigError } from '../shared/errors.ts';

/** How to reach the drafting endpoint and how much of it to use. */
export interface LlmSettings {
  /** Base URL without the trailing slash, e.g. `http://localhost:11434/v1`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  /** Endpoint calls allowed per issue week. */
  weeklyBudget: number;
  concurrency: number;
  timeoutMs: number;
}

type LlmEnv = Pick<
  Env,
  'SIFT_LLM_URL' | 'SIFT_LLM_MODEL' | 'SIFT_LLM_API_KEY' | 'SIFT_LLM_WEEKLY_BUDGET' | 'SIFT_LLM_CONCURRENCY' | 'SIFT_LLM_TIMEOUT_MS'
>;

/**
 * The drafting settings, or null when SIFT_LLM_URL is unset (drafting is optional). A URL without
 * a model is a mistake that would fail every draft, so it is refused at start-up instead.
 *
 * @throws ConfigError when SIFT_LLM_URL is set and SIFT_LLM_MODEL is not
 */
export function readLlmSettings(env: LlmEnv): LlmSettings | null {
  if (!env.SIFT_LLM_URL) return null;
  if (!env.SIFT_LLM_MODEL) {
    throw new ConfigError([
      {
        file: 'environment',
        message:
          'SIFT_LLM_MODEL: set the model to draft with (e.g. qwen2.5:7b for Ollama, gpt-4o-mini for OpenAI) when SIFT_LLM_URL is set',
      },
    ]);
  }
  return {
    baseUrl: env.SIFT_LLM_URL.replace(/\/+$/, ''),
    model: env.SIFT_LLM_MODEL,
    apiKey: env.SIFT_LLM_API_KEY,
    weeklyBudget: env.SIFT_LLM_WEEKLY_BUDGET,
    concurrency: env.SIFT_LLM_CONCURRENCY,
    timeoutMs: env.SIFT_LLM_TIMEOUT_MS,
  };
}
