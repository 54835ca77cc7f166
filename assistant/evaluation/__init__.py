"""Measuring the product on labelled sets, one module per feature with one convention.

Each module has ``load(path)`` for its set, ``evaluate(items, ...)`` returning result rows, and
``report(results) -> str`` for the figures a person reads; the CLI's ``eval``, ``eval-crisis``
and ``eval-compare`` commands call exactly these.
"""
