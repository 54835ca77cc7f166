"""`eval` (retrieval and answers), `eval-crisis` (the crisis screen) and `eval-compare` (staff comparisons).

Each prints the figures of one labelled set, computed by ``assistant.evaluation``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.config import Settings
from assistant.errors import UsageError


def register(sub: argparse._SubParsersAction) -> None:
    ev = sub.add_parser("eval", help="retrieval quality on eval/questions.yaml")
    ev.add_argument("--file", type=Path, default=Path("eval/questions.yaml"))
    ev.add_argument("--summary", action="store_true", help="aggregate figures only (sealed sets: no item shown)")
    ev.set_defaults(handler=run_eval)
    evc = sub.add_parser("eval-crisis", help="crisis detection on eval/crisis.yaml")
    evc.add_argument("--file", type=Path, default=Path("eval/crisis.yaml"))
    evc.add_argument(
        "--summary", action="store_true", help="aggregate figures only, never an item's text (for sealed sets)"
    )
    evc.set_defaults(handler=run_eval_crisis)
    evp = sub.add_parser("eval-compare", help="comparison quality on eval/compare.yaml")
    evp.add_argument("--file", type=Path, default=Path("eval/compare.yaml"))
    evp.set_defaults(handler=run_eval_compare)


def _existing(path: Path) -> Path:
    if not path.is_file():
        raise UsageError(f"No evaluation file at {path}.")
    return path


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.cli.ask import load_assistant
    from assistant.evaluation.retrieval import run_retrieval_eval

    print(run_retrieval_eval(_existing(args.file), load_assistant(settings), summary_only=args.summary))
    return 0


def run_eval_crisis(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.bootstrap import detector_from_settings
    from assistant.evaluation.crisis import run_crisis_eval

    print(run_crisis_eval(_existing(args.file), detector_from_settings(settings), summary=args.summary))
    return 0


def run_eval_compare(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.compare import command

    return command.run(args, settings)
