"""The clinic widget: ``/widget.js`` (the loader a clinic's site includes), ``/embed/<id>`` (the chat page made
for its iframe) and ``/api/clinics/<id>/ask`` (and ``/stream``: the cross-origin API for a clinic's own site).

* ``/widget.js``: dependency-free, served by the app (no CDN), ETag and a short cache. It draws a launcher
  button that opens ``/embed/<id>`` in an iframe inside a labelled dialog (``data-mode="inline"
  data-target="#id"`` puts the iframe in a container instead; ``data-jurisdiction`` overrides the clinic's
  place). The iframe has no ``sandbox``: the crisis block's call and text links and the sources' new tabs work.
* ``/embed/<id>``: a small server-rendered page over ``/api/ask/stream`` (``static/embed.js``, no Gradio),
  with a strict CSP whose ``frame-ancestors`` is exactly the clinic's ``allowed_origins`` (``'none'`` when
  the list is empty: the widget is then refused everywhere) and no ``X-Frame-Options``. It sets no cookie,
  never reads the parent page (it only posts "close" to the clinic's origins when Esc is pressed), and keeps
  the conversation in the tab's memory. Unknown or disabled clinic: 404.
* ``/api/clinics/<id>/ask``: CORS answers exactly the clinic's origins (preflight included); any other
  ``Origin`` gets 403 JSON ``cross_origin`` (the message is still screened first: contracts, rule 1). A
  request without ``Origin`` is not a browser on another site: it is answered, limited per address.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from assistant import jurisdictions
from assistant.config import Settings
from assistant.errors import AssistantError, RequestRejected
from assistant.web.api import _ASK_BODY, Answering, error_response
from assistant.web.assets import static_text

if TYPE_CHECKING:
    from assistant.clinics.registry import LoadedClinic
    from assistant.corpus.schema import Policy

WIDGET_MAX_BYTES = 10 * 1024
WIDGET_CACHE = "public, max-age=300"  # five minutes: a fixed loader reaches every site quickly
STYLE_CACHE = "public, max-age=60"  # a clinic's colours follow its file within a minute
CORS_MAX_AGE = "600"
CROSS_ORIGIN_TEXT = "This clinic's assistant answers only on the clinic's own website."
NOT_FOUND_TEXT = "There is no clinic assistant at this address."
AUTOMATED_TEXT = (
    "An automated assistant, not {clinic}'s clinicians: nobody monitors this chat and it is not a crisis "
    "service. If you are in danger, call your local emergency number now."
)


def embed_csp(origins: list[str]) -> str:
    """The embed page's CSP: its own scripts, styles and calls only, framed by exactly these origins."""
    ancestors = " ".join(origins) if origins else "'none'"
    return (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        f"base-uri 'none'; form-action 'none'; frame-ancestors {ancestors}"
    )


def widget_script() -> tuple[bytes, str]:
    """The loader's bytes and its ETag."""
    data = static_text("widget.js").encode("utf-8")
    return data, '"' + hashlib.sha256(data).hexdigest()[:20] + '"'


def _not_found(request: Request) -> Response:
    if "text/html" in request.headers.get("accept", ""):
        page = f'<!doctype html><html lang="en"><title>Not found</title><p>{html.escape(NOT_FOUND_TEXT)}</p></html>'
        return HTMLResponse(page, status_code=404)
    return JSONResponse({"error": "unknown_clinic", "message": NOT_FOUND_TEXT, "details": []}, status_code=404)


def _place(value: str | None, default: str) -> str:
    """The place the page starts with: a valid ``?jurisdiction=`` (data-jurisdiction), else the clinic's."""
    if value and len(value) <= 64:
        try:
            found = jurisdictions.normalize(value)
        except jurisdictions.UnknownJurisdiction:
            found = None
        if found:
            return found
    return default


def clinic_style(loaded: LoadedClinic, base: str) -> str:
    """A stylesheet: the clinic's colours as custom properties, then ``base``."""
    config = loaded.clinic.config
    return (
        f":root{{--cea-accent:{config.accent_colour};--cea-on-accent:{config.accent_text_colour}}}\n"
        f".cea-launcher,.cea-panel-bar{{background:{config.accent_colour};color:{config.accent_text_colour}}}\n"
        + base
    )


