"""The codes x topics coverage grid: same rules as compare(), and its PNG."""

from __future__ import annotations

import pytest

from assistant.compare import GRID_LEVEL, compare, coverage_grid, coverage_grid_png
from assistant.corpus.schema import TOPICS
from tests.helpers.compare import PNG_SIGNATURE, knowledge_base


@pytest.fixture(scope="module")
def kb(real_settings):
    return knowledge_base(real_settings)


def test_png_from_a_small_grid() -> None:
    grid = {"codes": ["ACA", "BACP"], "jurisdictions": ["US", "GB"], "topics": list(TOPICS),
            "cells": [[2] * len(TOPICS), [0, 1] * (len(TOPICS) // 2)]}  # fmt: skip
    png = coverage_grid_png(grid)
    assert png.startswith(PNG_SIGNATURE)


@pytest.mark.slow
def test_coverage_grid_covers_every_code_and_topic(kb) -> None:
    grid = coverage_grid(kb)
    assert sorted(grid["codes"]) == sorted(kb.codes) and grid["topics"] == list(TOPICS)
    assert len(grid["cells"]) == len(grid["codes"])
    assert all(len(row) == len(TOPICS) and set(row) <= {0, 1, 2} for row in grid["cells"])
    cell = dict(zip(grid["codes"], grid["cells"], strict=True))
    assert cell["ACA"][TOPICS.index("barter")] == 2 and cell["BACP"][TOPICS.index("barter")] == 0
    for topic in ("after-termination", "texting"):  # same rules as compare()
        c = compare(kb, None, topic)
        for row in c.rows:
            assert cell[row.code][TOPICS.index(topic)] == GRID_LEVEL[row.coverage]
    png = coverage_grid_png(grid)
    assert png.startswith(PNG_SIGNATURE) and len(png) > 1000
    irish = coverage_grid(kb, jurisdictions=["IE"])
    assert {"IACP", "PSI"} <= set(irish["codes"]) and set(irish["jurisdictions"]) == {"IE"}
