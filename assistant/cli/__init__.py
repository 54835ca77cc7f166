"""One command tree: `python -m assistant <command>` (or the `contact-ethics` console script).

Commands: ask, chat, eval, eval-crisis, eval-compare, compare, coverage, draft-policy, check-policy, eval-policy,
ingest, serve, staff-users.
Every command module registers its own sub-parser with a ``handler``; errors the product
reports to people (:class:`~assistant.errors.AssistantError`) are caught once, here, and turned
into their message on stderr and their exit code. Exit codes everywhere: 0 all went well;
1 some items failed (a batch still writes one output line per input line); 2 usage or file error.
"""

from __future__ import annotations

import argparse
import sys

from assistant.errors import AssistantError

COMMANDS = ("ask", "evaluate", "compare", "coverage", "policy", "ingest", "serve", "staff_users")


def build_parser() -> argparse.ArgumentParser:
    from importlib import import_module

    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in COMMANDS:
        import_module(f"assistant.cli.{name}").register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from assistant.config import Settings

    try:
        return int(args.handler(args, Settings()))
    except AssistantError as exc:
        print(exc.message, file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
