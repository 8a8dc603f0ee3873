#!/usr/bin/env bash
# Entry point behind every command in the README: makes sure Node 22.18+ and the dependencies are
# present, then runs the requested task. Works on a fresh machine whose system Node is older (Node 22
# comes from the npm registry package `node@22` into .cache/, never from anywhere else).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Where the user typed the command (npm run starts scripts in the package root and keeps it in INIT_CWD;
# the npm run below would overwrite that), so CLIs resolve relative paths where they were meant.
export STUDIO_CALLER_CWD="${STUDIO_CALLER_CWD:-${INIT_CWD:-$PWD}}"
cd "$root"

# 22.18 is the first Node 22 that runs .ts files without a flag (package.json `engines` says the same).
node_ok() {
  "${1:-node}" -e 'const [major, minor] = process.versions.node.split(".").map(Number); process.exit(major > 22 || (major === 22 && minor >= 18) ? 0 : 1)' 2>/dev/null
}

ensure_node() {
  if node_ok; then return; fi
  local dir="$root/.cache/node22"
  # Checked by version, not presence, so a copy cached before 22.18 is replaced.
  if ! node_ok "$dir/node_modules/node/bin/node"; then
    echo "studio: system Node is $(node --version 2>/dev/null || echo missing); fetching Node 22 (22.18 or newer) from the npm registry into .cache/node22" >&2
    mkdir -p "$dir"
    npm install --no-save --no-audit --no-fund --loglevel=error --prefix "$dir" 'node@^22.18' >&2
  fi
  export PATH="$dir/node_modules/node/bin:$PATH"
  if ! node_ok; then echo "studio: could not provide Node 22.18 or newer" >&2; exit 1; fi
}

ensure_deps() {
  # Install when node_modules is missing or older than the lockfile. The Electron binary is fetched
  # lazily by Electron itself, so the install never needs anything but the npm registry.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "studio: installing dependencies" >&2
    ELECTRON_SKIP_BINARY_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
  fi
}

task="${1:-start}"; shift || true
# First, so that a test run missing a system package stops before Node is fetched or anything runs.
if [ "$task" = test ]; then
  . "$root/scripts/system-deps.sh"
  system_deps
fi
ensure_node
ensure_deps
case "$task" in
  start) exec npm run --silent app -- "$@" ;;
  web) exec npm run --silent web:serve -- "$@" ;;
  test) exec node scripts/test-all.ts "$@" ;;
  *) exec npm run --silent "$task" -- "$@" ;;
esac
