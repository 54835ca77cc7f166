"""Start the web app: `python app.py` (or `make run`).

Builds or updates the search index first when it is missing or stale, loads the assistant
once, then serves the chat page and the JSON API on ASSISTANT_HOST:ASSISTANT_PORT
(127.0.0.1:7860 by default). Requests are not logged.

The app starts even when the index cannot be built or the Chroma server cannot be reached:
crisis screening needs neither (contracts, rule 2), `/health/ready` answers 503 with the
reason, and answers resume by themselves once the index is usable.
"""

from __future__ import annotations

import logging
import sys

from assistant.config import Settings, get_settings

log = logging.getLogger("assistant.app")


def load_assistant(settings: Settings):
    """The Assistant, after building a missing or stale embedded index."""
    from assistant.bootstrap import assistant_from_settings

    assistant = assistant_from_settings(settings, crisis_build="background")
    if assistant.kb is None and not settings.server_mode:
        sys.stderr.write("The index is missing or stale: building it now (a minute the first time)...\n")
        try:
            from assistant.index.indexer import build_index

            build_index(settings, progress=True, embeddings=assistant.embeddings)
        except Exception as exc:  # serve degraded (screening only) rather than not at all
            log.error("index build failed (%s); serving crisis screening only until it is fixed", type(exc).__name__)
        assistant.reload_index()
    if assistant.kb is None:
        _, reason = assistant.readiness()
        sys.stderr.write(f"Serving without an index for now: {reason}\n")
    return assistant


def main() -> int:
    import uvicorn

    from assistant.web.server import create_app

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    assistant = load_assistant(settings)
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
