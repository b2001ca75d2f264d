#!/usr/bin/env bash
# The nightly regression gate: run the whole eval with the configured
# backend (the embedded model by default), write the reports under
# eval/runs/DATE/, append a line to eval/history.jsonl, and exit non-zero
# (3) when a metric regresses against eval/baseline.json. --no-cache: the
# nightly run exercises the model itself, not yesterday's cached answers.
#
#   eval/nightly.sh                 # or: make nightly
#   SUMMARIZER_BACKEND=openai eval/nightly.sh
set -euo pipefail
cd "$(dirname "$0")/.."
run="eval/runs/$(date -u +%Y-%m-%dT%H%M%SZ)"
exec .venv/bin/summarize eval --data eval/data --out "$run" \
  --baseline eval/baseline.json --history eval/history.jsonl --no-cache "$@"
