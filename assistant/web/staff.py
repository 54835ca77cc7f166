"""The staff area at ``/staff``: a sign-in page, then a Gradio page comparing ethics codes.

Routes (all under ``/staff``; the public chat never links here):

* ``GET/POST /staff/login`` — our own sign-in form (users file + bcrypt, see ``auth.py``);
  wrong credentials get a clear refusal (401), repeated failures 429 with ``Retry-After``.
* ``GET /staff/logout`` — revokes the session and returns to the sign-in form.
* everything else — the Gradio staff page, behind :class:`StaffGuard`: without a valid,
  unexpired session a browser page load is sent to the sign-in form and every other request
  (``/staff/config``, ``/staff/gradio_api/...``, files) gets 401 JSON. Gradio's own
  ``auth_dependency`` checks the same session as a second lock.

With ``staff_users_file`` unset, every ``/staff`` URL answers 404 "Staff area not
configured"; with the file set but missing or without users, 503 with the same message.

The page: a "Compare codes" tab (topic or own words, jurisdictions, codes -> summary, a
sortable table with linked sections, a CSV download and the coverage grid picture) and an
"Ask" tab with the clients' chat minus the client disclaimer. Corpus text is escaped
wherever it goes into HTML or Markdown.
"""

from __future__ import annotations

import html
import io
import logging
import re
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

import anyio
import gradio as gr
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.requests import HTTPConnection
from starlette.routing import Mount

from assistant import jurisdictions
from assistant.config import Settings
from assistant.index.store import IndexUnavailable
from assistant.web.auth import StaffAuth
from assistant.web.ui import (
    CSS,
    TITLE,
    ChatHandler,
    _new_conversation,
    chat_panel,
    escape_user_text,
    link_domain,
    mount_options,
    safe_url,
)

log = logging.getLogger(__name__)

STAFF_PATH = "/staff"
STAFF_TITLE = f"Staff area — {TITLE}"
NOT_CONFIGURED = "Staff area not configured"
MAX_FORM_BYTES = 8 * 1024
HEADERS = ["Code", "Body", "Jurisdiction", "Edition", "Coverage", "Sections", "Position", "What it says", "Source"]
DATATYPES = ["str", "str", "str", "str", "str", "markdown", "str", "str", "markdown"]
COLUMN_WIDTHS = ["6%", "12%", "10%", "6%", "8%", "17%", "13%", "20%", "8%"]
_SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex, nofollow",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}

# -- plain pages: sign-in and "not configured" --------------------------------------------------

_PAGE_CSS = """
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 background:#f1f5f9;color:#0f172a;line-height:1.5}
main{max-width:420px;margin:8vh auto;padding:2rem;background:#fff;border:1px solid #cbd5e1;border-radius:14px;
 box-shadow:0 4px 18px rgba(15,23,42,.06)}
h1{font-size:1.35rem;margin:0 0 .25rem 0} p.sub{margin:0 0 1.25rem 0;color:#475569;font-size:.95rem}
label{display:block;font-weight:600;margin:.9rem 0 .3rem 0}
input[type=text],input[type=password]{width:100%;padding:.6rem .7rem;font-size:1rem;border:1px solid #94a3b8;
 border-radius:8px}
input:focus,button:focus{outline:3px solid #4f46e5;outline-offset:1px}
button{margin-top:1.3rem;width:100%;padding:.65rem;font-size:1rem;font-weight:600;color:#fff;background:#4f46e5;
 border:0;border-radius:8px;cursor:pointer}
.msg{border-radius:8px;padding:.6rem .8rem;margin:0 0 1rem 0;font-size:.95rem}
.err{background:#fef2f2;border:1px solid #b91c1c;color:#7f1d1d}
.info{background:#eef2ff;border:1px solid #6366f1;color:#1e1b4b}
small{display:block;margin-top:1.2rem;color:#64748b}
"""


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{html.escape(title)}</title><style>{_PAGE_CSS}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def not_configured_response(status: int = 404) -> HTMLResponse:
    body = (
        f"<h1>{NOT_CONFIGURED}</h1>"
        '<p class="sub">There is no staff sign-in on this server yet. An administrator can create a staff '
        "user with <code>python -m assistant.staff_users add NAME</code> (see the README, "
        "&ldquo;Staff area&rdquo;).</p>"
    )
    return HTMLResponse(_page(NOT_CONFIGURED, body), status_code=status, headers=_SECURITY_HEADERS)


