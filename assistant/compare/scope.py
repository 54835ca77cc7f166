"""Which codes a comparison covers, from the jurisdictions and code IDs staff ask for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from assistant import jurisdictions as juris
from assistant.corpus.schema import CODE_IDS
from assistant.errors import UnknownCode
from assistant.index.knowledge_base import KnowledgeBase


def as_list(values: Iterable[str] | str | None) -> list[str]:
    """Values from a list or comma-separated text (the CLI and the page give either)."""
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    return [p.strip() for v in values for p in str(v).split(",") if p.strip()]


class HasCodes(Protocol):
    """Anything that lists the corpus codes: the knowledge base, or a catalogue read from the corpus files."""

    @property
    def codes(self) -> Mapping[str, Mapping[str, Any]]: ...


def known_codes(kb: HasCodes) -> list[str]:
    """Codes in the index plus every code the corpus schema names (so a missing one is told apart)."""
    return sorted(set(kb.codes) | set(CODE_IDS), key=str.upper)


def resolve_scope(
    kb: KnowledgeBase, jurisdictions: Iterable[str] | str = (), codes: Iterable[str] | str = ()
) -> tuple[list[str], list[str]]:
    """(ISO jurisdictions asked for, code IDs in scope). Raises on anything unknown.

    A country includes its subdivisions' codes (US includes TX-LPC); a subdivision
    includes its own codes and its country's (Ontario: CRPO, CPBAO, RHPA and CPA, CCPA).
    Jurisdictions and codes add up; neither given means every code.
    """
    places = [p for p in (juris.normalize(j) for j in as_list(jurisdictions)) if p]
    asked = as_list(codes)
    jur_of = {c: info.get("jurisdiction", "") for c, info in kb.codes.items()}
    if not places and not asked:
        return [], sorted(kb.codes, key=lambda c: (jur_of[c], c.upper()))
    chosen: dict[str, None] = {}
    for place in places:
        wanted = set(juris.family(place))
        for code, where in jur_of.items():
            if where in wanted or juris.country(where) == place:
                chosen[code] = None
    lookup = {c.upper(): c for c in known_codes(kb)}
    unknown = [c for c in asked if c.upper() not in lookup]
    if unknown:
        raise UnknownCode(
            f"Unknown code {', '.join(repr(c) for c in unknown)}. Known codes: {', '.join(known_codes(kb))}."
        )
    for c in asked:
        chosen[lookup[c.upper()]] = None
    return list(dict.fromkeys(places)), sorted(chosen, key=lambda c: (jur_of.get(c, ""), c.upper()))
