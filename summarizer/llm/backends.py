"""One code path to any model that speaks the OpenAI protocol.

| backend | when | instructor mode | why that mode |
|---|---|---|---|
| `local` (default) | always available, no configuration | JSON_SCHEMA, sent as `json_object` + `schema` | llama-cpp-python's server compiles the schema to a grammar (so the schema need not be in the prompt) but rejects `json_schema` |
| `openai` | `OPENAI_API_KEY` set | JSON_SCHEMA | OpenAI's native structured outputs |
| `compatible` | `--base-url` (Ollama, vLLM, LM Studio, llama.cpp) | TOOLS | the most widely supported way to constrain output on those servers |

Selection: explicit arguments (CLI flags) > `SUMMARIZER_BACKEND`,
`SUMMARIZER_MODEL`, `SUMMARIZER_BASE_URL` > `local`.

Two kinds of retry, kept apart: instructor re-asks the model when its answer
fails validation (a quote not in the article); tenacity retries the transport
(connection refused, timeout, 429, 5xx) with exponential backoff and jitter,
honouring Retry-After.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import math
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar
from urllib.parse import urlsplit

import httpx2  # the openai SDK's HTTP client: its errors while a streamed answer is read
import instructor
import openai
import pydantic_core
import urllib3
from instructor.core.exceptions import IncompleteOutputException
from instructor.v2.core.providers import Provider
from instructor.v2.core.registry import mode_registry
from openai.types.chat import ChatCompletion
from openai.types.completion_usage import CompletionUsage
from pydantic import BaseModel, ValidationError
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from summarizer.errors import BackendError, ConfigError, ModelOutputError
from summarizer.llm.embedded import LocalServer
from summarizer.schema import Cite, Usage
from summarizer.settings import Settings

Kind = Literal["local", "openai", "compatible"]
KINDS: tuple[Kind, ...] = ("local", "openai", "compatible")
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"


@dataclass(frozen=True)
class Profile:
    """What a backend kind is, as data: every difference between the kinds
    lives here, and the code reads it instead of asking which kind it has."""

    embedded: bool
    """The model runs in a server this process starts and owns (`LocalServer`):
    its output is constrained to the schema by a grammar, and once it fails
    it does not come back for the next input."""
    mode: instructor.Mode
    """How the answer is constrained to the schema (see the table above)."""
    reasks: int
    """Re-asks after an invalid answer, then ungrounded quotes are dropped and
    flagged. None (0) for the embedded model: in its baseline eval run (19
    articles) all 10 re-asks came back with the same fault, each costing a
    full generation (10-20 s). One for larger models, which can act on the error."""
    concurrency: int
    """Requests a batch keeps in flight by default: the embedded model on 2
    cores answers one at a time; remote APIs take many."""
    cite: Cite = "quote"
    """How the model gives evidence by default. Chosen by measurement on the
    seed gold set with the embedded model (README, "Evidence by reference"):
    citing sentence numbers scored fact recall 0.04 against 0.42 for copied
    quotes (overall 0.49 against 0.65), at about the same seconds per article,
    because the 1.5B model cites the wrong numbers. Other backends are
    untested with numbers, so they copy quotes too."""


PROFILES: dict[Kind, Profile] = {
    "local": Profile(embedded=True, mode=instructor.Mode.JSON_SCHEMA, reasks=0, concurrency=1),
    "openai": Profile(embedded=False, mode=instructor.Mode.JSON_SCHEMA, reasks=1, concurrency=8),
    "compatible": Profile(embedded=False, mode=instructor.Mode.TOOLS, reasks=1, concurrency=4),
}
GENERATION: dict[str, Any] = {"temperature": 0.0, "seed": 0, "max_tokens": 1200}
"""Sampling parameters of every request: deterministic, so results can be cached."""
T = TypeVar("T", bound=BaseModel)


@dataclass(frozen=True)
class BackendConfig:
    kind: Kind = "local"
    model: str | None = None
    base_url: str | None = None
    model_path: Path | None = None
    api_key: str | None = field(default=None, repr=False)
    validation_retries: int | None = None
    """Re-asks after an invalid answer; None: the backend's default (`reasks`)."""
    transport_attempts: int = 4
    timeout: float = 600.0
    """Seconds one request may take: a long article on 2 cores needs minutes."""
    deadline: float = 1800.0
    """Seconds one step may take, retries and waits included."""

    @property
    def profile(self) -> Profile:
        return PROFILES[self.kind]

    @property
    def cite(self) -> Cite:
        """How the model gives evidence by default (`Profile.cite`)."""
        return self.profile.cite

    @property
    def reasks(self) -> int:
        """Re-asks after an invalid answer: as set, else the profile's."""
        return self.profile.reasks if self.validation_retries is None else self.validation_retries

    @property
    def concurrency(self) -> int:
        """Requests a batch keeps in flight by default (`Profile.concurrency`)."""
        return self.profile.concurrency


