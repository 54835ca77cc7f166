"""Drafting: clause templates + the codes that bind the clinic -> a cited contact policy, a consent form
for electronic communication, and the conflicts its choices raise. Deterministic: the same inputs and
corpus give the same draft.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from assistant import jurisdictions as juris
from assistant.corpus.loader import Corpus
from assistant.corpus.schema import CrisisLine
from assistant.policy.data import Conditions, PolicyData, TemplateCitation, find_provision, policy_data
from assistant.policy.models import Citation, Clause, Conflict, Draft, PolicyInputs, response_time_words
from assistant.policy.select import Selection, select_codes

CHANNEL_WORDS = {"texting": "text message", "email": "email", "phone": "phone", "video": "video",
                 "portal": "our online portal"}  # fmt: skip
DEFAULT_AFTER_HOURS = (
    "our office is closed and we do not check messages. We will reply on our next working day. "
    "For an emergency, see below."
)


def _join(words: list[str], last: str = "and") -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {last} " + words[-1]


_NEGATED = re.compile(r"\b(no|not|without|never|nor)\b[\w\s-]{0,20}$", re.I)


def names_arrangement(text: str, data: PolicyData) -> bool:
    """An arrangement (on-call, cover, answering service ...) is named, not negated ("no on-call cover")."""
    return any(not _NEGATED.search(text[: m.start()]) for m in re.finditer(data.catalogue.arrangement, text, re.I))


def promises_availability(inputs: PolicyInputs, data: PolicyData) -> bool:
    """The after-hours or emergency text promises constant availability and names no arrangement."""
    text = " ".join(t for t in (inputs.after_hours, inputs.emergency) if t)
    return bool(re.search(data.catalogue.promise, text, re.I)) and not names_arrangement(text, data)


def applies(when: Conditions, inputs: PolicyInputs, data: PolicyData) -> bool:
    """Every condition holds (each list is 'any of')."""
    values: dict[str, list[Any]] = {
        "channels": list(inputs.channels),
        "purpose": list(inputs.purpose),
        "social_media": [inputs.social_media],
        "records": [inputs.records],
        "secure_messaging": [inputs.secure_messaging],
        "written_consent": [inputs.written_consent],
        "promise": [promises_availability(inputs, data)],
    }
    for key, wanted in when.items():
        if key == "purpose_not":
            if set(wanted) & set(inputs.purpose):
                return False
        elif not set(wanted) & set(values[key]):
            return False
    return True


def _lines(corpus: Corpus, place: str, need: str) -> list[CrisisLine]:
    if corpus.crisis is None:
        return []
    for code in juris.family(place):
        region = next((r for r in corpus.crisis.regions if r.jurisdiction == code), None)
        lines = [line for line in region.lines if line.need == need and line.phone] if region else []
        if lines:
            return lines
    return []


def _fill(text: str, inputs: PolicyInputs, corpus: Corpus) -> str:
    offered = [CHANNEL_WORDS[c] for c in inputs.electronic]
    unused = [CHANNEL_WORDS[c] for c in CHANNEL_WORDS if c not in inputs.channels]
    multi = len({juris.country(j) for j in inputs.jurisdictions}) > 1
    numbers, crisis = [], []
    for place in inputs.jurisdictions:
        where = f" ({juris.label(juris.country(place))})" if multi else ""
        emergency = _lines(corpus, place, "emergency")
        if emergency and f"{emergency[0].phone}{where}" not in numbers:
            numbers.append(f"{emergency[0].phone}{where}")
        line = next(iter(_lines(corpus, place, "crisis")), None)
        if line and f"{line.name} on {line.phone}{where}" not in crisis:
            crisis.append(f"{line.name} on {line.phone}{where}")
    values = {
        "clinic": inputs.clinic,
        "channels_offered": _join(offered),
        "channels_not_used": f" We do not use {_join(unused, 'or')} with clients." if unused and offered else "",
        "response_time": response_time_words(inputs.response_time),
        "after_hours": (inputs.after_hours or DEFAULT_AFTER_HOURS).strip(),
        "emergency": (inputs.emergency.strip().rstrip(".") + ". ") if inputs.emergency else "",
        "emergency_number": _join(numbers, "or") or "your local emergency number",
        "crisis_line": f" You can also call {_join(crisis, 'or')}." if crisis else "",
        "places": _join([juris.label(j) for j in inputs.jurisdictions]),
        "channel_boxes": "   ".join(f"[ ] {w}" for w in offered),
    }
    return text.format(**values)


def _citations(
    citations: list[TemplateCitation], inputs: PolicyInputs, corpus: Corpus, data: PolicyData, selection: Selection
) -> tuple[list[Citation], list[str]]:
    """The template's citations of codes in scope (binding or guiding), and the codes that require the clause."""
    guidance = corpus.bindings.guidance_provisions if corpus.bindings else {}
    out: list[Citation] = []
    required_by: list[str] = []
    for tc in citations:
        if tc.code not in selection.codes or not applies(tc.when, inputs, data):
            continue
        provision = find_provision(corpus, tc.code, tc.key)
        code = corpus.code(tc.code)
        if provision is None or code is None:  # refused at load by policy_data(corpus); kept for type narrowing
            continue
        out.append(Citation(code=tc.code, section=provision.section, url=str(code.url), heading=provision.heading))
        if tc.role == "requires" and selection.requires(tc.code) and provision.key not in guidance.get(tc.code, []):
            required_by.append(tc.code)
    return out, list(dict.fromkeys(required_by))