def login_page(
    message: str = "", kind: str = "err", username: str = "", next_path: str = "", status: int = 200, **headers: str
) -> HTMLResponse:
    """The sign-in form; ``message`` (our own fixed text) is shown above it in an alert box."""
    note = (
        f'<p class="msg {kind}" role="{"alert" if kind == "err" else "status"}" id="login-message">'
        f"{html.escape(message)}</p>"
        if message
        else ""
    )
    body = (
        f'<h1>Staff sign-in</h1><p class="sub">{html.escape(TITLE)}</p>{note}'
        '<form method="post" action="login" autocomplete="on">'
        f'<input type="hidden" name="next" value="{html.escape(next_path)}">'
        '<label for="username">User name</label>'
        f'<input type="text" id="username" name="username" value="{html.escape(username)}" required '
        'autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" autofocus>'
        '<label for="password">Password</label>'
        '<input type="password" id="password" name="password" required autocomplete="current-password" '
        'maxlength="1024">'
        '<button type="submit" id="sign-in">Sign in</button></form>'
        "<small>For clinic staff only. Sessions end after a set time; you will be asked to sign in again.</small>"
    )
    return HTMLResponse(_page("Staff sign-in", body), status_code=status, headers={**_SECURITY_HEADERS, **headers})


_NEXT = re.compile(r"^/staff/[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*$")


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path under /staff/ only (no other hosts, no tricks)."""
    value = (value or "").strip()
    path = value.split("?", 1)[0]
    segments = re.sub(r"(?i)%2e", ".", path).split("/")
    if _NEXT.match(value) and "//" not in value and not {".", ".."} & set(segments) and "/login" not in path:
        return value
    return f"{STAFF_PATH}/"


def _app_root(scope) -> str:
    return scope.get("app_root_path", scope.get("root_path", "")) or ""


def login_url(scope, next_path: str | None = None, **flags: str) -> str:
    query = dict(flags)
    if next_path and safe_next(next_path) != f"{STAFF_PATH}/":
        query["next"] = next_path
    return f"{_app_root(scope)}{STAFF_PATH}/login" + (f"?{urlencode(query)}" if query else "")


# -- the guard in front of the Gradio staff app --------------------------------------------------


class StaffGuard:
    """ASGI wrapper of the mounted Gradio app: nothing under /staff without a valid session."""

    def __init__(self, app, auth: StaffAuth):
        self.app = app
        self.auth = auth

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        if not self.auth.configured:
            response: Response = not_configured_response(503)
        else:
            conn = HTTPConnection(scope)
            found = self.auth.session_from_cookies(conn.cookies)
            if found.ok:
                await self.app(scope, receive, _with_headers(send))
                return
            response = self._refusal(scope, conn, expired=found.status == "expired", stale=found.status != "missing")
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        await response(scope, receive, send)

    def _refusal(self, scope, conn: HTTPConnection, expired: bool, stale: bool) -> Response:
        wants_page = scope.get("method") in ("GET", "HEAD") and "text/html" in conn.headers.get("accept", "")
        root = _app_root(scope)
        path = scope.get("path", "")
        here = path[len(root) :] if root and path.startswith(root) else path
        if scope.get("query_string"):
            here += "?" + scope["query_string"].decode("latin-1")
        if wants_page:
            flags = {"expired": "1"} if expired else {}
            response: Response = RedirectResponse(login_url(scope, here, **flags), status_code=303)
        else:
            message = (
                "Your staff session has expired. Sign in again at /staff/login."
                if expired
                else "Sign in to the staff area first at /staff/login."
            )
            response = JSONResponse(
                {"error": "session_expired" if expired else "not_authenticated", "message": message},
                status_code=401,
            )
        response.headers["Cache-Control"] = "no-store"
        if stale:
            response.delete_cookie(self.auth.cookie_name, path=f"{root}{STAFF_PATH}")
        return response


def _with_headers(send):
    """Mark every staff response private: not stored by browsers or proxies, not indexed."""

    async def wrapped(message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            if b"cache-control" not in names:
                headers.append((b"cache-control", b"no-store"))
            headers.append((b"x-robots-tag", b"noindex, nofollow"))
            message = {**message, "headers": headers}
        await send(message)

    return wrapped


# -- comparison for the page -------------------------------------------------------------------


def topic_choices() -> list[tuple[str, str]]:
    from assistant.corpus.schema import TOPICS

    return [(t.replace("-", " ").capitalize(), t) for t in TOPICS]


@dataclass(frozen=True)
class CodeCatalogue:
    """The codes of the corpus as the pickers need them, read from the corpus files when the index is down."""

    codes: dict[str, dict]


def code_catalogue(settings: Settings) -> CodeCatalogue:
    from assistant.corpus.loader import load_corpus

    corpus = load_corpus(settings.corpus_dir)
    fields = ("code", "title", "body", "jurisdiction")
    return CodeCatalogue({c.code: {f: str(getattr(c, f)) for f in fields} for c in corpus.codes})


def place_choices(kb) -> list[tuple[str, str]]:
    """The six countries, each followed by its subdivisions that have codes in the corpus."""
    present = {str(info.get("jurisdiction", "")) for info in kb.codes.values()}
    out: list[tuple[str, str]] = []
    for country, name in jurisdictions.COUNTRIES.items():
        out.append((f"{name} ({country})", country))
        subs = sorted(p for p in present if p.startswith(f"{country}-"))
        out += [(f"{jurisdictions.label(p)} ({p})", p) for p in subs]
    return out


def code_choices(kb) -> list[tuple[str, str]]:
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


def _md_link(text: str, url: str | None) -> str:
    """A Markdown link with escaped text, only for safe http(s) URLs; else the escaped text."""
    safe = safe_url(url)
    label = escape_user_text(text)
    if not safe or not safe.startswith(("http://", "https://")):
        return label
    target = safe.replace("(", "%28").replace(")", "%29")
    return f"[{label}]({target})"


def table_rows(comparison) -> list[list[str]]:
    """One table row per code; Markdown cells (sections, source) are escaped and linked."""
    from assistant.compare import UNNUMBERED

    rows = []
    for r in comparison.rows:
        sections = "\n".join(
            f"{_md_link(s.section or UNNUMBERED, s.url)} {escape_user_text(s.heading)}" for s in r.sections
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
                r.position or "—",
                r.paraphrase,
                _md_link(link_domain(r.url) or r.title or r.code, r.url) if r.url else "—",
            ]
        )
    return rows


def summary_html(comparison) -> str:
    from collections import Counter

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

    def __init__(self, kb_provider, embeddings, llm=None):
        self.kb_provider = kb_provider  # the index may come and go: asked for at each comparison
        self.embeddings = embeddings
        self.llm = llm
        self.folder = Path(tempfile.mkdtemp(prefix="cea-staff-"))
        self._grids: dict[tuple, bytes] = {}
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

    def write_csv(self, comparison) -> Path:
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

    def run(self, topic: str | None, words: str | None, places: list[str] | None, codes: list[str] | None):
        """(summary HTML, table, CSV button, grid picture) for the page."""
        import pandas as pd
        from PIL import Image

        from assistant.compare import compare
        from assistant.errors import UnknownCode

        query = (words or "").strip() or (topic or "").strip()
        if not query:
            gr.Warning("Pick a topic or describe one in your own words.")
            return gr.update(), gr.update(), gr.update(), gr.update()
        places, codes = list(places or []), list(codes or [])
        try:
            kb = self.kb_provider()
            result = compare(kb, self.embeddings, query, jurisdictions=places, codes=codes)
        except (UnknownCode, jurisdictions.UnknownJurisdiction, ValueError) as exc:
            gr.Warning(str(exc))
            return gr.update(), gr.update(), gr.update(), gr.update()
        except IndexUnavailable:
            gr.Warning("The search index is unavailable right now, so codes cannot be compared. Try again shortly.")
            return gr.update(), gr.update(), gr.update(), gr.update()
        table = pd.DataFrame(table_rows(result), columns=HEADERS)
        csv_path = self.write_csv(result)
        grid = Image.open(io.BytesIO(self.grid_png(places, codes)))
        return (
            summary_html(result),
            table,
            gr.update(value=str(csv_path), interactive=True, visible=True),
            gr.update(value=grid, visible=True),
        )


# -- the staff page ------------------------------------------------------------------------------

STAFF_CSS = """
.gradio-container { max-width: 1320px !important; }
#staff-header { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem; flex-wrap: wrap; }
#staff-header h1 { font-size: 1.45rem; margin: 0; }
#staff-header .staff-who { font-size: .9rem; color: var(--body-text-color-subdued); }
#staff-header .staff-who a { margin-left: .6rem; font-weight: 600; }
#staff-summary .staff-summary { border: 1px solid var(--border-color-primary); border-radius: 10px;
  padding: .6rem .9rem; background: var(--background-fill-secondary); }