def resolve(
    backend: str | None = None,
    model: str | None = None,
    base_url: str | None = None,
    model_path: Path | None = None,
    env: Mapping[str, str] | None = None,
    settings: Settings | None = None,
) -> BackendConfig:
    """Pick the backend: explicit arguments, then the environment
    (`settings`, else read from `env` or the process's), then `local`.
    Timeouts, attempts and re-asks come from the environment too."""
    settings = settings or Settings.from_env(env)
    kind = backend or settings.backend
    model = model or settings.model
    base_url = base_url or settings.base_url
    if base_url:
        _check_url(base_url)
    if kind is None:
        kind = "compatible" if base_url else "local"
    if kind not in KINDS:
        raise ConfigError(f"unknown backend {kind!r}; choose one of {', '.join(KINDS)}")
    if kind == "openai":
        if not settings.api_key:
            raise ConfigError("backend 'openai' needs OPENAI_API_KEY in the environment")
        config = BackendConfig("openai", model or DEFAULT_OPENAI_MODEL, base_url, None, settings.api_key)
    elif kind == "compatible":
        if not base_url:
            raise ConfigError("backend 'compatible' needs --base-url or SUMMARIZER_BASE_URL")
        if not model:
            raise ConfigError("backend 'compatible' needs --model or SUMMARIZER_MODEL")
        # Not OPENAI_API_KEY: a third-party or test server must not receive the user's OpenAI key.
        config = BackendConfig("compatible", model, base_url, None, settings.server_api_key)
    else:
        config = BackendConfig("local", model, base_url, model_path)
    return replace(
        config,
        validation_retries=settings.reasks,
        transport_attempts=settings.transport_attempts,
        timeout=settings.timeout,
        deadline=settings.deadline,
    )


