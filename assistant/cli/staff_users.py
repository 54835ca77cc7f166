"""Manage staff sign-ins: ``python -m assistant staff-users add NAME [--clinics a,b]`` (and ``passwd``,
``clinics NAME --clinics a,b``, ``remove``, ``list``).

``python -m assistant.staff_users ...`` is kept as an alias.

The users file is ``ASSISTANT_STAFF_USERS_FILE`` (or ``--file``); each line is
``name:bcrypt-hash`` or ``name:bcrypt-hash:clinic-a,clinic-b`` (the clinics the user manages: only
they see those clinics' counts). Passwords are asked for twice without echo (``getpass``) and only
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
from collections.abc import Callable
from pathlib import Path

from assistant.config import Settings
from assistant.web.staff.auth import CLINIC_LIST, USERNAME, StaffUser, hash_password, parse_staff, password_problem


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


def _clinics(value: str | None) -> tuple[str, ...] | None:
    """``--clinics a,b`` as a tuple (``""`` clears them); None when not given."""
    if value is None:
        return None
    value = value.replace(" ", "")
    if value and not CLINIC_LIST.match(value):
        raise SystemExit("--clinics takes clinic ids (lower-case letters, digits, '-') separated by commas.")
    return tuple(dict.fromkeys(c for c in value.split(",") if c))


def _user(line: str) -> StaffUser | None:
    return next(iter(parse_staff(line)[0].values()), None)


def _rewrite(path: Path, name: str, change: Callable[[StaffUser], StaffUser]) -> None:
    lines = _read_lines(path)
    out = []
    for line in lines:
        user = _user(line) if _line_user(line) == name else None
        out.append(change(user).line() if user is not None else line)
    _write_lines(path, out)


def set_password(
    path: Path,
    name: str,
    password: str,
    replace: bool,
    rounds: int | None = None,
    clinics: tuple[str, ...] | None = None,
) -> None:
    """Add ``name`` (or, with ``replace``, change its password) in the users file; ``clinics`` (when given)
    are the clinics the user manages, else a changed password keeps them."""
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
    if exists:
        _rewrite(path, name, lambda u: StaffUser(name, hashed, u.clinics if clinics is None else clinics))
        return
    if not lines:
        lines = ["# Staff users (python -m assistant staff-users): name:bcrypt-hash[:clinic-a,clinic-b]"]
    lines.append(StaffUser(name, hashed, clinics or ()).line())
    _write_lines(path, lines)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("staff-users", help="manage staff sign-ins for the /staff area")
    parser.add_argument("--file", type=Path, help="users file (default: ASSISTANT_STAFF_USERS_FILE)")
    actions = parser.add_subparsers(dest="action", required=True)
    for action, help_text in (("add", "create a user"), ("passwd", "change a user's password")):
        p = actions.add_parser(action, help=help_text)
        p.add_argument("name")
        p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
        p.add_argument("--clinics", help="the clinics the user manages: ids separated by commas")
    p = actions.add_parser("clinics", help="set the clinics a user manages ('' for none)")
    p.add_argument("name")
    p.add_argument("--clinics", required=True, help="clinic ids separated by commas")
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
        users, problems = parse_staff("\n".join(_read_lines(path)), str(path))
        for problem in problems:
            sys.stderr.write(problem + "\n")
        sys.stdout.write("".join(f"{n}" + (f"\tclinics: {','.join(u.clinics)}" if u.clinics else "") + "\n"
                                 for n, u in users.items()))  # fmt: skip
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
        clinics = _clinics(getattr(args, "clinics", None))
        if args.action == "clinics":
            if not any(_line_user(line) == name for line in _read_lines(path)):
                sys.stderr.write(f"No user {name!r} in {path}.\n")
                return 1
            _rewrite(path, name, lambda u: StaffUser(u.name, u.password_hash, clinics or ()))
            sys.stdout.write(f"{name} manages: {', '.join(clinics or ()) or 'no clinic'}.\n")
            return 0
        set_password(path, name, _ask_password(args.password_stdin), replace=args.action == "passwd", clinics=clinics)
    except SystemExit as exc:
        sys.stderr.write(f"{exc}\n")
        return 1
    sys.stdout.write(f"{'Changed the password of' if args.action == 'passwd' else 'Added'} {name} in {path}.\n")
    return 0