#staff-summary .staff-summary p { margin: .15rem 0; }
#staff-summary .staff-meta { font-size: .85rem; color: var(--body-text-color-subdued); }
#staff-table [role=gridcell], #staff-table [role=columnheader], #staff-table td, #staff-table th,
#staff-table .cell-wrap span { font-family: var(--font) !important; font-size: .86rem; }
#staff-table [role=gridcell] .cell-wrap { align-items: flex-start; }
#staff-compare { align-self: end; min-height: 2.6rem; }
#staff-grid img { object-fit: contain; }
"""

# After a session expires the page's calls get 401: send the person back to the sign-in form.
STAFF_JS = """
() => {
  const original = window.fetch;
  window.fetch = async (...args) => {
    const response = await original(...args);
    if (response.status === 401) { window.location.assign("login?expired=1"); }
    return response;
  };
}
"""


def header_html(user: str | None) -> str:
    who = (
        f'<span class="staff-who">Signed in as <strong>{html.escape(user)}</strong>'
        '<a href="logout" id="staff-logout">Sign out</a></span>'
        if user
        else ""
    )
    return f'<div id="staff-header"><h1>Staff area</h1>{who}</div>'


def build_staff_ui(settings: Settings, assistant, stream_delay: float = 0.012) -> gr.Blocks:
    """The staff page: compare codes across jurisdictions, and the clients' chat without the notice."""
    handler = CompareHandler(assistant.knowledge_base, assistant.embeddings)
    catalogue = assistant.kb or code_catalogue(settings)
    chat = ChatHandler(settings, assistant, stream_delay)
    with gr.Blocks(title=STAFF_TITLE, fill_width=False, analytics_enabled=False, delete_cache=(1800, 3600)) as demo:
        header = gr.HTML(header_html(None), padding=False, elem_id="staff-header-wrap")
        with gr.Tabs(elem_id="staff-tabs"):
            with gr.Tab("Compare codes", id="compare", elem_id="staff-tab-compare"):
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

            with gr.Tab("Ask", id="ask", elem_id="staff-tab-ask"):
                gr.Markdown(
                    "The same answers clients get, with the same crisis guidance and sources.",
                    elem_id="staff-ask-note",
                )
                place, new_chat, strip, chatbot, box, send, history, crisis = chat_panel(
                    settings,
                    place_label="Where is the therapist?",
                    height="55vh",
                    buttons=["copy"],
                    placeholder="**Ask** what a client would ask, or anything about contact outside sessions.",
                    box_label="Question",
                )
                chat_in = [box, place, chatbot, history, crisis]
                chat_out = [box, chatbot, history, crisis, strip]
                box.submit(chat.respond, chat_in, chat_out, api_visibility="private")
                send.click(chat.respond, chat_in, chat_out, api_visibility="private")
                new_chat.click(_new_conversation, None, chat_out, api_visibility="private", queue=False)
                chatbot.clear(_new_conversation, None, chat_out, api_visibility="private", queue=False)

        def who(request: gr.Request) -> str:
            return header_html(getattr(request, "username", None))

        demo.load(who, None, header, api_visibility="private", queue=False)
    return demo


