"""Manage staff sign-ins: ``python -m assistant staff-users add NAME`` (and ``passwd``, ``remove``, ``list``).

``python -m assistant.staff_users ...`` is kept as an alias.

The users file is ``ASSISTANT_STAFF_USERS_FILE`` (or ``--file``); each line is
``name:bcrypt-hash``. Passwords are asked for twice without echo (``getpass``) and only
their bcrypt hash is written; ``--password-stdin`` reads one line from standard input
instead (for scripts). The file is rewritten atomically with mode 0600. The running web
app notices changes on the next request: no restart needed.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tempfile
from pathlib import Path

from assistant.config import Settings
from assistant.web.staff.auth import USERNAME, hash_password, parse_users, password_problem


def _read_lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def _write_lines(path: Path, lines: list[str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write("\n".join(lines) + ("\n" if lines else ""))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _line_user(line: str) -> str | None:
    text = line.strip()
    if not text or text.startswith("#") or ":" not in text:
        return None
    return text.split(":", 1)[0].strip()


def _ask_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("New password: ")
    if getpass.getpass("Repeat the password: ") != first:
        raise SystemExit("The two passwords differ; nothing was changed.")
    return first


def set_password(path: Path, name: str, password: str, replace: bool, rounds: int | None = None) -> None:
    """Add ``name`` (or, with ``replace``, change its password) in the users file."""
    problem = password_problem(password)
    if problem:
        raise SystemExit(problem)
    lines = _read_lines(path)
    exists = any(_line_user(line) == name for line in lines)
    if exists and not replace:
        raise SystemExit(f"User {name!r} already exists; use `passwd {name}` to change the password.")
    if not exists and replace:
        raise SystemExit(f"No user {name!r} in {path}; use `add {name}` to create it.")
    hashed = hash_password(password, rounds) if rounds else hash_password(password)
    entry = f"{name}:{hashed}"
    if exists:
        lines = [entry if _line_user(line) == name else line for line in lines]
    else:
        if not lines:
            lines = ["# Staff users (python -m assistant staff-users): name:bcrypt-hash"]
        lines.append(entry)
    _write_lines(path, lines)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("staff-users", help="manage staff sign-ins for the /staff area")
    parser.add_argument("--file", type=Path, help="users file (default: ASSISTANT_STAFF_USERS_FILE)")
    actions = parser.add_subparsers(dest="action", required=True)
    for action, help_text in (("add", "create a user"), ("passwd", "change a user's password")):
        p = actions.add_parser(action, help=help_text)
        p.add_argument("name")
        p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    actions.add_parser("remove", help="delete a user").add_argument("name")
    actions.add_parser("list", help="list user names")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    path = args.file or settings.staff_users_file
    if path is None:
        sys.stderr.write("Set ASSISTANT_STAFF_USERS_FILE (or pass --file PATH) to say where the users file lives.\n")
        return 2
    path = Path(path).expanduser()

    if args.action == "list":
        users, problems = parse_users("\n".join(_read_lines(path)), str(path))
        for problem in problems:
            sys.stderr.write(problem + "\n")
        sys.stdout.write("".join(f"{name}\n" for name in users))
        return 0
    name = args.name.strip()
    if not USERNAME.match(name):
        sys.stderr.write("A user name is 1-64 letters, digits or . _ @ - and starts with a letter or digit.\n")
        return 2
    if args.action == "remove":
        lines = _read_lines(path)
        kept = [line for line in lines if _line_user(line) != name]
        if len(kept) == len(lines):
            sys.stderr.write(f"No user {name!r} in {path}.\n")
            return 1
        _write_lines(path, kept)
        sys.stdout.write(f"Removed {name} from {path}.\n")
        return 0
    try:
        set_password(path, name, _ask_password(args.password_stdin), replace=args.action == "passwd")
    except SystemExit as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(f"{'Changed the password of' if args.action == 'passwd' else 'Added'} {name} in {path}.\n")
    return 0

