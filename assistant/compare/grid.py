"""The codes x topics coverage grid (same rules as a comparison) and its PNG heatmap."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from assistant.compare.provisions import prepare, score, topic_vectors
from assistant.compare.scope import resolve_scope
from assistant.compare.select import choose
from assistant.corpus.schema import TOPICS
from assistant.index.knowledge_base import KnowledgeBase
from assistant.topics import TOPIC_TERMS

if TYPE_CHECKING:
    from PIL import ImageFont

GRID_LEVEL = {"none": 0, "general": 1, "explicit": 2}


def coverage_grid(
    kb: KnowledgeBase, jurisdictions: Iterable[str] | str = (), codes: Iterable[str] | str = ()
) -> dict[str, Any]:
    """Codes (rows) x TOPICS (columns): 0 none, 1 general, 2 explicit — same rules as compare()."""
    _, scope = resolve_scope(kb, jurisdictions, codes)
    prepared = prepare(kb)
    vectors = topic_vectors(prepared, kb.embeddings)
    cells = [[0] * len(TOPICS) for _ in scope]
    for col, topic in enumerate(TOPICS):
        scores = score(kb, prepared, TOPIC_TERMS.get(topic, topic), vectors[topic])
        for row, code in enumerate(scope):
            choice = choose(prepared, prepared.by_code.get(code, []), topic, scores)
            cells[row][col] = GRID_LEVEL[choice.coverage]
    return {
        "codes": scope,
        "jurisdictions": [kb.codes.get(c, {}).get("jurisdiction", "") for c in scope],
        "topics": list(TOPICS),
        "cells": cells,
        "legend": {"0": "none", "1": "general", "2": "explicit"},
    }


_COLOURS = {0: (236, 236, 236), 1: (246, 194, 107), 2: (46, 139, 87)}
_MARKS = {0: "", 1: "G", 2: "E"}


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    from PIL import ImageFont

    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # very old Pillow without scalable default font
        return ImageFont.load_default()


def coverage_grid_png(grid: dict[str, Any], cell: int = 26) -> bytes:
    """The grid as a PNG heatmap (Pillow): coloured cells with E/G marks, labels and legend."""
    from PIL import Image, ImageDraw

    codes, topics, cells = grid["codes"], grid["topics"], grid["cells"]
    jur = grid.get("jurisdictions") or [""] * len(codes)
    font, small = _font(13), _font(11)
    labels = [f"{c} ({j})" if j else c for c, j in zip(codes, jur, strict=True)]
    probe = ImageDraw.Draw(Image.new("RGB", (1, 1)))
    left = 12 + max((probe.textlength(t, font=font) for t in labels), default=40)
    top = 12 + max((probe.textlength(t, font=font) for t in topics), default=40)
    left, top = int(left) + 8, int(top) + 8
    width = left + cell * len(topics) + 16
    legend_h = 40
    height = top + cell * len(codes) + legend_h
    img = Image.new("RGB", (max(width, 360), height), "white")
    draw = ImageDraw.Draw(img)
    for col, topic in enumerate(topics):  # column labels, rotated to read bottom-up
        w = int(probe.textlength(topic, font=font)) + 4
        label = Image.new("RGBA", (w, cell), (255, 255, 255, 0))
        ImageDraw.Draw(label).text((2, (cell - 14) // 2), topic, fill="black", font=font)
        rotated = label.rotate(90, expand=True)
        img.paste(rotated, (left + col * cell, top - 6 - rotated.height), rotated)
    for row, text in enumerate(labels):
        y = top + row * cell
        draw.text((8, y + (cell - 14) // 2), text, fill="black", font=font)
        for col, value in enumerate(cells[row]):
            x = left + col * cell
            draw.rectangle([x, y, x + cell - 2, y + cell - 2], fill=_COLOURS.get(value, _COLOURS[0]))
            mark = _MARKS.get(value, "")
            if mark:
                colour = "white" if value == 2 else "black"
                draw.text((x + cell // 2 - 4, y + (cell - 14) // 2), mark, fill=colour, font=font)
    y = top + cell * len(codes) + 12
    x = 8
    for value, name in ((2, "E explicit (numbered section)"), (1, "G general / unnumbered"), (0, "none")):
        draw.rectangle([x, y, x + 14, y + 14], fill=_COLOURS[value], outline=(160, 160, 160))
        draw.text((x + 20, y), name, fill="black", font=small)
        x += 24 + int(probe.textlength(name, font=small)) + 16
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=True)
    return out.getvalue()
