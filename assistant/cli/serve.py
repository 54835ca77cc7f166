"""`serve` (also `python app.py` and `make run`): the web app, after building a missing or stale index.

The app starts even when the index cannot be built or the Chroma server cannot be reached:
crisis screening needs neither (contracts, rule 2), `/health/ready` answers 503 with the
reason, and answers resume by themselves once the index is usable. Requests are not logged.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING

from assistant.config import Settings

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant

log = logging.getLogger("assistant.serve")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("serve", help="serve the chat page, the JSON API and the staff area")
    parser.set_defaults(handler=run)


def load_assistant(settings: Settings) -> Assistant:
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


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.web.server import create_app, serve

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    assistant = load_assistant(settings)
    app = create_app(settings, assistant)
    shown = "localhost" if settings.host in ("0.0.0.0", "::") else settings.host
    print(f"Contact Ethics Assistant: http://{shown}:{settings.port}/  (JSON API docs: /api/docs)", flush=True)
    serve(app, settings)
    return 0
