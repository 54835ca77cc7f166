"""Which codes bind a clinic: corpus/bindings.yaml read for its places, professions and memberships.

Entries for a subdivision apply there; national entries apply in every subdivision (the fallback of
``assistant.jurisdictions.family``). Membership entries, and regulator entries that need a registration
the profession can do without, bind only when the clinic lists the code, or when it lists nothing (then
they are *assumed*, and the draft says so). ``via`` entries follow the registration they ride on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant import jurisdictions as juris
from assistant.corpus.loader import Corpus
from assistant.corpus.schema import Binding, BindingKind
from assistant.errors import CorpusError
from assistant.policy.models import BoundCode, PolicyInputs

STRENGTH = {BindingKind.law: 3, BindingKind.regulator: 2, BindingKind.membership: 1, BindingKind.guidance: 0}


@dataclass
class Selection:
    codes: dict[str, BoundCode]
    notices: list[str] = field(default_factory=list)

    def requires(self, code: str) -> bool:
        bound = self.codes.get(code)
        return bool(bound and bound.requires)


def _gated(entry: Binding) -> bool:
    return entry.binding is BindingKind.membership or entry.only_if_registered


def select_codes(inputs: PolicyInputs, corpus: Corpus) -> Selection:
    """The codes that bind (or guide) the clinic's professions in its places, strongest binding first."""
    if corpus.bindings is None:
        raise CorpusError(["the corpus has no bindings.yaml: nothing says which codes bind whom"])
    places = {p for j in inputs.jurisdictions for p in juris.family(j)}
    listed = set(inputs.memberships or [])
    candidates = [
        e for e in corpus.bindings.bindings if e.jurisdiction in places and e.profession in inputs.professions
    ]
    notices: list[str] = []
    chosen: list[tuple[Binding, bool]] = []  # (entry, assumed)
    for entry in candidates:
        if not entry.in_force:
            notices.append(f"{entry.code} is listed for {entry.profession} in {entry.jurisdiction} but is not in "
                           "force, so it binds no one.")  # fmt: skip
            continue
        if entry.via:
            continue
        if _gated(entry) and inputs.memberships is not None and entry.code not in listed:
            continue
        chosen.append((entry, _gated(entry) and inputs.memberships is None))
    for entry in candidates:  # registrations that ride on another code's (RHPA through CRPO or CPBAO)
        riding = [e for e, _ in chosen if e.profession == entry.profession and e.code in entry.via]
        if entry.in_force and entry.via and riding:
            chosen.append((entry, any(a for e, a in chosen if e.code in entry.via)))
    codes: dict[str, BoundCode] = {}
    for entry, assumed in sorted(chosen, key=lambda pair: -STRENGTH[pair[0].binding]):
        code = corpus.code(entry.code)
        requires = entry.binding.requires and entry.checked
        if entry.code not in codes:
            codes[entry.code] = BoundCode(
                code=entry.code, title=code.title if code else entry.code, binding=entry.binding.value,
                requires=requires, jurisdictions=[entry.jurisdiction], professions=[entry.profession],
                assumed=assumed, checked=entry.checked, condition=entry.condition,
            )  # fmt: skip
            continue
        bound = codes[entry.code]
        bound.requires = bound.requires or requires
        bound.assumed = bound.assumed and assumed
        bound.checked = bound.checked or entry.checked
        bound.jurisdictions = list(dict.fromkeys([*bound.jurisdictions, entry.jurisdiction]))
        bound.professions = list(dict.fromkeys([*bound.professions, entry.profession]))
    for code_id in sorted(listed - set(codes)):
        notices.append(f"{code_id} was listed as a membership or registration but bindings.yaml does not list it for "
                       "these places and professions, so it was not used.")  # fmt: skip
    assumed_codes = [c.code for c in codes.values() if c.assumed]
    if assumed_codes:
        notices.append("No memberships or registrations were given, so these were assumed: " + ", ".join(assumed_codes)
                       + ". List the ones your clinicians hold to narrow the draft.")  # fmt: skip
    for bound in codes.values():
        if not bound.checked:
            notices.append(f"{bound.code}: whether it binds could not be confirmed, so it makes no clause required.")
    for profession in inputs.professions:
        if not any(profession in c.professions and c.requires for c in codes.values()):
            notices.append(f"No code in the corpus binds {profession} in {', '.join(inputs.jurisdictions)}: its "
                           "clauses are good practice only.")  # fmt: skip
    return Selection(codes, notices)
