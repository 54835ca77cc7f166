"""The exemplar-similarity layer (assistant/crisis/semantic.py) and its exemplars file."""

from __future__ import annotations

from pathlib import Path

from assistant.crisis.detector import CrisisDetector
from assistant.crisis.semantic import Scores, SemanticLayer, VectorCache, load_exemplars, semantic_key
from assistant.crisis.types import Category, Tier
from tests.helpers.crisis import AT_LEAST_CRISIS


class _FakeEmbeddings:
    """Deterministic stand-in with a model name, counting embed_documents calls."""

    model_name = "fake-model"
    encode_kwargs = {"normalize_embeddings": True}

    def __init__(self) -> None:
        self.doc_calls = 0

    def _vec(self, text: str) -> list[float]:
        import numpy as np

        v = np.random.default_rng(abs(hash(text)) % (2**32)).normal(size=16)
        return (v / np.linalg.norm(v)).tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.doc_calls += 1
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


def test_exemplar_vector_cache(tmp_path: Path) -> None:
    emb = _FakeEmbeddings()
    first = CrisisDetector(emb, cache_dir=tmp_path, trained_layer=False)  # type: ignore[arg-type]
    assert emb.doc_calls == 1 and not first.exemplar_cache_hit
    assert first.exemplar_cache_file is not None and first.exemplar_cache_file.exists()
    second = CrisisDetector(emb, cache_dir=tmp_path, trained_layer=False)  # type: ignore[arg-type]
    assert emb.doc_calls == 1 and second.exemplar_cache_hit
    assert second.semantic is not None and first.semantic is not None
    assert (second.semantic.positive_matrix == first.semantic.positive_matrix).all()
    # a corrupt cache file is ignored and rewritten
    second.exemplar_cache_file.write_bytes(b"not a numpy file")  # type: ignore[union-attr]
    third = CrisisDetector(emb, cache_dir=tmp_path, trained_layer=False)  # type: ignore[arg-type]
    assert emb.doc_calls == 2 and not third.exemplar_cache_hit
    assert third.assess("i want to kill myself").tier in AT_LEAST_CRISIS
    # another model name gets another file
    other = _FakeEmbeddings()
    other.model_name = "other-model"
    fourth = CrisisDetector(other, cache_dir=tmp_path, trained_layer=False)  # type: ignore[arg-type]
    assert not fourth.exemplar_cache_hit and fourth.exemplar_cache_file != third.exemplar_cache_file


def test_exemplars_file_keeps_its_groups_in_order() -> None:
    ex = load_exemplars()
    assert [g.category for g in ex.positive] == [*Category, None]
    assert [g.tier for g in ex.positive] == [Tier.crisis] * len(Category) + [Tier.distress]
    assert ex.positive[0].texts[0] == "i am thinking about killing myself"
    assert sum(len(g.texts) for g in ex.positive) == 174 and len(ex.negative) == 84  # five removed: near sealed items
    assert ex.negative[0] == "this homework is killing me"


def test_semantic_key_blanks_idioms_but_never_empties_a_message() -> None:
    assert semantic_key("I'm DYING to know!") == "im"
    assert semantic_key("dying to know") == "dying to know"


def test_vector_cache_embeds_each_text_once() -> None:
    emb = _FakeEmbeddings()
    cache = VectorCache(emb)  # type: ignore[arg-type]
    first = cache.embed(["a", "b"])
    assert emb.doc_calls == 1 and cache.embed(["b", "a"]) == first[::-1] and emb.doc_calls == 1
    assert cache.cached("a") == first[0] and cache.cached("c") is None
    cache.clear()
    assert cache.cached("a") is None


def test_scores_decide_with_the_category_bar_and_the_hard_negative_margin() -> None:
    assert Scores(0.66, Category.suicide, 0.66, 0.40).is_crisis  # suicide bar 0.63
    assert not Scores(0.66, Category.abuse, 0.66, 0.40).is_crisis  # abuse bar 0.67
    assert not Scores(0.66, Category.suicide, 0.66, 0.60).is_crisis  # a hard negative is as close
    assert Scores(0.50, Category.suicide, 0.62, 0.40).is_distress
    assert not Scores(0.50, Category.suicide, 0.62, 0.55).is_distress


def test_a_long_message_also_embeds_its_riskiest_sentence() -> None:
    filler = "i have been thinking about my week and my therapist and the weather and work. " * 3
    texts = SemanticLayer.texts(filler + "I want to die. What time is it?")
    assert len(texts) == 2 and texts[1] == "i want to die"
    assert SemanticLayer.texts("short message") == ["short message"]
