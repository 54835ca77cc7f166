"""Renderers and readers: CSV and JSON round trips, one Markdown table line per code."""

from __future__ import annotations

import csv
import io

import pytest

from assistant.compare import compare, from_csv, from_json, to_csv, to_json, to_markdown
from tests.helpers.compare import knowledge_base


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


@pytest.mark.slow
def test_csv_and_json_round_trip(kb) -> None:
    c = compare(kb, None, "after-termination", jurisdictions=["US", "AU"])
    assert from_json(to_json(c)) == c
    text = to_csv(c)
    assert text.count("\n") == len(c.rows) + 1  # header plus one line per code
    assert from_csv(text) == c.rows
    header = next(csv.reader(io.StringIO(text)))
    assert header[:2] == ["jurisdiction", "code"] and "sections" in header
    apa = next(r for r in csv.DictReader(io.StringIO(text)) if r["code"] == "APA")
    assert "10.08(a); 10.08(b)" in apa["sections"]
    md = to_markdown(c)
    assert md.count("\n| ") == len(c.rows) + 1 and "Summary" in md
