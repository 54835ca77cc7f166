"""Layer 3 of the detector: similarity of a message to curated exemplars (``exemplars.yaml``).

It can raise a message the patterns missed to distress or crisis, and it can silence a
distress-level pattern hit that is much closer to a hard negative; it never lowers a crisis
pattern hit. Exemplar vectors are computed once, or loaded from a small ``.npy`` cache keyed by a
hash of (model + exemplar texts) in the cache folder; a missing or corrupt file just recomputes.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import yaml

from assistant.crisis import cues
from assistant.crisis.normalise import normalise
from assistant.crisis.thresholds import (
    LONG_MESSAGE_WORDS,
    MAX_SEMANTIC_TEXTS,
    SEM_CRISIS,
    SEM_CRISIS_BY_CAT,
    SEM_DISTRESS,
    SEM_MARGIN,
)
from assistant.crisis.types import Category, Tier

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

EXEMPLARS_FILE = Path(__file__).with_name("exemplars.yaml")
VECTOR_CACHE_SIZE = 2048  # recent texts whose vectors are kept (the window's turns are looked up here)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?\n])\s+|\s+(?:but|and then)\s+")


def semantic_key(text: str) -> str:
    """What the embedding model sees: the normalised text with idioms blanked out."""
    stripped = " ".join(cues.IDIOMS.sub(" ", normalise(text)).split())
    return stripped or normalise(text)


def model_id(embeddings: Embeddings) -> str | None:
    """A stable identifier of the embedding model (path/name plus encode options), if it has one.

    The back end is left out on purpose: the ONNX copy and the torch model give the same vectors,
    so weights trained with one serve the other.
    """
    name = getattr(embeddings, "model_name", None) or getattr(embeddings, "model", None)
    if not isinstance(name, str) or not name:
        return None
    kwargs = getattr(embeddings, "encode_kwargs", None) or {}
    norm = kwargs.get("normalize_embeddings") if isinstance(kwargs, dict) else None
    return f"{name}|normalize={norm}"


# --------------------------------------------------------------------------- exemplars


@dataclass(frozen=True)
class ExemplarGroup:
    category: Category | None  # None for the distress-tier group
    tier: Tier
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Exemplars:
    positive: tuple[ExemplarGroup, ...]
    negative: tuple[str, ...]  # hard negatives: idioms, policy questions, past risk


@lru_cache(maxsize=1)
def load_exemplars(path: Path = EXEMPLARS_FILE) -> Exemplars:
    """The curated exemplars, in file order (the order is part of two cache keys)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    positive = tuple(
        ExemplarGroup(Category(g["category"]) if g["category"] else None, Tier(g["tier"]), tuple(g["texts"]))
        for g in data["positive"]
    )
    return Exemplars(positive, tuple(data["negative"]))


# --------------------------------------------------------------------------- vectors


class VectorCache:
    """Embeds texts once: the most recent vectors are kept for the later layers and turns."""

    def __init__(self, embeddings: Embeddings):
        self.embeddings = embeddings
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, list[float]] = OrderedDict()

    def embed(self, texts: list[str]) -> list[list[float]]:
        missing = [t for t in texts if t not in self._cache]
        if len(missing) == 1:
            vecs = [self.embeddings.embed_query(missing[0])]
        elif missing:
            vecs = self.embeddings.embed_documents(missing)
        else:
            vecs = []
        with self._lock:
            for t, v in zip(missing, vecs, strict=True):
                self._cache[t] = v
            out = [self._cache[t] for t in texts]
            while len(self._cache) > VECTOR_CACHE_SIZE:
                self._cache.popitem(last=False)
        return out

    def cached(self, text: str) -> list[float] | None:
        """The vector of ``text`` if it was embedded recently, without embedding it."""
        with self._lock:
            return self._cache.get(text)

    def clear(self) -> None:
        """Forget every vector (benchmarks measure a fresh message this way)."""
        with self._lock:
            self._cache.clear()


# --------------------------------------------------------------------------- scores


@dataclass(frozen=True)
class Scores:
    """Similarity of one vector to the exemplars.

    ``crisis`` is the raw similarity of the category (``category``) whose margin over its own
    bar is largest, so that ``crisis >= category_bar(category)`` decides.
    """

    crisis: float
    category: Category | None
    distress: float  # best distress-level similarity (at least ``crisis``)
    negative: float  # best hard-negative similarity

    @property
    def is_crisis(self) -> bool:
        return (
            self.category is not None
            and self.crisis >= category_bar(self.category)
            and self.crisis - self.negative >= SEM_MARGIN
        )

    @property
    def is_distress(self) -> bool:
        return self.distress >= SEM_DISTRESS and self.distress - self.negative >= SEM_MARGIN

    @property
    def rank_key(self) -> float:
        """How clearly this reads as crisis: margin over the bar, less any lead of the hard negatives."""
        return self.crisis - category_bar(self.category) - max(0.0, self.negative - self.crisis)


