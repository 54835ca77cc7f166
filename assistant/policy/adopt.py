"""'Use as this clinic's policy': a draft in the corpus policy format (``assistant.corpus.schema.Policy``).

:mod:`assistant.clinics.adopt` calls :func:`adopt_policy` and writes :func:`policy_yaml` beside the clinic's
configuration, after the staff member (who manages that clinic) confirms, with an audit line of who, when
and which clinic (the staff Policy tab's "Use as this clinic's policy", ``POST /staff/policy/adopt``).
"""

from __future__ import annotations

import datetime as dt
import hashlib

import yaml

from assistant.corpus.schema import TOPICS, Policy, PolicySection
from assistant.policy.models import Draft
from assistant.policy.render import ELEMENT_TITLES


def policy_version(draft: Draft) -> str:
    """Date plus a short digest of the clause texts: what clients see as the policy's version."""
    digest = hashlib.sha256("\n".join(f"{c.id}\0{c.text}" for c in draft.clauses).encode()).hexdigest()[:8]
    return f"{draft.drafted_on.isoformat()}-{digest}"


def adopted_title(version: int, day: dt.date) -> str:
    """What clients see as an adopted policy's name: its version number and the day it was adopted."""
    return f"Contact policy, version {version} of {day.isoformat()}"


def adopt_policy(
    draft: Draft,
    clinic_id: str,
    user: str,
    today: dt.date | None = None,
    *,
    version: int | None = None,
    clinic_name: str | None = None,
) -> Policy:
    """The draft's client policy as a corpus Policy for ``clinic_id`` (``user`` is for the caller's audit line).

    With ``version`` (the clinic's adoption count) the title says that version and the day (what clients
    see in the citation); ``clinic_name`` (the clinic's configured name) replaces the name typed in the tab.

    Only the contact policy is adopted (the consent form is for signing, not for answers). Sections follow
    the elements; each carries the corpus topics its element shares with the corpus, so the widget's
    retrieval finds it; the citations stay in the draft.
    """
    from assistant.policy.data import policy_data

    if not user.strip():
        raise ValueError("adopting a policy needs the staff member's name for the audit line")
    data = policy_data()
    sections: list[PolicySection] = []
    for element, title in ELEMENT_TITLES.items():
        clauses = [c for c in draft.document("policy") if c.element == element]
        if not clauses:
            continue
        topics = [t for t in data.elements[element].topics if t in TOPICS]
        sections.append(PolicySection(heading=title, text=" ".join(c.text for c in clauses), topics=topics))
    day = today or draft.drafted_on
    title = adopted_title(version, day) if version is not None else f"Contact policy (version {policy_version(draft)})"
    return Policy(
        id=f"{clinic_id}-contact-policy",
        clinic=clinic_name or draft.inputs.clinic,
        title=title,
        jurisdiction=draft.inputs.jurisdictions[0],
        sample=False,
        last_checked=day,
        after_hours=draft.inputs.after_hours,
        sections=sections,
    )


def policy_yaml(policy: Policy) -> str:
    """The corpus policy file's text (validated again by the corpus loader when it is read)."""
    return yaml.safe_dump(policy.model_dump(mode="json", exclude_none=True), sort_keys=False, allow_unicode=True)
