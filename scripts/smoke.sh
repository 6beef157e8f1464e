#!/usr/bin/env bash
# Smoke test of `npm start` (what the quick start and the image run): start it on a fresh database, ask it for the
# readiness probe, the rankings CSV and the explorer, then stop it and every process it started. .ci/run runs it;
# test/ops/smoke.test.ts checks that it leaves nothing running. SMOKE_DIR (optional) is the folder for its database
# and log, removed at the end; a new temporary folder otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
smoke_dir="${SMOKE_DIR:-$(mktemp -d)}"
mkdir -p "$smoke_dir"

# npm runs sh, which runs the version check and then node: a kill of npm's pid alone leaves node running. setsid gives
# the three their own process group (its id is the pid below), and the whole group is stopped.
PORT=0 LOG_LEVEL=info DATABASE_PATH="$smoke_dir/db.sqlite" setsid npm start --silent >"$smoke_dir/log" 2>&1 &
group=$!

stop() {
  kill -TERM -- "-$group" 2>/dev/null || true
  for _ in $(seq 1 100); do
    kill -0 -- "-$group" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 -- "-$group" 2>/dev/null; then
    kill -KILL -- "-$group" 2>/dev/null || true
    echo "smoke test: npm start's processes did not stop on SIGTERM within 10 s" >&2
    exit 1
  fi
  wait "$group" 2>/dev/null || true
  rm -rf "$smoke_dir"
}
trap stop EXIT

for _ in $(seq 1 300); do
  url=$(grep -o 'Server listening at http://127.0.0.1:[0-9]*' "$smoke_dir/log" | head -1 | sed 's/Server listening at //') || true
  [ -n "${url:-}" ] && break
  kill -0 "$group" 2>/dev/null || break
  sleep 0.1
done
[ -n "${url:-}" ] || { cat "$smoke_dir/log"; echo "npm start did not start the server"; exit 1; }
# Bodies are read whole before grep looks at them: `curl | grep -q` fails under pipefail (curl exit 23, a write
# error) whenever grep stops reading before curl has written everything.
curl -sf "$url/readyz" >/dev/null
rankings_csv=$(curl -sf "$url/v1/rankings?format=csv")
grep -q '37500000,25.9,1,' <<<"$rankings_csv" || { echo "unexpected /v1/rankings CSV: $rankings_csv"; exit 1; }
docs_html=$(curl -sf "$url/docs/")
grep -q 'swagger-ui' <<<"$docs_html" || { echo "/docs/ does not serve Swagger UI"; exit 1; }
echo "smoke test passed"
