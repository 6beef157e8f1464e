# syntax=docker/dockerfile:1
# nano-exports-api on Node 24 (LTS). Node runs the TypeScript sources as they are (type stripping): there is no
# build output, only the sources, the production dependencies and the read-only SQLite database built here.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Production dependencies only, and no install scripts: better-sqlite3 13 ships Node-API binaries, and its implicit
# `node-gyp rebuild` would need a compiler the slim image lacks. Its sources and other platforms' binaries go.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/better-sqlite3/deps node_modules/better-sqlite3/src \
 && find node_modules/better-sqlite3/prebuilds -name '*.node' ! -name "linux-$(node -p 'process.arch').node" -delete \
 && npm cache clean --force
COPY src ./src
COPY migrations ./migrations
COPY seed ./seed
RUN node src/cli/db-build.ts /app/data/nano-exports.sqlite

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATABASE_PATH=/app/data/nano-exports.sqlite \
    DATABASE_BUILD_IF_MISSING=false
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/src ./src
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/seed ./seed
COPY --from=build /app/data ./data
# Owned by root, run as "node": the database cannot be written by the server even if it tried.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "src/main.mjs"]
