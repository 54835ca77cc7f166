"""The one place where the product's objects are built from ``Settings``.

Every entry point (the web app, the CLI, ingest, evaluations, benchmarks) asks here, so they
cannot disagree about where the caches live or which layers are on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from langchain_core.embeddings import Embeddings

from assistant.config import Settings
from assistant.crisis.detector import CrisisDetector
from assistant.crisis.layer import BuildMode, build_detector
from assistant.index.embeddings import get_embeddings

if TYPE_CHECKING:  # the pipeline imports langchain and the index: only when an assistant is built
    from assistant.answer.pipeline import Assistant
    from assistant.answer.understand import QuestionUnderstanding


def embeddings_from_settings(settings: Settings) -> Embeddings:
    """The shared embedding model: the ONNX copy in the cache folder when present, else torch."""
    return get_embeddings(settings)


def detector_from_settings(settings: Settings, mode: BuildMode = "sync") -> CrisisDetector:
    """The full crisis detector, its derived assets in ``settings.cache_dir``."""
    return build_detector(settings, embeddings_from_settings(settings), mode)


def understanding_from_settings(settings: Settings, mode: BuildMode = "sync") -> QuestionUnderstanding:
    """The question-understanding layer, its weights in ``settings.cache_dir``."""
    from assistant.answer.understand import build_understanding

    return build_understanding(settings.corpus_dir, settings.cache_dir, embeddings_from_settings(settings), mode)


def assistant_from_settings(settings: Settings, crisis_build: BuildMode = "sync") -> Assistant:
    """The answering pipeline; it exists (and screens) even when the index does not."""
    from assistant.answer.pipeline import Assistant

    return Assistant(
        settings,
        embeddings=embeddings_from_settings(settings),
        crisis_build=crisis_build,
        understanding=understanding_from_settings(settings, crisis_build),
    )
