"""The staff page's "Compare codes" tab: pickers, the comparison table, its CSV and coverage grid.

Corpus text is escaped wherever it goes into HTML or Markdown (:mod:`assistant.web.render`).
The pickers work from the corpus files while the index is down; a comparison then warns.
"""

from __future__ import annotations

import html
import io
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import gradio as gr

from assistant import jurisdictions
from assistant.config import Settings
from assistant.errors import IndexUnavailable, UnknownCode, UnknownJurisdiction
from assistant.web.render import escape_user_text, link_domain, markdown_link

if TYPE_CHECKING:
    from assistant.compare import Comparison
    from assistant.index.knowledge_base import KnowledgeBase

HEADERS = [
    "Code", "Body", "Jurisdiction", "Edition", "Coverage", "Sections", "At a glance", "Position", "What it says",
    "Source",
]  # fmt: skip
DATATYPES: list[Any] = ["str", "str", "str", "str", "str", "markdown", "str", "str", "str", "markdown"]
COLUMN_WIDTHS: list[str | int] = ["6%", "11%", "9%", "5%", "7%", "15%", "11%", "11%", "18%", "7%"]


class CodeSource(Protocol):
    """What the pickers need: the codes of the corpus (`KnowledgeBase` or `CodeCatalogue`)."""

    @property
    def codes(self) -> Mapping[str, Mapping[str, Any]]: ...


@dataclass(frozen=True)
class CodeCatalogue:
    """The codes of the corpus as the pickers need them, read from the corpus files when the index is down."""

    codes: dict[str, dict[str, Any]]


def code_catalogue(settings: Settings) -> CodeCatalogue:
    from assistant.corpus.loader import load_corpus

    corpus = load_corpus(settings.corpus_dir)
    fields = ("code", "title", "body", "jurisdiction")
    return CodeCatalogue({c.code: {f: str(getattr(c, f)) for f in fields} for c in corpus.codes})


def topic_choices() -> list[tuple[str, str]]:
    from assistant.corpus.schema import TOPICS

    return [(t.replace("-", " ").capitalize(), t) for t in TOPICS]


def place_choices(kb: CodeSource) -> list[tuple[str, str]]:
    """The six countries, each followed by its subdivisions that have codes in the corpus."""
    present = {str(info.get("jurisdiction", "")) for info in kb.codes.values()}
    out: list[tuple[str, str]] = []
    for country, name in jurisdictions.COUNTRIES.items():
        out.append((f"{name} ({country})", country))
        subs = sorted(p for p in present if p.startswith(f"{country}-"))
        out += [(f"{jurisdictions.label(p)} ({p})", p) for p in subs]
    return out


def code_choices(kb: CodeSource) -> list[tuple[str, str]]:
    from assistant.compare import known_codes

    out = []
    for code in known_codes(kb):
        info = kb.codes.get(code)
        if info:
            who = info.get("body") or info.get("title") or ""
            out.append((f"{code} — {who} ({info.get('jurisdiction', '')})", code))
        else:
            out.append((f"{code} (not in the index)", code))
    return out


def table_rows(comparison: Comparison) -> list[list[str]]:
    """One table row per code; Markdown cells (sections, source) are escaped and linked."""
    from assistant.compare import UNNUMBERED

    rows = []
    for r in comparison.rows:
        sections = "\n".join(
            f"{markdown_link(s.section or UNNUMBERED, s.url)} {escape_user_text(s.heading)}" for s in r.sections
        )
        place = jurisdictions.label(r.jurisdiction) if r.jurisdiction else ""
        rows.append(
            [
                r.code,
                r.body,
                f"{place} ({r.jurisdiction})" if place and place != r.jurisdiction else r.jurisdiction,
                r.edition,
                r.coverage,
                sections or "—",
                r.at_a_glance or "—",
                r.position or "—",
                r.paraphrase,
                markdown_link(link_domain(r.url) or r.title or r.code, r.url) if r.url else "—",
            ]
        )
    return rows


