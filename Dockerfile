# syntax=docker/dockerfile:1
# One image for every Switchyard process; the command chooses which (see docker-compose.yml):
#   node dist/apps/gateway/src/main.js     (the default)
#   node dist/apps/billing/src/main.js
#   node dist/apps/simulator/src/main.js
#   node --experimental-wasm-modules --no-warnings scripts/prisma-migrate.mjs deploy && node dist/prisma/seed.js
#   node dist/apps/ops-cli/src/main.js verify   (the ops CLI; needs ADMIN_URL and ADMIN_TOKEN)
# The Node line the test suite runs on (CI: Node 20.20), so the image runs what was tested.
# Node 20 left upstream support on 2026-04-30: move CI and this line to 22 or 24 together.
ARG NODE_IMAGE=node:20.20-bookworm-slim

# `npm install`, not `npm ci`: package-lock.json is written where the registry lacks other
# platforms' optional binaries, so `npm ci` rejects it; with every version pinned, `npm install`
# installs the locked tree.

# Every dependency, for building. Install scripts stay off: the one this build needs (Prisma's
# client generation) runs explicitly below, and the others would only fetch engines nobody uses.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --ignore-scripts --no-audit --no-fund

FROM deps AS build
COPY . .
RUN node scripts/prisma-generate.mjs && node scripts/build.mjs

# Production dependencies only, in a stage of their own so the runtime copies a clean tree.
# --omit=optional too: the Prisma CLI and TypeScript are optional peers of @prisma/client, which
# --omit=dev alone keeps (about 250 MB the runtime never loads: migrations run the WebAssembly
# schema engine); the only other optional packages are msgpackr's native unpacker (msgpackr falls
# back to JavaScript) and pg-cloudflare (Workers only).
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
# MALLOC_TRIM_THRESHOLD_ (config/runtime-env.json): glibc hands freed memory back to the system
# instead of keeping it, e.g. what compiling the tokenizer's 2.2 MB rank table used at boot.
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    MALLOC_TRIM_THRESHOLD_=65536
WORKDIR /app
# Includes @prisma/schema-engine-wasm: migrations run Prisma's schema engine as WebAssembly.
COPY --from=prod-deps /app/node_modules ./node_modules
# dist/ holds the compiled apps and the built web console (dist/apps/console, billing's CONSOLE_DIR default).
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY prisma ./prisma
COPY config ./config
COPY scripts/prisma-migrate.mjs ./scripts/
COPY scripts/prisma ./scripts/prisma
# Files stay owned by root: the processes can read them, not rewrite them. The one exception is
# the usage spool, where a gateway keeps events Redis refused until they are replayed, and (in
# journal/) every event from before its answer until Redis or the spool has it.
RUN mkdir -p /app/var/usage-spool && chown node:node /app/var/usage-spool
USER node
EXPOSE 3000 3001 3002
CMD ["node", "--max-old-space-size=384", "dist/apps/gateway/src/main.js"]
