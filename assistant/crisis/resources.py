"""The crisis resource table (corpus/crisis/resources.yaml): loading, routing by place, and freshness.

The YAML is validated against :class:`CrisisResources` on load and cached per path.

Routing goes through the one jurisdiction table (``assistant/jurisdictions.py``): what a person or
a clinic typed is normalised there ("uk" -> GB, "Ontario" -> CA-ON), then ``family()`` gives the
fallback order subdivision -> country, and anything the table does not know falls back to
*elsewhere* (the INTL lines, returned as ``[]`` here so the caller knows the place is unknown).
A subdivision's own lines come first; its country's lines follow, except the needs the
subdivision excludes (in Nunavut 911 may not work: ``excludes_country_lines: [emergency, ...]``).
A line filed under a subdivision is therefore only ever offered there (Quebec's lines never reach
Ontario). ``GB`` alone gives the UK-wide lines only: the fact sheet makes no nation the default.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

from assistant import jurisdictions
from assistant.corpus.schema import CrisisLine, CrisisRegion, CrisisResources

_lock = threading.Lock()
_cache: dict[Path, CrisisResources] = {}

GB_NATIONS: tuple[str, ...] = ("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR")
ELSEWHERE = "INTL"
STALE_AFTER_MONTHS = 11  # a line checked longer ago than this needs checking again


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
    """Region codes to draw lines from, most specific first; ``[]`` when the place is unknown (elsewhere)."""
    try:
        code = jurisdictions.normalize(jurisdiction)
    except jurisdictions.UnknownJurisdiction:
        return []
    known = {r.jurisdiction for r in resources.regions} - {ELSEWHERE}
    return [c for c in jurisdictions.family(code) if c in known]


def lines_for(resources: CrisisResources, codes: list[str]) -> list[CrisisLine]:
    """The lines of the given regions in order (most specific first), without duplicates; a country's lines
    for a need that a more specific region excludes are left out."""
    seen: set[tuple[str, str, str | None, str | None, str | None]] = set()
    excluded: set[str] = set()
    out: list[CrisisLine] = []
    for code in codes:
        reg = region(resources, code)
        if reg is None:
            continue
        for line in reg.lines:
            key = (line.need, line.name, line.phone, line.menu_option, line.text)
            if line.need in excluded or key in seen:
                continue
            seen.add(key)
            out.append(line)
        excluded.update(reg.excludes_country_lines)
    return out


# --------------------------------------------------------------------------- freshness


@dataclass(frozen=True)
class StaleLine:
    region: str
    name: str
    checked_on: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, on the same day of the month (the month's last day when it is shorter)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def stale_lines(
    resources: CrisisResources, today: dt.date, months: int = STALE_AFTER_MONTHS
) -> list[StaleLine]:
    """Lines checked more than ``months`` months before ``today`` (over 11 months old by default)."""
    return [
        StaleLine(reg.jurisdiction, line.name, line.checked_on)
        for reg in resources.regions
        for line in reg.lines
        if add_months(line.checked_on, months) < today
    ]
