"""A trained layer over the sentence embeddings: how likely a message shows crisis, and which kind.

Why it exists: hand-written patterns plus nearest-exemplar similarity reached 100% on the set
they were tuned on but only about 40% on a set written blind by someone who had not seen
them. People in crisis rarely use the words a pattern list expects ("tied the rope already,
just sitting here looking at it"). Logistic regressions over the same MiniLM vectors plus word
and character n-grams, trained on about 4,000 labelled messages written the way people write,
generalise from meaning instead of wording. Three heads (see ``CrisisClassifier.train``): none /
distress / risk, which category, imminent or not. It stays deterministic, offline and cheap at run
time: one small matrix product on a vector the pipeline computes anyway.

Training data lives in ``assistant/crisis/data/*.yaml`` (same format as ``eval/crisis.yaml``),
plus the curated exemplars (``exemplars.yaml``). The eval sets in ``eval/`` are never trained on
(``tests/test_eval_hygiene.py`` checks every eval item against everything trained on or indexed).
Weights are trained once per model and data digest and cached next to the index; training
needs scikit-learn, imported only then.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

from assistant.crisis.normalise import normalise
from assistant.crisis.semantic import EXEMPLARS_FILE, load_exemplars
from assistant.crisis.thresholds import EMBEDDING_WEIGHT, REGULARISATION_C, WINDOW_TURNS
from assistant.crisis.types import Category, Tier
from assistant.trained_layer import SOLVER_MAX_ITER, SOLVER_TOL, cached_or_trained

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).with_name("data")
# Ordinary client questions written blind for the question-understanding layer: none of them is a crisis, so they
# teach the trained layer what an everyday question about contact looks like (twelfth round: crisis readings on the
# ordinary questions of development set M 14 -> 5 of 220, with blind sets 8-16 added as training data too).
ORDINARY_QUESTIONS = "questions_blind_*.yaml"
CATEGORIES: tuple[str, ...] = tuple(c.value for c in Category)
CLASSES: tuple[str, ...] = (Tier.none.value, Tier.distress.value, *CATEGORIES)
TIERS: tuple[str, ...] = tuple(t.value for t in Tier)
_ARRAYS = ("vocab", "idf", "w_emb", "w_lex", "bias")
_VERSION = "crisis-classifier-v5"  # v5: the solver runs to convergence (SOLVER_TOL)
_N_GROUPS = 3  # the tier head's classes: none, distress, risk


@dataclass(frozen=True)
class Example:
    text: str
    label: str  # one of CLASSES
    imminent: bool


@dataclass(frozen=True)
class Prediction:
    risk: float  # probability of crisis or imminent risk (any category)
    category: Category  # most likely category, whatever the risk
    distress: float  # probability of at least distress
    imminent: float  # probability that a risk is imminent rather than crisis


def window_text(message: str, earlier_user_turns: Sequence[str]) -> str:
    """The conversation view: the last few user turns and the message, in order."""
    turns = [t for t in earlier_user_turns if t.strip()][-WINDOW_TURNS:]
    return " / ".join([*turns, message])


def label_of(item: Mapping) -> str | None:
    """Class of a labelled item (eval-set format), or None when it cannot be used."""
    tier = item.get("tier")
    if tier == "none":
        return "none"
    if tier == "distress":
        return "distress"
    if tier in ("crisis", "imminent"):
        category = item.get("category")
        return category if category in CATEGORIES else None
    return None


def examples_from_items(items: Iterable[Mapping], key: Callable[[str], str]) -> list[Example]:
    """Training examples; a multi-turn item is learnt as its whole window, never as its last line alone."""
    out: list[Example] = []
    for item in items:
        label = label_of(item)
        if label is None or not str(item.get("text", "")).strip():
            continue
        history = [h if isinstance(h, str) else str(h.get("content", "")) for h in item.get("history") or ()
                   if isinstance(h, str) or h.get("role") == "user"]
        imminent = item.get("tier") == "imminent"
        text = str(item["text"])
        if history:
            out.append(Example(key(window_text(text, history)), label, imminent))
            if label == "none":
                out.append(Example(key(text), label, imminent))
        else:
            out.append(Example(key(text), label, imminent))
    return out


def load_labelled(path: Path) -> list[dict]:
    """A labelled YAML set (eval or training format), checked, with history as user-turn dicts.

    History may be written as plain strings: earlier messages from the same person.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    items = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 - safe loader
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a list of labelled messages")
    for i, item in enumerate(items):
        if not isinstance(item, dict) or "text" not in item or item.get("tier") not in TIERS:
            raise ValueError(f"{path}: item {i} needs text and a valid tier")
        item["history"] = [
            h if isinstance(h, dict) else {"role": "user", "content": str(h)} for h in item.get("history") or ()
        ]
    return items


