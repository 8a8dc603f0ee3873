#!/usr/bin/env bash
# Entry point behind `npm start` and `npm test`: makes sure Node 22+ and the dependencies are present,
# then runs the requested task. Works on a fresh machine whose system Node is older (Node 22 comes from
# the npm registry package `node@22` into .cache/, never from anywhere else).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Where the user typed the command (npm run starts scripts in the package root and keeps it in INIT_CWD;
# the npm run below would overwrite that), so CLIs resolve relative paths where they were meant.
export STUDIO_CALLER_CWD="${STUDIO_CALLER_CWD:-${INIT_CWD:-$PWD}}"
cd "$root"

node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_node() {
  if [ "$(node_major)" -ge 22 ]; then return; fi
  local dir="$root/.cache/node22"
  if [ ! -x "$dir/node_modules/node/bin/node" ]; then
    echo "studio: system Node is $(node --version 2>/dev/null || echo missing); fetching Node 22 from the npm registry into .cache/node22" >&2
    mkdir -p "$dir"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" node@22 >&2
  fi
  export PATH="$dir/node_modules/node/bin:$PATH"
  if [ "$(node_major)" -lt 22 ]; then echo "studio: could not provide Node 22" >&2; exit 1; fi
}

ensure_deps() {
  # Install when node_modules is missing or older than the lockfile. The Electron binary is fetched
  # lazily by Electron itself, so the install never needs anything but the npm registry.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "studio: installing dependencies" >&2
    ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
  fi
}

ensure_node
ensure_deps
task="${1:-start}"; shift || true
case "$task" in
  start) exec npm run --silent app -- "$@" ;;
  web) exec npm run --silent web:serve -- "$@" ;;
  test) exec node scripts/test-all.ts "$@" ;;
  *) exec npm run --silent "$task" -- "$@" ;;
esac
