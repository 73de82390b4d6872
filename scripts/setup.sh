#!/usr/bin/env bash
# Installs what the tests need beyond npm: Debian's python3-duo-client (an official Duo client the
# emulator is checked against), python3-hvac (Vault's Python client, which the hub's Vault-compatible
# API is checked against) and Chromium (browser tests). Idempotent; skips what is present.
set -euo pipefail
need=()
/usr/bin/python3 -c 'import duo_client' 2>/dev/null || need+=(python3-duo-client)
/usr/bin/python3 -c 'import hvac' 2>/dev/null || need+=(python3-hvac)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
# better-sqlite3 compiles from source here; node-gyp finds Node's headers under /usr.
export npm_config_nodedir=/usr
npm ci --no-audit --no-fund
# The hub serves the web UI from packages/web/dist (about 1 s to build).
npm run build:web --silent
# The hub bundled for plain Node (packages/hub/dist/duohub.mjs), how it runs in production.
npm run build:hub --silent
