"""`coverage [--format md|json]`: how deep the corpus is per country (numbered provisions, topics, provenance)."""

from __future__ import annotations

import argparse

from assistant.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("coverage", help="per-country depth of the corpus")
    parser.add_argument("--format", choices=("md", "json"), default="md")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.compare.coverage import corpus_coverage, to_json, to_markdown
    from assistant.corpus.loader import load_corpus

    rows = corpus_coverage(load_corpus(settings.corpus_dir))
    print(to_json(rows) if args.format == "json" else to_markdown(rows), end="")
    return 0
