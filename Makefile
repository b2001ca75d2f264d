# Shortcuts; each target is one documented command.
.PHONY: install dev test lint nightly baseline bench

install:
	./bootstrap.sh

dev:
	./bootstrap.sh dev

test:
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check summarizer tests benchmarks && .venv/bin/ruff format --check summarizer tests benchmarks && .venv/bin/mypy summarizer benchmarks

nightly:
	eval/nightly.sh

# Record the current scores as the new baseline, from a fresh run folder so
# no earlier prediction can be scored (review the diff before committing).
baseline:
	run="eval/runs/baseline-$$(date -u +%Y%m%dT%H%M%SZ)" && \
	.venv/bin/summarize eval --data eval/data --out "$$run" --no-cache && \
	cp "$$run/report.json" eval/baseline.json && echo "baseline from $$run"

# Speed figures: a table per benchmark and one JSON line (see benchmarks/__main__.py).
bench:
	.venv/bin/python -m benchmarks --quick
