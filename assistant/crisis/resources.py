"""The crisis resource table (corpus/crisis/resources.yaml): loading and jurisdiction lookup.

The YAML is validated against :class:`CrisisResources` on load and cached per path. Lookup
accepts ISO-style codes and falls back sensibly: ``US-TX`` -> US, ``CA-ON`` -> CA, ``GB-SCT``
-> Scotland's lines plus the UK-wide ones, ``UK`` -> GB. ``GB`` alone gives the UK-wide lines
only (the fact sheet does not make England the default nation). Anything else -> ``None`` and
the caller uses the INTL fallback.
"""

from __future__ import annotations

import threading
from pathlib import Path

import yaml

from assistant.corpus.schema import CrisisLine, CrisisRegion, CrisisResources

_lock = threading.Lock()
_cache: dict[Path, CrisisResources] = {}

GB_NATIONS: tuple[str, ...] = ("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR")
_ALIASES = {
    "UK": "GB",
    "UK-ENG": "GB-ENG",
    "UK-SCT": "GB-SCT",
    "UK-WLS": "GB-WLS",
    "UK-NIR": "GB-NIR",
    "GB-EN": "GB-ENG",
    "GB-SC": "GB-SCT",
    "GB-WA": "GB-WLS",
    "GB-NI": "GB-NIR",
    "IRL": "IE",
    "USA": "US",
    "CAN": "CA",
    "AUS": "AU",
    "NZL": "NZ",
}


def resources_path(corpus_dir: Path) -> Path:
    """Where the table lives: ``<corpus>/crisis/resources.yaml`` (or ``<dir>/resources.yaml``)."""
    corpus_dir = Path(corpus_dir)
    nested = corpus_dir / "crisis" / "resources.yaml"
    return nested if nested.exists() or not (corpus_dir / "resources.yaml").exists() else corpus_dir / "resources.yaml"


def load_crisis_resources(corpus_dir: Path) -> CrisisResources:
    """The validated crisis table under ``corpus_dir``; parsed once per path."""
    path = resources_path(corpus_dir).resolve()
    with _lock:
        cached = _cache.get(path)
    if cached is not None:
        return cached
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    resources = CrisisResources.model_validate(data)
    with _lock:
        _cache[path] = resources
    return resources


def region(resources: CrisisResources, code: str) -> CrisisRegion | None:
    return next((r for r in resources.regions if r.jurisdiction == code), None)


def resolve_jurisdiction(resources: CrisisResources, jurisdiction: str | None) -> list[str]:
    """Region codes to draw lines from, most specific first; ``[]`` when unknown."""
    if not jurisdiction:
        return []
    code = jurisdiction.strip().upper().replace("_", "-")
    code = _ALIASES.get(code, code)
    known = {r.jurisdiction for r in resources.regions} - {"INTL"}
    if code in known:
        return [code, "GB"] if code in GB_NATIONS else [code]
    country = _ALIASES.get(code.split("-", 1)[0], code.split("-", 1)[0])
    return [country] if country in known else []


def lines_for(resources: CrisisResources, codes: list[str]) -> list[CrisisLine]:
    """All lines of the given regions in order, without duplicates."""
    seen: set[tuple[str, str, str | None, str | None]] = set()
    out: list[CrisisLine] = []
    for code in codes:
        reg = region(resources, code)
        if reg is None:
            continue
        for line in reg.lines:
            key = (line.need, line.name, line.phone, line.text)
            if key not in seen:
                seen.add(key)
                out.append(line)
    return out
