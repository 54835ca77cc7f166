"""The trained layer: feature extraction, training, the weight cache, and the data files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from assistant.crisis.classifier import (
    CATEGORIES,
    CLASSES,
    CrisisClassifier,
    Example,
    examples_from_items,
    lexical_features,
    load_data_files,
    training_examples,
    window_text,
)


def _vec(text: str) -> list[float]:
    v = np.random.default_rng(sum(map(ord, text))).normal(size=8)
    return (v / np.linalg.norm(v)).tolist()


class _Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        return [_vec(t) for t in texts]


_EXAMPLES = [
    Example("i want to end my life tonight", "suicide", True),
    Example("i keep thinking about ending my life", "suicide", False),
    Example("ending my life seems like the only way", "suicide", False),
    Example("i cut my arm again last night", "self-harm", False),
    Example("cut my arm with a blade again", "self-harm", True),
    Example("can i text my therapist on sunday", "none", False),
    Example("can i email my therapist on sunday", "none", False),
    Example("can i text my counsellor after hours", "none", False),
    Example("feeling really low and tired today", "distress", False),
    Example("feeling so low and tired lately", "distress", False),
]


def test_lexical_features_cover_words_pairs_and_typo_robust_pieces() -> None:
    feats = lexical_features("took pils")
    assert {"w:took", "w:pils", "b:took pils", "c: pi", "c:pil", "c:ils "} <= set(feats)


def test_training_learns_the_examples_and_the_cache_is_reused(tmp_path: Path) -> None:
    embed = _Counting()
    first = CrisisClassifier.load_or_train(embed, "fake", _EXAMPLES, tmp_path)
    assert embed.calls == 1 and len(list(tmp_path.glob("crisis-classifier-*.npz"))) == 1
    second = CrisisClassifier.load_or_train(embed, "fake", _EXAMPLES, tmp_path)
    assert embed.calls == 1  # loaded, not retrained
    key = "i keep thinking about ending my life"
    assert first.predict(key, _vec(key)) == second.predict(key, _vec(key))
    risky, safe = first.predict(key, _vec(key)), first.predict("can i text my therapist", _vec("x"))
    assert risky.risk > 0.5 > safe.risk and risky.category == "suicide"
    # another model or other data -> another file; a corrupt file is retrained
    CrisisClassifier.load_or_train(embed, "other-model", _EXAMPLES, tmp_path)
    assert embed.calls == 2
    for f in tmp_path.glob("crisis-classifier-*.npz"):
        f.write_bytes(b"broken")
    CrisisClassifier.load_or_train(embed, "fake", _EXAMPLES, tmp_path)
    assert embed.calls == 3


def test_weights_are_found_by_their_source_files_without_building_the_examples(tmp_path: Path) -> None:
    """Start-up reads the weights by a digest of the files the examples come from, so it need not normalise eight
    thousand texts to hash them; any change to those files falls back to the examples' own digest."""
    data = tmp_path / "data.yaml"
    data.write_text("- {text: one, tier: none}\n")
    cache = tmp_path / "cache"
    embed, built = _Counting(), []

    def examples() -> list[Example]:
        built.append(1)
        return _EXAMPLES

    first = CrisisClassifier.load_or_train(embed, "fake", examples, cache, sources=[data])
    assert first is not None and embed.calls == 1 and len(built) == 1
    assert len(list(cache.glob("crisis-classifier-src-*.npz"))) == 1
    # same files: loaded without building the examples
    again = CrisisClassifier.load_or_train(embed, "fake", examples, cache, sources=[data], train=False)
    assert again is not None and len(built) == 1 and embed.calls == 1
    # a changed source file misses the alias: the examples are built and, being the same, their weights are reused
    data.write_text("- {text: two, tier: none}\n")
    CrisisClassifier.load_or_train(embed, "fake", examples, cache, sources=[data])
    assert len(built) == 2 and embed.calls == 1
    assert len(list(cache.glob("crisis-classifier-src-*.npz"))) == 2


def test_multi_turn_items_are_learnt_as_their_window() -> None:
    items = [
        {"text": "what time do the buses stop", "tier": "crisis", "category": "suicide",
         "history": ["i have the pills saved up"]},
        {"text": "hi", "tier": "none", "category": None, "history": [{"role": "user", "content": "hello"}]},
        {"text": "", "tier": "crisis", "category": "suicide"},  # empty: skipped
        {"text": "x", "tier": "crisis", "category": None},  # crisis without a category: skipped
    ]
    got = examples_from_items(items, str)
    assert [e.text for e in got] == [window_text("what time do the buses stop", ["i have the pills saved up"]),
                                     window_text("hi", ["hello"]), "hi"]


