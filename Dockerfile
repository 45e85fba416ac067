# syntax=docker/dockerfile:1
# sift: one image for every role (scheduler, worker, web, migrate, start). The build stage
# installs every dependency and bundles the sources into dist/ (`npm run build`); the runtime
# stage holds production dependencies, bin/ and that dist/ only: no sources, no TypeScript, so
# bin/sift.mjs always runs the bundle (nothing is compiled at start-up, ~80 MB less per process;
# see bin/find-fresh-build.mjs). Every RUN starts with `set -eu`: a failing command fails the
# build at that step, and `npm ls` checks the installed tree, since npm ci exits 0 when an
# optional package fails to install.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN set -eu; \
    npm ci --no-audit --no-fund; \
    npm ls --all > /dev/null
COPY bin ./bin
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
RUN set -eu; \
    npm run build; \
    node bin/sift.mjs --help > /dev/null

FROM node:20-bookworm-slim
# HOST=0.0.0.0: the published ports (-p 3000:3000, -p 9464:9464) reach only what listens on all
# interfaces. The review UI then requires SIFT_REVIEW_TOKEN (24+ characters, not the example of
# .env.example): without one `sift start` and `sift serve` refuse to start and say how to make one.
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    SIFT_SOURCES=/app/sources.yaml \
    SIFT_DATA_DIR=/app/data \
    SIFT_METRICS_PORT=9464 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
# typescript is only an optional peer of a production package (valibot) and a devDependency, a pair
# `--omit=dev` keeps: removed by hand, and checked.
RUN set -eu; \
    npm ci --omit=dev --no-audit --no-fund; \
    npm ls --omit=dev --all > /dev/null; \
    rm -rf node_modules/typescript node_modules/.bin/tsc node_modules/.bin/tsserver; \
    test ! -e node_modules/typescript; \
    npm cache clean --force
COPY bin ./bin
COPY --from=build /app/dist ./dist
COPY sources.yaml ./sources.yaml
COPY demo ./demo
# The embedded database (no DATABASE_URL) lives in /app/data: the one directory the app writes, a
# volume so it outlives the container (`-v sift-data:/app/data`).
RUN set -eu; \
    mkdir -p /app/data; \
    chown node:node /app/data; \
    node bin/sift.mjs --help > /dev/null
VOLUME ["/app/data"]
USER node

# Workers and the scheduler answer on SIFT_METRICS_PORT, the web app (and `sift start`) on PORT.
EXPOSE 3000 9464
# No curl in slim images: probe /healthz with node's fetch, first on the ops port, then on PORT.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "-e", "(async () => { for (const port of [process.env.SIFT_METRICS_PORT, process.env.PORT]) { try { const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(4000) }); process.exit(response.ok ? 0 : 1); } catch {} } process.exit(1); })()"]

ENTRYPOINT ["node", "bin/sift.mjs"]
CMD ["start"]
