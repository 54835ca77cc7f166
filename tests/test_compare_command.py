"""The `compare` command: each format printed, unknown places and codes exit 2 with a clear message."""

from __future__ import annotations

import argparse

import pytest

from assistant.compare import command
from tests.helpers.compare import knowledge_base


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


@pytest.mark.slow
def test_unknown_jurisdiction_exits_2_naming_the_corpus_places(kb, capsys) -> None:
    args = argparse.Namespace(command="compare", topic="gifts", jurisdictions="Narnia", codes="", format="md")
    assert command.run(args, kb.settings) == 2
    err = capsys.readouterr().err
    assert "Unknown jurisdiction" in err and "GB" in err


@pytest.mark.slow
def test_cli_prints_each_format(kb, capsys) -> None:
    for fmt in ("md", "csv", "json"):
        args = argparse.Namespace(command="compare", topic="gifts", jurisdictions="GB", codes="", format=fmt)
        assert command.run(args, kb.settings) == 0
        out = capsys.readouterr().out
        assert "UKCP" in out
    args = argparse.Namespace(command="compare", topic="gifts", jurisdictions="", codes="NOPE", format="md")
    assert command.run(args, kb.settings) == 2
    assert "Known codes" in capsys.readouterr().err


def test_eval_compare_without_its_file_exits_2(tmp_path, capsys) -> None:
    from assistant.config import Settings

    args = argparse.Namespace(command="eval-compare", file=tmp_path / "missing.yaml")
    assert command.run(args, Settings(index_dir=tmp_path)) == 2
    assert "No comparison eval file" in capsys.readouterr().err
