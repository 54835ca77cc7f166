"""The static files of the web app (``assistant/web/static/``): CSS and JS kept as real files."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def static_text(name: str) -> str:
    """The text of one file in ``static/`` (read once; shipped as package data)."""
    return files("assistant.web").joinpath("static", name).read_text(encoding="utf-8")
