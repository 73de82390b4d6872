#!/usr/bin/env bash
# What the demo needs: the npm packages and the builds. No root and no apt: `bash scripts/setup.sh &&
# npx duohub demo` works for any user with Node 20.19+. The tests need a little more (Debian packages):
# scripts/setup-test.sh installs those and then runs this script.
set -euo pipefail
cd "$(dirname "$0")/.."
# better-sqlite3 compiles from source here; node-gyp finds Node's headers under /usr.
export npm_config_nodedir="${npm_config_nodedir:-/usr}"
npm ci --no-audit --no-fund
# The hub serves the web UI from packages/web/dist (about 1 s to build).
npm run build:web --silent
# The hub bundled for plain Node (packages/hub/dist/duohub.mjs), how it runs in production.
npm run build:hub --silent
