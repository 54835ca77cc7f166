"""A damaged index or model file at start (issue 15, finding 14): the app starts degraded (crisis
screening only), /health/ready says why, the log gives the fixing command, and ingest rebuilds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.config import ROOT, Settings

CRISIS = "i want to kill myself tonight"


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for i in range(0, len(data) - 300, 4096):
        data[i + 100 : i + 300] = os.urandom(200)
    path.write_bytes(bytes(data))


@pytest.fixture()
def damaged(real_settings: Settings, tmp_path: Path) -> Settings:
    index = tmp_path / "index"
    shutil.copytree(real_settings.index_dir, index)
    _damage(index / "chroma.sqlite3")
    return real_settings.model_copy(update={"index_dir": index, "staff_users_file": None})


@pytest.mark.slow
def test_damaged_index_starts_degraded_and_says_how_to_fix_it(damaged: Settings, capsys) -> None:
    from fastapi.testclient import TestClient

    from assistant.cli.serve import load_assistant
    from assistant.web.server import create_app

    assistant = load_assistant(damaged)  # what `serve` does: it must not stop here
    err = capsys.readouterr().err
    assert "is damaged" in err and "python ingest.py" in err  # (the temp folder's own name holds "damaged")
    client = TestClient(create_app(damaged, assistant, stream_delay=0))
    ready = client.get("/health/ready")
    assert ready.status_code == 503
    assert "is damaged" in ready.json()["reason"] and "python ingest.py" in ready.json()["reason"]
    assert client.get("/health/live").status_code == 200
    crisis = client.post("/api/ask", json={"question": CRISIS, "jurisdiction": "GB"})
    assert crisis.status_code == 200 and "999" in crisis.json()["crisis"]["message"]
    plain = client.post("/api/ask", json={"question": "can my therapist text me?"})
    assert plain.status_code == 503 and plain.json()["error"] == "index_unavailable"


@pytest.mark.slow
def test_ingest_rebuilds_over_a_damaged_index(damaged: Settings) -> None:
    env = {
        **os.environ,
        "ASSISTANT_INDEX_DIR": str(damaged.index_dir),
        "ASSISTANT_CORPUS_DIR": str(damaged.corpus_dir),
        "ASSISTANT_CACHE_DIR": str(damaged.cache_dir),
    }
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "ingest", "--quiet"], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "was damaged" in done.stderr
    assert list(damaged.index_dir.parent.glob("index.damaged-*")), "the damaged copy is kept aside"
    from assistant.answer.pipeline import Assistant

    assert Assistant(damaged).readiness() == (True, "ok")


@pytest.mark.slow
def test_damaged_onnx_file_falls_back_and_is_exported_again(real_settings: Settings, tmp_path: Path, caplog) -> None:
    from assistant.index import embeddings

    cache = tmp_path / "cache"
    shutil.copytree(real_settings.cache_dir, cache)
    settings = real_settings.model_copy(update={"cache_dir": cache})
    onnx = embeddings.onnx_file(settings)
    assert onnx is not None and onnx.is_file()
    _damage(onnx)
    with caplog.at_level("WARNING"):
        model = embeddings.get_embeddings(settings)
    assert not isinstance(model, embeddings.OnnxEmbeddings)
    assert "python ingest.py" in caplog.text
    assert len(model.embed_query("can my therapist text me?")) == 384
    assert embeddings.export_onnx(settings) == onnx
    assert isinstance(embeddings.OnnxEmbeddings(Path(settings.embedding_model_path), onnx), embeddings.OnnxEmbeddings)
