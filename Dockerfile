# syntax=docker/dockerfile:1
# sift: one image for every role (scheduler, worker, web, migrate). The first stage installs
# production dependencies; the second copies them next to the sources and bundles those into
# dist/ (`npm run build`; esbuild and tsx are runtime dependencies). bin/sift.mjs runs dist/
# since it was built from exactly these sources: no TypeScript is compiled at start-up (~80 MB
# less per process). The sources stay in the image: bin/sift.mjs falls back to them through tsx.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    SIFT_SOURCES=/app/sources.yaml \
    SIFT_DATA_DIR=/app/data \
    SIFT_METRICS_PORT=9464 \
    PORT=3000
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json package-lock.json ./
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
COPY sources.yaml ./sources.yaml
COPY demo ./demo
RUN npm run build
# The embedded database (no DATABASE_URL) lives in /app/data: the one directory the app writes.
RUN mkdir -p /app/data && chown node:node /app/data
USER node

# Workers and the scheduler answer on SIFT_METRICS_PORT, the web app (and `sift start`) on PORT.
EXPOSE 3000 9464
# No curl in slim images: probe /healthz with node's fetch, first on the ops port, then on PORT.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "-e", "(async () => { for (const port of [process.env.SIFT_METRICS_PORT, process.env.PORT]) { try { const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }); process.exit(response.ok ? 0 : 1); } catch {} } process.exit(1); })()"]

ENTRYPOINT ["node", "bin/sift.mjs"]
CMD ["start"]
