"""The ONNX copy of the bundled model must give the torch model's vectors, and be used once made."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from assistant.config import Settings
from assistant.index.embeddings import OnnxEmbeddings, _exportable, export_onnx, get_embeddings, onnx_file

TEXTS = [
    "my counsellor added me on insta, is that allowed?",
    "",
    "Ｃａｎ my therapist ｔｅｘｔ me?? 🙂 ¿Puedo escribirle a mi psicóloga?",
    "after-hours contact policy " * 200,  # longer than the model's 256 tokens: truncated the same way
]


@pytest.mark.slow
def test_onnx_vectors_match_sentence_transformers(real_settings: Settings) -> None:
    from sentence_transformers import SentenceTransformer

    path = onnx_file(real_settings)
    assert path is not None and path.is_file(), "build_index should have exported the model"
    fast = get_embeddings(real_settings)
    assert isinstance(fast, OnnxEmbeddings)
    torch_model = SentenceTransformer(real_settings.embedding_model_path, device="cpu", local_files_only=True)
    expected = torch_model.encode(TEXTS, normalize_embeddings=True)
    assert np.abs(np.asarray(fast.embed_documents(TEXTS)) - expected).max() < 1e-4
    assert np.abs(np.asarray(fast.embed_query(TEXTS[0])) - expected[0]).max() < 1e-4


def test_models_that_are_not_plain_mean_pooling_stay_on_torch(tmp_path: Path) -> None:
    bundled = Path(Settings().embedding_model_path)
    model = tmp_path / "model"
    shutil.copytree(bundled, model, ignore=shutil.ignore_patterns("*.safetensors"))
    assert _exportable(model)
    pooling = model / "1_Pooling" / "config.json"
    config = json.loads(pooling.read_text())
    pooling.write_text(json.dumps(config | {"pooling_mode_mean_tokens": False, "pooling_mode_cls_token": True}))
    assert not _exportable(model)
    settings = Settings(embedding_model=str(model), index_dir=tmp_path / "index")
    assert onnx_file(settings) is None and export_onnx(settings) is None


def test_a_changed_model_folder_gets_a_new_export_name(tmp_path: Path) -> None:
    model = tmp_path / "model"
    shutil.copytree(Path(Settings().embedding_model_path), model, ignore=shutil.ignore_patterns("*.safetensors"))
    settings = Settings(embedding_model=str(model), index_dir=tmp_path / "index")
    before = onnx_file(settings)
    (model / "config.json").write_text((model / "config.json").read_text() + "\n")
    assert onnx_file(settings) != before
