#!/usr/bin/env bash
# The benchmark's one command: bench/run.sh (all tiers, writes
# docs/benchmarks.md and its charts; -big adds the 100,000-article tier)
# or bench/run.sh -smoke (the bundled tier only, a few seconds, what CI
# runs). Needs Go and npm; with gcc, FTS5 is also measured through C SQLite
# (mattn/go-sqlite3, whose FTS5 needs -tags sqlite_fts5). The smoke run
# skips that driver: compiling SQLite's C takes a minute on 2 cores.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p .cache
tags=()
if [[ " $* " != *" -smoke "* ]] && command -v gcc >/dev/null; then
  tags=(-tags sqlite_fts5)
  export CGO_ENABLED=1
fi
go build "${tags[@]}" -o .cache/bench .
exec .cache/bench "$@"
