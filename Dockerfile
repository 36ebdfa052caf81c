# Image for the api, worker and migrate services (see docker-compose.yml).

# Node 24, the maintained LTS (until April 2028); the code also runs on Node 20 and 22
# (README, "Node.js versions").

# --- build: compile TypeScript to dist/ --------------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
# Lockfile first, so the dependency layer is cached until dependencies change.
COPY package.json package-lock.json ./
# No install scripts: nothing the build needs runs one, and it keeps
# third-party code from running at build time (same intent as allowScripts).
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build

# --- runtime: production dependencies and compiled code only -----------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
# The worker bundles workflow code from dist/workflows when it starts.
COPY --from=build /app/dist ./dist
# The official image's unprivileged user; the app never needs root.
USER node
EXPOSE 3000 2525
CMD ["node", "dist/api/main.js"]
