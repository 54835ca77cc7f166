"""Building the crisis layer from the installed package and the cache folder, and nothing else.

Safety rule 2 (``../shared/design/contracts.md``): screening needs neither the index, nor
Chroma, nor an LLM, nor the network. Its derived assets (the ONNX copy of the embedder, the
classifier weights, the exemplar vectors) live in ``settings.cache_dir``, which is never
deleted or rebuilt with the index. When they are missing they are rebuilt from the package:

- ``sync`` (ingest, the CLI, evaluations): rebuilt now, before the first message is screened;
- ``background`` (the web app): rebuilt by a thread while the layers that need no cache
  (patterns, cue families, exemplar similarity) screen; the log says so, and
  ``/health/live`` reports the layer's state.
"""

from __future__ import annotations

import logging
import threading
from typing import Literal

from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.crisis.detector import CrisisDetector

log = logging.getLogger(__name__)

BuildMode = Literal["sync", "background"]


def build_detector(settings: Settings, embeddings: Embeddings, mode: BuildMode = "sync") -> CrisisDetector:
    """The full crisis detector over ``embeddings``, its weights read from (or written to) the cache folder."""
    detector = CrisisDetector(embeddings, cache_dir=settings.cache_dir, train_if_missing=mode == "sync")
    if detector.classifier is None and mode == "background":
        log.warning(
            "crisis classifier weights are not in %s: screening with patterns and exemplars while they are "
            "rebuilt in the background (about a minute); `python ingest.py` builds them ahead of time",
            settings.cache_dir,
        )
        threading.Thread(
            target=_rebuild, args=(settings, detector), name="crisis-layer-rebuild", daemon=True
        ).start()
    return detector


def _rebuild(settings: Settings, detector: CrisisDetector) -> None:
    from assistant.index.embeddings import export_onnx

    export_onnx(settings)  # so that the next start needs no torch
    if detector.train_classifier(train_if_missing=True):
        log.warning("crisis classifier rebuilt in %s: all screening layers are active", settings.cache_dir)


def layer_state(detector: CrisisDetector) -> str:
    """'full' when every layer runs, else which layers are screening."""
    if detector.classifier is not None:
        return "full"
    return "patterns-and-exemplars" if detector.has_embeddings else "patterns-only"
