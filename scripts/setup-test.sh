#!/usr/bin/env bash
# What the tests need beyond the demo's setup: Debian's python3-duo-client (an official Duo client the
# emulator is checked against), python3-hvac (Vault's Python client, which the hub's Vault-compatible
# API is checked against) and Chromium (browser tests); then scripts/setup.sh (npm ci, builds).
# Idempotent; skips what is present; uses sudo for apt-get when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
/usr/bin/python3 -c 'import duo_client' 2>/dev/null || need+=(python3-duo-client)
/usr/bin/python3 -c 'import hvac' 2>/dev/null || need+=(python3-hvac)
[ -x /usr/bin/chromium ] || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
  echo "setup-test: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
bash scripts/setup.sh
