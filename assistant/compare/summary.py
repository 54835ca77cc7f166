"""The summary line of a comparison, built by rules from the rows alone.

Waiting periods and value caps are read from the rows' structured positions and grouped by
value; otherwise positions are grouped by stance (prohibit, conditions, require, caution).
Coverage counts and the codes that do not address the topic close the line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from assistant.compare.models import Row
from assistant.compare.text import OTHER_REL, SEXUAL, label

_YEARS = re.compile(r"\b(\d+)(?:[- ]years?\b|-year\b)")
_NEVER = re.compile(r"no time limit|no waiting period that would make it acceptable|not permitted", re.I)
_NO_FIXED = re.compile(r"no (?:fixed|set|specific)(?: [\w-]+)? (?:waiting )?period|no waiting period", re.I)
_REMOVED = re.compile(r"\bremoved\b|\bany more\b|\bno longer\b", re.I)
_AFTER = re.compile(r"afterwards|then extra|even after|must (?:show|document|assess)|burden|only if", re.I)
_MONEY = re.compile(r"[$£€]\s?\d+")
_NO_CAP = re.compile(r"no (?:fixed )?(?:value )?(?:cap|limit)|no value (?:test|cap|limit)", re.I)
_STANCES: list[tuple[str, re.Pattern[str]]] = [
    ("prohibit (some conduct)", re.compile(
        r"\b(prohibited|forbidden|barred|banned|never|not permitted|zero tolerance|must not|may not)\b"
        r"|^no (personal|social|texting|emailing|phone|sexual|non-therapeutic|financial|second)\b", re.I)),
    ("allow only under conditions", re.compile(
        r"\bonly (if|when|where)\b|\bunless\b|\bcan be accepted\b|\bordinarily avoided\b|\bgenerally not\b",
        re.I)),
    ("require", re.compile(
        r"\b(must|required|need(s|ed)?|are told|get the information|spell out|set out)\b", re.I)),
    ("urge caution or judgement", re.compile(
        r"\b(avoid|caution|cautious|steer clear|watch|weigh|mindful|should|judged)\b", re.I)),
]  # fmt: skip


def _stance(row: Row) -> str:
    """The strongest stance any of the row's positions takes (prohibit > conditions > require > caution)."""
    clauses = [c.strip() for part in _position_parts(row) for c in _clauses(_strip_parens(part))]
    for name, rx in _STANCES:
        if any(rx.search(c) for c in clauses):
            return name
    return "other position (see row)"


def _clauses(position: str) -> list[str]:
    return [c for c in re.split(r";\s+|\.\s+", position) if c.strip()]


def _strip_parens(text: str) -> str:
    return re.sub(r"\([^)]*\)", "", text)


def _position_parts(row: Row) -> list[str]:
    """A row's position split back into one text per provision (labels removed)."""
    text = row.position or ""
    labels = [label(s.section, s.heading) for s in row.sections]
    if not text or not labels:
        return [text] if text else []
    alt = "|".join(re.escape(name) for name in sorted(labels, key=len, reverse=True))
    pieces = re.split(rf"; (?=(?:{alt}): )", text)
    return [re.sub(rf"^(?:{alt}): ", "", p) for p in pieces if p]


def _period_profile(row: Row) -> dict[str, Any] | None:
    """Waiting periods in one row's positions: main value, other-relationship value, conditions."""
    main: set[str] = set()
    other: set[str] = set()
    after = False
    for part in _position_parts(row):
        years = [int(y) for y in _YEARS.findall(_strip_parens(part))]
        if _REMOVED.search(part):
            return {"main": f"{min(years)}-year rule removed" if years else "rule removed", "other": None,
                    "after": False}  # fmt: skip
        values = {f"{y} year{'s' if y != 1 else ''}" for y in years}
        if _NEVER.search(part):
            values.add("no time limit")
        elif _NO_FIXED.search(part) and not years:
            values.add("no fixed period stated")
        if not values:
            continue
        if re.search(r"recommend", part, re.I):
            values = {f"{v} (recommended)" for v in values}
        if OTHER_REL.search(part) and not SEXUAL.search(part):
            other |= values
        else:
            main |= values
            after = after or bool(years and _AFTER.search(part))
    if not main and not other:
        return None
    if not main:
        main, other = other, set()
    return {
        "main": " / ".join(sorted(main, key=_period_key)),
        "other": " / ".join(sorted(other, key=_period_key)) if other else None,
        "after": after,
    }


