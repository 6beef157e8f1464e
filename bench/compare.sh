#!/usr/bin/env bash
# Before/after in one run: an older build, this build (dist/server.cjs, so `npm run build` first) and the bare
# baseline, all on core 0 at once, measured in turn by wrk on core 1 with the benchmark's settings.
# Usage: bench/compare.sh OLD_ENTRY [ROUNDS] [SECONDS]   e.g. bench/compare.sh /tmp/old/dist/server.mjs
# (build an old commit with: git worktree add /tmp/old COMMIT && cd /tmp/old && ln -s "$PWD/../main/node_modules" .
#  && npx tsc -p tsconfig.build.json && node scripts/bundle.mjs)
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: bench/compare.sh OLD_ENTRY [ROUNDS] [SECONDS]}
rounds=${2:-3}
seconds=${3:-4}
dir=$(mktemp -d)
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
DATABASE_PATH="$dir/db.sqlite" node dist/src/cli/db-build.js >/dev/null
start() { # port command...
  local port=$1
  shift
  HOST=127.0.0.1 PORT=$port LOG_LEVEL=warn RATE_LIMIT_MAX=0 DATABASE_PATH="$dir/db.sqlite" taskset -c 0 "$@" \
    >"$dir/$port.log" 2>&1 &
  pids+=($!)
}
start 4201 node "$old"
start 4202 node dist/server.cjs
start 4203 node dist/bench/hello-server.js
for port in 4201 4202 4203; do
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/" -o /dev/null 2>&1 && break || sleep 0.1; done
done
rps() { taskset -c 1 wrk -t1 -c50 -d"$2"s "$1" | awk '/Requests\/sec/ { print $2 }'; }
for route in /v1/rankings /v1/exports /v1/summary; do
  for port in 4201 4202 4203; do rps "http://127.0.0.1:$port$([ $port = 4203 ] && echo / || echo "$route")" 2 >/dev/null; done
  for round in $(seq 1 "$rounds"); do
    before=$(rps "http://127.0.0.1:4201$route" "$seconds")
    after=$(rps "http://127.0.0.1:4202$route" "$seconds")
    bare=$(rps "http://127.0.0.1:4203/" "$seconds")
    printf '%-14s round %d: before %8.0f (%.2fx)  after %8.0f (%.2fx)  bare %8.0f\n' "$route" "$round" \
      "$before" "$(echo "$before / $bare" | bc -l)" "$after" "$(echo "$after / $bare" | bc -l)" "$bare"
  done
done
