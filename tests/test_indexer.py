"""Ingestion into a real Chroma store with the real model: idempotent, incremental, atomic."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.indexer import build_index
from assistant.index.store import IndexUnavailable, make_client, open_active_collection, read_manifest
from tests.conftest import FIXTURE_CORPUS, ROOT
from tests.helpers.chroma_server import chroma_server

pytestmark = pytest.mark.slow


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, corpus)
    return Settings(corpus_dir=corpus, index_dir=tmp_path / "index", llm=None)


def _ids(settings: Settings) -> set[str]:
    collection, _ = open_active_collection(make_client(settings), settings)
    return set(collection.get()["ids"])


def test_first_build_then_unchanged_rerun_writes_nothing(settings: Settings) -> None:
    first = build_index(settings, progress=False)
    assert first.written and first.added == first.chunks == 4
    before = {p: p.stat().st_mtime_ns for p in settings.index_dir.rglob("*") if p.is_file()}
    second = build_index(settings, progress=False)
    assert not second.written
    assert (second.added, second.updated, second.removed, second.embedded) == (0, 0, 0, 0)
    after = {p: p.stat().st_mtime_ns for p in settings.index_dir.rglob("*") if p.is_file()}
    assert after == before


def test_changed_provision_is_replaced_and_removed_one_deleted(settings: Settings) -> None:
    build_index(settings, progress=False)
    aca = settings.corpus_dir / "codes" / "aca.yaml"
    text = aca.read_text()
    text = text.replace("social-media friendships", "social-media follows or friendships")
    start = text.index('  - section: "H.2.a"')
    aca.write_text(text[:start], encoding="utf-8")
    summary = build_index(settings, progress=False)
    assert (summary.added, summary.updated, summary.removed) == (0, 1, 1)
    assert summary.embedded == 1  # only the changed chunk is embedded again
    assert "ACA:H.2.a" not in _ids(settings)
    collection, manifest = open_active_collection(make_client(settings), settings)
    doc = collection.get(ids=["ACA:A.5.e"])["documents"][0]
    assert "follows or friendships" in doc
    assert manifest.chunks == 3
    assert len(make_client(settings).list_collections()) == 2  # one generation + the manifest


def test_failure_before_switch_leaves_previous_index_in_service(settings: Settings) -> None:
    build_index(settings, progress=False)
    old = read_manifest(make_client(settings), settings)
    (settings.corpus_dir / "codes" / "bacp.yaml").write_text(
        (settings.corpus_dir / "codes" / "bacp.yaml").read_text().replace("carefully", "very carefully")
    )

    def crash() -> None:
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError, match="power cut"):
        build_index(settings, progress=False, before_switch=crash)
    client = make_client(settings)
    assert read_manifest(client, settings) == old
    collection = client.get_collection(old.active)
    assert collection.count() == 4
    names = {c.name for c in client.list_collections()}
    assert names == {old.active, f"{settings.collection}-manifest"}


def test_stale_and_mismatched_index_are_refused_with_instructions(settings: Settings) -> None:
    build_index(settings, progress=False)
    from assistant.corpus.loader import corpus_digest

    client = make_client(settings)
    open_active_collection(client, settings, corpus_digest(settings.corpus_dir))
    (settings.corpus_dir / "codes" / "bacp.yaml").write_text(
        (settings.corpus_dir / "codes" / "bacp.yaml").read_text() + "\n# edited\n"
    )
    with pytest.raises(IndexUnavailable, match="stale.*python ingest.py"):
        open_active_collection(client, settings, corpus_digest(settings.corpus_dir))
    other = settings.model_copy(update={"embedding_model": "/models/another"})
    with pytest.raises(IndexUnavailable, match="built with"):
        open_active_collection(client, other)
    missing = settings.model_copy(update={"index_dir": settings.index_dir.parent / "nothing-here"})
    with pytest.raises(IndexUnavailable, match="No index found"):
        open_active_collection(make_client(missing), missing)


def _run_ingest(settings: Settings, *args: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": "/usr/bin:/bin",
        "HF_HUB_OFFLINE": "1",
        "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_INDEX_DIR": str(settings.index_dir),
    }
    return subprocess.run(
        [sys.executable, str(ROOT / "ingest.py"), "--quiet", *args],
        capture_output=True, text=True, env=env, cwd=ROOT, timeout=300,
    )  # fmt: skip


def test_ingest_cli_bad_corpus_exits_nonzero_and_leaves_index(settings: Settings) -> None:
    build_index(settings, progress=False)
    before = read_manifest(make_client(settings), settings)
    (settings.corpus_dir / "codes" / "bad.yaml").write_text("code: ACA\ntitle: [oops\n")
    result = _run_ingest(settings)
    assert result.returncode == 2
    assert "bad.yaml:3" in result.stderr or "bad.yaml:2" in result.stderr
    assert "index was not changed" in result.stderr
    assert read_manifest(make_client(settings), settings) == before
    check = _run_ingest(settings, "--check")
    assert check.returncode == 2


def test_ingest_cli_check_writes_nothing(settings: Settings) -> None:
    result = _run_ingest(settings, "--check")
    assert result.returncode == 0, result.stderr
    assert "Corpus OK: 2 codes, 3 provisions" in result.stdout
    assert not settings.index_dir.exists()


@pytest.mark.server
def test_server_mode_against_real_chroma_run(settings: Settings, tmp_path: Path) -> None:
    with chroma_server(tmp_path / "data") as server:
        remote = settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": server.port})
        make_client(remote)
        first = build_index(remote, progress=False)
        assert first.written and first.chunks == 4
        assert not build_index(remote, progress=False).written
        assert _ids(remote) == {"ACA:A.5.e", "ACA:H.2.a", "BACP:~gifts-from-clients", "guide:social-media"}
    with pytest.raises(IndexUnavailable, match="Cannot reach the Chroma server"):
        make_client(remote)
