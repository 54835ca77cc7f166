"""The API docs at ``/api/docs``: Swagger UI served from this app, never from a CDN.

The Swagger UI files (5.x, which reads FastAPI's OpenAPI 3.1) come from the ``fastapi-offline``
package (pinned in the lock files; only its static files are used) and are served under
``/api/docs/assets/``; the page's start-up script is a file too, so the page's CSP allows scripts
from this origin only.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import HTMLResponse, Response

DOCS_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
)
INIT_JS = """window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: "openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
    layout: "BaseLayout",
    validatorUrl: null,
  });
};
"""
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="stylesheet" href="docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="docs/assets/swagger-ui-bundle.js"></script><script src="docs/assets/init.js"></script></body></html>
"""
TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@cache
def _asset(name: str) -> bytes:
    return files("fastapi_offline").joinpath("static", name).read_bytes()


def make_docs_router(title: str) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/api/docs")
    def docs() -> HTMLResponse:
        return HTMLResponse(PAGE.format(title=title), headers={"Content-Security-Policy": DOCS_CSP})

    @router.get("/api/docs/assets/{name}")
    def asset(name: str) -> Response:
        if name == "init.js":
            return Response(INIT_JS, media_type=TYPES[".js"])
        if name not in ("swagger-ui.css", "swagger-ui-bundle.js"):
            return Response(status_code=404)
        kind = TYPES[name[name.rindex(".") :]]
        return Response(_asset(name), media_type=kind, headers={"Cache-Control": "max-age=86400"})

    return router
