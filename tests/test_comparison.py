"""Staff comparison engine: rows per code, coverage, positions, renderers, grid and CLI."""

from __future__ import annotations

import argparse
import csv
import io
import time
from pathlib import Path

import pytest

from assistant import comparison as cmp
from assistant.comparison import Comparison, Row, SectionRef
from assistant.config import Settings
from assistant.corpus.schema import TOPICS
from assistant.jurisdictions import UnknownJurisdiction

ROOT = Path(__file__).resolve().parent.parent
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# -- fast tests: no model, no index ---------------------------------------------------------


def _row(code: str, position: str | None, coverage: str = "explicit", section: str | None = "1.1") -> Row:
    sections = [] if coverage == "none" else [SectionRef(section=section, heading=f"{code} heading", url="https://x.org")]
    return Row(code=code, jurisdiction="US", coverage=coverage, sections=sections, position=position,
               paraphrase="text" if coverage != "none" else cmp.NOT_ADDRESSED, url="https://x.org")  # fmt: skip


def test_row_correct_rules() -> None:
    explicit = _row("ACA", None, section="A.5.c")
    assert cmp.row_correct(explicit, ["A.5.c", "A.6.e"])
    assert not cmp.row_correct(explicit, ["A.6.e"])
    assert not cmp.row_correct(explicit, [])
    assert cmp.row_correct(_row("X", None, coverage="none"), [])
    assert cmp.row_correct(_row("X", None, coverage="general", section=None), [])
    assert not cmp.row_correct(_row("X", None, coverage="general", section="2"), [])
    assert not cmp.row_correct(None, ["1"])


def test_summary_groups_waiting_periods() -> None:
    rows = [
        _row("APA", "No sexual intimacy for at least 2 years after therapy ends"),
        _row("ACA", "No sexual/romantic relationship within 5 years of the final professional contact"),
        _row("NASW", "No time limit after which sexual contact with a former client becomes acceptable"),
        _row("UKCP", None, coverage="none"),
    ]
    summary = cmp.summarize(rows, "after-termination")
    assert "Waiting periods differ" in summary
    assert "2 years: APA" in summary and "5 years: ACA" in summary and "no time limit: NASW" in summary
    assert "Not addressed in the corpus: UKCP" in summary


def test_sentences_do_not_split_abbreviations() -> None:
    parts = cmp.sentences("Avoid ties (e.g. friendship) with ex-clients. Wait five years. Then ask.")
    assert parts == ["Avoid ties (e.g. friendship) with ex-clients.", "Wait five years.", "Then ask."]


