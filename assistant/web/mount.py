"""Mounting Gradio pages on the FastAPI app, and ending their endless streams at shutdown.

Every Gradio page we serve is mounted through :func:`mount_blocks`, which applies the shared
options (no footer links, run history, monitoring, MCP or PWA; system fonts; uploads capped at
1 MiB as a second lock behind the closed upload route; the root from ``ASSISTANT_PUBLIC_URL``,
never from request headers), wraps it in a :class:`~assistant.web.shield.GradioShield` and
records the served Gradio app. :func:`end_gradio_streams` is what lets a server stop promptly: each open
page (and each ``gradio_client``) holds a heartbeat stream that only ends when its Gradio app's
``stop_event`` is set, and uvicorn waits for every open connection before it runs the
lifespan shutdown that would otherwise end them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import gradio as gr
from fastapi import FastAPI
from gradio.routes import App as GradioApp
from starlette.routing import Mount

from assistant.config import Settings
from assistant.web.page import theme
from assistant.web.ratelimit import RateLimits
from assistant.web.shield import GradioShield

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant


def mount_options(settings: Settings, path: str = "/") -> dict[str, Any]:
    """Options shared by every Gradio app we mount: no footer links, history, monitoring or MCP."""
    root = None
    if settings.public_url:  # a full URL: Gradio uses it as it is, whatever the request says
        root = settings.public_url.rstrip("/") + ("" if path.rstrip("/") == "" else path.rstrip("/"))
    return {
        "root_path": root,
        "max_file_size": "1mb",
        "server_name": settings.host,
        "server_port": settings.port,
        "footer_links": [],
        "run_history": False,
        "show_error": False,
        "ssr_mode": False,
        "mcp_server": False,
        "enable_monitoring": False,
        "pwa": False,
        "theme": theme(),
    }


def mount_blocks(
    app: FastAPI,
    blocks: gr.Blocks,
    path: str,
    settings: Settings,
    assistant: Assistant,
    *,
    public: bool,
    max_size: int,
    limits: RateLimits | None = None,
    **options: Any,
) -> Mount:
    """Mount ``blocks`` at ``path`` with the shared options behind a `GradioShield`; the route, so a
    guard can wrap its app. ``blocks`` must be queued with ``max_size=None``: the shield keeps the cap."""
    gr.mount_gradio_app(app, blocks, path=path, **mount_options(settings, path), **options)
    route = next((r for r in app.router.routes if isinstance(r, Mount) and r.path == path.rstrip("/")), None)
    if route is None or not isinstance(route.app, GradioApp):  # pragma: no cover - a Gradio change
        raise RuntimeError(f"the Gradio page at {path!r} could not be found after mounting")
    served: list[GradioApp] = getattr(app.state, "gradio_apps", [])
    gradio_app = route.app
    app.state.gradio_apps = [*served, gradio_app]
    route.app = GradioShield(
        gradio_app, gradio_app.get_blocks, settings, assistant, public=public, max_size=max_size, limits=limits
    )
    return route


def end_gradio_streams(app: FastAPI) -> None:
    """Stop every Gradio page of ``app`` as ``Blocks.close()`` would for a launched one.

    Closes the queue (no new jobs; its heartbeat loops stop) and sets the served app's
    ``stop_event``, which ends the session heartbeat streams. Call it on the server's event
    loop when the server is about to stop (``Blocks.close()`` itself cannot be used: for a
    mounted page it sets the event of an app that is not the one served).
    """
    for served in getattr(app.state, "gradio_apps", []):
        blocks = served.get_blocks()
        blocks._queue.close()  # Gradio has no public way to close a mounted page's queue
        blocks.is_running = False
        served.stop_event.set()
