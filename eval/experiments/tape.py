"""Record an eval run's model traffic once, then replay rule changes exactly.

    python eval/experiments/tape.py record TAPES eval --data eval/data --no-cache -o RUN
    python eval/experiments/tape.py replay TAPES eval --data eval/data --no-cache -o RUN2
    python eval/experiments/tape.py extend TAPES eval --data SOME --no-cache -o RUN3

`record` starts the embedded model's server (as `summarize` would) and keeps
every request and answer of each document in TAPES/<source sha256>.yaml (a
vcrpy cassette, the format of `cassettes/`); a document already on tape is
replayed, so an interrupted run resumes where it stopped. `replay` asks no
model at all: the pipeline runs as checked out, and every answer comes from
the tape. Requests match on their body, so a changed prompt, schema or step
order fails loudly (vcrpy's CannotOverwriteExistingCassetteException)
instead of replaying a stale answer. `extend` replays what is on tape and
asks the model only what is not (vcrpy's new_episodes): a rule that turns a
"no incident" into an incident makes the pipeline ask the later steps,
which were never asked; their answers are added to the tape.

Why: the rules that run after the model's answers (the event type read from
its words, the casualty check, places, sites, facts) are most of what
issue 16 changes, and the model's raw answers are not in the predictions.
An eval of the 179 gold documents takes two hours of the 2-core machine; a
replay of the same answers under new rules takes minutes, and shows a
rule's effect exactly (the answers cannot move, only the rules), where two
model runs differ by the run-to-run spread of a changed computation
(README, "What one run moves by itself"). Experiment tooling, not part of
the package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import vcr  # type: ignore[import-untyped]

from summarizer import cli, pipeline
from summarizer.llm.embedded import MODEL_NAME, LocalServer


def main(mode: str, tapes: Path, args: list[str]) -> None:
    if mode not in ("record", "replay", "extend"):
        raise SystemExit(f"tape.py: mode {mode!r}: choose record, replay or extend")
    tapes.mkdir(parents=True, exist_ok=True)
    tape = vcr.VCR(
        match_on=["method", "path", "body"],
        record_mode={"record": "once", "replay": "none", "extend": "new_episodes"}[mode],
        decode_compressed_response=True,
        filter_headers=["authorization", "api-key", "x-api-key", "cookie", "set-cookie"],
    )
    inner = pipeline.Summarizer._summarize

    def on_tape(self: pipeline.Summarizer, run: Any) -> Any:
        with tape.use_cassette(str(tapes / f"{run.source.sha256}.yaml")):
            return inner(self, run)

    pipeline.Summarizer._summarize = on_tape  # type: ignore[method-assign]
    os.environ["SUMMARIZER_BACKEND"] = "local"
    os.environ["SUMMARIZER_MODEL"] = MODEL_NAME
    sys.argv = ["summarize", *args]
    if mode == "replay":
        os.environ["SUMMARIZER_BASE_URL"] = (
            "http://127.0.0.1:9/v1"  # nothing listens: a miss cannot reach a model
        )
        cli.main()
        return
    with LocalServer() as server:
        assert server.base_url is not None
        os.environ["SUMMARIZER_BASE_URL"] = server.base_url
        cli.main()


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3:])
