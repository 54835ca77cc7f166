"""Staff users: ``python -m assistant.staff_users ...`` = ``python -m assistant staff-users ...`` (alias kept for
operators' scripts), and the one model of a user: `StaffUser` (name, bcrypt hash, ``clinics``: the clinics
the user manages, ``--clinics`` on the command line), read by `read_staff`."""

import sys

from assistant.web.staff.auth import StaffUser, parse_staff, read_staff

__all__ = ["StaffUser", "parse_staff", "read_staff"]

if __name__ == "__main__":
    from assistant.cli import main

    raise SystemExit(main(["staff-users", *sys.argv[1:]]))
