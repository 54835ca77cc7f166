"""The command line: one answer, JSON, and JSON Lines batches with bad lines in them."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from assistant.cli import iter_batch, run_batch
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
    assert [line for line, _, _ in parsed] == [1, 2, 4, 5, 6]
    assert parsed[0][1] is not None and parsed[0][2] is None
    assert all(ask is None and error for _, ask, error in parsed[1:])
    assert "Unknown jurisdiction" in parsed[3][2]


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
