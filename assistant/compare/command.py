"""The ``compare`` and ``eval-compare`` commands: arguments in, text out, exit code back.

Exit codes follow the CLI contract: 0 done, 2 usage or file error (an unknown place, code or
empty topic, a missing eval file).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant import jurisdictions as juris
from assistant.compare import compare
from assistant.compare.render import to_csv, to_json, to_markdown
from assistant.compare.scope import as_list
from assistant.config import Settings
from assistant.corpus.schema import JURISDICTIONS
from assistant.errors import UnknownCode, UnknownJurisdiction
from assistant.index.knowledge_base import KnowledgeBase

RENDERERS = {"md": to_markdown, "csv": to_csv, "json": to_json}


def _load_kb(settings: Settings) -> tuple[KnowledgeBase, Embeddings]:
    from assistant.index.embeddings import get_embeddings

    embeddings = get_embeddings(settings)
    return KnowledgeBase.load(settings, embeddings), embeddings


def run(args: argparse.Namespace, settings: Settings) -> int:
    """`compare TOPIC [--jurisdictions ..] [--codes ..] [--format md|csv|json]` and `eval-compare`."""
    if args.command == "eval-compare":
        return _eval(Path(args.file), settings)
    places = as_list(getattr(args, "jurisdictions", ""))
    try:
        for place in places:
            juris.normalize(place)
    except UnknownJurisdiction as exc:
        sys.stderr.write(f"{exc}\nJurisdictions the corpus uses: {', '.join(sorted(set(JURISDICTIONS)))}.\n")
        return 2
    kb, embeddings = _load_kb(settings)
    try:
        result = compare(kb, embeddings, args.topic, jurisdictions=places, codes=as_list(getattr(args, "codes", "")))
    except (UnknownCode, UnknownJurisdiction, ValueError) as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    renderer = RENDERERS[getattr(args, "format", "md") or "md"]
    sys.stdout.write(renderer(result).rstrip("\n") + "\n")
    return 0


def _eval(path: Path, settings: Settings) -> int:
    from assistant.evaluation import compare as evaluation

    if not path.is_file():
        sys.stderr.write(f"No comparison eval file at {path}.\n")
        return 2
    items = evaluation.load(path)
    kb, embeddings = _load_kb(settings)
    sys.stdout.write(evaluation.report(evaluation.evaluate(items, kb, embeddings)) + "\n")
    return 0
