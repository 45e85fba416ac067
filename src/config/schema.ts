import { z } from 'zod';
import { isHttpUrl } from '../shared/parse-http-url.ts';
import { parseDuration } from './duration.ts';

export const SOURCE_KINDS = ['blog', 'digest', 'community', 'podcast', 'video', 'release', 'trending'] as const;
export const LANGS = ['en', 'zh'] as const;
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === null) {
    ctx.addIssue({ code: 'custom', message: `must be a duration like 30m, 6h or 1d, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return ms;
});

const httpUrl = z
  .string()
  .refine((value) => isHttpUrl(value), { error: (issue) => `url must be http(s), got ${JSON.stringify(issue.input)}` });

const timeZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false; // an unknown zone: reported by the refine message
    }
  },
  { error: (issue) => `unknown time zone ${JSON.stringify(issue.input)}` },
);

export const categorySchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'category id must be a lowercase slug'),
    title: z.string().min(1),
    emoji: z.string().default(''),
    slots: z.number().int().positive(),
    keywords: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const classifyRuleSchema = z
  .object({
    host: z.string().min(1).optional(),
    path: z
      .string()
      .refine((pattern) => {
        try {
          new RegExp(pattern);
          return true;
        } catch {
          return false; // reported by the refine message
        }
      }, 'path must be a valid regular expression')
      .optional(),
    category: z.string(),
  })
  .strict()
  .refine((rule) => rule.host !== undefined || rule.path !== undefined, 'a classify rule needs host or path');

/** Fixed texts of the exported issue; every one can be changed without code. */
export const templateSchema = z
  .object({
    title: z.string().default('Python 潮流周刊#{issue}：{title}'),
    intro: z.string().default('你好，我是猫哥。这里每周分享优质的 Python、AI 及通用技术内容，大部分为英文。'),
    footer: z.string().default(''),
    english_marker: z.string().default(''),
  })
  .strict();

export const weeklySchema = z
  .object({
    title: z.string().default('Python 潮流周刊'),
    author: z.string().default(''),
    timezone: timeZone.default('Asia/Shanghai'),
    closes_on: z.enum(WEEKDAYS).default('saturday'),
    categories: z.array(categorySchema).min(1),
    template: templateSchema.default(templateSchema.parse({})),
  })
  .strict();

export const defaultsSchema = z
  .object({
    interval: duration.default(60 * 60_000),
    timeout: duration.default(20_000),
    user_agent: z.string().default('sift/0.1 (+https://github.com/sift-weekly/sift)'),
  })
  .strict();

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'id must be a slug (lowercase letters, digits, dashes)'),
    name: z.string().min(1),
    url: httpUrl,
    kind: z.enum(SOURCE_KINDS),
    lang: z.enum(LANGS),
    category: z.string(),
    weight: z.number().min(0).max(5).default(1),
    interval: duration.optional(),
    timeout: duration.optional(),
    tags: z.array(z.string()).default([]),
    enabled: z.boolean().default(true),
    /**
     * Lets what this source's responses choose (redirects to another server, newsletter
     * click-throughs) reach loopback, private, link-local and unique-local addresses. The `url`
     * itself may always be private: it is the operator's choice.
     */
    allow_private_networks: z.boolean().default(false),
    /**
     * The feed's order is a ranking (GitHub trending, a front page): sift keeps each link's place
     * in it (sighting_positions) and the score's `place` term reads the week's best. A
     * chronological feed's order says nothing, hence off by default.
     */
    ranked: z.boolean().default(false),
  })
  .strict();

export const sourcesFileSchema = z
  .object({
    weekly: weeklySchema,
    defaults: defaultsSchema.default(defaultsSchema.parse({})),
    classify: z.array(classifyRuleSchema).default([]),
    sources: z
      .array(z.unknown())
      .nullish()
      .transform((sources) => sources ?? []),
  })
  .strict();

export type CategoryConfig = z.infer<typeof categorySchema>;
export type ClassifyRule = z.infer<typeof classifyRuleSchema>;
export type WeeklyConfig = z.infer<typeof weeklySchema>;
export type DefaultsConfig = z.infer<typeof defaultsSchema>;
export type SourceConfig = z.infer<typeof sourceSchema> & { interval: number; timeout: number; line?: number };
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** The validated sources.yaml, with defaults applied to every source. */
export interface SourcesConfig {
  file: string;
  weekly: WeeklyConfig;
  defaults: DefaultsConfig;
  classify: ClassifyRule[];
  sources: SourceConfig[];
}