class _Failed(Exception):
    """A request that failed in transport, said in one line, whichever client sent it."""

    def __init__(self, message: str, retryable: bool, retry_after: str | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


def _is_retryable(exc: BaseException) -> bool:
    """Connection failures, timeouts, 429 and 5xx: not 400s, which fail the same way again."""
    return isinstance(exc, _Failed) and exc.retryable


_backoff = wait_random_exponential(multiplier=0.5, max=30)


def _wait(state: RetryCallState) -> float:
    """Retry-After when the server gives one (capped at 60 s), else backoff with jitter."""
    exc = state.outcome.exception() if state.outcome else None
    value = exc.retry_after if isinstance(exc, _Failed) else None
    try:
        seconds = float(value) if value else None
    except ValueError:
        seconds = None
    if seconds is None or not math.isfinite(seconds):  # absent, a date, "nan", "inf"
        return _backoff(state)
    return min(max(seconds, 0.0), 60.0)


def _status_failure(status: int, retry_after: str | None) -> _Failed:
    return _Failed(f"model server answered HTTP {status}", status == 429 or status >= 500, retry_after)


def _check_url(base_url: str) -> None:
    """A base URL that cannot be a server's is a usage error, said at once."""
    try:
        url = urlsplit(base_url)
        url.port  # noqa: B018 - raises for a port that is not a number
    except ValueError as exc:
        raise ConfigError(f"--base-url {base_url}: not a valid URL ({exc})") from None
    if url.scheme not in ("http", "https") or not url.hostname:
        raise ConfigError(f"--base-url {base_url}: not an http(s) URL with a host")


def on_this_machine(base_url: str) -> bool:
    """True when the server listens on a loopback address (the embedded model,
    or Ollama, vLLM or LM Studio run locally): no proxy, no TLS, and no
    network latency to hide the client's own CPU."""
    host = urlsplit(base_url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class _Loopback:
    """Plain keep-alive HTTP to a server on this machine, through urllib3's
    connection pool. Against a fast server, the openai SDK's own work per
    request (building the request and headers, httpx and httpcore) was half
    of a batch's CPU: at concurrency 32, 6.3-8.9 ms of CPU per document
    through the SDK against 4.0-5.4 through urllib3 in the same hour
    (README, "Speed")."""

    def __init__(self, base_url: str, api_key: str, timeout: float) -> None:
        url = urlsplit(base_url)
        self.where = f"{url.hostname}:{url.port}"
        self.path = url.path.rstrip("/") + "/chat/completions"
        self.headers = {
            "Content-Type": "application/json",
            "Accept": "application/json",
            "Authorization": f"Bearer {api_key}",
        }
        self.timeout = timeout
        self.pool = urllib3.HTTPConnectionPool(url.hostname or "localhost", url.port, maxsize=256)

    def post(self, body: bytes, deadline: float) -> bytes:
        """The answer's body, read by `deadline` (a `time.monotonic()` value)
        however the server trickles it: each wait is cut to the time left."""

        try:
            response = self.pool.urlopen(
                "POST",
                self.path,
                body=body,
                headers=self.headers,
                retries=False,
                redirect=False,
                preload_content=False,
                timeout=urllib3.Timeout(
                    connect=min(10.0, _left(deadline)), read=min(self.timeout, _left(deadline))
                ),
            )
            try:
                if 300 <= response.status < 400:
                    raise _redirect(response.status, response.headers.get("location"))
                if response.status >= 400:
                    raise _status_failure(response.status, response.headers.get("retry-after"))
                return _read_until(iter(lambda: response.read1(65536), b""), deadline)
            finally:
                response.release_conn()
        except urllib3.exceptions.NewConnectionError as exc:  # a subclass of ConnectTimeoutError
            raise _Failed(f"cannot reach the model server ({self.where})", True) from exc
        except urllib3.exceptions.TimeoutError as exc:
            raise _Failed("model request timed out", True) from exc
        except urllib3.exceptions.HTTPError as exc:
            raise _Failed(f"cannot reach the model server ({self.where})", True) from exc

    def close(self) -> None:
        self.pool.close()


def _left(deadline: float) -> float:
    """Seconds until `deadline` (a `time.monotonic()` value); past it, a failure."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _Failed("model request timed out (the step's deadline passed)", False)
    return remaining


def _read_until(chunks: Iterator[bytes], deadline: float) -> bytes:
    """The body from `chunks` as they arrive, given up at `deadline`: each
    wait for a chunk is at most the read timeout, so a trickle ends by then."""
    body: list[bytes] = []
    for chunk in chunks:
        _left(deadline)
        body.append(chunk)
    return b"".join(body)


def _read_by(client: openai.OpenAI, body: bytes, deadline: float, timeout: float) -> bytes:
    """One request through the SDK, its answer streamed and read by
    `deadline` however the server trickles it (`_read_until`)."""
    try:
        response = client.post(
            "/chat/completions",
            content=body,
            cast_to=httpx2.Response,
            stream=True,
            stream_cls=None,
            options={"timeout": min(timeout, _left(deadline))},
        )
    except openai.APIError as exc:
        raise _sdk_failure(exc) from exc
    try:
        return _read_until(response.iter_bytes(), deadline)
    except httpx2.TimeoutException as exc:
        raise _Failed("model request timed out", True) from exc
    except httpx2.HTTPError as exc:
        raise _Failed(f"model server connection failed while answering ({type(exc).__name__})", True) from exc
    finally:
        response.close()


def _redirect(status: int, location: str | None) -> _Failed:
    """Redirects are not followed: the article and the key would go to an
    origin the user did not name. Not retried: the server will say the same."""
    return _Failed(
        f"model server answered a redirect (HTTP {status}) to {location or 'nowhere'}; "
        "redirects are not followed: give the final URL with --base-url",
        False,
    )


def _sdk_failure(exc: openai.APIError) -> _Failed:
    if isinstance(exc, openai.APITimeoutError):
        return _Failed("model request timed out", True)
    if isinstance(exc, openai.APIConnectionError):
        return _Failed(f"cannot reach the model server ({exc.request.url.host}:{exc.request.url.port})", True)
    if isinstance(exc, openai.APIStatusError):
        if 300 <= exc.status_code < 400:
            return _redirect(exc.status_code, exc.response.headers.get("location"))
        return _status_failure(exc.status_code, exc.response.headers.get("retry-after"))
    return _Failed(f"model request failed: {type(exc).__name__}", False)


@dataclass
class Answer(Generic[T]):
    """A step's validated draft with what it cost."""

    draft: T
    usage: Usage
    attempts: int
    complete: bool
    """False when the retries ran out and the draft was parsed without grounding:
    the caller drops its ungrounded quotes and flags them."""
    error: str | None = None


class Backend:
    """A configured model endpoint; starts the embedded server on first use.

    The request loop is instructor's, run through its mode handlers directly:
    the handler prepares the schema part of the request once per draft type,
    parses each answer against the draft (with the article as validation
    context) and turns a validation error into the re-ask messages. Going
    through `Instructor.create` instead cost about 4 ms of CPU per request
    (it re-derives the schema, walks the model for async validators and
    renders every message as a Jinja template, article included), which is
    most of a batch's CPU against a fast server.
    """

    def __init__(self, config: BackendConfig) -> None:
        self.config = config
        self._server: LocalServer | None = None
        self._routed = False
        self._loopback: _Loopback | None = None
        """Set when the server is on this machine (see `_post`)."""
        self._idle: list[openai.OpenAI] = []
        """SDK clients not in use: as many as requests were ever in flight at once."""
        self._lock = threading.Lock()
        self._handlers = mode_registry.get_handlers(Provider.OPENAI, config.profile.mode)
        self._formats: dict[tuple[type[BaseModel], bool], dict[str, Any]] = {}

    @property
    def model(self) -> str:
        if self.config.profile.embedded:
            return self.config.model or self._local_server().model_name
        return self.config.model or DEFAULT_OPENAI_MODEL

    @property
    def name(self) -> str:
        return self.config.kind

    def _local_server(self) -> LocalServer:
        if self._server is None:
            self._server = LocalServer(self.config.model_path)
        return self._server

    def base_url(self) -> str | None:
        if self.config.profile.embedded:
            return self.config.base_url or self._local_server().start()
        return self.config.base_url

    def _post(self, body: bytes, deadline: float) -> bytes:
        """Send one request and return the answer's body. A server on this
        machine gets plain keep-alive HTTP (`_Loopback`); any other goes
        through the openai SDK, which handles proxies, TLS and the API's
        headers. Failures of either come out as `_Failed`."""
        with self._lock:
            if not self._routed:
                url = self.base_url()  # starts the embedded server on first use
                if url is not None and on_this_machine(url):
                    self._loopback = _Loopback(url, self.config.api_key or "no-key", self.config.timeout)
                self._routed = True
        if self._loopback is not None:
            return self._loopback.post(body, deadline)
        with self.client() as client:
            return _read_by(client, body, deadline, self.config.timeout)

    @contextlib.contextmanager
    def client(self) -> Iterator[openai.OpenAI]:
        """A client of its own for one request; idle ones are kept for the next.
        Not one client shared by every thread: httpcore's connection pool scans
        all its connections and waiting requests on every request and response,
        which grows with the requests in flight."""
        with self._lock:
            client = self._idle.pop() if self._idle else None
            if client is None:
                client = openai.OpenAI(
                    base_url=self.base_url(),  # starts the embedded server on first use
                    api_key=self.config.api_key or "no-key",
                    max_retries=0,  # tenacity retries, see extract()
                    timeout=self.config.timeout,
                    # A redirect would send the article (and the key) to another origin.
                    http_client=openai.DefaultHttpxClient(
                        follow_redirects=False, timeout=self.config.timeout
                    ),
                )
        try:
            yield client
        finally:
            with self._lock:
                self._idle.append(client)

    def _format(self, response_model: type[BaseModel], by_number: bool) -> dict[str, Any]:
        """The request fields that constrain the answer to `response_model`, made once."""
        key = (response_model, by_number)
        if key not in self._formats:
            if self.config.profile.embedded:
                # llama-cpp-python compiles `schema` to a grammar but rejects `json_schema`.
                schema = response_model.model_json_schema()  # by number: `steps.by_number`
                self._formats[key] = {"response_format": {"type": "json_object", "schema": schema}}
            elif by_number:
                raise ConfigError(
                    "citing sentences by number needs the local backend's schema-constrained output"
                )
            else:
                _, prepared = self._handlers.request_handler(response_model, {"messages": []})
                self._formats[key] = {k: v for k, v in prepared.items() if k != "messages"}
        return self._formats[key]

    def extract(
        self,
        messages: list[dict[str, str]],
        response_model: type[T],
        source: str,
        sentences: list[str] | None = None,
        until: float | None = None,
    ) -> Answer[T]:
        """Ask for `response_model`; the draft validates against `source`.
        With `sentences`, the model cites them by number (`schema.Cite`).

        A draft that fails validation (a quote not in the article) is sent
        back with the error, `config.reasks` times; after that its last
        answer is parsed without the article and the caller drops what is
        not grounded."""
        request: dict[str, Any] = {
            "model": self.model,
            "messages": list(messages),
            **self._format(response_model, sentences is not None),
            **GENERATION,
        }
        context = {"source": source, "sentences": sentences}
        usage, calls = Usage(), 0
        # The step's deadline, re-asks included; sooner if the document's
        # own (`until`, a time.monotonic() value) comes first.
        deadline = min(time.monotonic() + self.config.deadline, until if until is not None else float("inf"))
        if deadline <= time.monotonic():
            raise BackendError("model request timed out (the document's time limit passed)")
        for attempt in range(self.config.reasks + 1):
            response = self._complete(request, deadline)
            calls += 1
            if response.usage is not None:
                usage = usage + Usage(
                    prompt_tokens=response.usage.prompt_tokens or 0,
                    completion_tokens=response.usage.completion_tokens or 0,
                )
            try:
                draft = self._handlers.response_parser(response, response_model, validation_context=context)
                return Answer(draft, usage, calls, complete=True)
            except IncompleteOutputException as exc:
                # The answer ran out of tokens (long quotes in Arabic script):
                # keep what it finished, flagged, rather than lose the article.
                cut = _parse_partial(response, response_model, sentences)
                if cut is None:
                    raise ModelOutputError("model output was cut off (finish_reason=length)") from exc
                return Answer(cut, usage, calls, False, "output cut off at the token limit")
            except (ValidationError, ValueError) as exc:  # ValueError: JSON or response shape
                error: Exception = exc
                if attempt < self.config.reasks:
                    request = self._handlers.reask_handler(request, response, exc)
        return Answer(
            _parse_last(response, response_model, sentences, error), usage, calls, False, _reason(error)
        )

    def _complete(self, request: dict[str, Any], deadline: float) -> ChatCompletion:
        """One chat completion, with transport failures retried by tenacity
        until `deadline` (a `time.monotonic()` value). The body is sent as it
        is: `chat.completions.create` would walk the whole schema through the
        SDK's type-driven transform on every call."""
        # Encoded as the SDK would (compact UTF-8), and sent as is: a dict body is deep-copied per request.
        body = json.dumps(request, ensure_ascii=False, separators=(",", ":")).encode()
        retrying = Retrying(
            retry=retry_if_exception(_is_retryable),
            wait=_wait,
            stop=stop_after_attempt(self.config.transport_attempts)
            | stop_before_delay(deadline - time.monotonic()),
            reraise=True,
        )
        try:
            for attempt in retrying:
                with attempt:
                    return _completion(self._post(body, deadline))
        except _Failed as exc:
            raise BackendError(str(exc)) from exc
        raise AssertionError("unreachable: tenacity reraises the last error")

    def lost(self, exc: BaseException) -> bool:
        """Whether `exc` means this backend cannot serve another input: the
        embedded model's server is this process's child and does not come
        back once it has failed; a remote server may recover by the next input.
        A configuration error is lost for every backend: no input will fix it."""
        return isinstance(exc, ConfigError) or (
            isinstance(exc, BackendError) and self.config.profile.embedded
        )

    def close(self) -> None:
        if self._server is not None:
            self._server.stop()
        with self._lock:
            if self._loopback is not None:
                self._loopback.close()
            self._loopback, self._routed = None, False
            for client in self._idle:
                client.close()
            self._idle.clear()


def _completion(body: bytes) -> ChatCompletion:
    """The answer as a `ChatCompletion`: validated by pydantic-core in
    microseconds when complete (the SDK's own lenient construction costs a
    tenth of a millisecond a request), else built leniently as the SDK does
    (some servers leave out fields such as `created`)."""
    try:
        return ChatCompletion.model_validate_json(body)
    except ValidationError:
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than any answer
            data = None
        if not isinstance(data, dict):
            raise BackendError("model server answered with something other than a JSON object") from None
        if not isinstance(data.get("choices"), list) or not data["choices"]:
            raise BackendError("model server answered without any choices") from None
        data["usage"] = _usage_or_none(data.get("usage"))
        return ChatCompletion.construct(**data)


def _usage_or_none(usage: object) -> object:
    """Token counts as the server gave them, or none when they are not counts."""
    if not isinstance(usage, dict):
        return None
    counts = (usage.get("prompt_tokens"), usage.get("completion_tokens"))
    if not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0 for n in counts):
        return None
    return CompletionUsage.construct(**usage)


def _reason(exc: Exception) -> str:
    """The last validation problem, in one line."""
    if isinstance(exc, ValidationError):
        return "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())[:300]
    return (str(exc).splitlines() or [type(exc).__name__])[0][:300]


def _answer_text(completion: ChatCompletion) -> str:
    """The JSON the model wrote: a tool call's arguments or the message."""
    message = completion.choices[0].message
    return message.tool_calls[0].function.arguments if message.tool_calls else message.content or ""  # type: ignore[union-attr]


def _parse_partial(
    completion: ChatCompletion, response_model: type[T], sentences: list[str] | None
) -> T | None:
    """What a cut-off answer completed (pydantic-core reads the JSON up to
    where it stops), if that alone is a valid answer; None otherwise."""
    try:
        done = pydantic_core.from_json(_answer_text(completion), allow_partial=True)
    except (AttributeError, IndexError, ValueError):
        return None
    for _ in range(3):  # the item the answer was writing when it stopped is dropped
        try:
            return response_model.model_validate(done, context={"sentences": sentences, "lenient": True})
        except ValidationError:
            if not _drop_last_item(done):
                return None
    return None


def _drop_last_item(value: Any) -> bool:
    """Remove the last item of the innermost list at the end of `value`."""
    if isinstance(value, dict) and value:
        return _drop_last_item(value[next(reversed(value))])
    if isinstance(value, list) and value:
        if not _drop_last_item(value[-1]):
            value.pop()
        return True
    return False


def _parse_last(
    completion: ChatCompletion, response_model: type[T], sentences: list[str] | None, error: Exception
) -> T:
    """The last answer, validated without the article: its quotes get checked later."""
    try:
        text = _answer_text(completion)
        context = {"sentences": sentences, "lenient": True}
        try:
            return response_model.model_validate_json(text, context=context)
        except ValidationError as exc:
            if not any(e["type"] == "json_invalid" for e in exc.errors()):
                raise
            # A raw newline or tab inside a string (the small model writes them
            # in quotes it copies): JSON forbids it, Python's parser can allow it.
            return response_model.model_validate(json.loads(text, strict=False), context=context)
    except (AttributeError, IndexError, ValidationError, ValueError) as inner:
        raise ModelOutputError(f"model gave no valid answer after retries: {_reason(error)}") from inner
