"""A comparison as Markdown (terminal, docs), CSV (spreadsheets) and JSON, and the readers back.

CSV joins a row's sections with "; " and writes unnumbered sections as "(unnumbered)", so
:func:`from_csv` gives the same rows back.
"""

from __future__ import annotations

import csv
import io

from assistant.compare.models import Comparison, Row, SectionRef
from assistant.compare.text import clean

CSV_FIELDS = (
    "jurisdiction", "code", "body", "title", "edition", "kind", "coverage", "sections",
    "section_headings", "section_urls", "position", "at_a_glance", "checked_absent", "paraphrase", "url",
)  # fmt: skip
UNNUMBERED = "(unnumbered)"


def _md(text: str | None) -> str:
    return clean(text or "").replace("|", "\\|")


def to_markdown(c: Comparison) -> str:
    """Heading, summary and one table line per code: the CLI default, pasteable into documents."""
    scope = ", ".join(c.jurisdictions) if c.jurisdictions else "all jurisdictions"
    lines = [
        f"## {c.topic.replace('-', ' ').capitalize()}: what the codes say",
        "",
        f"Query: {_md(c.query)} · Topic: `{c.topic}` ({c.topic_source})"
        + (f" · also: {', '.join(c.related_topics)}" if c.related_topics else "")
        + f" · Scope: {scope} · {len(c.rows)} codes",
        "",
        f"**Summary** ({'model-written from the rows' if c.summary_source == 'llm' else 'from the rows'}): "
        f"{_md(c.summary)}",
        "",
        "| Jurisdiction | Code | Coverage | Sections | At a glance | Position | What it says | Source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in c.rows:
        cited = "<br>".join(
            f"[{_md(s.section or UNNUMBERED)}]({s.url}) {_md(s.heading)}" if s.url else
            f"{_md(s.section or UNNUMBERED)} {_md(s.heading)}"
            for s in r.sections
        ) or "—"
        source = f"[{_md(r.title or r.code)}]({r.url})" if r.url else _md(r.title or r.code)
        lines.append(
            f"| {_md(r.jurisdiction)} | **{_md(r.code)}** ({_md(r.body)}, {_md(r.edition)}) | {r.coverage} "
            f"| {cited} | {_md(r.at_a_glance) or '—'} | {_md(r.position) or '—'} | {_md(r.paraphrase)} | {source} |"
        )
    lines += ["", "Sections marked (unnumbered) have no clause number in the text read, so none is cited."]
    return "\n".join(lines) + "\n"


def _row_csv(r: Row) -> dict[str, str]:
    return {
        "jurisdiction": r.jurisdiction,
        "code": r.code,
        "body": r.body,
        "title": r.title,
        "edition": r.edition,
        "kind": r.kind,
        "coverage": r.coverage,
        "sections": "; ".join(s.section or UNNUMBERED for s in r.sections),
        "section_headings": "; ".join(s.heading for s in r.sections),
        "section_urls": "; ".join(s.url for s in r.sections),
        "position": r.position or "",
        "at_a_glance": r.at_a_glance or "",
        "checked_absent": "yes" if r.checked_absent else "",
        "paraphrase": r.paraphrase,
        "url": r.url,
    }


def to_csv(c: Comparison) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for r in c.rows:
        writer.writerow({k: clean(v) for k, v in _row_csv(r).items()})
    return out.getvalue()


def from_csv(text: str) -> list[Row]:
    """Rows read back from :func:`to_csv` output."""
    rows = []
    for rec in csv.DictReader(io.StringIO(text)):
        split = [(rec.get(k) or "").split("; ") if rec.get(k) else [] for k in
                 ("sections", "section_headings", "section_urls")]
        sections = [
            SectionRef(section=None if s == UNNUMBERED else s, heading=h, url=u)
            for s, h, u in zip(*split, strict=True)
        ]
        rows.append(Row(
            code=rec["code"], body=rec["body"], title=rec["title"], jurisdiction=rec["jurisdiction"],
            edition=rec["edition"], kind=rec["kind"], coverage=rec["coverage"], sections=sections,
            position=rec["position"] or None, at_a_glance=rec.get("at_a_glance") or None,
            checked_absent=rec.get("checked_absent") == "yes", paraphrase=rec["paraphrase"], url=rec["url"],
        ))  # fmt: skip
    return rows


def to_json(c: Comparison) -> str:
    """The whole comparison, as the model defines it."""
    return c.model_dump_json(indent=2)


def from_json(text: str) -> Comparison:
    """A comparison read back from :func:`to_json` output."""
    return Comparison.model_validate_json(text)
