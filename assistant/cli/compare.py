"""`compare TOPIC [--jurisdictions US,GB] [--codes ACA,BACP] [--format md|csv|json]`: codes side by side."""

from __future__ import annotations

import argparse

from assistant.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    cmp_ = sub.add_parser("compare", help="side-by-side comparison of codes on a topic")
    cmp_.add_argument("topic")
    cmp_.add_argument("--jurisdictions", default="", help="comma-separated, e.g. US,GB,AU")
    cmp_.add_argument("--codes", default="", help="comma-separated code IDs, e.g. ACA,BACP")
    cmp_.add_argument("--format", choices=("md", "csv", "json"), default="md")
    cmp_.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.compare import command

    return command.run(args, settings)
