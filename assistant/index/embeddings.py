"""The embedding model, loaded from disk only (never from a hub).

Two back ends give the same vectors (largest difference about 1e-7, checked at export and in
the tests):

- sentence-transformers on torch: used to build the ONNX copy and as the fallback;
- an ONNX copy of the same model, run by onnxruntime and tokenizers. Importing torch and
  transformers takes about 13 s on a 2-core machine and onnxruntime about 0.3 s, so a
  one-shot CLI answer starts in seconds. Ingest exports the copy once into the cache folder.

The ONNX path is used only for plain mean-pooled models (Transformer, mean Pooling and
optionally Normalize), which is what all-MiniLM-L6-v2 is; anything else stays on torch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
import warnings
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.config import Settings

log = logging.getLogger(__name__)

_lock = threading.Lock()
_cache: dict[str, Embeddings] = {}
_PLAIN_MODULES = {
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
}
# Parity probe for a fresh export: short, long (truncated at max_seq_length), odd Unicode.
_PROBES = (
    "can my therapist text me?",
    "Mi terapeuta me escribió por WhatsApp — ¿es normal? 🙂",
    "after-hours contact policy " * 120,
)
MAX_EXPORT_DIFFERENCE = 1e-4


class OnnxEmbeddings(Embeddings):
    """Mean-pooled, unit-length sentence embeddings from an ONNX export of the model."""

    def __init__(self, model_dir: Path, onnx_file: Path, batch_size: int = 64):
        import onnxruntime
        from tokenizers import Tokenizer

        self.model_name = str(model_dir)  # same identity as the torch model: the vectors match
        self.encode_kwargs = {"normalize_embeddings": True}  # as the torch path is configured
        self.batch_size = batch_size
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(_max_length(model_dir))
        self.tokenizer.enable_padding(pad_id=self.tokenizer.token_to_id("[PAD]") or 0)
        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        # No busy-waiting between ops: on a 2-core box shared with web workers it only steals time.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self.session = onnxruntime.InferenceSession(str(onnx_file), options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def _encode(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
        feed = {
            "input_ids": np.array([e.ids for e in encoded], dtype=np.int64),
            "attention_mask": mask,
            "token_type_ids": np.array([e.type_ids for e in encoded], dtype=np.int64),
        }
        hidden = self.session.run(None, {k: v for k, v in feed.items() if k in self.inputs})[0]
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.clip(mask.sum(axis=1, keepdims=True), 1, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self.batch_size):
            out.extend(self._encode(texts[start : start + self.batch_size]).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return self._encode([text])[0].tolist()


def _torch_embeddings(settings: Settings) -> Embeddings:
    from langchain_huggingface import HuggingFaceEmbeddings

    return HuggingFaceEmbeddings(
        model_name=settings.embedding_model_path,
        model_kwargs={"device": "cpu", "local_files_only": True},
        encode_kwargs={"normalize_embeddings": True, "batch_size": settings.embedding_batch_size},
        show_progress=False,
    )


def _max_length(model_dir: Path) -> int:
    config = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
    return int(config["max_seq_length"])


def _exportable(model_dir: Path) -> bool:
    """True for a local Transformer + mean Pooling (+ Normalize) model with a fast tokenizer."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        pooling_dir = next(m["path"] for m in modules if m["type"].endswith(".Pooling"))
        pooling = json.loads((model_dir / pooling_dir / "config.json").read_text(encoding="utf-8"))
        _max_length(model_dir)
    except (OSError, ValueError, KeyError, StopIteration):
        return False
    modes = {k for k, v in pooling.items() if k.startswith("pooling_mode") and v}
    return (
        {m["type"] for m in modules} <= _PLAIN_MODULES
        and modes == {"pooling_mode_mean_tokens"}
        and (model_dir / "tokenizer.json").is_file()
    )


