"""The outermost layer of the app: who the client is, how big a request may be, what every response says.

One ASGI middleware (:class:`SecurityMiddleware`, put around the whole app by ``create_app``) does,
for every request before any route or Gradio sees it:

* **Client address and scheme from settings only.** Uvicorn's own proxy-header handling is off.
  ``X-Forwarded-For`` and ``X-Forwarded-Proto`` are believed only from the addresses in
  ``ASSISTANT_TRUSTED_PROXIES`` (empty: nobody); ``X-Forwarded-Host``, ``Forwarded``,
  ``X-Real-IP`` and ``X-Gradio-Server`` are removed from every request, so no page builds its
  root from a request header (Gradio's root comes from ``ASSISTANT_PUBLIC_URL``).
* **One body limit** (1 MiB) for every route, Gradio's included: 413 JSON ``body_too_large``.
  The JSON API reads up to the limit itself, so that an oversized message is still screened
  (contracts, rule 1); any other route is refused here.
* **Staff routes:** no CORS (every ``Access-Control-*`` header is removed), and a POST (or any
  other unsafe method) whose ``Origin`` is not this site, or whose ``Sec-Fetch-Site`` says
  cross-site, is refused with 403 JSON (login CSRF, cross-site actions).
* **Headers on every response:** ``X-Frame-Options: DENY``, ``nosniff``, ``Referrer-Policy``,
  ``Permissions-Policy``, a CSP (the one the Gradio pages can live with on HTML, a strict one on
  everything else, unless the route set its own), ``Cache-Control: no-store`` on everything but
  static assets, HSTS when the public URL is https.
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.config import Settings

MAX_BODY_BYTES = 1024 * 1024
STAFF_PREFIX = "/staff"

# The Gradio pages: inline scripts (Gradio's start-up), 'unsafe-eval' because Gradio 6's gr.HTML compiles
# its template with `new Function` (without it the header, the crisis strip and the staff summary do not
# render: tests/test_web_browser.py shows the EvalError), base-uri 'self' because the page sets a <base>
# to its own root. Nothing from another host, no plugins, no framing.
PAGE_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; font-src 'self' data:; media-src 'self' blob:; connect-src 'self'; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
STRICT_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
COMMON_HEADERS = {
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",  # nothing to other sites; same-origin keeps the Origin of form posts
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
}
HSTS = "max-age=31536000"
DROPPED_REQUEST_HEADERS = {
    b"x-forwarded-for",
    b"x-forwarded-proto",
    b"x-forwarded-host",
    b"x-forwarded-port",
    b"x-forwarded-prefix",
    b"forwarded",
    b"x-real-ip",
    b"x-gradio-server",
}
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
STATIC_PARTS = ("/assets/", "/static/", "/svelte/")
STATIC_NAMES = ("/favicon.ico", "/theme.css", "/robots.txt", "/manifest.json")
EMBED_ASSETS = re.compile(r"^/(?:widget\.js|embed/[a-z0-9][a-z0-9-]{0,62}/(?:style\.css|widget\.css|logo))$")
CLINIC_API = re.compile(r"^/api/clinics/[a-z0-9][a-z0-9-]{0,62}/ask(?:/stream)?$")  # screens its own body too

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class BodyTooLarge(Exception):
    """Raised from ``receive`` when a body goes over the limit; ``received`` is what came before."""

    def __init__(self, received: bytes = b""):
        super().__init__("request body too large")
        self.received = received


def parse_networks(text: str) -> list[Network]:
    """``ASSISTANT_TRUSTED_PROXIES``: comma-separated addresses or CIDR networks (a bad entry is an error)."""
    out: list[Network] = []
    for part in text.replace(";", ",").split(","):
        part = part.strip()
        if part:
            out.append(ipaddress.ip_network(part, strict=False))
    return out


def _in(address: str, networks: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip().strip("[]"))
    except ValueError:
        return False
    return any(ip in net for net in networks)


def forwarded_client(peer: str | None, header: str | None, trusted: list[Network]) -> str | None:
    """The client behind trusted proxies: the right-most ``X-Forwarded-For`` entry that is not one of them."""
    if peer is None or not trusted or not _in(peer, trusted) or not header:
        return peer
    hops = [h.strip() for h in header.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _in(hop, trusted):
            try:
                return str(ipaddress.ip_address(hop.strip("[]")))
            except ValueError:
                return peer  # garbage from beyond the proxy: the proxy is the client we know
    return hops[0] if hops else peer


def json_refusal(status: int, error: str, message: str, headers: dict[str, str] | None = None) -> list[Message]:
    body = json.dumps({"error": error, "message": message, "details": []}).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    return [
        {"type": "http.response.start", "status": status, "headers": raw},
        {"type": "http.response.body", "body": body},
    ]


def too_large_message() -> str:
    return f"The request body is over {MAX_BODY_BYTES} bytes."


def is_staff(path: str) -> bool:
    return path == STAFF_PREFIX or path.startswith(STAFF_PREFIX + "/")


def is_static(path: str) -> bool:
    return any(p in path for p in STATIC_PARTS) or path.endswith(STATIC_NAMES) or EMBED_ASSETS.match(path) is not None


def frames_allowed(csp: bytes) -> bool:
    """Whether a route's own CSP lets some sites frame it (the clinic embed page): no X-Frame-Options then."""
    found = re.search(rb"frame-ancestors([^;]*)", csp)
    return found is not None and found.group(1).strip() not in (b"", b"'none'")


