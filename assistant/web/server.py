"""One FastAPI app: the JSON API and /health first, the staff area, the Gradio chat mounted at "/".

Importing anything under ``assistant`` runs ``assistant.config`` first, which turns Gradio
analytics and Chroma telemetry off before either library is imported. The whole app sits
inside :class:`~assistant.web.security.SecurityMiddleware` (client address, body limit,
headers); uvicorn runs with its proxy-header handling off and the request deadline of
:mod:`assistant.web.deadline`.
"""

from __future__ import annotations

import socket
import threading
import time
from typing import TYPE_CHECKING

import uvicorn
from fastapi import FastAPI

from assistant.config import Settings, get_settings
from assistant.errors import AssistantError
from assistant.shared import shared_state
from assistant.web.api import Answering, assistant_error_handler, make_router
from assistant.web.deadline import DeadlineH11Protocol
from assistant.web.docs import make_docs_router
from assistant.web.guides import make_guides_router
from assistant.web.mount import end_gradio_streams, mount_blocks
from assistant.web.page import HEAD, TITLE, build_ui, chat_css
from assistant.web.ratelimit import RateLimits
from assistant.web.route_cookie import RouteCookieMiddleware
from assistant.web.security import SecurityMiddleware
from assistant.web.shield import quiet_gradio
from assistant.web.staff.mount import mount_staff
from assistant.web.widget import make_widget_router

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant
    from assistant.clinics.limits import ClinicLimits
    from assistant.clinics.registry import ClinicRegistry

GRACEFUL_SHUTDOWN_SECONDS = 2  # longest wait for a response still streaming when the server stops
PUBLIC_QUEUE_SIZE = 256  # waiting chats, all clients together (one client: GradioShield.per_client)
API_PATHS = ("/api/ask", "/api/ask/stream")  # routes that screen an oversized body themselves
UVICORN_OPTIONS = {
    "http": DeadlineH11Protocol,
    "proxy_headers": False,  # client addresses come from ASSISTANT_TRUSTED_PROXIES only
    "server_header": False,
    "access_log": False,
    "log_level": "warning",
}


def create_app(
    settings: Settings | None = None, assistant: Assistant | None = None, stream_delay: float = 0.012
) -> FastAPI:
    """The web app over one `Assistant` (loaded here once unless given).

    The Gradio queue runs at most ``settings.concurrency_limit`` chats at once; the JSON API
    uses a limiter of the same size. No share link, no analytics, no run history, and no
    transcript is stored: a conversation's history lives in the browser session's Gradio state
    on the server (in memory, dropped two hours after the page was last used) and is never logged.
    """
    settings = settings or get_settings()
    if assistant is None:
        from assistant.bootstrap import assistant_from_settings

        assistant = assistant_from_settings(settings, crisis_build="background")
    quiet_gradio()
    limits = RateLimits.from_settings(settings)
    app = FastAPI(
        title=f"{TITLE} API",
        summary="Cited answers about contact with your therapist outside sessions.",
        docs_url=None,  # self-hosted below: no CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.assistant = assistant
    app.state.settings = settings
    app.state.rate_limits = limits
    clinics, clinic_limits = clinic_services(settings, assistant, limits)
    app.state.clinics = clinics
    app.state.clinic_limits = clinic_limits
    answering = Answering(settings, assistant, limits, clinics, clinic_limits)
    app.state.shared = shared_state(settings)  # Redis or memory: staff sign-ins here
    app.add_exception_handler(AssistantError, assistant_error_handler)
    app.include_router(make_router(settings, assistant, limits, answering))  # before the mounts: "/" would catch all
    app.include_router(make_widget_router(settings, answering))
    app.include_router(make_guides_router(settings))
    app.include_router(make_docs_router(f"{TITLE} API"))
    mount_staff(app, settings, assistant, stream_delay=stream_delay)  # /staff: sign-in required

    demo = build_ui(settings, assistant, stream_delay=stream_delay, limits=limits)
    demo.queue(default_concurrency_limit=settings.concurrency_limit, max_size=None)  # the shield caps it
    mount_blocks(
        app, demo, "/", settings, assistant, public=True, max_size=PUBLIC_QUEUE_SIZE, limits=limits,
        css=chat_css(), head=HEAD,
    )  # fmt: skip
    app.add_middleware(RouteCookieMiddleware, secure=(settings.public_url or "").startswith("https://"))
    app.add_middleware(SecurityMiddleware, settings=settings, screened_paths=API_PATHS)
    return app


def clinic_services(
    settings: Settings, assistant: Assistant, limits: RateLimits
) -> tuple[ClinicRegistry, ClinicLimits]:
    """The clinics of ``ASSISTANT_CLINICS_DIR`` (loaded now, then watched) and their limits and counts."""
    from assistant.clinics.limits import ClinicLimits
    from assistant.clinics.registry import ClinicRegistry

    registry = ClinicRegistry(settings.clinics_dir, getattr(assistant, "embeddings", None)).start()
    return registry, ClinicLimits(limits)


class Server(uvicorn.Server):
    """Uvicorn that ends the Gradio pages' heartbeat streams before waiting for connections.

    Without this a stop waits for every open page and ``gradio_client`` to go away (their
    heartbeat streams never end by themselves): seconds to forever.
    """

    def __init__(self, config: uvicorn.Config, app: FastAPI):
        super().__init__(config)
        self.app = app

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        end_gradio_streams(self.app)  # on the server's loop, so the asyncio events are set safely
        await super().shutdown(sockets=sockets)


def serve(app: FastAPI, settings: Settings) -> None:
    """Serve ``app`` on the configured address until stopped (Ctrl-C or SIGTERM), then stop promptly."""
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
        **UVICORN_OPTIONS,  # type: ignore[arg-type]  # a dict of uvicorn.Config keywords
    )
    Server(config, app).run()


class BackgroundServer:
    """Uvicorn serving an app from a daemon thread on a loopback socket (tests, benchmarks).

    The same uvicorn options as `serve` (no access log: the server logs no requests, let alone
    their bodies; no proxy headers; the request deadline). A stop takes
    a fraction of a second: open pages' streams are ended, and a response still streaming
    gets at most ``GRACEFUL_SHUTDOWN_SECONDS`` before it is cancelled.
    """

    def __init__(self, app: FastAPI, host: str = "127.0.0.1", port: int = 0):
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.sock.bind((host, port))
        self.host, self.port = self.sock.getsockname()[:2]
        config = uvicorn.Config(
            app,
            lifespan="on",
            timeout_keep_alive=30,
            timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_SECONDS,
            **UVICORN_OPTIONS,  # type: ignore[arg-type]  # a dict of uvicorn.Config keywords
        )
        self.server = Server(config, app)
        self.thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self, timeout: float = 60.0) -> BackgroundServer:
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.sock]}, name="web-server", daemon=True
        )
        self.thread.start()
        deadline = time.monotonic() + timeout
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the web server did not start")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=GRACEFUL_SHUTDOWN_SECONDS + 5)
        self.sock.close()

    def __enter__(self) -> BackgroundServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
