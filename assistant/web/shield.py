"""An ASGI wrapper around each mounted Gradio app: the routes it may serve, and a fair queue.

* **Closed routes.** Neither page takes files, so uploads (``/gradio_api/upload``), the URL
  fetcher (``/gradio_api/file=http...``, ``/gradio_api/proxy=``), recording, streaming media and
  the "vibe" editor answer 404 JSON. The public page serves no files at all
  (``/gradio_api/file=`` is closed there: the staff CSV and grid are served only under
  ``/staff``, behind its sign-in).
* **A fair queue.** A client address (as the security middleware resolved it, never the
  ``session_hash`` a client chooses) may have at most ``per_client`` jobs in the queue at once
  (unless ``ASSISTANT_RATE_LIMIT`` is ``off``, which turns every per-client limit off), and the
  queue holds at most ``max_size`` waiting jobs. A join past either is refused (429 or
  503 JSON with ``Retry-After``), unless its message has a crisis reading: that one is let in
  (contracts, rule 1: a full queue never costs a person the crisis block).
* **Well-formed events.** A join or run naming an event or endpoint that does not exist, or an
  empty ``session_hash``, is refused with 422 JSON (Gradio answers those with a 500).
* **Quiet errors.** Gradio prints the traceback of a failed event, and the message of a
  validation error holds the value that failed, i.e. what a person typed. :func:`quiet_gradio`
  replaces the printer Gradio uses with one that prints only the exception's type and where it
  was raised (contracts, rule 4).
"""

from __future__ import annotations

import asyncio
import json
import sys
import traceback
from collections.abc import Callable
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import anyio
from gradio.blocks import Blocks
from starlette.routing import get_route_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.config import Settings
from assistant.reply import Ask, Notice
from assistant.web.ratelimit import RateLimits
from assistant.web.security import json_refusal

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant

API = "/gradio_api"
CLOSED_PREFIXES = tuple(
    API + p
    for p in (
        "/upload",
        "/upload_progress",
        "/proxy=",
        "/process_recording",
        "/stream/",
        "/file/",
        "/vibe-edit",
        "/undo-vibe-edit",
        "/vibe-code",
        "/dev/",
        "/mcp",
    )
) + ("/monitoring", "/gradio_api/monitoring")
JOIN_PATHS = (f"{API}/queue/join", f"{API}/call/")
RUN_PATHS = (f"{API}/run/", f"{API}/api/")
PER_CLIENT_RETRY = 5
FULL_RETRY = 10


def closed(path: str, public: bool) -> bool:
    """Whether a route of a Gradio app is closed (``path`` relative to its mount)."""
    if path.startswith(CLOSED_PREFIXES):
        return True
    if path.startswith(f"{API}/file="):
        target = path[len(f"{API}/file=") :].lower()
        return public or target.startswith(("http:", "https:", "//", "ftp:", "data:"))
    return False


