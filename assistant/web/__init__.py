"""The web app: a Gradio chat and a JSON API on one FastAPI server (`create_app`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant import config as _config  # noqa: F401  (privacy env vars before gradio is imported)

if TYPE_CHECKING:
    from fastapi import FastAPI


def create_app(*args: Any, **kwargs: Any) -> FastAPI:
    """Lazy alias of :func:`assistant.web.server.create_app` (keeps `import assistant.web` light)."""
    from assistant.web.server import create_app as _create_app

    return _create_app(*args, **kwargs)


__all__ = ["create_app"]
