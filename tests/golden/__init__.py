"""Golden snapshots of the product's behaviour, taken against the frozen corpus in ``corpus/``.

They prove a restructure changed nothing: the crisis detector over every labelled message,
``ask --batch --json`` over every eval question set, every ``eval-compare`` case and the OpenAPI
document, with timings removed and floats rounded to 4 decimals. A deliberate change of
behaviour regenerates them in its own commit, with its reason:

    .venv/bin/python -m tests.golden.generate
"""
