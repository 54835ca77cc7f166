"""`python -m assistant.crisis.check_resources` (`make check-resources`): fail when a crisis line is stale.

A line whose ``checked_on`` is over 11 months old must be checked again against its official page
or the fact sheet. This check fails (exit 1) so that a scheduled job or a release can require it;
``make test`` only warns about it (tests/test_crisis_resources.py), so CI never turns red because
of the calendar alone. Exit codes: 0 every line is fresh, 1 some are stale, 2 the table is unreadable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path

from assistant.crisis.resources import STALE_AFTER_MONTHS, load_crisis_resources, stale_lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.crisis.check_resources", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=None, help="corpus folder (default: the settings' corpus_dir)")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    if args.corpus is None:
        from assistant.config import Settings

        args.corpus = Settings().corpus_dir
    try:
        resources = load_crisis_resources(args.corpus)
    except (OSError, ValueError) as exc:
        print(f"crisis resources unreadable: {exc}", file=sys.stderr)  # noqa: T201 - a command's output
        return 2
    today = args.today or dt.date.today()
    stale = stale_lines(resources, today)
    total = sum(len(r.lines) for r in resources.regions)
    if not stale:
        print(f"all {total} crisis lines were checked within {STALE_AFTER_MONTHS} months of {today}")  # noqa: T201
        return 0
    print(f"{len(stale)} of {total} crisis lines were checked over {STALE_AFTER_MONTHS} months before {today}; "  # noqa: T201
          "check them against the official page or the fact sheet and update checked_on:")
    for line in stale:
        print(f"  {line.region}: {line.name} (checked_on {line.checked_on})")  # noqa: T201
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