def summary_html(comparison: Comparison) -> str:
    counts = Counter(r.coverage for r in comparison.rows)
    scope = ", ".join(comparison.jurisdictions) or ("selected codes" if comparison.codes else "all jurisdictions")
    how = {"exact": "picked", "detected": "found in your words", "nearest": "nearest to your words"}
    topic = comparison.topic.replace("-", " ")
    meta = (
        f"Topic: {topic} ({how.get(comparison.topic_source, comparison.topic_source)})"
        f" · Scope: {scope} · {len(comparison.rows)} codes: {counts['explicit']} explicit, "
        f"{counts['general']} general, {counts['none']} not addressed · {comparison.elapsed_ms:.0f} ms"
    )
    return (
        '<div class="staff-summary" role="status">'
        f"<p><strong>Summary:</strong> {html.escape(comparison.summary)}</p>"
        f'<p class="staff-meta">{html.escape(meta)}</p></div>'
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "comparison"


class CompareHandler:
    """Runs comparisons for the page; writes the CSV files and caches grid pictures."""

    KEEP_SECONDS = 3600

    def __init__(self, kb_provider: Callable[[], KnowledgeBase], embeddings: Any):
        self.kb_provider = kb_provider  # the index may come and go: asked for at each comparison
        self.embeddings = embeddings
        self.folder = Path(tempfile.mkdtemp(prefix="cea-staff-"))
        self._grids: dict[tuple[tuple[str, ...], tuple[str, ...]], bytes] = {}
        self._lock = threading.Lock()

    def grid_png(self, places: list[str], codes: list[str]) -> bytes:
        from assistant.compare import coverage_grid, coverage_grid_png

        key = (tuple(places), tuple(codes))
        with self._lock:
            cached = self._grids.get(key)
        if cached is None:
            cached = coverage_grid_png(coverage_grid(self.kb_provider(), places, codes))
            with self._lock:
                if len(self._grids) > 64:
                    self._grids.clear()
                self._grids[key] = cached
        return cached

    def write_csv(self, comparison: Comparison) -> Path:
        from assistant.compare import to_csv

        self._prune()
        folder = self.folder / uuid.uuid4().hex
        folder.mkdir(parents=True)
        scope = "-".join(comparison.jurisdictions) or ("codes" if comparison.codes else "all")
        path = folder / f"comparison-{_slug(comparison.topic)}-{_slug(scope)}.csv"
        path.write_text(to_csv(comparison), encoding="utf-8-sig")  # BOM: spreadsheets read UTF-8 right
        return path

    def _prune(self) -> None:
        cutoff = time.time() - self.KEEP_SECONDS
        for child in self.folder.iterdir():
            try:
                if child.stat().st_mtime < cutoff:
                    shutil.rmtree(child, ignore_errors=True)
            except OSError:
                continue

    def run(
        self, topic: str | None, words: str | None, places: list[str] | None, codes: list[str] | None
    ) -> tuple[Any, Any, Any, Any]:
        """(summary HTML, table, CSV button, grid picture) for the page."""
        from PIL import Image

        from assistant.compare import compare

        query = (words or "").strip() or (topic or "").strip()
        if not query:
            gr.Warning("Pick a topic or describe one in your own words.")
            return gr.update(), gr.update(), gr.update(), gr.update()
        places, codes = list(places or []), list(codes or [])
        try:
            kb = self.kb_provider()
            result = compare(kb, self.embeddings, query, jurisdictions=places, codes=codes)
        except (UnknownCode, UnknownJurisdiction, ValueError) as exc:
            gr.Warning(str(exc))
            return gr.update(), gr.update(), gr.update(), gr.update()
        except IndexUnavailable:
            gr.Warning("The search index is unavailable right now, so codes cannot be compared. Try again shortly.")
            return gr.update(), gr.update(), gr.update(), gr.update()
        table = {"data": table_rows(result), "headers": HEADERS}
        csv_path = self.write_csv(result)
        grid = Image.open(io.BytesIO(self.grid_png(places, codes)))
        return (
            summary_html(result),
            table,
            gr.update(value=str(csv_path), interactive=True, visible=True),
            gr.update(value=grid, visible=True),
        )


def compare_tab(catalogue: CodeSource, handler: CompareHandler) -> None:
    """The tab's controls and events, inside the `gr.Tab` being built."""
    with gr.Row(equal_height=False):
        topic = gr.Dropdown(
            choices=topic_choices(),
            value=None,
            label="Topic",
            elem_id="staff-topic",
            filterable=True,
            scale=2,
            min_width=220,
        )
        words = gr.Textbox(
            label="…or in your own words (used instead of the topic)",
            placeholder="e.g. friendship with a former client",
            elem_id="staff-query",
            max_length=500,
            scale=3,
            min_width=260,
        )
    with gr.Row(equal_height=False):
        places = gr.Dropdown(
            choices=place_choices(catalogue),
            value=[],
            multiselect=True,
            label="Jurisdictions",
            info="A country includes its states and provinces. None picked and no codes: every code.",
            elem_id="staff-jurisdictions",
            scale=3,
            min_width=260,
        )
        codes = gr.Dropdown(
            choices=code_choices(catalogue),
            value=[],
            multiselect=True,
            label="Codes",
            info="Added to the codes of the jurisdictions picked.",
            elem_id="staff-codes",
            scale=3,
            min_width=260,
        )
        run = gr.Button("Compare", variant="primary", elem_id="staff-compare", scale=1, min_width=120)
    summary = gr.HTML("", elem_id="staff-summary", padding=False)
    table = gr.Dataframe(
        headers=HEADERS,
        datatype=DATATYPES,
        column_widths=COLUMN_WIDTHS,
        interactive=False,
        wrap=True,
        line_breaks=True,
        max_height=760,
        label="What each code says (click a column heading to sort)",
        show_search="filter",
        buttons=["fullscreen", "copy"],
        latex_delimiters=[],
        elem_id="staff-table",
    )
    with gr.Row():
        download = gr.DownloadButton(
            "Download CSV", value=None, interactive=False, elem_id="staff-csv", variant="secondary",
            size="md", scale=0, min_width=180,
        )  # fmt: skip
    grid = gr.Image(
        label="Coverage of every topic by the codes in scope (E explicit, G general, blank none)",
        type="pil",
        format="png",
        interactive=False,
        buttons=["download", "fullscreen"],
        visible=False,
        elem_id="staff-grid",
    )
    inputs = [topic, words, places, codes]
    outputs = [summary, table, download, grid]
    run.click(handler.run, inputs, outputs, api_visibility="private")
    words.submit(handler.run, inputs, outputs, api_visibility="private")