def public_origin(settings: Settings) -> str | None:
    if not settings.public_url:
        return None
    parts = urlsplit(settings.public_url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


class SecurityMiddleware:
    """See the module docstring. ``screened_paths`` read their own body limit (the JSON API)."""

    def __init__(self, app: ASGIApp, settings: Settings, screened_paths: Iterable[str] = ()):
        self.app = app
        self.trusted = parse_networks(settings.trusted_proxies)
        self.origin = public_origin(settings)
        self.https = bool(settings.public_url and settings.public_url.lower().startswith("https://"))
        self.screened = set(screened_paths)

    def _screens(self, path: str) -> bool:
        return path in self.screened or CLINIC_API.match(path) is not None

    # -- the request ---------------------------------------------------------------------------------

    def _rewrite(self, scope: Scope) -> None:
        headers: list[tuple[bytes, bytes]] = scope.get("headers", [])
        found = {k: v for k, v in headers if k in (b"x-forwarded-for", b"x-forwarded-proto")}
        peer = scope["client"][0] if scope.get("client") else None
        if peer is not None and self.trusted and _in(peer, self.trusted):
            forwarded_for = found.get(b"x-forwarded-for", b"").decode("latin-1")
            client = forwarded_client(peer, forwarded_for, self.trusted)
            scope["client"] = (client or peer, 0)
            proto = found.get(b"x-forwarded-proto", b"").decode("latin-1").split(",")[0].strip().lower()
            if proto in ("http", "https"):
                scope["scheme"] = proto if scope["type"] == "http" else {"http": "ws", "https": "wss"}[proto]
        if self.https and scope["type"] == "http":
            scope["scheme"] = "https"
        scope["headers"] = [(k, v) for k, v in headers if k not in DROPPED_REQUEST_HEADERS]

    def _foreign(self, scope: Scope) -> bool:
        """Whether a staff request comes from another site (Origin or Sec-Fetch-Site)."""
        headers = dict(scope.get("headers", []))
        site = headers.get(b"sec-fetch-site", b"").decode("latin-1").lower()
        if site in ("cross-site", "same-site"):
            return True
        origin = headers.get(b"origin")
        if origin is None:
            return False  # not a browser form or script: nothing to forge
        value = origin.decode("latin-1").strip().lower()
        if self.origin is not None:
            return value != self.origin
        host = headers.get(b"host", b"").decode("latin-1").strip().lower()
        scheme = {"ws": "http", "wss": "https"}.get(scope.get("scheme", "http"), scope.get("scheme", "http"))
        return not host or value != f"{scheme}://{host}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        self._rewrite(scope)
        path: str = scope.get("path", "")
        staff = is_staff(path)
        if scope["type"] == "websocket":
            if staff and self._foreign(scope):
                await send({"type": "websocket.close", "code": 1008})
                return
            await self.app(scope, receive, send)
            return

        method = scope.get("method", "GET")
        wrap = self._headers(path, staff)
        if staff and method in UNSAFE_METHODS and self._foreign(scope):
            for message in json_refusal(
                403, "cross_origin", "Staff actions are accepted only from this site's own pages."
            ):
                await wrap(send)(message)
            return

        declared = dict(scope.get("headers", [])).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > MAX_BODY_BYTES and not self._screens(path):
            for message in json_refusal(413, "body_too_large", too_large_message()):
                await wrap(send)(message)
            return

        started = False
        answered = False  # this middleware sent the 413 itself: what the app sends after is dropped
        keep = self._screens(path)  # the JSON API screens what came before the limit
        received = bytearray()
        count = 0
        headered = wrap(send)

        async def limited_receive() -> Message:
            nonlocal count, started, answered
            if answered:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                chunk = message.get("body", b"")
                count += len(chunk)
                if count > MAX_BODY_BYTES:
                    if keep:  # the API route refuses it, after screening what it has
                        raise BodyTooLarge(bytes(received) + chunk[: max(0, MAX_BODY_BYTES - len(received))])
                    if not started:
                        started = answered = True
                        for out in json_refusal(413, "body_too_large", too_large_message()):
                            await headered(out)
                    return {"type": "http.disconnect"}
                if keep:
                    received.extend(chunk)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if answered:
                return
            if message["type"] == "http.response.start":
                started = True
            await headered(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            for out in json_refusal(413, "body_too_large", too_large_message()):
                await headered(out)
        except Exception:
            if not answered:
                raise  # an app that failed on the disconnect after our 413 has nothing more to say

    # -- the response --------------------------------------------------------------------------------

    def _headers(self, path: str, staff: bool) -> _Wrap:
        return _Wrap(path, staff, self.https)


class _Wrap:
    """Builds the ``send`` that adds the security headers to a response's start message."""

    def __init__(self, path: str, staff: bool, https: bool):
        self.path, self.staff, self.https = path, staff, https

    def __call__(self, send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": self.secure(list(message.get("headers", [])))}
            await send(message)

        return wrapped

    def secure(self, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
        if self.staff:
            headers = [(k, v) for k, v in headers if not k.lower().startswith(b"access-control-")]
        names = {k.lower() for k, _ in headers}
        own_csp = next((v for k, v in headers if k.lower() == b"content-security-policy"), b"")
        framed = frames_allowed(own_csp)
        for name, value in COMMON_HEADERS.items():
            if framed and name == "x-frame-options":
                continue  # the route's frame-ancestors names the sites that may frame it
            if name.encode() not in names:
                headers.append((name.encode(), value.encode()))
        if b"content-security-policy" not in names:
            kind = next((v for k, v in headers if k.lower() == b"content-type"), b"").lower()
            csp = PAGE_CSP if kind.startswith(b"text/html") else STRICT_CSP
            headers.append((b"content-security-policy", csp.encode()))
        if not is_static(self.path):
            headers = [(k, v) for k, v in headers if k.lower() != b"cache-control"]
            headers.append((b"cache-control", b"no-store"))
        if self.https and b"strict-transport-security" not in names:
            headers.append((b"strict-transport-security", HSTS.encode()))
        return headers