def test_png_from_a_small_grid() -> None:
    grid = {"codes": ["ACA", "BACP"], "jurisdictions": ["US", "GB"], "topics": list(TOPICS),
            "cells": [[2] * len(TOPICS), [0, 1] * (len(TOPICS) // 2)]}  # fmt: skip
    png = cmp.coverage_grid_png(grid)
    assert png.startswith(PNG_SIGNATURE)


# -- slow tests: real model and an index built into a temporary folder ---------------------


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):
    from assistant.embeddings import get_embeddings
    from assistant.indexer import build_index
    from assistant.retrieval import KnowledgeBase

    settings = Settings(index_dir=tmp_path_factory.mktemp("cmp-index"), corpus_dir=ROOT / "corpus", llm=None)
    build_index(settings, progress=False)
    return KnowledgeBase.load(settings, get_embeddings(settings))


def _in_scope(kb, places: set[str]) -> set[str]:
    return {c for c, info in kb.codes.items() if info["jurisdiction"].split("-")[0] in places}


@pytest.mark.slow
def test_every_requested_code_appears_exactly_once(kb) -> None:
    c = cmp.compare(kb, None, "after-termination", jurisdictions=["US", "UK", "Ontario"])
    codes = [r.code for r in c.rows]
    assert len(codes) == len(set(codes))
    ontario = {code for code, info in kb.codes.items() if info["jurisdiction"] in ("CA-ON", "CA")}
    assert set(codes) == _in_scope(kb, {"US", "GB"}) | ontario
    assert {"TX-LPC", "OH-CSWMFT", "NY-PSY", "CRPO", "BACP"} <= set(codes)
    order = [(r.jurisdiction, r.code.upper()) for r in c.rows]
    assert order == sorted(order)
    everything = cmp.compare(kb, None, "gifts")
    assert sorted(r.code for r in everything.rows) == sorted(kb.codes)
    pair = cmp.compare(kb, None, "gifts", codes=["aca", "BACP", "ACA"])
    assert [r.code for r in pair.rows] == ["BACP", "ACA"]  # GB sorts before US; duplicates merged


@pytest.mark.slow
def test_code_with_nothing_on_the_topic_says_so(kb) -> None:
    c = cmp.compare(kb, None, "barter", codes=["BACP", "ACA"])
    bacp = next(r for r in c.rows if r.code == "BACP")
    assert bacp.coverage == "none" and bacp.sections == [] and bacp.position is None
    assert "Not addressed in the corpus" in bacp.paraphrase
    assert "Not addressed in the corpus: BACP" in c.summary
    aca = next(r for r in c.rows if r.code == "ACA")
    assert aca.coverage == "explicit" and [s.section for s in aca.sections] == ["A.10.e"]


@pytest.mark.slow
@pytest.mark.parametrize("query", [*TOPICS, "can my counsellor date me after therapy ends?", "texting at night"])
def test_rows_cite_only_their_own_codes_sections(kb, query: str) -> None:
    c = cmp.compare(kb, None, query)
    headings = {(d.metadata["code"], d.metadata["heading"]) for d in kb.docs if d.metadata["doc_type"] == "provision"}
    for row in c.rows:
        for s in row.sections:
            if s.section:
                assert kb.provision(row.code, s.section) is not None, (row.code, s.section)
            assert (row.code, s.heading) in headings, (row.code, s.heading)
        if row.coverage == "none":
            assert row.sections == [] and row.paraphrase == cmp.NOT_ADDRESSED
        else:
            assert row.sections and row.paraphrase and row.paraphrase != cmp.NOT_ADDRESSED
        if row.coverage == "explicit":
            assert any(s.section for s in row.sections)


@pytest.mark.slow
def test_paraphrase_comes_from_the_rows_own_provisions(kb) -> None:
    c = cmp.compare(kb, None, "after-termination")
    excerpts = {d.metadata["code"]: [] for d in kb.docs if d.metadata["doc_type"] == "provision"}
    for d in kb.docs:
        if d.metadata["doc_type"] == "provision":
            excerpts[d.metadata["code"]].append(" ".join(d.metadata["excerpt"].split()))
    for row in c.rows:
        if row.coverage != "none":
            head = row.paraphrase.rstrip("…")[:60]
            assert any(head in text for text in excerpts[row.code]), row.code


@pytest.mark.slow
def test_structured_positions_show_apa_and_aca_differ(kb) -> None:
    c = cmp.compare(kb, None, "after-termination", codes=["APA", "ACA", "NASW", "UKCP"])
    rows = {r.code: r for r in c.rows}
    assert "2 years" in rows["APA"].position and "5 years" in rows["ACA"].position
    assert rows["APA"].position != rows["ACA"].position
    assert rows["UKCP"].position is None
    assert "Waiting periods differ" in c.summary
    assert "2 years: APA" in c.summary and "5 years: ACA" in c.summary


@pytest.mark.slow
def test_free_text_maps_to_topics(kb) -> None:
    c = cmp.compare(kb, None, "friendship or business with a client after therapy has ended (non-sexual)",
                    codes=["ACA", "APS"])  # fmt: skip
    assert c.topic == "after-termination" and c.topic_source == "detected"
    rows = {r.code: r for r in c.rows}
    assert [s.section for s in rows["ACA"].sections] == ["A.6.e"]
    assert rows["APS"].coverage == "none"  # its former-client rule is about sex only
    nearest = cmp.compare(kb, None, "bequest in a will", codes=["UKCP"])
    assert nearest.topic_source == "nearest" and nearest.topic in TOPICS


@pytest.mark.slow
def test_csv_and_json_round_trip(kb) -> None:
    c = cmp.compare(kb, None, "after-termination", jurisdictions=["US", "AU"])
    assert cmp.from_json(cmp.to_json(c)) == c
    text = cmp.to_csv(c)
    assert text.count("\n") == len(c.rows) + 1  # header plus one line per code
    assert cmp.from_csv(text) == c.rows
    header = next(csv.reader(io.StringIO(text)))
    assert header[:2] == ["jurisdiction", "code"] and "sections" in header
    apa = next(r for r in csv.DictReader(io.StringIO(text)) if r["code"] == "APA")
    assert "10.08(a); 10.08(b)" in apa["sections"]
    md = cmp.to_markdown(c)
    assert md.count("\n| ") == len(c.rows) + 1 and "Summary" in md


@pytest.mark.slow
def test_unknown_jurisdiction_or_code_gives_a_clear_error(kb, capsys) -> None:
    with pytest.raises(UnknownJurisdiction, match="Unknown jurisdiction 'Narnia'"):
        cmp.compare(kb, None, "gifts", jurisdictions=["Narnia"])
    with pytest.raises(cmp.UnknownCode, match="Known codes: .*ACA"):
        cmp.compare(kb, None, "gifts", codes=["XYZ"])
    args = argparse.Namespace(command="compare", topic="gifts", jurisdictions="Narnia", codes="", format="md")
    assert cmp.cli(args, kb.settings) == 2
    err = capsys.readouterr().err
    assert "Unknown jurisdiction" in err and "GB" in err


@pytest.mark.slow
def test_cli_prints_each_format(kb, capsys) -> None:
    for fmt in ("md", "csv", "json"):
        args = argparse.Namespace(command="compare", topic="gifts", jurisdictions="GB", codes="", format=fmt)
        assert cmp.cli(args, kb.settings) == 0
        out = capsys.readouterr().out
        assert "UKCP" in out
    args = argparse.Namespace(command="compare", topic="gifts", jurisdictions="", codes="NOPE", format="md")
    assert cmp.cli(args, kb.settings) == 2
    assert "Known codes" in capsys.readouterr().err


@pytest.mark.slow
def test_coverage_grid_covers_every_code_and_topic(kb) -> None:
    grid = cmp.coverage_grid(kb)
    assert sorted(grid["codes"]) == sorted(kb.codes) and grid["topics"] == list(TOPICS)
    assert len(grid["cells"]) == len(grid["codes"])
    assert all(len(row) == len(TOPICS) and set(row) <= {0, 1, 2} for row in grid["cells"])
    cell = dict(zip(grid["codes"], grid["cells"], strict=True))
    assert cell["ACA"][TOPICS.index("barter")] == 2 and cell["BACP"][TOPICS.index("barter")] == 0
    for topic in ("after-termination", "texting"):  # same rules as compare()
        c = cmp.compare(kb, None, topic)
        for row in c.rows:
            assert cell[row.code][TOPICS.index(topic)] == cmp.GRID_LEVEL[row.coverage]
    png = cmp.coverage_grid_png(grid)
    assert png.startswith(PNG_SIGNATURE) and len(png) > 1000
    assert cmp.coverage_grid(kb, jurisdictions=["IE"])["codes"] == ["IACP", "PSI"]


@pytest.mark.slow
def test_summary_comes_from_the_rules(kb) -> None:
    assert cmp.compare(kb, None, "gifts", codes=["ACA"]).summary_source == "rules"


@pytest.mark.slow
def test_all_codes_on_one_topic_within_a_second(kb) -> None:
    cmp.compare(kb, None, "gifts")  # warm caches
    started = time.perf_counter()
    c = cmp.compare(kb, None, "after-termination")
    assert len(c.rows) == len(kb.codes)
    assert (time.perf_counter() - started) < 1.0


@pytest.mark.slow
def test_eval_runs_on_a_small_set(kb, tmp_path: Path) -> None:
    path = tmp_path / "compare.yaml"
    path.write_text(
        "- id: t1\n  query: barter\n  topic: barter\n  codes: [ACA, BACP]\n"
        "  expected: {ACA: [A.10.e], BACP: []}\n",
        encoding="utf-8",
    )
    results = cmp.evaluate(cmp.load_eval(path), kb)
    assert results[0].correct == results[0].total == 2 and results[0].topic_ok
    assert "row precision: 2/2" in cmp.report(results)


def test_comparison_model_is_json_schema_ready() -> None:
    schema = Comparison.model_json_schema()
    assert "rows" in schema["properties"] and "summary" in schema["properties"]