# -- mounting -------------------------------------------------------------------------------------


def mount_staff(app: FastAPI, settings: Settings, assistant, stream_delay: float = 0.012) -> StaffAuth | None:
    """Add the staff area to ``app`` (call before mounting anything at "/")."""
    if settings.staff_users_file is None:

        async def not_configured(request: Request) -> Response:  # noqa: ARG001
            return not_configured_response(404)

        methods = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
        for path in (STAFF_PATH, f"{STAFF_PATH}/", f"{STAFF_PATH}/{{rest:path}}"):
            app.add_api_route(path, not_configured, methods=methods, include_in_schema=False)
        app.state.staff_auth = None
        return None

    auth = StaffAuth.from_settings(settings)
    app.state.staff_auth = auth
    _add_login_routes(app, auth)
    blocks = build_staff_ui(settings, assistant, stream_delay)
    blocks.queue(default_concurrency_limit=settings.concurrency_limit, max_size=64)
    gr.mount_gradio_app(
        app,
        blocks,
        path=STAFF_PATH,
        auth_dependency=auth.user_for,
        css=CSS + STAFF_CSS,
        js=STAFF_JS,
        head='<meta name="robots" content="noindex, nofollow">',
        **mount_options(settings),
    )
    for route in app.router.routes:
        if isinstance(route, Mount) and route.path == STAFF_PATH:
            route.app = StaffGuard(route.app, auth)
            break
    else:  # pragma: no cover - a Gradio change would otherwise leave the page unguarded
        raise RuntimeError("the staff area could not be guarded")
    return auth