def _period_key(value: str) -> tuple[int, str]:
    m = re.match(r"(\d+)", value)
    return (int(m.group(1)) if m else 999, value)


def _join(codes: Iterable[str]) -> str:
    return ", ".join(codes)


def _grouped(groups: dict[str, list[str]], order: list[str] | None = None) -> str:
    keys = order or sorted(groups, key=lambda k: (-len(groups[k]), k))
    return "; ".join(f"{k}: {_join(groups[k])}" for k in keys if groups.get(k))


def summarize(rows: Sequence[Row], topic: str) -> str:
    """Where the codes agree and differ, from the rows' structured positions and coverage."""
    pretty = topic.replace("-", " ")
    parts: list[str] = []
    with_pos = [r for r in rows if r.position]
    periods = {r.code: p for r in with_pos if (p := _period_profile(r))}
    caps = {}
    for r in with_pos:
        money = _MONEY.findall(r.position or "")
        if money:
            caps[r.code] = f"{money[0]} cap"
        elif _NO_CAP.search(r.position or ""):
            caps[r.code] = "no fixed cap"
    if len(periods) >= 2:
        groups: dict[str, list[str]] = defaultdict(list)
        for code, p in periods.items():
            groups[p["main"]].append(code)
        order = sorted(groups, key=_period_key)
        verb = "agree" if len(groups) == 1 else "differ"
        parts.append(f"Waiting periods {verb} — {_grouped(groups, order)}.")
        others = {c: p["other"] for c, p in periods.items() if p["other"]}
        if others:
            parts.append(
                "For non-sexual relationships (friendship, business): "
                + ", ".join(f"{c} {v}" for c, v in others.items())
                + "."
            )
        after = [c for c, p in periods.items() if p["after"]]
        if after:
            parts.append(f"Conditions still apply after the period: {_join(after)}.")
    elif len(caps) >= 2:
        groups = defaultdict(list)
        for code, cap in caps.items():
            groups[cap].append(code)
        verb = "agree" if len(groups) == 1 else "differ"
        parts.append(f"Value limits {verb} — {_grouped(groups)}.")
    rest = [r for r in with_pos if r.code not in periods and r.code not in caps]
    if rest and (periods or caps) and len(periods) + len(caps) >= 2:
        parts.append(f"Other stated positions: {_join(r.code for r in rest)}.")
    elif len(with_pos) == 1:
        only = with_pos[0]
        parts.append(f"Only {only.code} records a structured position: {(only.position or '').rstrip('.')}.")
    elif with_pos and not (len(periods) >= 2 or len(caps) >= 2):
        groups = defaultdict(list)
        for r in with_pos:
            groups[_stance(r)].append(r.code)
        if len(groups) == 1 and "other position (see row)" in groups:
            parts.append(f"Positions are recorded for {_join(r.code for r in with_pos)} (see the rows).")
        elif len(groups) == 1:
            ((stance, codes),) = groups.items()
            parts.append(f"Codes with a stated position agree ({stance}): {_join(codes)}.")
        else:
            parts.append(f"Stated positions differ (rough grouping; read the rows) — {_grouped(groups)}.")
    explicit = [r.code for r in rows if r.coverage == "explicit"]
    general = [r.code for r in rows if r.coverage == "general"]
    missing = [r.code for r in rows if r.coverage == "none"]
    no_pos = [r.code for r in rows if r.coverage != "none" and not r.position]
    if not with_pos and (explicit or general):
        parts.append(f"No structured positions on {pretty} are recorded for these codes.")
    if no_pos and with_pos:
        parts.append(f"Address it but record no structured position: {_join(no_pos)}.")
    counts = f"{len(explicit)} of {len(rows)} codes address {pretty} with numbered sections"
    if general:
        counts += f"; only in general or unnumbered terms: {_join(general)}"
    parts.append(counts + ".")
    if missing:
        parts.append(f"Not addressed in the corpus: {_join(missing)}.")
    return " ".join(parts)
