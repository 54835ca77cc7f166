"""Shared fixtures: the real corpus indexed once per session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.config import ROOT, Settings  # importing assistant sets the privacy defaults first

CORPUS = ROOT / "corpus"
FIXTURE_CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"


@pytest.fixture(scope="session")
def real_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings for the real corpus with the index in a session temp folder (built once)."""
    from assistant.index.indexer import build_index

    settings = Settings(index_dir=tmp_path_factory.mktemp("index"), corpus_dir=CORPUS, llm=None)
    build_index(settings, progress=False)
    return settings


@pytest.fixture(scope="session")
def assistant(real_settings: Settings):
    """One Assistant over the real index (with every trained layer), shared by every test that only reads."""
    from assistant.bootstrap import assistant_from_settings

    return assistant_from_settings(real_settings)
