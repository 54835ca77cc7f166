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
    assert len(make_client(settings).list_collections()) == 3  # this generation, the one before it, the manifest


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


def _generations(settings: Settings) -> set[str]:
    names = {c if isinstance(c, str) else c.name for c in make_client(settings).list_collections()}
    return {n for n in names if n.startswith(f"{settings.collection}-") and not n.endswith("-manifest")}


def _edit_provision(settings: Settings, n: int) -> None:
    import re

    aca = settings.corpus_dir / "codes" / "aca.yaml"
    text = re.sub(r"(Test fixture paraphrase|Edit \d+): counsellors", f"Edit {n}: counsellors", aca.read_text())
    aca.write_text(text)


def test_the_last_two_generations_stay_and_older_ones_go_after_a_grace_period(settings: Settings) -> None:
    import datetime as dt

    from assistant.index.indexer import _drop_old_generations

    build_index(settings, progress=False)
    first = read_manifest(make_client(settings), settings).active
    _edit_provision(settings, 1)
    build_index(settings, progress=False)
    second = read_manifest(make_client(settings), settings).active
    assert _generations(settings) == {first, second}  # the previous one stays for replicas still on it
    _edit_provision(settings, 2)
    build_index(settings, progress=False)
    manifest = read_manifest(make_client(settings), settings)
    assert manifest.active not in (first, second) and set(manifest.retired) == {first, second}
    assert _generations(settings) == {first, second, manifest.active}  # the first is still in its grace period
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)
    _drop_old_generations(make_client(settings), settings, now=later)
    assert _generations(settings) == {second, manifest.active}
    assert set(read_manifest(make_client(settings), settings).retired) == {second}


def test_a_running_assistant_swaps_to_a_new_generation_without_a_restart(settings: Settings, assistant) -> None:
    import time

    from assistant.answer.pipeline import Assistant
    from assistant.reply import Ask

    shutil.copytree(ROOT / "corpus" / "crisis", settings.corpus_dir / "crisis")
    build_index(settings, progress=False, embeddings=assistant.embeddings)
    fast = settings.model_copy(update={"index_poll_seconds": 0.2})
    running = Assistant(fast, embeddings=assistant.embeddings, detector=assistant.detector)
    before = running.kb.manifest.active
    question = Ask(question="can I be friends with my counsellor on facebook?", jurisdiction="US")
    assert "Test fixture paraphrase" in running.answer(question).citations[0].excerpt
    _edit_provision(settings, 3)
    build_index(settings, progress=False, embeddings=assistant.embeddings)
    deadline = time.monotonic() + 10
    while running.kb.manifest.active == before:
        assert time.monotonic() < deadline, "the new generation was not swapped in within 10 s"
        running.answer(question)  # every answer meanwhile is a real one, from the old or the new generation
        time.sleep(0.1)
    assert "Edit 3" in running.answer(question).citations[0].excerpt