def test_data_files_are_well_formed_and_cover_every_class() -> None:
    items = load_data_files()
    assert len(items) >= 1500
    for item in items:
        assert item.get("tier") in ("none", "distress", "crisis", "imminent"), item
        if item["tier"] in ("crisis", "imminent"):
            assert item.get("category") in CATEGORIES, item
    labels = {e.label for e in examples_from_items(items, str)}
    assert labels == set(CLASSES)


@pytest.mark.slow
def test_real_classifier_reads_meaning_not_keywords(assistant) -> None:
    det = assistant.detector
    assert det.classifier is not None
    risky = ("tied the knot in the rope already, its hanging from the beam", "cant feel my legs after the pills")
    for message in risky:
        assert det.classify(message).risk >= 0.5, message
    for message in ("can i text my therapist to move my appointment", "this commute is killing me lol"):
        assert det.classify(message).risk < 0.5, message


def test_a_broken_training_set_leaves_the_other_layers_screening(tmp_path: Path, monkeypatch) -> None:
    from assistant.crisis import detector as det_module

    def broken() -> list:
        raise ValueError("malformed training file")

    monkeypatch.setattr(det_module, "training_examples", broken)

    class _Emb:
        model_name = "fake"

        def embed_documents(self, texts: list[str]) -> list[list[float]]:
            return [_vec(t) for t in texts]

        def embed_query(self, text: str) -> list[float]:
            return _vec(text)

    det = det_module.CrisisDetector(_Emb(), cache_dir=tmp_path)  # type: ignore[arg-type]
    assert det.classifier is None
    assert det.assess("i want to kill myself tonight").tier.rank >= 2


def test_training_examples_are_the_data_files_then_the_exemplars_then_ordinary_questions() -> None:
    from assistant.crisis.classifier import (
        classifier_key,
        ordinary_question_files,
        ordinary_questions,
        training_examples,
    )
    from assistant.crisis.semantic import load_exemplars

    examples = training_examples()
    exemplars = load_exemplars()
    questions = ordinary_questions()
    assert len(ordinary_question_files()) >= 9 and len(questions) >= 1500  # the blind-written sets C-K
    assert examples[-1] == Example(classifier_key(questions[-1]), "none", False)
    tail = len(questions)
    assert examples[-tail - 1] == Example(classifier_key(exemplars.negative[-1]), "none", False)
    first = exemplars.positive[0]
    n_exemplars = sum(len(g.texts) for g in exemplars.positive) + len(exemplars.negative)
    assert examples[-tail - n_exemplars] == Example(classifier_key(first.texts[0]), str(first.category), False)
    assert classifier_key("I want to KMS!!") == "i want to kill myself"


@pytest.mark.slow
def test_removing_a_few_training_texts_barely_moves_the_risk() -> None:
    """The trained layer must not reshuffle when a handful of texts leave the data (eval hygiene removes some every
    round). Before the solver ran to convergence (SOLVER_TOL), removing 3 of 8,317 texts moved the risk of 81
    development messages by more than 0.05 (up to 0.11) and carried 29 across 0.5; converged, by at most 0.002.
    Measured here on texts neither model learnt (a held-out slice of the data), as messages are, by how many move:
    one text may move for a real reason when its own contrast example leaves (2026-12-07: "back to long sleeves in
    30 degree heat you know why" moved 0.08 when "the scars on my arms are old ... short sleeves" left), so the
    maximum says nothing about the solver. On the 333 held-out texts then: early-stopped (tol 1e-4) 27 moved more
    than 0.02 and the 95th percentile was 0.023; converged, 3 and 0.009."""
    from assistant.config import Settings
    from assistant.index.embeddings import get_embeddings

    examples = training_examples()
    vectors = np.asarray(get_embeddings(Settings()).embed_documents([e.text for e in examples]), dtype=np.float32)
    held_out = [i for i in range(len(examples)) if i % 25 == 3]
    learnt = [i for i in range(len(examples)) if i % 25 != 3]
    fewer_learnt = [i for i in learnt if i % 1000 != 7]  # a few texts spread over every file leave
    assert len(learnt) - len(fewer_learnt) >= 5
    full = CrisisClassifier.train(vectors[learnt], [examples[i] for i in learnt])
    fewer = CrisisClassifier.train(vectors[fewer_learnt], [examples[i] for i in fewer_learnt])
    moved = [abs(full.predict(examples[i].text, vectors[i]).risk - fewer.predict(examples[i].text, vectors[i]).risk)
             for i in held_out]
    assert np.percentile(moved, 95) < 0.015, np.percentile(moved, 95)
    assert sum(m > 0.02 for m in moved) <= len(held_out) // 50, sorted(moved)[-10:]
