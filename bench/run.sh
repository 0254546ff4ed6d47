#!/usr/bin/env bash
# The benchmark's one command: bench/run.sh (all tiers, writes
# docs/benchmarks.md and docs/benchmarks.png) or bench/run.sh -smoke (the
# bundled tier only, a few seconds, what CI runs). Needs Go and npm.
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p .cache
go build -o .cache/bench .
exec .cache/bench "$@"
