"""Model and network faults against a real misbehaving server on 127.0.0.1.

Each fault is served by tests/fakeserver.py over real HTTP (no client is
mocked). The answers are hand-written fixtures. Names say the fault so that
`pytest -k timeout`, `-k 429` etc. find them. Every test runs through both
transports (`Backend._post`): plain HTTP for a server on this machine, and
the openai SDK used for every other server.
"""

from __future__ import annotations

import dataclasses
import json
import socket
import time

import pytest
from typer.testing import CliRunner

from summarizer import Summarizer
from summarizer.cli import app
from summarizer.errors import BackendError, ModelOutputError, SummarizerError
from summarizer.llm import backends
from summarizer.llm.backends import Backend
from tests.fakeserver import Reply, completion, scripted_server
from tests.test_pipeline import ARTICLE, CASUALTIES, CLASSIFY, DETAILS, FACTS

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


@pytest.fixture(autouse=True, params=["loopback", "sdk"])
def transport(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The fake server is on 127.0.0.1; "sdk" sends to it as if it were remote."""
    if request.param == "sdk":
        monkeypatch.setattr(backends, "on_this_machine", lambda url: False)
    return str(request.param)


GOOD = [CLASSIFY, DETAILS, CASUALTIES, FACTS]


def fast(url: str, **changes: object) -> Summarizer:
    """A summarizer with short timeouts, so a fault test takes seconds, and
    one re-ask after an invalid answer (the embedded model's default is none)."""
    s = Summarizer(backend="local", base_url=url, model="scripted", cache=False)
    config = {"timeout": 5.0, "validation_retries": 1, **changes}
    s.backend = Backend(dataclasses.replace(s.backend.config, **config))
    return s


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_fault_connection_refused_is_a_backend_error():
    started = time.monotonic()
    with (
        fast(f"http://127.0.0.1:{free_port()}/v1", transport_attempts=3) as s,
        pytest.raises(BackendError, match="cannot reach the model server"),
    ):
        s.summarize(ARTICLE)
    assert time.monotonic() - started < 30


def test_fault_timeout_is_retried_then_a_backend_error():
    hung = Reply(completion(CLASSIFY), delay=3.0)
    with (
        scripted_server([hung, hung]) as (url, script),
        fast(url, timeout=1.0, deadline=30.0, transport_attempts=2) as s,
    ):
        with pytest.raises(BackendError, match="timed out"):
            s.summarize(ARTICLE)
        assert len(script.requests) == 2


def test_fault_a_server_trickling_its_answer_is_cut_at_the_steps_deadline():
    """One byte every 0.3 s never trips a read timeout; the step's deadline
    still ends it, on both transports (the SDK's answer is streamed)."""
    trickling = Reply(completion(CLASSIFY), trickle=0.3)
    started = time.monotonic()
    with (
        scripted_server([trickling] * 4) as (url, _),
        fast(url, timeout=10.0, deadline=2.0, transport_attempts=4) as s,
        pytest.raises(BackendError, match="timed out"),
    ):
        s.summarize(ARTICLE)
    assert time.monotonic() - started < 5


def test_fault_429_honours_retry_after():
    limited = Reply({"error": {"message": "slow down"}}, status=429, headers={"retry-after": "1"})
    with scripted_server([limited, *GOOD]) as (url, script), fast(url) as s:
        result = s.summarize(ARTICLE)
    assert result.is_incident and result.flags == []
    assert script.times[1] - script.times[0] >= 0.95


@pytest.mark.parametrize("status", [500, 503])
def test_fault_5xx_is_retried(status):
    error = Reply({"error": {"message": "overloaded"}}, status=status)
    with scripted_server([error, error, *GOOD]) as (url, script), fast(url) as s:
        result = s.summarize(ARTICLE)
    assert result.is_incident and len(script.requests) == 6


def test_fault_step_deadline_covers_the_reask_too():
    # The deadline is per step: once a slow first answer has used most of it,
    # a 503 on the re-ask is not retried past it.
    slow_garbage = Reply(completion("{not json at all"), delay=0.8)
    error = Reply({"error": {"message": "overloaded"}}, status=503, headers={"retry-after": "1"})
    with (
        scripted_server([slow_garbage, error, error, error]) as (url, script),
        fast(url, deadline=1.0, transport_attempts=4) as s,
        pytest.raises(BackendError, match="HTTP 503"),
    ):
        s.summarize(ARTICLE)
    assert len(script.requests) == 2


def test_fault_persistent_503_ends_in_a_backend_error_after_bounded_attempts():
    error = Reply({"error": {"message": "overloaded"}}, status=503, headers={"retry-after": "0"})
    with scripted_server([error] * 10) as (url, script), fast(url, transport_attempts=3) as s:
        with pytest.raises(BackendError, match="HTTP 503"):
            s.summarize(ARTICLE)
        assert len(script.requests) == 3


def test_fault_400_is_not_retried():
    bad = Reply({"error": {"message": "bad request"}}, status=400)
    with scripted_server([bad, *GOOD]) as (url, script), fast(url) as s:
        with pytest.raises(BackendError, match="HTTP 400"):
            s.summarize(ARTICLE)
        assert len(script.requests) == 1


def test_fault_malformed_json_is_reasked():
    with scripted_server([completion("{not json at all"), *GOOD]) as (url, script), fast(url) as s:
        result = s.summarize(ARTICLE)
    assert result.is_incident and result.flags == [] and len(script.requests) == 5


def test_fault_malformed_json_every_time_is_a_model_output_error():
    garbage = completion("{not json at all")
    with scripted_server([garbage, garbage]) as (url, _), fast(url) as s, pytest.raises(ModelOutputError):
        s.summarize(ARTICLE)


def test_fault_schema_invalid_json_is_reasked_then_a_model_output_error():
    invalid = completion({"is_incident": "perhaps", "title": 3})
    with scripted_server([invalid, *GOOD]) as (url, _), fast(url) as s:
        assert s.summarize(ARTICLE).is_incident
    with scripted_server([invalid, invalid]) as (url, _), fast(url) as s, pytest.raises(ModelOutputError):
        s.summarize(ARTICLE)


def test_fault_truncated_output_finish_reason_length():
    cut = Reply(completion('{"is_incident": true, "event_qu', finish_reason="length"))
    with scripted_server([cut]) as (url, _), fast(url) as s, pytest.raises(ModelOutputError, match="cut off"):
        s.summarize(ARTICLE)


def test_fault_quote_not_in_article_never_becomes_evidence():
    invented = {**FACTS, "facts": [{"quote": "The embassy was destroyed", "claim": "x"}, *FACTS["facts"]]}
    with scripted_server([CLASSIFY, DETAILS, CASUALTIES, invented, invented]) as (url, _), fast(url) as s:
        result = s.summarize(ARTICLE)
    assert all(e.quote != "The embassy was destroyed" for _, e in result.evidence())
    assert all(fact.evidence for fact in result.key_facts) and len(result.key_facts) == 5
    assert any(f.startswith("key_facts[0]: quote not found") for f in map(str, result.flags))


def test_every_fault_is_a_summarizer_error():
    assert issubclass(BackendError, SummarizerError) and issubclass(ModelOutputError, SummarizerError)


def test_fault_in_the_cli_is_one_line_exit_1_and_the_batch_records_it(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    cut = Reply(completion('{"is_incident": tr', finish_reason="length"))
    with scripted_server([cut]) as (url, _):
        out = CliRunner().invoke(
            app(),
            [str(article), "--out", str(tmp_path / "out"), "--backend", "local", "--base-url", url, "-q"],
        )
    assert out.exit_code == 1
    assert out.stderr.strip().splitlines() == [
        f"summarize: {article}: model output was cut off (finish_reason=length)"
    ]
    assert "Traceback" not in out.output
    assert "ModelOutputError" in (tmp_path / "out" / "errors.jsonl").read_text()


def test_fault_malformed_json_in_the_cli_is_still_one_line(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    garbage = completion("{not json at all")
    with scripted_server([garbage, garbage]) as (url, _):
        out = CliRunner().invoke(app(), [str(article), "--backend", "local", "--base-url", url, "-q"])
    assert out.exit_code == 1
    [line] = out.stderr.splitlines()
    assert line.startswith(f"summarize: {article}: model gave no valid answer after retries")


def test_fault_a_200_that_is_not_json_is_a_backend_error():
    # A proxy's HTML error page with status 200: not the model's fault, not retried as a re-ask.
    page = Reply("<html><body>Bad gateway</body></html>")
    with (
        scripted_server([page]) as (url, script),
        fast(url) as s,
        pytest.raises(BackendError, match="something other than a JSON object"),
    ):
        s.summarize(ARTICLE)
    assert len(script.requests) == 1


def test_fault_a_redirect_is_not_followed():
    """A 307 would re-send the article (and the key) to another origin: it is
    refused at once, on both transports, with the reason, and not retried."""
    moved = Reply({"error": "moved"}, status=307, headers={"location": "http://127.0.0.1:9/elsewhere"})
    with (
        scripted_server([moved, *GOOD]) as (url, script),
        fast(url, transport_attempts=3) as s,
        pytest.raises(BackendError, match=r"redirect \(HTTP 307\) to http://127.0.0.1:9/elsewhere"),
    ):
        s.summarize(ARTICLE)
    assert len(script.requests) == 1


def _tool_answer(arguments: bytes) -> bytes:
    """A completion whose tool-call arguments are these raw bytes."""
    head = completion("x")
    head["choices"][0]["message"] = {
        "role": "assistant",
        "content": None,
        "tool_calls": [{"id": "c", "type": "function", "function": {"name": "f", "arguments": "ARGS"}}],
    }
    return json.dumps(head).encode().replace(b'"ARGS"', b'"' + arguments + b'"')


MALFORMED = {
    "invalid_utf8_arguments": _tool_answer(b'{\\"title\\": \xff\xfe}'),
    "nested_200000_deep": b'{"choices": ' + b"[" * 200_000 + b"]" * 200_000 + b"}",
    "refusal": json.dumps(
        {**completion("x"), "choices": [{"index": 0, "finish_reason": "stop",
         "message": {"role": "assistant", "content": None, "refusal": "I cannot help with that."}}]}
    ),
    "no_choices": json.dumps({k: v for k, v in completion(CLASSIFY).items() if k != "choices"}),
    "choices_null": json.dumps({**completion(CLASSIFY), "choices": None}),
    "malformed_usage": json.dumps({**completion(CLASSIFY), "usage": {"prompt_tokens": "many", "completion_tokens": []}}),
}  # fmt: skip


@pytest.mark.parametrize("kind", MALFORMED)
def test_fault_a_malformed_answer_is_that_inputs_error_not_an_internal_one(kind):
    """Each used to end the run with `internal error`, so later files were
    never summarised; now each is a SummarizerError of this input, one line."""
    with scripted_server([Reply(MALFORMED[kind])] * 8) as (url, _), fast(url, transport_attempts=1) as s:
        try:
            result = s.summarize(ARTICLE)
        except SummarizerError as exc:
            assert "\n" not in str(exc) and len(str(exc)) < 300
        else:
            assert kind == "malformed_usage" and result.metadata.usage.prompt_tokens == 0


def test_fault_retry_after_nan_is_ignored():
    limited = Reply({"error": {"message": "slow down"}}, status=429, headers={"retry-after": "nan"})
    with scripted_server([limited, *GOOD]) as (url, _), fast(url) as s:
        assert s.summarize(ARTICLE).is_incident


def test_fault_timeout_flag_ends_a_stalled_step(transport: str):
    """--timeout bounds a step however the server stalls (here: headers never come)."""
    if transport == "sdk":
        pytest.skip("the CLI talks to a loopback server through the plain-HTTP transport")
    hung = Reply(completion(CLASSIFY), delay=30)
    started = time.monotonic()
    with scripted_server([hung] * 4) as (url, _):
        args = ["--backend", "local", "--base-url", url, "--model", "m", "--timeout", "2", "-q"]
        out = CliRunner().invoke(app(), ["-", *args], input="Rockets hit the embassy.")
    assert out.exit_code == 1 and "timed out" in out.stderr
    assert time.monotonic() - started < 10


def test_fault_a_document_time_limit_bounds_all_its_steps(transport: str):
    """Each step answers in 0.8 s, well inside its own deadline; four of them
    overrun a 2-second limit for the document, which ends it in time."""
    slow = [Reply(completion(answer), delay=0.8) for answer in GOOD]
    started = time.monotonic()
    with scripted_server(slow) as (url, script):
        s = Summarizer(backend="local", base_url=url, model="scripted", cache=False, timeout=2.0)
        s.backend = Backend(dataclasses.replace(s.backend.config, transport_attempts=1))
        with s, pytest.raises(BackendError, match="timed out"):
            s.summarize(ARTICLE)
        asked = len(script.requests)
    assert asked < 4 and time.monotonic() - started < 4