def _add_login_routes(app: FastAPI, auth: StaffAuth) -> None:
    cookie_path = STAFF_PATH

    def _fresh_form(request: Request, message: str = "", kind: str = "info") -> Response:
        if not auth.configured:
            return not_configured_response(503)
        next_path = safe_next(request.query_params.get("next"))
        if auth.session_from_cookies(request.cookies).ok:
            return RedirectResponse(_app_root(request.scope) + next_path, status_code=303)
        return login_page(message, kind=kind, next_path=next_path)

    @app.get(STAFF_PATH, include_in_schema=False)
    async def staff_root(request: Request) -> Response:
        return RedirectResponse(f"{_app_root(request.scope)}{STAFF_PATH}/", status_code=307)

    @app.get(f"{STAFF_PATH}/login", include_in_schema=False)
    async def login_form(request: Request) -> Response:
        params = request.query_params
        if "expired" in params:
            return _fresh_form(request, "Your session has expired. Please sign in again.")
        if "signed_out" in params:
            return _fresh_form(request, "You have signed out.")
        return _fresh_form(request)

    @app.post(f"{STAFF_PATH}/login", include_in_schema=False)
    async def login_submit(request: Request) -> Response:
        if not auth.configured:
            return not_configured_response(503)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_FORM_BYTES:
            return login_page("The sign-in form was too large.", status=413)
        try:
            form = await request.form(max_files=0, max_fields=8)
        except Exception:  # malformed bodies get the same plain refusal
            return login_page("The sign-in form could not be read. Please try again.", status=400)
        username = str(form.get("username") or "").strip()[:128]
        password = str(form.get("password") or "")[:1024]
        next_path = safe_next(str(form.get("next") or ""))
        ip = request.client.host if request.client else None
        wait = auth.limiter.retry_after(ip, username)
        if wait:
            return _too_many(wait, username, next_path)
        if not username or not password:
            return login_page("Enter your user name and password.", username=username, next_path=next_path, status=400)
        ok = await anyio.to_thread.run_sync(auth.users.verify, username, password)
        if not ok:
            auth.limiter.failure(ip, username)
            log.warning("staff sign-in failed")
            message = "Wrong user name or password. Please try again."
            left = auth.limiter.remaining(ip, username)
            if left <= 2:
                minutes = max(1, round(auth.limiter.window / 60))
                message += (
                    f" {left} attempt{'s' if left != 1 else ''} left before sign-in is paused for {minutes} minutes."
                    if left
                    else f" Sign-in is now paused for {minutes} minutes."
                )
            return login_page(message, username=username, next_path=next_path, status=401)
        auth.limiter.success(ip, username)
        log.info("staff user signed in")
        response = RedirectResponse(_app_root(request.scope) + next_path, status_code=303)
        response.set_cookie(
            auth.cookie_name,
            auth.signer.issue(username),
            max_age=int(auth.session_seconds),
            path=_app_root(request.scope) + cookie_path,
            httponly=True,
            samesite="lax",
            secure=request.url.scheme == "https",
        )
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.api_route(f"{STAFF_PATH}/logout", methods=["GET", "POST"], include_in_schema=False)
    async def logout(request: Request) -> Response:
        auth.revoke(request.cookies.get(auth.cookie_name))
        response = RedirectResponse(login_url(request.scope, signed_out="1"), status_code=303)
        response.delete_cookie(auth.cookie_name, path=_app_root(request.scope) + cookie_path)
        response.headers["Cache-Control"] = "no-store"
        return response

    def _too_many(wait: int, username: str, next_path: str) -> Response:
        minutes = max(1, -(-wait // 60))
        return login_page(
            f"Too many failed sign-in attempts. Please wait {minutes} minute{'s' if minutes != 1 else ''} "
            "and try again.",
            username=username,
            next_path=next_path,
            status=429,
            **{"Retry-After": str(wait)},
        )


__all__ = ["STAFF_PATH", "StaffGuard", "build_staff_ui", "mount_staff", "CompareHandler"]
