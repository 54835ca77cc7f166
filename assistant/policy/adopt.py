"""'Use as this clinic's policy': a draft in the corpus policy format (``assistant.corpus.schema.Policy``).

The staff Policy tab and the clinic configuration that stores the result come with the widget issue;
they call :func:`adopt_policy` and write :func:`policy_yaml` into the clinic's configuration, after the
staff member (who manages that clinic) confirms, with an audit line of who, when and which clinic.
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


def adopt_policy(draft: Draft, clinic_id: str, user: str, today: dt.date | None = None) -> Policy:
    """The draft's client policy as a corpus Policy for ``clinic_id`` (``user`` is for the caller's audit line).

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
    return Policy(
        id=f"{clinic_id}-contact-policy",
        clinic=draft.inputs.clinic,
        title=f"Contact policy (version {policy_version(draft)})",
        jurisdiction=draft.inputs.jurisdictions[0],
        sample=False,
        last_checked=today or draft.drafted_on,
        after_hours=draft.inputs.after_hours,
        sections=sections,
    )


def policy_yaml(policy: Policy) -> str:
    """The corpus policy file's text (validated again by the corpus loader when it is read)."""
    return yaml.safe_dump(policy.model_dump(mode="json", exclude_none=True), sort_keys=False, allow_unicode=True)
