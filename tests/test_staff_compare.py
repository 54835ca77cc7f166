"""The staff page's comparison tab (assistant.web.staff.compare): escaped table cells, the handler."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_table_cells_escape_corpus_text_and_keep_safe_links() -> None:
    from assistant.compare import Comparison, Row, SectionRef
    from assistant.web.staff.compare import HEADERS, summary_html, table_rows

    row = Row(
        code="APA",
        body="<b>Body</b>",
        jurisdiction="US",
        edition="2017",
        coverage="explicit",
        sections=[
            SectionRef(section="10.08", heading="<img src=x onerror=alert(1)> [x](javascript:alert(1))", url="https://www.apa.org/ethics/code"),
            SectionRef(section=None, heading="Heading", url="javascript:alert(1)"),
        ],
        position="two years",
        paraphrase="<script>alert(1)</script>",
        url="https://www.apa.org/ethics/code",
    )  # fmt: skip
    comparison = Comparison(
        query="q", topic="after-termination", topic_source="exact", rows=[row], summary="<script>x</script>"
    )
    [cells] = table_rows(comparison)
    sections, source = cells[HEADERS.index("Sections")], cells[HEADERS.index("Source")]
    assert "[10\\.08](https://www.apa.org/ethics/code)" in sections
    assert "<img" not in sections and "&lt;img" in sections and "](javascript" not in sections
    assert "(unnumbered)" in sections.replace("\\", "")
    assert source == "[apa\\.org](https://www.apa.org/ethics/code)"
    assert cells[2] == "United States (US)"
    html_out = summary_html(comparison)
    assert "<script>" not in html_out and "&lt;script&gt;" in html_out


@pytest.mark.slow
def test_compare_handler_gives_table_csv_and_grid(assistant) -> None:
    from assistant.compare import from_csv
    from assistant.web.staff.compare import HEADERS, CompareHandler, code_choices, place_choices

    places = [value for _, value in place_choices(assistant.kb)]
    assert places[:1] == ["US"] and {"US", "CA", "GB", "IE", "AU", "NZ", "US-TX", "CA-ON"} <= set(places)
    assert {value for _, value in code_choices(assistant.kb)} >= set(assistant.kb.codes)

    handler = CompareHandler(lambda: assistant.kb, assistant.embeddings)
    summary, table, download, grid = handler.run("after-termination", "", ["US", "GB"], [])
    assert "Summary:" in summary and "after termination" in summary
    assert table["headers"] == HEADERS and all(len(row) == len(HEADERS) for row in table["data"])
    codes = [row[HEADERS.index("Code")] for row in table["data"]]
    assert {"APA", "ACA", "BACP"} <= set(codes) and "CPA" not in codes
    csv_path = Path(download["value"])
    rows = from_csv(csv_path.read_text(encoding="utf-8-sig"))
    assert [r.code for r in rows] == codes
    image = grid["value"]
    assert image.width > 300 and image.height > 200
    # free text wins over the picked topic; a bad code is a warning, not a crash
    summary, table, _, _ = handler.run("texting", "friendship with a former client", ["GB"], [])
    assert "after termination" in summary
    with pytest.warns(UserWarning):
        out = handler.run("texting", "", [], ["NOPE"])
    assert all(isinstance(o, dict) and o.get("__type__") == "update" for o in out)
