"""The command line: one answer, JSON, and JSON Lines batches with bad lines in them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from assistant.cli.ask import iter_batch, run_batch
from tests.conftest import ROOT


def test_batch_parser_reports_bad_lines_and_keeps_going() -> None:
    source = io.StringIO(
        '{"question": "can my therapist text me?", "jurisdiction": "GB"}\n'
        "not json\n\n"
        '{"jurisdiction": "US"}\n'
        '{"question": "hi", "jurisdiction": "Mordor"}\n'
        '["a list"]\n'
    )
    parsed = list(iter_batch(source))
    assert [line for line, _, _ in parsed] == [1, 2, 3, 4, 5, 6]  # a blank line too: output N answers input N
    assert parsed[2][2] == "the line is empty"
    assert parsed[0][1] is not None and parsed[0][2] is None
    assert all(ask is None and error for _, ask, error in parsed[1:])
    assert "Unknown jurisdiction" in parsed[4][2]


@pytest.mark.slow
def test_run_batch_writes_one_reply_per_line_in_order(assistant) -> None:
    source = io.StringIO(
        '{"question": "can my therapist text me?", "jurisdiction": "GB"}\n'
        "{broken\n"
        '{"question": "   "}\n'
        '{"question": "i want to kill myself", "jurisdiction": "AU", "history": []}\n'
    )
    out = io.StringIO()
    failures = run_batch(assistant, source, out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert failures == 2 and len(lines) == 4
    assert lines[0]["citations"] and lines[0]["jurisdiction"] == "GB"
    assert lines[1]["line"] == 2 and "error" in lines[1]
    assert "empty" in lines[2]["error"]
    assert lines[3]["crisis"]["tier"] in ("crisis", "imminent") and "000" in lines[3]["crisis"]["message"]


@pytest.mark.slow
def test_cli_ask_json_in_a_real_process(real_settings) -> None:
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "ASSISTANT_INDEX_DIR": str(real_settings.index_dir)}
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "can I add my therapist on facebook?", "--json", "-j", "UK"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert set(reply) >= {"answer", "citations", "crisis", "jurisdiction", "in_scope", "backend", "timings_ms"}
    assert reply["jurisdiction"] == "GB" and reply["backend"] == "extractive"
    bad = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "hello", "-j", "Mordor"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert bad.returncode == 2 and "Unknown jurisdiction" in bad.stderr


@pytest.mark.slow
def test_cli_reports_missing_index(tmp_path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", "ASSISTANT_INDEX_DIR": str(tmp_path / "none")}
    result = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", "can my therapist text me?"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 2 and "python ingest.py" in result.stderr


def test_no_batch_line_can_stop_the_batch() -> None:
    deep = "[" * 5000 + "]" * 5000
    huge_int = '{"question": "hi", "jurisdiction": ' + "9" * 5000 + "}"
    source = io.StringIO(
        '\ufeff{"question": "can my therapist text me?"}\n'  # a UTF-8 byte-order mark on line 1
        f"{deep}\n"
        f"{huge_int}\n"
        '{"question": "x" \ud800}\n'
        '{"question": "email?", "jurisdiction": "GB"}\n'
    )
    parsed = list(iter_batch(source))
    assert [line for line, _, _ in parsed] == [1, 2, 3, 4, 5]
    assert parsed[0][1] is not None and parsed[4][1] is not None
    assert [bool(error) for _, _, error in parsed] == [False, True, True, True, False]
    assert "nested too deeply" in parsed[1][2]


def _cli(*args: str, stdin: str | None = None, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "HF_HUB_OFFLINE": "1", **(env_extra or {})}
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=ROOT, env=env, input=stdin,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_batch_file_errors_are_clean(tmp_path) -> None:
    missing = _cli("ask", "--batch", str(tmp_path / "nope.jsonl"))
    assert missing.returncode == 2 and "No batch file" in missing.stderr and "Traceback" not in missing.stderr
    folder = _cli("ask", "--batch", str(tmp_path))
    assert folder.returncode == 2 and "is not a file" in folder.stderr and "Traceback" not in folder.stderr


@pytest.mark.slow
def test_batch_exit_code_says_whether_every_line_worked(real_settings, tmp_path) -> None:
    env = {"ASSISTANT_INDEX_DIR": str(real_settings.index_dir), "ASSISTANT_CACHE_DIR": str(real_settings.cache_dir)}
    good = tmp_path / "good.jsonl"
    good.write_text('\ufeff{"question": "can my therapist text me?"}\n', encoding="utf-8")
    ok = _cli("ask", "--batch", str(good), env_extra=env)
    assert ok.returncode == 0, ok.stderr
    assert len(ok.stdout.splitlines()) == 1 and json.loads(ok.stdout)["citations"]
    bad = _cli("ask", "--batch", "-", stdin="not json\n" + "[" * 3000 + "\n", env_extra=env)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert [json.loads(line)["line"] for line in bad.stdout.splitlines()] == [1, 2]


def test_every_command_is_in_the_one_tree() -> None:
    from assistant.cli import build_parser

    commands = build_parser()._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    assert set(commands) >= {
        "ask", "chat", "eval", "eval-crisis", "eval-compare", "compare", "ingest", "serve", "staff-users",
    }  # fmt: skip


def test_staff_users_alias_still_works(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant.staff_users", "--file", str(tmp_path / "users"), "list"],
        cwd=ROOT, env={"PATH": "/usr/bin:/bin"}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0 and result.stdout == ""