def load_data_files(directory: Path = DATA_DIR) -> list[dict]:
    """Every labelled item in the training folder (files sorted, so the digest is stable)."""
    return [item for path in sorted(directory.glob("*.yaml")) for item in load_labelled(path)]


def classifier_key(text: str) -> str:
    """What the trained layer sees: the normalised text, idioms kept (it learnt them from examples;
    blanking them left fragments such as "before you leave" that read like goodbyes)."""
    return " ".join(normalise(text).split())


def training_sources() -> list[Path]:
    """The files that shape the trained layer's examples and features: its data, the exemplars and the code that
    reads and normalises them."""
    from assistant import trained_layer
    from assistant.crisis import normalise as normalise_module
    from assistant.crisis import semantic, thresholds, types

    modules = (normalise_module, semantic, thresholds, types, trained_layer)
    return [*sorted(DATA_DIR.glob("*.yaml")), *ordinary_question_files(), EXEMPLARS_FILE, Path(__file__),
            *(Path(str(m.__file__)) for m in modules)]


def ordinary_question_files() -> list[Path]:
    """The question-understanding layer's blind-written questions (the answer package's data folder)."""
    from assistant.answer import understand

    return sorted(understand.DATA_DIR.glob(ORDINARY_QUESTIONS))


def ordinary_questions() -> list[str]:
    """Their texts: everyday questions, in and out of scope, none of them a disclosure."""
    from assistant.answer import understand

    items = understand.load_items(pattern=ORDINARY_QUESTIONS)
    return [str(item["text"]) for item in items if str(item.get("text", "")).strip()]


def training_examples() -> list[Example]:
    """The trained layer's examples: the labelled data files, the curated exemplars and the ordinary questions."""
    exemplars = load_exemplars()
    items: list[dict] = list(load_data_files())
    items += [
        {"text": t, "tier": g.tier.value, "category": g.category.value if g.category else None}
        for g in exemplars.positive
        for t in g.texts
    ]
    items += [{"text": t, "tier": "none"} for t in exemplars.negative]
    items += [{"text": t, "tier": "none"} for t in ordinary_questions()]
    return examples_from_items(items, classifier_key)


_TOKEN = re.compile(r"\w+")


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max())
    return e / e.sum()


def lexical_features(key: str) -> list[str]:
    """Word unigrams and bigrams plus character 3-5-grams inside words (robust to typos)."""
    words = _TOKEN.findall(key)
    feats = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for w in words:
        padded = f" {w} "
        for n in (3, 4, 5):
            feats.extend(f"c:{padded[i : i + n]}" for i in range(max(1, len(padded) - n + 1)))
    return feats


