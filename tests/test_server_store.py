"""Client/server mode against a real ``chroma run`` (issue 18): the manifest is the authority, waits are bounded.

* A replica whose own corpus folder differs from the one the shared index was built from still
  answers from the shared generation (every replica gives the same answers), where an embedded
  index would be refused as stale.
* A Chroma server that accepts connections but never answers (the process paused with SIGSTOP:
  the kernel still completes the TCP handshake) makes a search fail within the client timeout,
  as ``IndexUnavailable``, instead of holding a worker thread for ever.
"""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.indexer import build_index
from assistant.index.knowledge_base import KnowledgeBase
from assistant.index.store import SERVER_TIMEOUT, IndexUnavailable
from tests.conftest import FIXTURE_CORPUS, ROOT
from tests.helpers.chroma_server import chroma_server

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    shutil.copytree(ROOT / "corpus" / "crisis", corpus / "crisis")
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "unused", llm=None)


def test_a_replica_with_another_corpus_copy_answers_from_the_shared_generation(
    settings: Settings, tmp_path: Path, assistant, caplog
) -> None:
    from assistant.answer.pipeline import Assistant

    with chroma_server(tmp_path / "data") as server:
        remote = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": server.port})
        build_index(remote, progress=False, embeddings=assistant.embeddings)
        aca = settings.corpus_dir / "codes" / "aca.yaml"
        aca.write_text(aca.read_text().replace("Test fixture paraphrase", "A local edit never ingested"))
        with pytest.raises(IndexUnavailable, match="stale"):
            KnowledgeBase.load(remote, assistant.embeddings)  # what an embedded index would get
        with caplog.at_level("WARNING"):
            replica = Assistant(remote, embeddings=assistant.embeddings, detector=assistant.detector)
        assert replica.kb is not None, "the replica refused the shared index"
        assert "built from another corpus" in caplog.text
        ok, reason = replica.readiness()
        assert ok, reason


def test_a_paused_chroma_server_fails_a_search_within_the_timeout(settings: Settings, tmp_path: Path, assistant):
    with chroma_server(tmp_path / "data") as server:
        remote = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": server.port})
        build_index(remote, progress=False, embeddings=assistant.embeddings)
        kb = KnowledgeBase.load(remote, assistant.embeddings, check_stale=False)
        kb.ping()
        assert server.proc is not None
        os.kill(server.proc.pid, signal.SIGSTOP)
        try:
            started = time.monotonic()
            with pytest.raises(IndexUnavailable, match="Chroma server"):
                kb.ping()
            waited = time.monotonic() - started
        finally:
            os.kill(server.proc.pid, signal.SIGCONT)
        assert waited < (SERVER_TIMEOUT.read or 0) + 5, f"the search hung for {waited:.1f} s"
        kb.ping()  # and it answers again once the server runs
