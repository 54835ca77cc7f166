"""Shared pieces of the policy tests: the real corpus loaded once, inputs with defaults, readability."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.corpus.loader import Corpus, load_corpus
from assistant.policy.models import PolicyInputs
from tests.conftest import CORPUS


@lru_cache(maxsize=1)
def corpus() -> Corpus:
    return load_corpus(CORPUS)


def inputs(**values: Any) -> PolicyInputs:
    base: dict[str, Any] = {"jurisdictions": ["US"], "professions": ["counselling"], "channels": ["email"]}
    return PolicyInputs.model_validate(base | values)


def _syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups) - (1 if word.endswith("e") and not word.endswith(("le", "ee")) and len(groups) > 1 else 0)
    return max(1, count)


def reading_grade(text: str) -> float:
    """Flesch-Kincaid grade level (a general-audience health leaflet is written at about grade 6-8)."""
    sentences = [s for s in re.split(r"[.!?:]+\s", text) if s.strip()]
    words = re.findall(r"[A-Za-z']+", text)
    syllables = sum(_syllables(w) for w in words)
    return 0.39 * len(words) / max(1, len(sentences)) + 11.8 * syllables / max(1, len(words)) - 15.59


def edit_provision(path: Path, section: str, words: str = " Edited for a test of change notices.") -> None:
    """Append ``words`` to the paraphrase of one provision in a copy of a code file (the corpus stays valid:
    every clause template's ``says`` is still in the text)."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = [p for p in data["provisions"] if p.get("section") == section]
    assert len(found) == 1, f"{path.name} has no single provision {section}"
    found[0]["text"] = found[0]["text"].rstrip() + words
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
