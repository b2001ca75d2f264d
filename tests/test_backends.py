"""Backend selection: flags > environment > local."""

from pathlib import Path

import pytest

from summarizer.errors import BackendError
from summarizer.llm.backends import DEFAULT_OPENAI_MODEL, _wait, on_this_machine, resolve


def test_default_is_the_embedded_model():
    config = resolve(env={})
    assert config.kind == "local" and config.base_url is None


def test_openai_key_alone_does_not_switch_backend():
    assert resolve(env={"OPENAI_API_KEY": "sk-test"}).kind == "local"


def test_environment_selects_openai():
    config = resolve(env={"SUMMARIZER_BACKEND": "openai", "OPENAI_API_KEY": "sk-test"})
    assert config.kind == "openai" and config.model == DEFAULT_OPENAI_MODEL
    assert "sk-test" not in repr(config)


def test_flags_beat_environment():
    env = {"SUMMARIZER_BACKEND": "openai", "OPENAI_API_KEY": "k", "SUMMARIZER_MODEL": "gpt-x"}
    config = resolve("openai", "gpt-y", env=env)
    assert config.model == "gpt-y"
    assert resolve("local", env=env).kind == "local"


def test_base_url_means_compatible_server():
    config = resolve(base_url="http://localhost:11434/v1", model="qwen2.5", env={})
    assert config.kind == "compatible" and config.model == "qwen2.5"
    config = resolve(env={"SUMMARIZER_BASE_URL": "http://h:1/v1", "SUMMARIZER_MODEL": "m"})
    assert config.kind == "compatible" and config.base_url == "http://h:1/v1"


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (("openai",), {}, "OPENAI_API_KEY"),
        (("compatible",), {}, "base-url"),
        (("compatible", None, "http://h/v1"), {}, "--model"),
        (("gemini",), {}, "unknown backend"),
    ],
)
def test_misconfiguration_is_a_clear_error(args, env, message):
    with pytest.raises(BackendError, match=message):
        resolve(*args, env=env)


def test_wait_uses_backoff_without_an_outcome():
    class State:
        outcome = None
        attempt_number = 1

    assert 0 <= _wait(State()) <= 30  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("http://127.0.0.1:8080/v1", True),
        ("http://localhost:11434/v1", True),
        ("http://[::1]:8000/v1", True),
        ("http://127.0.0.2/v1", True),
        ("https://api.openai.com/v1", False),
        ("http://10.0.0.5:8000/v1", False),
        ("http://gpu-box.lan/v1", False),
    ],
)
def test_servers_on_this_machine_are_told_from_remote_ones(url, local):
    assert on_this_machine(url) is local


def test_a_summarizer_takes_a_config_or_a_backend():
    from summarizer import Summarizer
    from summarizer.llm.backends import Backend, BackendConfig

    config = BackendConfig("compatible", "m", "http://127.0.0.1:9/v1", timeout=5.0, transport_attempts=2)
    with Summarizer(config=config, cache=False) as s:
        assert s.backend.config is config and s.backend.config.timeout == 5.0
    backend = Backend(config)
    with Summarizer(backend=backend, cache=False) as s:
        assert s.backend is backend


def test_every_environment_variable_is_read_in_one_place(tmp_path):
    """`settings.Settings` holds every knob; a backend gets its timeouts,
    attempts and re-asks from it, and a bad number is a usage error."""
    from summarizer.errors import ConfigError
    from summarizer.settings import Settings

    env = {
        "SUMMARIZER_TIMEOUT": "30",
        "SUMMARIZER_DEADLINE": "90.5",
        "SUMMARIZER_TRANSPORT_ATTEMPTS": "2",
        "SUMMARIZER_REASKS": "3",
        "XDG_CACHE_HOME": str(tmp_path),
    }
    config = resolve(env=env)
    assert (config.timeout, config.deadline, config.transport_attempts, config.reasks) == (30.0, 90.5, 2, 3)
    assert resolve(env={}).reasks == 0 and resolve(env={}).timeout == 600.0
    assert Settings.from_env(env).results_file == tmp_path / "summarizer" / "results.sqlite"
    assert Settings.from_env({**env, "SUMMARIZER_CACHE_DIR": "/c"}).cache_dir == Path("/c")
    with pytest.raises(ConfigError, match="SUMMARIZER_TIMEOUT='soon' is not a number"):
        resolve(env={"SUMMARIZER_TIMEOUT": "soon"})
