"""`ingest [--check] [--quiet]` (also `python ingest.py`): validate the corpus, then build or update the
index and the crisis layer's cache."""

from __future__ import annotations

import argparse
import sys

from assistant.config import Settings
from assistant.corpus.loader import CorpusError, load_corpus
from assistant.index.store import IndexUnavailable


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("ingest", help="validate the corpus and build or update the index")
    parser.add_argument("--check", action="store_true", help="validate the corpus and write nothing")
    parser.add_argument("--quiet", action="store_true", help="no progress bar")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    try:
        corpus = load_corpus(settings.corpus_dir)
    except CorpusError as exc:
        print(f"Corpus has {len(exc.problems)} problem(s); the index was not changed:", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2
    provisions = sum(len(c.provisions) for c in corpus.codes)
    jurisdictions = sorted({c.jurisdiction for c in corpus.codes})
    print(
        f"Corpus OK: {len(corpus.codes)} codes, {provisions} provisions, {len(corpus.guides)} guides, "
        f"{len(corpus.policies)} policies, jurisdictions {', '.join(jurisdictions)}"
    )
    if args.check:
        return 0
    from assistant.index.indexer import build_index  # heavy imports only when writing

    try:
        summary = build_index(settings, corpus=corpus, progress=not args.quiet, repair=True)
    except IndexUnavailable as exc:
        print(f"Index not built: {exc}", file=sys.stderr)
        return 2
    print(summary.describe())
    _warm_crisis_layer(settings)
    _warm_understanding(settings)
    return 0


def _warm_crisis_layer(settings: Settings) -> None:
    """Train (or load) the crisis classifier now, so the first app start does not wait for it."""
    import time

    from assistant.bootstrap import detector_from_settings

    started = time.perf_counter()
    detector = detector_from_settings(settings)
    state = "ready" if detector.classifier is not None else "unavailable (pattern layer only)"
    print(f"crisis screener {state} ({time.perf_counter() - started:.1f} s)")


def _warm_understanding(settings: Settings) -> None:
    """Train (or load) the question-understanding layer now, so answering never waits for it."""
    import time

    from assistant.bootstrap import understanding_from_settings

    started = time.perf_counter()
    layer = understanding_from_settings(settings)
    state = "ready" if layer.classifier is not None else "unavailable (retrieval rules only)"
    print(f"question understanding {state} ({time.perf_counter() - started:.1f} s)")
