"""Start the web app: `python app.py` (or `make run`).

Builds or updates the search index first when it is missing or stale, loads the assistant
once, then serves the chat page and the JSON API on ASSISTANT_HOST:ASSISTANT_PORT
(127.0.0.1:7860 by default). Requests are not logged.
"""

from __future__ import annotations

import sys

from assistant.config import Settings, get_settings


def load_assistant(settings: Settings):
    """The Assistant over a current index, building the index first if it is missing or stale."""
    from assistant.embeddings import get_embeddings
    from assistant.pipeline import Assistant
    from assistant.retrieval import KnowledgeBase
    from assistant.store import IndexUnavailable

    embeddings = get_embeddings(settings)
    try:
        kb = KnowledgeBase.load(settings, embeddings)
    except IndexUnavailable as exc:
        if settings.server_mode and "Cannot reach" in str(exc):
            raise
        sys.stderr.write(f"{exc}\nBuilding the index now (this takes a minute the first time)...\n")
        from assistant.indexer import build_index

        build_index(settings, progress=True, embeddings=embeddings)
        kb = KnowledgeBase.load(settings, embeddings)
    return Assistant(settings, kb=kb)


def main() -> int:
    import uvicorn

    from assistant.store import IndexUnavailable
    from assistant.web.server import create_app

    settings = get_settings()
    try:
        assistant = load_assistant(settings)
    except IndexUnavailable as exc:
        sys.stderr.write(f"Cannot start: {exc}\n")
        return 1
    app = create_app(settings, assistant)
    shown = "localhost" if settings.host in ("0.0.0.0", "::") else settings.host
    print(f"Contact Ethics Assistant: http://{shown}:{settings.port}/  (JSON API docs: /api/docs)", flush=True)  # noqa: T201
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        access_log=False,
        log_level="warning",
        server_header=False,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
