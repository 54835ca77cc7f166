"""Alias kept for operators' scripts: `python -m assistant.staff_users ...` = `python -m assistant staff-users ...`."""

import sys

from assistant.cli import main

if __name__ == "__main__":
    raise SystemExit(main(["staff-users", *sys.argv[1:]]))