class GradioShield:
    """Wraps a mounted Gradio app: closed routes, per-client and total queue caps (see the module)."""

    def __init__(
        self,
        app: ASGIApp,
        blocks: Callable[[], Blocks],
        settings: Settings,
        assistant: Assistant,
        *,
        public: bool,
        max_size: int,
        per_client: int = 8,
        limits: RateLimits | None = None,
    ):
        self.app = app
        self.blocks = blocks
        self.settings = settings
        self.assistant = assistant
        self.public = public
        self.max_size = max_size
        self.per_client = per_client
        self.limits = limits
        self._join_lock = asyncio.Lock()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = get_route_path(scope)
        if closed(path, self.public):
            for message in json_refusal(404, "not_found", "Not found."):
                await send(message)
            return
        if scope.get("method") == "POST" and path.startswith(JOIN_PATHS + RUN_PATHS):
            body = await _read_body(receive)
            problem = self._malformed(path, body)
            if problem is not None:
                for out in json_refusal(422, "invalid_request", problem):
                    await send(out)
                return
            receive = _replay(body, receive)
            if path.startswith(JOIN_PATHS):
                await self._join(scope, receive, send, body)
                return
            await self.app(scope, receive, _failed_run_is_bad_input(send))  # a direct run
            return
        await self.app(scope, receive, send)

    def _malformed(self, path: str, body: bytes) -> str | None:
        """What Gradio would answer with a 500 (an unknown event, an empty session), checked first."""
        try:
            data = json.loads(body.decode("utf-8"))
        except (ValueError, RecursionError):
            return "The body must be JSON."
        if not isinstance(data, dict):
            return "The body must be a JSON object."
        fns = self.blocks().fns
        name = path.rstrip("/").rsplit("/", 1)[-1]
        if path.startswith(f"{API}/call/"):
            if not any(fn.api_name == name for fn in fns.values()):
                return "No such endpoint."
            return None
        fn_index = data.get("fn_index")
        if path.startswith(RUN_PATHS) and (name != "predict" or fn_index is None):
            return "Call this endpoint through the queue."  # direct runs are for the page's own quick events
        if fn_index is not None and (isinstance(fn_index, bool) or not isinstance(fn_index, int)):
            return "No such event."
        if fn_index is not None and fn_index not in fns:
            return "No such event."
        session = data.get("session_hash")
        if session is not None and (not isinstance(session, str) or not session or len(session) > 128):
            return "The session_hash must be a short non-empty string."
        return None

    async def _join(self, scope: Scope, receive: Receive, send: Send, body: bytes) -> None:
        """A job joining the queue: counted and pushed one at a time, so parallel joins cannot race past
        the caps (the body was read first: a slow client holds nobody up)."""
        address = scope["client"][0] if scope.get("client") else None
        async with self._join_lock:
            refusal = self._over(address)
            if refusal is None:
                await self.app(scope, receive, send)
                return
        if await self._crisis(body, address):
            await self.app(scope, receive, send)
            return
        status, error, text, wait = refusal
        for out in json_refusal(status, error, text, {"Retry-After": str(wait)}):
            await send(out)

    def _over(self, address: str | None) -> tuple[int, str, str, int] | None:
        queue = self.blocks()._queue
        if len(queue) >= self.max_size:
            return 503, "queue_full", "Many people are asking right now. Please try again in a few seconds.", FULL_RETRY
        if self.limits is not None and not self.limits.enabled:
            return None  # ASSISTANT_RATE_LIMIT=off: no per-client limit (load tests from one address)
        mine = 0
        for event in list(queue.event_ids_to_events.values()):
            client = getattr(getattr(event, "request", None), "client", None)
            if client is not None and client.host == address:
                mine += 1
        if mine >= self.per_client:
            return (
                429,
                "too_many_jobs",
                f"At most {self.per_client} messages can wait at once. Please wait for the answers.",
                PER_CLIENT_RETRY,
            )
        return None

    async def _crisis(self, body: bytes, address: str | None) -> bool:
        """Whether the message of a join about to be refused has a crisis reading (then it is let in)."""
        if self.limits is not None and not self.limits.may_screen_refusal(address):
            return False
        try:
            data = json.loads(body)
            inputs = data.get("data") if isinstance(data, dict) else None
            text = inputs[0] if isinstance(inputs, list) and inputs and isinstance(inputs[0], str) else None
        except ValueError:
            return False
        if not text or not text.strip():
            return False
        ask = Ask(question=text[: self.settings.max_message_chars * 4])
        notice = Notice(code="queue_full", text="The queue was full.")
        try:
            reply = await anyio.to_thread.run_sync(self.assistant.crisis_reply, ask, notice)
        except Exception:  # noqa: BLE001 - a failed screen lets the message in rather than refuse it
            return True
        return reply is not None


def _failed_run_is_bad_input(send: Send) -> Send:
    """A direct run (the page's quick events: new conversation, example picked) can only fail on its
    input; Gradio answers that with a 500, which becomes 400 ``invalid_request`` (never the details)."""
    replaced = False

    async def wrapped(message: Message) -> None:
        nonlocal replaced
        if message["type"] == "http.response.start" and message.get("status") == 500:
            replaced = True
            for out in json_refusal(400, "invalid_request", "The event's input was not valid."):
                await send(out)
            return
        if replaced:
            return
        await send(message)

    return wrapped


async def _read_body(receive: Receive) -> bytes:
    body = bytearray()
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        body += message.get("body", b"")
        if not message.get("more_body", False):
            break
    return bytes(body)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


# -- quiet tracebacks ---------------------------------------------------------------------------------


def print_exc_quietly(*args: Any, **kwargs: Any) -> None:
    """Gradio's ``traceback.print_exc`` without the exception's message (it may hold what a person typed)."""
    kind, exc, tb = sys.exc_info()
    if kind is None:
        return
    frames = traceback.extract_tb(tb)[-3:]
    where = " <- ".join(f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno} {f.name}" for f in reversed(frames))
    sys.stderr.write(f"gradio event failed: {kind.__name__} at {where}\n")


def quiet_gradio() -> None:
    """Make the Gradio modules that print tracebacks print only the type and place of the error."""
    import gradio.queueing
    import gradio.route_utils
    import gradio.routes

    quiet = SimpleNamespace(**{n: getattr(traceback, n) for n in dir(traceback) if not n.startswith("_")})
    quiet.print_exc = print_exc_quietly
    quiet.format_exc = lambda *a, **k: "traceback withheld (it may hold what a person typed)\n"
    for module in (gradio.queueing, gradio.routes, gradio.route_utils):
        module.traceback = quiet  # type: ignore[attr-defined]  # Gradio has no hook for its error printer