class CrisisClassifier:
    """Linear heads (see ``train``) over [embedding x EMBEDDING_WEIGHT, TF-IDF of lexical_features]."""

    def __init__(self, arrays: Mapping[str, np.ndarray]):
        self.arrays = {k: np.asarray(v) for k, v in arrays.items()}
        self.vocab = {t: i for i, t in enumerate(self.arrays["vocab"].tolist())}
        self.idf = self.arrays["idf"].astype(np.float32)
        self.w_emb, self.w_lex = self.arrays["w_emb"].astype(np.float32), self.arrays["w_lex"].astype(np.float32)
        self.bias = self.arrays["bias"].astype(np.float32)

    def _logits(self, key: str, vector: Sequence[float] | np.ndarray) -> np.ndarray:
        counts: dict[int, int] = {}
        for f in lexical_features(key):
            j = self.vocab.get(f)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        logits = np.asarray(vector, dtype=np.float32) @ self.w_emb + self.bias
        if counts:
            idx = np.fromiter(counts, dtype=np.int64)
            vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * self.idf[idx]
            vals /= np.linalg.norm(vals)
            logits = logits + vals @ self.w_lex[idx]
        return logits

    def predict(self, key: str, vector: Sequence[float] | np.ndarray) -> Prediction:
        """``key`` is the normalised text the ``vector`` was embedded from."""
        logits = self._logits(key, vector)
        tier = _softmax(logits[:_N_GROUPS])
        cats = _softmax(logits[_N_GROUPS : _N_GROUPS + len(CATEGORIES)])
        risk = float(tier[2])
        return Prediction(
            risk=risk,
            category=Category(CATEGORIES[int(cats.argmax())]),
            distress=float(tier[1]) + risk,
            imminent=float(1.0 / (1.0 + np.exp(-logits[-1]))),
        )

    @classmethod
    def train(
        cls, vectors: np.ndarray, examples: Sequence[Example], c: float = REGULARISATION_C,
        embedding_weight: float = EMBEDDING_WEIGHT,
    ) -> CrisisClassifier:
        """Three heads over the same features, each a logistic regression:

        - the **tier head**: none / distress / risk (any category at crisis or imminent), the three
          groups weighted equally. Risk is one class here, so adding a category never raises the
          prior of risk (with one class per category, eight risk classes outweighed "none");
        - the **category head**: which of the categories, trained on the risky messages only;
        - the **imminent head**: imminent rather than crisis, on the risky messages only.
        """
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        keys = [e.text for e in examples]
        tfidf = TfidfVectorizer(analyzer=lexical_features, min_df=2, sublinear_tf=True)
        lexical = tfidf.fit_transform(keys)
        features = hstack([csr_matrix(vectors * embedding_weight), lexical]).tocsr()
        group = np.array([0 if e.label == "none" else 1 if e.label == "distress" else 2 for e in examples])
        width = _N_GROUPS + len(CATEGORIES) + 1
        coef = np.zeros((features.shape[1], width), dtype=np.float32)
        bias = np.full(width, -30.0, dtype=np.float32)  # a class absent from the data never wins

        def fit(rows: np.ndarray, labels: np.ndarray, columns: Sequence[int]) -> None:
            """One head: ``columns[k]`` receives the logit of label ``k``."""
            present = np.unique(labels)
            if len(present) < 2:  # one class only: it always wins (the others keep their -30 bias)
                bias[columns[int(present[0])]] = 0.0 if len(present) else -30.0
                return
            model = LogisticRegression(C=c, class_weight="balanced", max_iter=SOLVER_MAX_ITER, tol=SOLVER_TOL)
            model.fit(features[rows], labels)
            if len(present) == 2:  # sklearn fits one row: the second class against the first
                coef[:, columns[present[1]]], bias[columns[present[1]]] = model.coef_[0], model.intercept_[0]
                bias[columns[present[0]]] = 0.0
                return
            for j, label in enumerate(model.classes_):
                coef[:, columns[label]], bias[columns[label]] = model.coef_[j], model.intercept_[j]

        everything = np.arange(len(examples))
        fit(everything, group, range(_N_GROUPS))
        risky = np.flatnonzero(group == 2)
        risky_examples = [examples[int(i)] for i in risky]
        fit(risky, np.array([CATEGORIES.index(e.label) for e in risky_examples]),
            range(_N_GROUPS, _N_GROUPS + len(CATEGORIES)))
        imminent = np.array([int(e.imminent) for e in risky_examples])
        if len(np.unique(imminent)) == 2:  # the last column is the imminent-vs-crisis logit
            head = LogisticRegression(C=c, class_weight="balanced", max_iter=SOLVER_MAX_ITER, tol=SOLVER_TOL)
            head.fit(features[risky], imminent)
            coef[:, -1], bias[-1] = head.coef_[0], head.intercept_[0]
        dim = vectors.shape[1]
        return cls({
            "vocab": np.array(tfidf.get_feature_names_out(), dtype=str),
            "idf": tfidf.idf_.astype(np.float32),
            "w_emb": coef[:dim] * embedding_weight,  # trained on scaled vectors; applies to raw ones
            "w_lex": coef[dim:],
            "bias": bias,
        })

    @classmethod
    def load_or_train(
        cls,
        embed: Callable[[list[str]], list[list[float]]],
        model_id: str,
        examples: Sequence[Example] | Callable[[], Sequence[Example]],
        cache_dir: Path | None,
        train: bool = True,
        sources: Sequence[Path] | None = None,
    ) -> CrisisClassifier | None:
        """Weights from the cache when model, data and code match, else trained (when ``train``) and cached.

        With ``sources`` (the files the examples come from: :func:`training_sources`), ``examples`` may be a
        callable, called only when the cache has no weights for those files (building them normalises eight
        thousand texts, seconds of every start). Returns None when the weights are not cached and ``train`` is false.
        Without a ``cache_dir`` the weights are trained in memory and written nowhere.
        """

        def fit(items: Sequence[Example]) -> Mapping[str, np.ndarray]:
            vectors = np.asarray(embed([e.text for e in items]), dtype=np.float32)
            return cls.train(vectors, items).arrays

        arrays = cached_or_trained(
            "crisis-classifier", [_VERSION, model_id, str(REGULARISATION_C), str(EMBEDDING_WEIGHT)], sources,
            examples, lambda e: f"{e.label}|{int(e.imminent)}|{e.text}", _ARRAYS, fit, cache_dir, train,
        )  # fmt: skip
        return cls(arrays) if arrays is not None else None
