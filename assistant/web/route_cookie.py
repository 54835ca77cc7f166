"""The routing cookie that keeps one browser's Gradio page and queue on one replica (issue 18).

Gradio's session id travels in request bodies, and nginx cannot read bodies to route by it;
hashing on the client address sends every client behind one NAT (and every loopback test
client) to the same replica. So the app sets ``cea_route``: a random token, the same on every
replica's page, that identifies nothing but a browser session (no ``Max-Age``: it ends with the
browser session; ``HttpOnly``; ``SameSite=Lax``; ``Secure`` when the public URL is https). nginx
hashes on it (``hash $cookie_cea_route consistent``, deploy/nginx.conf.template), so the page,
``/gradio_api/queue/join`` and ``/gradio_api/queue/data`` of one browser reach the same replica;
when that replica dies, the consistent hash moves the browser to another one, whose queue does
not know the old session: the open chat shows Gradio's connection error and the next message
starts a new session there (the conversation shown is kept by the page and sent with it).

The JSON API and health checks do not get the cookie (they are balanced round-robin), nor the clinic
widget's pages (a frame on a clinic's site sets no cookie; it speaks only to the stateless JSON API).
"""

from __future__ import annotations

import secrets

from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE = "cea_route"
UNROUTED = ("/api/", "/health", "/guides/", "/embed/", "/widget.js")  # the widget sets no cookie (issue 16)


class RouteCookieMiddleware:
    def __init__(self, app: ASGIApp, secure: bool = False):
        self.app = app
        self.secure = secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or str(scope.get("path", "")).startswith(UNROUTED) or self._has_cookie(scope):
            await self.app(scope, receive, send)
            return
        value = f"{COOKIE}={secrets.token_hex(12)}; Path=/; HttpOnly; SameSite=Lax"
        value += "; Secure" if self.secure else ""

        async def send_with_cookie(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), (b"set-cookie", value.encode("latin-1"))]
            await send(message)

        await self.app(scope, receive, send_with_cookie)

    @staticmethod
    def _has_cookie(scope: Scope) -> bool:
        marker = f"{COOKIE}=".encode()
        return any(name == b"cookie" and marker in raw for name, raw in scope.get("headers", []))
