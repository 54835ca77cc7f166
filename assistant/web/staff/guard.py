"""The ASGI guard around the mounted Gradio staff app: nothing under /staff without a session.

Router dependencies only cover routes of the FastAPI app; the Gradio app mounted at /staff
has its own routes (page, config, queue, files, websockets), so it is wrapped whole.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.web.staff import STAFF_PATH
from assistant.web.staff.auth import StaffAuth
from assistant.web.staff.signin import app_root, login_url, not_configured_response


class StaffGuard:
    """ASGI wrapper of the mounted Gradio app: nothing under /staff without a valid session."""

    def __init__(self, app: ASGIApp, auth: StaffAuth):
        self.app = app
        self.auth = auth

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
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

    def _refusal(self, scope: Scope, conn: HTTPConnection, expired: bool, stale: bool) -> Response:
        wants_page = scope.get("method") in ("GET", "HEAD") and "text/html" in conn.headers.get("accept", "")
        root = app_root(scope)
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


def _with_headers(send: Send) -> Send:
    """Mark every staff response private: not stored by browsers or proxies, not indexed."""

    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = list(message.get("headers", []))
            names = {k.lower() for k, _ in headers}
            if b"cache-control" not in names:
                headers.append((b"cache-control", b"no-store"))
            headers.append((b"x-robots-tag", b"noindex, nofollow"))
            message = {**message, "headers": headers}
        await send(message)

    return wrapped