def draft_policy(
    inputs: PolicyInputs, corpus: Corpus, data: PolicyData | None = None, today: dt.date | None = None
) -> Draft:
    """The contact policy and consent form for these inputs, with conflicts and notices."""
    data = data or policy_data(corpus)
    selection = select_codes(inputs, corpus)
    clauses: list[Clause] = []
    for template in data.templates:
        if not applies(template.when, inputs, data):
            continue
        citations, required_by = _citations(template.citations, inputs, corpus, data, selection)
        clauses.append(Clause(
            id=template.id, element=template.element, text=_fill(template.text, inputs, corpus),
            citations=citations, required_by=required_by, kind="required" if required_by else "recommended",
            documents=list(template.documents),
        ))  # fmt: skip
    conflicts = find_conflicts(inputs, corpus, data, selection, {c.id for c in clauses})
    for conflict in conflicts:  # a clause on a subject a binding code forbids or conditions is required by it
        for n, clause in enumerate(clauses):
            if clause.id == conflict.clause and conflict.code not in clause.required_by:
                clauses[n] = clause.model_copy(update={"required_by": [*clause.required_by, conflict.code],
                                                       "kind": "required"})  # fmt: skip
    notices = list(selection.notices)
    if not inputs.after_hours:
        notices.append("No after-hours arrangement was given, so the draft says the office is closed then.")
    if not inputs.emergency:
        notices.append("No emergency instruction was given: the draft names the emergency number and a crisis line.")
    return Draft(
        inputs=inputs, drafted_on=today or dt.date.today(), corpus_digest=corpus.digest,
        bindings=list(selection.codes.values()), clauses=clauses, conflicts=conflicts, notices=notices,
    )  # fmt: skip


def find_conflicts(
    inputs: PolicyInputs, corpus: Corpus, data: PolicyData, selection: Selection, clause_ids: set[str]
) -> list[Conflict]:
    """Choices from the catalogue that a binding code forbids or conditions, once per binding provision."""
    guidance = corpus.bindings.guidance_provisions if corpus.bindings else {}
    out: list[Conflict] = []
    for rule in data.catalogue.conflicts:
        if not applies(rule.when, inputs, data):
            continue
        for item in rule.provisions:
            provision = find_provision(corpus, item.code, item.key)
            code = corpus.code(item.code)
            if provision is None or code is None or not selection.requires(item.code):
                continue
            if provision.key in guidance.get(item.code, []) or not applies(item.when, inputs, data):
                continue
            out.append(Conflict(
                choice=rule.choice, code=item.code, section=provision.section, reason=item.reason,
                conflict=rule.id, clause=rule.clause if rule.clause in clause_ids else None, effect=item.effect,
                url=str(code.url),
            ))  # fmt: skip
    return out
