"""`GET /guides/<id>`: a whole plain-language guide, as a small HTML page or as JSON.

Answers link here (``Reply.guide.url``). The guide comes from the corpus files, not the index,
so the page works during a store outage; every point lists the provisions it rests on, with
the code's official link. Guide ids are the file names in ``corpus/guides`` and are stable.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from assistant import jurisdictions
from assistant.config import Settings
from assistant.corpus.loader import Corpus, load_corpus
from assistant.corpus.schema import Code, Guide
from assistant.web.render import safe_url

_DISCLAIMER = (
    "General information from published codes, not legal or clinical advice. A code binds members of the body "
    "that publishes it; licensing boards and regulators can set stricter rules. This is not a crisis service: "
    "in an emergency, call your local emergency number."
)


@dataclass(frozen=True)
class GuideLibrary:
    """The corpus guides by id, with the codes their citations name."""

    guides: dict[str, Guide]
    codes: dict[str, Code]

    @classmethod
    def from_corpus(cls, corpus: Corpus) -> GuideLibrary:
        return cls({g.id: g for g in corpus.guides}, {c.code: c for c in corpus.codes})

    def citation(self, cite: str) -> dict[str, Any]:
        """'ACA H.2.a' -> the code, section, heading, place and official link."""
        code_id, _, section = cite.partition(" ")
        code = self.codes.get(code_id)
        provision = code.provision(section) if code is not None else None
        return {
            "code": code_id,
            "section": section or None,
            "heading": provision.heading if provision else "",
            "jurisdiction": code.jurisdiction if code else "",
            "title": code.title if code else "",
            "url": str(code.url) if code else "",
        }

    def as_json(self, guide: Guide) -> dict[str, Any]:
        return {
            "id": guide.id,
            "title": guide.question,
            "short_answer": " ".join(guide.short_answer.split()),
            "topics": list(guide.topics),
            "points": [
                {
                    "text": " ".join(p.text.split()),
                    "topics": list(p.topics),
                    "citations": [self.citation(c) for c in p.cites],
                }
                for p in guide.points
            ],
            "last_checked": guide.last_checked.isoformat(),
        }


def guide_page(data: dict[str, Any]) -> str:
    """The guide as a self-contained page: no scripts, no external resources."""
    esc = html.escape
    points = []
    for point in data["points"]:
        sources = []
        for c in point["citations"]:
            label = f"{c['code']} {c['section'] or ''}".strip()
            place = jurisdictions.label(c["jurisdiction"]) if c["jurisdiction"] else ""
            url = safe_url(c["url"])
            link = esc(label)
            if url:
                link = f'<a href="{esc(url)}" rel="noopener noreferrer" target="_blank">{link}</a>'
            heading = f" — {esc(c['heading'])}" if c["heading"] else ""
            sources.append(f"{link}{heading}{f' ({esc(place)})' if place else ''}")
        points.append(f"<li><p>{esc(point['text'])}</p><p class=\"src\">Sources: {'; '.join(sources)}</p></li>")
    return (
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>{esc(data['title'])} · Contact Ethics Assistant</title>"
        "<style>body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;max-width:46rem;"
        "margin:1.5rem auto;padding:0 1rem;line-height:1.55;color:#1f2937}h1{font-size:1.5rem}"
        ".short{font-size:1.05rem;background:#eef2ff;border-radius:8px;padding:.7rem .9rem}"
        ".src{font-size:.9rem;color:#374151}a{color:#1d4ed8}footer{font-size:.85rem;color:#374151;"
        "border-top:1px solid #d1d5db;margin-top:2rem;padding-top:.7rem}</style></head><body><main>"
        f"<p><a href=\"/\">← Ask another question</a></p><h1>{esc(data['title'])}</h1>"
        f"<p class=\"short\"><strong>In short:</strong> {esc(data['short_answer'])}</p>"
        f"<ol>{''.join(points)}</ol>"
        f"<footer><p>{esc(_DISCLAIMER)}</p><p>Last checked {esc(data['last_checked'])}.</p></footer>"
        "</main></body></html>"
    )


def make_guides_router(settings: Settings) -> APIRouter:
    """The guides routes over the corpus folder (read once at start)."""
    library = GuideLibrary.from_corpus(load_corpus(settings.corpus_dir))
    router = APIRouter()

    @router.get(
        "/guides/{guide_id}",
        tags=["guides"],
        summary="A whole guide (HTML, or JSON with Accept: application/json)",
        responses={200: {"content": {"text/html": {}, "application/json": {}}}, 404: {}},
    )
    def guide(guide_id: str, request: Request) -> Response:
        found = library.guides.get(guide_id)
        wants_json = "application/json" in request.headers.get("accept", "")
        if found is None:
            message = "There is no guide with that name."  # the name is not echoed: it is the caller's text
            if wants_json:
                body = {"error": "unknown_guide", "message": message, "details": sorted(library.guides)}
                return JSONResponse(body, status_code=404)
            return HTMLResponse(f"<!doctype html><title>Not found</title><p>{html.escape(message)}</p>", 404)
        data = library.as_json(found)
        if wants_json:
            return JSONResponse(data)
        return HTMLResponse(guide_page(data))

    return router