def onnx_file(settings: Settings) -> Path | None:
    """Where the ONNX copy of the configured model lives, or None when it cannot be used.

    The name carries a fingerprint of the model folder, so a changed model gets a new export.
    """
    model_dir = Path(settings.embedding_model_path)
    if not model_dir.is_dir() or not _exportable(model_dir):
        return None
    files = sorted(p for p in model_dir.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    digest = hashlib.sha256()
    for p in files:
        stat = p.stat()
        digest.update(f"{p.relative_to(model_dir)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return settings.cache_dir / "models" / f"{model_dir.name}-{digest.hexdigest()[:16]}.onnx"


def export_onnx(settings: Settings) -> Path | None:
    """Write the ONNX copy if it is missing; check it against torch; None if that fails.

    Needs torch, so it runs at ingest; a failed export only costs start-up speed.
    """
    target = onnx_file(settings)
    if target is None:
        return None
    if target.is_file():
        if _loads(target, Path(settings.embedding_model_path)):
            return target
        log.warning("the ONNX copy of the embedding model at %s is damaged; exporting it again", target)
        target.unlink(missing_ok=True)
    model_dir = Path(settings.embedding_model_path)
    tmp: str | None = None
    try:
        import torch
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        transformer = model[0].auto_model
        assert isinstance(transformer, torch.nn.Module)
        transformer.eval()

        class _Hidden(torch.nn.Module):  # names the inputs so the graph takes keywords
            def __init__(self, inner: torch.nn.Module):
                super().__init__()
                self.inner = inner

            def forward(
                self, input_ids: torch.Tensor, attention_mask: torch.Tensor, token_type_ids: torch.Tensor
            ) -> torch.Tensor:
                return self.inner(
                    input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
                ).last_hidden_state

        names = ["input_ids", "attention_mask", "token_type_ids"]
        sample = model.tokenizer(list(_PROBES[:2]), padding=True, return_tensors="pt")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".export-", suffix=".onnx")
        os.close(fd)
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tracer notes about shapes; parity is checked below
            torch.onnx.export(
                _Hidden(transformer),
                tuple(sample[n] for n in names),
                tmp,
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
        exported = OnnxEmbeddings(model_dir, Path(tmp))
        expected = model.encode(list(_PROBES), normalize_embeddings=True)
        difference = float(np.abs(np.asarray(exported.embed_documents(list(_PROBES))) - expected).max())
        if difference > MAX_EXPORT_DIFFERENCE:
            raise ValueError(f"ONNX vectors differ from torch by {difference:.2e}")
        os.replace(tmp, target)  # atomic: a reader never sees half a model
        tmp = None
        for old in target.parent.glob(f"{model_dir.name}-*.onnx"):
            if old != target:
                old.unlink(missing_ok=True)
        log.info("exported the embedding model to ONNX (largest difference %.1e)", difference)
        return target
    except Exception as exc:  # noqa: BLE001 - any failure just means the slower torch path
        log.warning("ONNX export skipped, the torch model will be used: %s", exc)
        return None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _loads(target: Path, model_dir: Path) -> bool:
    """Whether an ONNX file opens (a damaged file is exported again rather than trusted)."""
    try:
        OnnxEmbeddings(model_dir, target)
    except Exception:  # noqa: BLE001 - any failure to open means "export it again"
        return False
    return True


def get_embeddings(settings: Settings) -> Embeddings:
    """One shared model per path: the ONNX copy when ingest made one, else torch.

    A damaged ONNX copy does not stop the start: the torch model is used (same vectors, slower
    start) and the log says how to fix it.
    """
    path = settings.embedding_model_path
    target = onnx_file(settings)
    key = f"{path}|{target}"
    with _lock:
        if key not in _cache:
            model: Embeddings | None = None
            if target is not None and target.is_file():
                try:
                    model = OnnxEmbeddings(Path(path), target, settings.embedding_batch_size)
                except Exception as exc:  # noqa: BLE001 - a damaged file: fall back, say how to fix it
                    log.warning(
                        "the ONNX copy of the embedding model at %s cannot be loaded (%s); using the torch model. "
                        "Run `python ingest.py` to export it again.",
                        target,
                        type(exc).__name__,
                    )
            _cache[key] = model or _torch_embeddings(settings)
        return _cache[key]
