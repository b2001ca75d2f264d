"""The command line's contract: one-line errors, exit codes, batches go on."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from tests.fakeserver import scripted_server
from tests.test_pipeline import CASUALTIES, CLASSIFY, DETAILS, FACTS

pytestmark = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])


def _reports(folder, n: int) -> list[str]:
    """`n` short rocket-attack reports, r0.txt ... in `folder`."""
    paths = []
    for i in range(n):
        path = folder / f"r{i}.txt"
        path.write_text(f"Rockets hit the US embassy in Baghdad. Report {i}.", encoding="utf-8")
        paths.append(str(path))
    return paths


def invoke(*args: str):
    return CliRunner().invoke(app(), list(args))


def test_help_has_examples():
    out = invoke("--help")
    assert out.exit_code == 0 and "Examples:" in out.stdout and "--base-url" in out.stdout


def test_missing_file_is_one_line_and_exit_2(tmp_path):
    out = invoke(str(tmp_path / "nope.txt"))
    assert out.exit_code == 2
    lines = out.stderr.strip().splitlines()
    assert lines == [f"summarize: {tmp_path / 'nope.txt'}: no such file"]
    assert "Traceback" not in out.output


def test_bad_backend_is_a_usage_error(tmp_path):
    out = invoke("x.txt", "--backend", "gemini")
    assert out.exit_code == 2 and "unknown backend" in out.stderr


def test_batch_goes_on_past_a_bad_file_and_exits_1(tmp_path):
    good = tmp_path / "good.txt"
    from tests.test_pipeline import ARTICLE

    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    outdir = tmp_path / "out"
    with scripted_server([CLASSIFY, DETAILS, CASUALTIES, FACTS]) as (url, _):
        out = invoke(
            str(empty),
            str(good),
            "--out",
            str(outdir),
            "--backend",
            "local",
            "--base-url",
            url,
            "-q",
        )
    assert out.exit_code == 1
    assert f"summarize: {empty}: empty input" in out.stderr
    assert (outdir / "good.json").is_file() and not (outdir / "empty.json").exists()
    errors = [json.loads(line) for line in (outdir / "errors.jsonl").read_text().splitlines()]
    assert [(e["input"], e["error"]) for e in errors] == [(str(empty), "InputError")]


def test_rerun_keeps_finished_results_without_calling_the_model(tmp_path):
    from tests.test_pipeline import ARTICLE

    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    outdir = tmp_path / "out"
    with scripted_server([CLASSIFY, DETAILS, CASUALTIES, FACTS]) as (url, script):
        args = [str(good), "--out", str(outdir), "--backend", "local", "--base-url", url]
        assert invoke(*args).exit_code == 0
        first = (outdir / "good.json").read_bytes()
        calls = len(script.requests)
        again = invoke(*args)  # the script is spent: a model call now would fail
        assert again.exit_code == 0, again.output
        assert len(script.requests) == calls
        assert "already done" in again.stderr
        assert (outdir / "good.json").read_bytes() == first
        good.write_text(ARTICLE + " Changed.", encoding="utf-8")  # new bytes: summarised again
        changed = invoke(*args)
        assert changed.exit_code == 1 and len(script.requests) > calls


def test_version_and_verbose_traceback(monkeypatch, capsys, tmp_path):
    from summarizer import cli
    from summarizer.store.identity import pipeline_version

    monkeypatch.setattr("sys.argv", ["summarize", "--version"])
    cli.main()
    assert pipeline_version()[:12] in capsys.readouterr().out

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "cli", boom)
    for verbose, traceback_shown in ((False, False), (True, True)):
        monkeypatch.setattr("sys.argv", ["summarize", "x.txt", *(["--verbose"] if verbose else [])])
        with pytest.raises(SystemExit) as exit_info:
            cli.main()
        err = capsys.readouterr().err
        assert exit_info.value.code == 1 and "internal error: RuntimeError: boom" in err
        assert ("Traceback (most recent call last)" in err) is traceback_shown


def test_one_command_line_with_run_as_the_default_command(tmp_path, monkeypatch):
    """`summarize FILE` is `summarize run FILE`; `eval` and `view` are
    commands listed in the help; a file named `eval` is summarised as
    `summarize run eval`."""
    from summarizer.cli import cli
    from tests.test_pipeline import ARTICLE

    monkeypatch.chdir(tmp_path)
    (tmp_path / "eval").write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    top = runner.invoke(cli(), ["--help"])
    assert top.exit_code == 0 and all(name in top.stdout for name in ("run", "eval", "view"))
    assert "--baseline" in runner.invoke(cli(), ["eval", "--help"]).stdout
    assert (
        runner.invoke(cli(), ["-q", "missing.txt"]).stderr.strip() == "summarize: missing.txt: no such file"
    )
    with scripted_server([CLASSIFY, DETAILS, CASUALTIES, FACTS]) as (url, _):
        out = runner.invoke(cli(), ["run", "eval", "--backend", "local", "--base-url", url, "-q"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["metadata"]["source_name"] == "eval"


def test_a_backend_set_up_wrong_is_a_usage_error_for_every_input(tmp_path):
    """`ConfigError` (a `BackendError`) says the command or install is wrong,
    not the server: exit 2 like any usage error, and the inputs after the
    first are not attempted (no input would fix it)."""
    from summarizer.errors import BackendError, ConfigError
    from summarizer.llm.backends import resolve
    from tests.test_pipeline import ARTICLE

    with pytest.raises(ConfigError) as info:
        resolve("gemini", env={})
    assert isinstance(info.value, BackendError) and info.value.exit_code == 2
    files = []
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
        files.append(str(tmp_path / name))
    out = invoke(*files, "--model-path", str(tmp_path / "missing.gguf"), "--no-cache", "-q")
    assert out.exit_code == 2, out.output
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 2 and "model file not found" in lines[0] and "not attempted" in lines[1]


def test_several_inputs_to_stdout_are_json_lines_and_a_cache_hit_says_so(tmp_path):
    """One record a line (pandas.read_json(lines=True), jq); a result served
    from the cache is not reported as a 75-second run."""
    from tests.test_resume import by_step

    paths = _reports(tmp_path, 2)
    with scripted_server(by_step) as (url, _):
        first = invoke(*paths, "--backend", "local", "--base-url", url, "--model", "m")
        again = invoke(paths[0], "--backend", "local", "--base-url", url, "--model", "m", "-f", "md")
    lines = first.stdout.splitlines()
    assert first.exit_code == 0 and len(lines) == 2
    assert [json.loads(line)["metadata"]["source_name"] for line in lines] == paths
    assert "from the cache" in again.stderr and "from the cache" in again.stdout
    assert " tokens" not in again.stderr


def test_eval_from_another_folder_finds_the_gold_sets_or_names_the_option(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    from summarizer.cli import cli

    out = CliRunner().invoke(cli(), ["eval", "--predictions", str(tmp_path), "--data", "nowhere"])
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        "summarize: eval: --data nowhere: not found (run from the repository root or pass --data)"
    ]
    (tmp_path / "empty").mkdir()
    out = CliRunner().invoke(cli(), ["eval", "--predictions", str(tmp_path / "empty"), "--split", "dev"])
    assert out.exit_code == 0, out.output  # the checkout's eval/data, found from elsewhere
    assert "| event_type |" in out.stdout
    assert "commit: `None`" not in out.stdout and "scored the saved predictions in" in out.stdout


def test_view_of_a_result_whose_recorded_source_is_elsewhere_suggests_source(tmp_path, monkeypatch):
    from summarizer.cli import cli
    from tests.test_resume import by_step

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Rockets hit the US embassy in Baghdad.", encoding="utf-8")
    with scripted_server(by_step) as (url, _):
        assert (
            invoke("a.txt", "-o", "out", "--backend", "local", "--base-url", url, "--model", "m").exit_code
            == 0
        )
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    out = CliRunner().invoke(cli(), ["view", "../out/a.json"])
    assert out.exit_code == 2
    assert out.stderr.splitlines() == [
        "summarize: a.txt: no such file (the source recorded in ../out/a.json; pass --source)"
    ]
    assert CliRunner().invoke(cli(), ["view", "../out/a.json", "--source", "../a.txt"]).exit_code == 0


def test_out_naming_a_page_writes_that_file_and_a_folder_gets_pages_beside_the_json(tmp_path):
    """`-o page.html` is that page (the suffix names the format), not a
    folder called page.html; `-o DIR -f html` writes NAME.html beside each
    NAME.json; several inputs to one page or to stdout as HTML are refused
    before any model call."""
    from tests.test_resume import by_step

    paths = _reports(tmp_path, 2)
    server = ("--backend", "local", "--model", "m", "--base-url")
    with scripted_server(by_step) as (url, script):
        one = invoke(paths[0], "-o", str(tmp_path / "page.html"), *server, url)
        assert one.exit_code == 0, one.output
        assert (tmp_path / "page.html").is_file()
        assert (tmp_path / "page.html").read_text().startswith("<!doctype html>")
        folder = invoke(*paths, "-o", str(tmp_path / "out"), "-f", "html", *server, url)
        assert folder.exit_code == 0, folder.output
        calls = len(script.requests)
        several = invoke(*paths, "-o", str(tmp_path / "both.md"), *server, url)
        to_stdout = invoke(*paths, "-f", "html", *server, url)
        assert len(script.requests) == calls
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "r0.html",
        "r0.json",
        "r1.html",
        "r1.json",
    ]
    assert several.exit_code == 2 and "several inputs need a folder" in several.stderr
    assert to_stdout.exit_code == 2 and "several pages" in to_stdout.stderr


def test_a_batch_ends_with_one_line_that_sums_it_up(tmp_path):
    from tests.test_resume import by_step

    paths = _reports(tmp_path, 3)
    server = ("--backend", "local", "--model", "m", "--base-url")
    with scripted_server(by_step) as (url, _):
        assert invoke(paths[0], *server, url, "-q").exit_code == 0  # r0 now in the cache
        assert invoke(paths[1], "-o", str(tmp_path / "out"), *server, url, "-q").exit_code == 0
        out = invoke(*paths, str(tmp_path / "gone.txt"), "-o", str(tmp_path / "out"), *server, url)
    last = out.stderr.splitlines()[-1]
    assert last.startswith("done in ") and last.endswith(
        f": 2 written (1 from the cache), 1 kept from an earlier run, 1 failed -> {tmp_path / 'out'}"
    )


def test_on_a_terminal_a_batch_shows_a_progress_bar_not_lines(tmp_path):
    import os
    import pty
    import subprocess
    import sys
    import threading

    from tests.test_resume import by_step

    paths = _reports(tmp_path, 3)
    with scripted_server(by_step) as (url, _):
        leader, follower = pty.openpty()
        args = [*paths, "-o", str(tmp_path / "out"), "--backend", "local", "--model", "m", "--base-url", url]
        code = "from summarizer.cli import main; main()"
        batch = subprocess.Popen([sys.executable, "-c", code, *args], stderr=follower)
        os.close(follower)
        chunks: list[bytes] = []

        def drain() -> None:  # read as it comes, so a full terminal buffer never blocks the batch
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                chunks.append(chunk)

        reader = threading.Thread(target=drain)
        reader.start()
        batch.wait(timeout=120)
        reader.join(timeout=10)
        os.close(leader)
        shown = b"".join(chunks)
        run = batch
    text = shown.decode(errors="replace")
    assert run.returncode == 0
    assert "3/3" in text and "━" in text  # rich's bar and count
    assert "[1/3]" not in text  # no per-input lines on a terminal
    assert "done in " in text and "3 written" in text


def test_help_keeps_examples_on_one_line_and_names_values_plainly():
    from summarizer.cli import cli

    out = CliRunner().invoke(cli(), ["run", "--help"], terminal_width=80)
    assert (
        "  summarize report.txt --base-url http://localhost:11434/v1 --model qwen2.5   Ollama etc."
        in out.stdout
    )
    assert "--base-url URL" in out.stdout and "<str>" not in out.stdout
    assert "  FILE  Text files" in out.stdout and "<list[str]>" not in out.stdout
    listed = CliRunner().invoke(cli(), ["--help"]).stdout
    assert all(command in listed for command in ("run", "eval", "view"))


def test_help_does_not_load_the_model_client_or_the_scorer():
    """--help answered in 2 s while the OpenAI SDK and scipy loaded; a fresh
    interpreter shows which modules a help page imports."""
    code = (
        "import sys; from summarizer.cli import cli; from typer.testing import CliRunner;"
        "CliRunner().invoke(cli(), ['run', '--help']);"
        "print(sorted(m for m in ('openai', 'scipy', 'summarizer.pipeline', 'summarizer.evaluation') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


def test_the_eval_help_names_the_scorers_defaults():
    from summarizer import evaluation
    from summarizer.cli import cli

    shown = " ".join(CliRunner().invoke(cli(), ["eval", "--help"], terminal_width=120).stdout.split())
    assert f"(default: {evaluation.DEFAULT_DATA})" in shown
    assert f"(default: {evaluation.DEFAULT_THRESHOLDS})" in shown


def test_shell_completion_is_offered():
    from summarizer.cli import cli

    out = CliRunner().invoke(cli(), ["--show-completion", "bash"], prog_name="summarize")
    assert out.exit_code == 0 and "complete" in out.stdout and "summarize" in out.stdout


@pytest.mark.parametrize("url", ["http://127.0.0.1:abc/v1", "127.0.0.1:8080", "ftp://host/v1"])
def test_a_base_url_that_cannot_be_a_server_is_a_usage_error(tmp_path, url):
    article = tmp_path / "a.txt"
    article.write_text("Rockets hit the embassy.", encoding="utf-8")
    out = invoke(str(article), str(article), "--base-url", url, "--model", "m", "-q")
    assert out.exit_code == 2
    assert out.stderr.splitlines()[0].startswith(f"summarize: --base-url {url}: not ")
    assert "internal error" not in out.stderr


def test_the_progress_bar_names_the_input_and_step_being_asked(monkeypatch):
    import io
    import types

    from summarizer.cli import _batch_progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    summarizer = types.SimpleNamespace(on_step=None)
    with _batch_progress(summarizer, 2, quiet=False) as (lines, _):
        assert lines is None and summarizer.on_step is not None
        summarizer.on_step("reports/a.txt", "casualties")
    assert "a.txt: casualties" in screen.getvalue()
    assert summarizer.on_step is None  # the hook goes with the bar
