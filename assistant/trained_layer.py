"""What the trained layers share (crisis screen, question understanding): lexical features and
their weights on disk.

Word unigrams and bigrams plus character 3-5-grams inside words are robust to typos and
text-speak, next to the sentence embedding that carries meaning. Weights are small numpy
arrays cached in the cache folder, written atomically.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

log = logging.getLogger(__name__)

_TOKEN = re.compile(r"\w+")

# Both layers' logistic regressions run to convergence. With scikit-learn's default tolerance (1e-4) lbfgs
# stopped early, at a point that depended on the whole data set: removing 3 of 8,317 crisis training texts moved
# the risk of 81 development messages by more than 0.05 and carried 29 across 0.5. At 1e-7 the same removal moves
# no risk by more than 0.002 (tests/test_crisis_classifier.py checks it). The question-understanding layer uses
# the same settings (its development figures: guide 1688 -> 1691 of 1908, hit@3 unchanged).
SOLVER_TOL = 1e-7
SOLVER_MAX_ITER = 20000


def lexical_features(key: str) -> list[str]:
    """Word unigrams and bigrams plus character 3-5-grams inside words (robust to typos)."""
    words = _TOKEN.findall(key)
    feats = [f"w:{w}" for w in words] + [f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for w in words:
        padded = f" {w} "
        for n in (3, 4, 5):
            feats.extend(f"c:{padded[i : i + n]}" for i in range(max(1, len(padded) - n + 1)))
    return feats


def lexical_vector(key: str, vocab: Mapping[str, int], idf: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(indices, values) of the unit-length sublinear TF-IDF vector of ``key`` over ``vocab``,
    exactly as scikit-learn's TfidfVectorizer(sublinear_tf=True) computes it at training time."""
    counts: dict[int, int] = {}
    for f in lexical_features(key):
        j = vocab.get(f)
        if j is not None:
            counts[j] = counts.get(j, 0) + 1
    if not counts:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    idx = np.fromiter(counts, dtype=np.int64)
    vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))) * idf[idx]
    return idx, vals / np.linalg.norm(vals)


def load_arrays(path: Path | None, names: Sequence[str]) -> dict[str, np.ndarray] | None:
    """Weights saved by :func:`save_arrays`, or None when missing, unreadable or incomplete."""
    if path is None:
        return None
    try:
        with np.load(path, allow_pickle=False) as f:
            return {k: f[k] for k in names}
    except (OSError, ValueError, KeyError, EOFError):
        return None


def save_arrays(path: Path, arrays: Mapping[str, np.ndarray]) -> None:
    """Write weights atomically (a reader never sees half a file); a read-only folder only costs retraining."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".npz")
        with os.fdopen(fd, "wb") as fh:
            named: dict[str, Any] = dict(arrays)  # Any: numpy's stub would match the names against allow_pickle
            np.savez(fh, **named)
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        log.warning("weights not cached in %s: %s", path.parent, exc)
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def sources_digest(settings: Sequence[str], files: Iterable[Path]) -> str:
    """A digest of the settings and of the bytes of every file that shapes a layer's examples and features (data,
    code, Python version). Cheap at start-up, where building the examples only to hash them took seconds; any change
    to those files misses it, and the layer then falls back to the digest of the examples themselves."""
    h = hashlib.sha256("\x1e".join([*settings, sys.version]).encode("utf-8"))
    for path in sorted(Path(f) for f in files):
        h.update(b"\x1d" + path.name.encode("utf-8") + b"\x1d" + path.read_bytes())
    return h.hexdigest()[:24]


def cached_or_trained(
    prefix: str,
    settings: Sequence[str],
    sources: Iterable[Path] | None,
    examples: Sequence[Any] | Callable[[], Sequence[Any]],
    example_key: Callable[[Any], str],
    names: Sequence[str],
    fit: Callable[[Sequence[Any]], Mapping[str, np.ndarray]],
    cache_dir: Path | None,
    train: bool,
) -> Mapping[str, np.ndarray] | None:
    """A trained layer's weights: from the cache by the sources' digest (no examples built), else by the examples'
    digest, else trained by ``fit`` (when ``train``); written under both digests. ``sources`` is None when the examples
    do not come from files alone (tests): then only their digest is used. None when not cached and not allowed to
    train. Without a ``cache_dir`` nothing is read or written."""
    alias = None
    if cache_dir is not None and sources is not None:
        alias = Path(cache_dir) / f"{prefix}-src-{sources_digest(settings, sources)}.npz"
    cached = load_arrays(alias, names)
    if cached is not None:
        return cached
    items = examples() if callable(examples) else examples
    digest = hashlib.sha256("\x1e".join([*settings, *map(example_key, items)]).encode("utf-8")).hexdigest()[:24]
    path = Path(cache_dir) / f"{prefix}-{digest}.npz" if cache_dir else None
    arrays: Mapping[str, np.ndarray] | None = load_arrays(path, names)
    if arrays is None:
        if not train:
            return None
        arrays = fit(items)
        if path is not None:
            save_arrays(path, arrays)
    if alias is not None:
        save_arrays(alias, arrays)
    return arrays
