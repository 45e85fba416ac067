import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * There is no Docker engine in CI: these tests hold docker-compose.yml, the Dockerfile and
 * .env.example to what the deployment needs (DESIGN.md "Deployment"), and to the code — every
 * command is a real `sift` command, every variable one that src/config/env.ts reads.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  command?: string[];
  restart?: string;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  deploy?: { replicas?: number };
  ports?: string[];
  volumes?: string[];
  stop_grace_period?: string;
}

const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const { services } = compose;
const SIFT_SERVICES = ['migrate', 'scheduler', 'worker', 'web'];

/** Command name → file, from the COMMANDS table of src/cli/main.ts. */
const COMMANDS = new Map(
  [...read('src/cli/main.ts').matchAll(/^\s+(\w+): \{ load: \(\) => import\('\.\/([\w-]+\.ts)'\)/gm)].map((match) => [match[1], match[2]]),
);
/** Variables the env schema reads. */
const ENV_NAMES = new Set([...read('src/config/env.ts').matchAll(/^\s+([A-Z][A-Z0-9_]+): /gm)].map((match) => match[1]));
const ENV_EXAMPLE = new Map(
  read('.env.example')
    .split('\n')
    .filter((line) => /^[A-Z]/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
);

describe('docker-compose.yml', () => {
  it('has the services of the deployment: postgres, redis, migrate, scheduler, worker, web', () => {
    expect(Object.keys(services).sort()).toEqual(['migrate', 'postgres', 'redis', 'scheduler', 'web', 'worker']);
  });

  it('keeps Postgres and Redis data in named volumes, with healthchecks', () => {
    expect(services.postgres.volumes).toContain('pgdata:/var/lib/postgresql/data');
    expect(services.redis.volumes).toContain('redisdata:/data');
    expect(Object.keys(compose.volumes).sort()).toEqual(['pgdata', 'redisdata']);
    expect(services.postgres.healthcheck?.test?.join(' ')).toMatch(/pg_isready/);
    expect(services.redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('runs Redis with AOF on and no eviction (BullMQ must never lose keys)', () => {
    const command = services.redis.command?.join(' ') ?? '';
    expect(command).toMatch(/--appendonly yes/);
    expect(command).toMatch(/--maxmemory-policy noeviction/);
  });

  it('migrates once before the scheduler, workers and web start, and only on healthy dependencies', () => {
    expect(services.migrate.command).toEqual(['migrate']);
    expect(services.migrate.restart).toBe('no');
    expect(services.migrate.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    for (const name of ['scheduler', 'worker', 'web']) {
      expect(services[name].depends_on, name).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
      });
    }
  });

  it('runs two worker replicas and gives them longer than the shutdown timeout to stop', () => {
    expect(services.worker.command).toEqual(['worker']);
    expect(services.worker.deploy?.replicas).toBe(2);
    const graceSeconds = Number(/^(\d+)s$/.exec(services.worker.stop_grace_period ?? '')?.[1]);
    expect(graceSeconds * 1000).toBeGreaterThan(Number(ENV_EXAMPLE.get('SIFT_SHUTDOWN_TIMEOUT_MS')));
    expect(services.scheduler.command).toEqual(['scheduler']);
  });

  it('serves the review UI on port 3000 on all interfaces, with a required token', () => {
    expect(services.web.command).toEqual(['serve', '--port', '3000']);
    expect(services.web.ports).toEqual(['${SIFT_WEB_PORT:-3000}:3000']);
    expect(services.web.environment?.HOST).toBe('0.0.0.0');
    expect(String(services.web.environment?.SIFT_REVIEW_TOKEN)).toMatch(/^\$\{SIFT_REVIEW_TOKEN:\?/);
    expect(services.web.healthcheck?.test?.join(' ')).toMatch(/127\.0\.0\.1:3000\/healthz/);
  });

  it('runs only real sift commands', () => {
    for (const name of SIFT_SERVICES) {
      const [command] = services[name].command ?? [];
      expect(COMMANDS.has(command), `${name}: sift ${command}`).toBe(true);
      expect(existsSync(path.join(ROOT, 'src/cli', COMMANDS.get(command) ?? '')), `${name}: src/cli/${COMMANDS.get(command)}`).toBe(true);
    }
  });

  it('configures sift only through variables src/config/env.ts reads, documented in .env.example', () => {
    for (const name of SIFT_SERVICES) {
      for (const variable of Object.keys(services[name].environment ?? {}))
        expect(ENV_NAMES.has(variable), `${name}: ${variable}`).toBe(true);
      expect(services[name].image).toBe('sift:latest');
    }
    const interpolated = new Set([...composeText.matchAll(/\$\{([A-Z][A-Z0-9_]*)/g)].map((match) => match[1]));
    for (const variable of interpolated) expect(ENV_EXAMPLE.has(variable), `.env.example lacks ${variable}`).toBe(true);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const ignored = read('.dockerignore')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'));
  /** The instructions of each stage, continuation lines joined. */
  const stages = dockerfile
    .replace(/\\\n/g, ' ')
    .split(/^(?=FROM )/m)
    .filter((stage) => stage.startsWith('FROM '));
  const [buildStage = '', runtimeStage = ''] = stages;
  const runs = (stage: string) => [...stage.matchAll(/^RUN (.+)$/gm)].map((match) => match[1]);

  it('builds in a node:20-bookworm-slim stage with every dependency, and runs in another with production ones only', () => {
    expect(stages.map((stage) => /^FROM (\S+)/.exec(stage)?.[1])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    expect(buildStage).toMatch(/^FROM \S+ AS build$/m);
    expect(runs(buildStage).join('\n')).toMatch(/npm ci --no-audit/);
    expect(runs(buildStage).join('\n')).toMatch(/npm run build/);
    expect(runs(runtimeStage).join('\n')).toMatch(/npm ci --omit=dev/);
    expect(runs(runtimeStage).join('\n')).not.toMatch(/npm run build/);
  });

  it('fails the build at the step that failed: every RUN starts with set -eu, and the installed trees are checked', () => {
    for (const run of [...runs(buildStage), ...runs(runtimeStage)]) expect(run).toMatch(/^set -eu;/);
    expect(runs(buildStage).join('\n')).toMatch(/npm ls --all/);
    expect(runs(runtimeStage).join('\n')).toMatch(/npm ls --omit=dev --all/);
  });

  it('ships dist/ from the build stage without the sources or TypeScript, so every process starts from the bundle', () => {
    expect(runtimeStage).toMatch(/^COPY --from=build \/app\/dist \.\/dist$/m);
    const copied = [...runtimeStage.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => match[1].split(' '));
    for (const input of ['src', 'migrations', 'scripts']) expect(copied).not.toContain(input);
    // typescript stays with --omit=dev: a devDependency that is also an optional peer of valibot
    expect(runs(runtimeStage).join('\n')).toMatch(/rm -rf node_modules\/typescript .*test ! -e node_modules\/typescript/s);
  });

  it('listens on all interfaces (published ports reach it) and keeps the embedded database in a volume', () => {
    expect(runtimeStage).toMatch(/^ENV [^\n]*\bHOST=0\.0\.0\.0\b/m);
    expect(runtimeStage).toMatch(/^ENV [^\n]*\bSIFT_DATA_DIR=\/app\/data\b/m);
    expect(runtimeStage).toMatch(/^VOLUME \["\/app\/data"\]$/m);
  });

  it('runs as the unprivileged node user, probes /healthz with node, and starts bin/sift.mjs', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [^\n]*\\\n\s+CMD \["node", "-e", "[^\n]*\/healthz/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "bin\/sift\.mjs"\]$/m);
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const copied = [...dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)].flatMap((match) => match[1].split(' '));
    expect(copied.length).toBeGreaterThan(0);
    for (const source of copied) {
      expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      expect(ignored, source).not.toContain(source);
    }
    // What the build reads is copied.
    expect(copied).toEqual(expect.arrayContaining(['bin', 'src', 'migrations', 'scripts', 'package.json', 'package-lock.json']));
  });
});

describe("README's docker run recipe for a worker", () => {
  const recipe = /^\s*`?docker run [^\n]*(?:\\\n[^\n]*)*\bworker(?=`?\.?$)/m.exec(read('README.md'))?.[0].replace(/\\\n\s*/g, ' ') ?? '';

  it('gives the worker longer than the shutdown timeout to stop, restarts it, and publishes its ops port', () => {
    expect(recipe).toMatch(/sift:latest worker$/);
    const stopSeconds = Number(/--stop-timeout (\d+)/.exec(recipe)?.[1]);
    expect(stopSeconds * 1000).toBeGreaterThan(Number(ENV_EXAMPLE.get('SIFT_SHUTDOWN_TIMEOUT_MS')));
    expect(recipe).toMatch(/--restart (unless-stopped|always|on-failure)/);
    expect(recipe).toMatch(/-p \d+:9464\b/);
  });
});
