"""Shared bits of the staff tests."""

from __future__ import annotations

PASSWORD = "correct horse battery staple"
SECRET = "test-secret-" + "x" * 32