def category_bar(category: Category | None) -> float:
    return SEM_CRISIS_BY_CAT.get(category, SEM_CRISIS) if category is not None else SEM_CRISIS


class SemanticLayer:
    """Exemplar vectors and the scoring of a message vector against them."""

    def __init__(self, vectors: VectorCache, cache_dir: Path | None, exemplars: Exemplars | None = None):
        self.vectors = vectors
        exemplars = exemplars or load_exemplars()
        self.exemplar_cache_file: Path | None = None  # where the exemplar vectors were (or would be) cached
        self.exemplar_cache_hit = False
        pos_items = [(g.category, g.tier, text) for g in exemplars.positive for text in g.texts]
        keys = [semantic_key(t) for _, _, t in pos_items] + [semantic_key(t) for t in exemplars.negative]
        matrix = self._exemplar_matrix(keys, cache_dir)
        self.positive_matrix = matrix[: len(pos_items)]
        self.negative_matrix = matrix[len(pos_items) :]
        self._pos_crisis = np.array([tier.rank >= Tier.crisis.rank for _, tier, _ in pos_items])
        self._cat_index: dict[Category, list[int]] = {}
        for i, (cat, tier, _) in enumerate(pos_items):
            if cat is not None and tier.rank >= Tier.crisis.rank:
                self._cat_index.setdefault(cat, []).append(i)

    def _exemplar_matrix(self, keys: list[str], cache_dir: Path | None) -> np.ndarray:
        """Exemplar vectors, from the on-disk cache when it matches (model + texts), else embedded.

        A missing, unreadable or mismatched cache file is ignored and rewritten; failing to write
        it (read-only folder) is not an error.
        """
        embeddings = self.vectors.embeddings
        mid = model_id(embeddings)
        path: Path | None = None
        if mid is not None:
            key = "\x1e".join([f"crisis-exemplars-v1|{mid}", *keys])
            digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]
            if cache_dir is not None:
                path = Path(cache_dir) / f"crisis-exemplars-{digest}.npy"
                self.exemplar_cache_file = path
            try:
                if path is None:
                    raise FileNotFoundError("no cache folder")
                cached = np.load(path, allow_pickle=False)
                if cached.ndim == 2 and cached.shape[0] == len(keys) and np.isfinite(cached).all():
                    self.exemplar_cache_hit = True
                    return cached.astype(np.float32, copy=False)
            except (OSError, ValueError, EOFError):
                pass
        matrix = np.asarray(embeddings.embed_documents(keys), dtype=np.float32)
        if path is not None:
            tmp: str | None = None
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".crisis-", suffix=".npy")
                with os.fdopen(fd, "wb") as fh:
                    np.save(fh, matrix, allow_pickle=False)
                os.replace(tmp, path)  # atomic: readers never see a half-written file
            except OSError:
                if tmp is not None:
                    Path(tmp).unlink(missing_ok=True)
        return matrix

    def scores(self, vec: Sequence[float]) -> Scores:
        v = np.asarray(vec, dtype=np.float32)
        pos = self.positive_matrix @ v
        best_cat: Category | None = None
        best_c, best_gap = -1.0, -9.0
        for cat, idx in self._cat_index.items():
            sc = float(pos[idx].max())
            gap = sc - category_bar(cat)
            if gap > best_gap:
                best_gap, best_c, best_cat = gap, sc, cat
        best_d = float(np.max(np.where(self._pos_crisis, -1.0, pos))) if len(pos) else -1.0
        best_n = float(np.max(self.negative_matrix @ v)) if len(self.negative_matrix) else 0.0
        return Scores(best_c, best_cat, max(best_d, best_c), best_n)

    def cached_scores(self, text: str) -> Scores | None:
        """Scores of a text embedded before (an earlier turn), or None; never embeds."""
        vec = self.vectors.cached(semantic_key(text))
        return self.scores(vec) if vec is not None else None

    def score_message(self, message: str) -> list[Scores]:
        """Scores of the message, then of at most one risky sentence of a long message."""
        return [self.scores(v) for v in self.vectors.embed(self.texts(message))]

    @staticmethod
    def texts(message: str) -> list[str]:
        """The message (as the model sees it) plus, for a long message, its riskiest sentence."""
        norm = semantic_key(message)
        texts = [norm]
        if len(norm.split()) > LONG_MESSAGE_WORDS:
            parts = _SENTENCE_BREAK.split(message)
            sentences = [semantic_key(s) for s in parts if s.strip()]
            sentences = [s for s in sentences if len(s.split()) >= 3 and s != norm]
            if len(sentences) > 1:
                scored = sorted(sentences, key=lambda s: -len(cues.RISK_WORDS.findall(s)))
                texts.extend(scored[: MAX_SEMANTIC_TEXTS - 1])
        return texts