def policy_line(policy: Policy) -> str:
    """What clients read about a clinic policy the answers cite: its title (an adopted policy's says its
    version and the day it was adopted) and the date it was last checked, when the title has no date."""
    day = policy.last_checked.isoformat()
    dated = "" if day in policy.title else f", dated {day}"
    return f"Answers cite this clinic's policy: {policy.title}{dated}."


def embed_page(loaded: LoadedClinic, place: str, settings: Settings) -> str:
    """The chat page of one clinic (every value escaped; no inline script or style)."""
    clinic = loaded.clinic
    config = clinic.config
    name = html.escape(config.name)
    e = html.escape
    logo = f'<img class="cea-logo" src="/embed/{clinic.id}/logo" alt="" width="40" height="40">' if clinic.logo else ""
    sample = '<p class="cea-sample">A sample clinic, for demonstration.</p>' if config.sample else ""
    policies = "".join(
        f'<p class="cea-policy">{e(policy_line(p))}</p>' for p in clinic.policies
    )  # which version of the clinic's policy the answers cite
    guide = e(settings.public_url or "/")
    origins = e(json.dumps(clinic.origins))
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{name}: questions about contact with your therapist</title>
<link rel="stylesheet" href="/embed/{clinic.id}/style.css">
<script src="/embed/static/embed.js" defer></script>
</head>
<body>
<main id="cea" class="cea-embed" data-clinic="{clinic.id}" data-jurisdiction="{e(place)}" data-origins="{origins}">
<header class="cea-head">
{logo}<div><h1>{name}</h1>
<p class="cea-sub">Questions about contact with your therapist between sessions</p>{sample}{policies}</div>
</header>
<p class="cea-auto" id="cea-auto">{e(AUTOMATED_TEXT.format(clinic=config.name))}</p>
<div id="cea-crisis" class="cea-crisis-region" role="alert" aria-live="assertive"></div>
<section class="cea-log" id="cea-log" aria-label="Conversation" aria-live="polite" aria-relevant="additions">
<div class="cea-msg cea-bot"><p>{e(config.greeting)}</p></div>
</section>
<p id="cea-status" class="cea-visually-hidden" role="status" aria-live="polite"></p>
<form id="cea-form" class="cea-form" autocomplete="off">
<label for="cea-q">Your question</label>
<div class="cea-row">
<textarea id="cea-q" name="question" rows="2" maxlength="4000" required aria-describedby="cea-auto"></textarea>
<button type="submit" id="cea-send">Send</button>
</div>
</form>
<section class="cea-sources" aria-labelledby="cea-sources-h">
<h2 id="cea-sources-h">Sources</h2>
<ol id="cea-sources"><li class="cea-none">The codes and policy passages an answer cites appear here.</li></ol>
</section>
<footer class="cea-foot">
<a href="{guide}" target="_blank" rel="noopener">Open the full guide in a new tab</a>
<span>Your conversation stays in this tab and is not saved.</span>
</footer>
</main>
</body>
</html>
"""


def cors_headers(origin: str) -> dict[str, str]:
    return {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "POST, OPTIONS",
        "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Max-Age": CORS_MAX_AGE,
        "Vary": "Origin",
    }


def make_widget_router(settings: Settings, answering: Answering) -> APIRouter:
    """``/widget.js``, ``/embed/<id>`` (and its stylesheet, logo and script) and the clinic API."""
    router = APIRouter()
    script, etag = widget_script()
    if len(script) > WIDGET_MAX_BYTES:  # a test keeps it small; never serve a loader that grew past it
        raise RuntimeError(f"widget.js is {len(script)} bytes; at most {WIDGET_MAX_BYTES}")

    def clinic_of(clinic_id: str) -> LoadedClinic | None:
        return answering.clinic(clinic_id)

    @router.get("/widget.js", include_in_schema=False)
    def widget_js(request: Request) -> Response:
        headers = {"ETag": etag, "Cache-Control": WIDGET_CACHE, "Cross-Origin-Resource-Policy": "cross-origin"}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(script, media_type="text/javascript; charset=utf-8", headers=headers)

    @router.get("/embed/static/embed.js", include_in_schema=False)
    def embed_js() -> Response:
        return Response(static_text("embed.js"), media_type="text/javascript; charset=utf-8",
                        headers={"Cache-Control": WIDGET_CACHE})  # fmt: skip

    @router.get("/embed/{clinic_id}", include_in_schema=False)
    def embed(clinic_id: str, request: Request) -> Response:
        loaded = clinic_of(clinic_id)
        if loaded is None:
            return _not_found(request)
        place = _place(request.query_params.get("jurisdiction"), loaded.clinic.config.jurisdiction)
        return HTMLResponse(
            embed_page(loaded, place, settings),
            headers={"Content-Security-Policy": embed_csp(loaded.clinic.origins), "Cache-Control": "no-store"},
        )

    @router.get("/embed/{clinic_id}/style.css", include_in_schema=False)
    def embed_style(clinic_id: str, request: Request) -> Response:
        loaded = clinic_of(clinic_id)
        if loaded is None:
            return _not_found(request)
        return Response(clinic_style(loaded, static_text("embed.css")), media_type="text/css",
                        headers={"Cache-Control": STYLE_CACHE})  # fmt: skip

    @router.get("/embed/{clinic_id}/widget.css", include_in_schema=False)
    def launcher_style(clinic_id: str, request: Request) -> Response:
        loaded = clinic_of(clinic_id)
        if loaded is None:
            return _not_found(request)
        return Response(
            clinic_style(loaded, static_text("widget.css")),
            media_type="text/css",
            headers={"Cache-Control": STYLE_CACHE, "Cross-Origin-Resource-Policy": "cross-origin"},
        )

    @router.get("/embed/{clinic_id}/logo", include_in_schema=False)
    def logo(clinic_id: str, request: Request) -> Response:
        loaded = clinic_of(clinic_id)
        if loaded is None or loaded.clinic.logo is None:
            return _not_found(request)
        data, media = loaded.clinic.logo
        return Response(data, media_type=media, headers={"Cache-Control": STYLE_CACHE})

    def origin_check(request: Request, clinic_id: str) -> tuple[str | None, RequestRejected | None]:
        """(the allowed Origin to answer, None), (None, None) without Origin, or (None, the 403)."""
        origin = request.headers.get("origin")
        if origin is None:
            return None, None
        loaded = clinic_of(clinic_id)
        if loaded is not None and origin in loaded.clinic.origins:
            return origin, None
        return None, RequestRejected(403, "cross_origin", CROSS_ORIGIN_TEXT)

    def preflight(clinic_id: str, request: Request) -> Response:
        origin, refused = origin_check(request, clinic_id)
        if clinic_of(clinic_id) is None:
            return _not_found(request)
        if refused is not None or origin is None:
            return error_response(refused or RequestRejected(403, "cross_origin", CROSS_ORIGIN_TEXT))
        return Response(status_code=204, headers=cors_headers(origin))

    async def clinic_call(clinic_id: str, request: Request, stream: bool) -> Response:
        origin, refused = origin_check(request, clinic_id)
        extra = cors_headers(origin) if origin else {}
        try:
            if stream:
                return await answering.stream(request, clinic_id, refused, headers=extra)
            reply = await answering.answer(request, clinic_id, refused)
        except AssistantError as exc:
            response = error_response(exc)
            response.headers.update(extra)
            return response
        return JSONResponse(reply.model_dump(mode="json"), headers=extra)

    def route(stream: bool) -> Callable[[str, Request], Awaitable[Response]]:
        async def call(clinic_id: str, request: Request) -> Response:
            return await clinic_call(clinic_id, request, stream)

        return call

    for suffix, stream in (("", False), ("/stream", True)):
        path = f"/api/clinics/{{clinic_id}}/ask{suffix}"
        call = route(stream)

        router.add_api_route(
            path, call, methods=["POST"], tags=["clinics"], include_in_schema=True,
            openapi_extra={"requestBody": _ASK_BODY},
            responses={403: {}, 404: {}, 413: {}, 415: {}, 422: {}, 429: {}, 503: {}},
            summary="Answer one message for a clinic's own site" + (" (server-sent events)" if stream else ""),
            description="CORS answers exactly the clinic's allowed_origins; any other Origin gets 403 "
            "`cross_origin`. The clinic's policy is cited first and its after-hours line joins the crisis block.",
        )  # fmt: skip
        router.add_api_route(path, preflight, methods=["OPTIONS"], include_in_schema=False)
    return router
