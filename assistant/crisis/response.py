"""The crisis block shown before anything else in a reply.

Order (good practice in shared/facts/crisis-resources.md §2.4): a short warm line; the local
emergency number (for *imminent*: "call it now"); one 24/7 line to call and text; the specialist
line for the category (domestic violence, sexual assault, poison); one line on what happens when
you call or text; that this is an automated assistant, not a crisis service. A clinic's own
after-hours instruction is added after the public lines, never instead of them.

Links are tap-to-call ``[988](tel:988)`` and tap-to-text ``[text 988](sms:988)``. For keyword
lines the body is pre-filled with ``sms:741741?&body=HOME``: iOS reads the body after ``&`` and
Android after ``?``, and ``?&body=`` satisfies both, so it is the most widely working form of
the (never fully standardised) RFC 5724 ``sms:`` URI; the keyword is also shown in the link
text so it still works when a device ignores the body.
"""

from __future__ import annotations

import re

from assistant.corpus.schema import CrisisLine, CrisisResources
from assistant.crisis.resources import GB_NATIONS, lines_for, region, resolve_jurisdiction
from assistant.crisis.types import Assessment, Category, Tier, alert_tier
from assistant.reply import CrisisBlock, CrisisResource

_SPECIALIST_NEED = {
    Category.abuse: "domestic-violence",
    Category.sexual_assault: "sexual-assault",
    Category.overdose: "poison",
}
_COMMON_EMERGENCY = ("US", "CA", "GB", "IE", "AU", "NZ")


# --------------------------------------------------------------------------- formatting


def tel_href(number: str) -> str:
    """``tel:`` URI: digits only (a leading + kept)."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits}"


def sms_href(number: str, keyword: str | None = None) -> str:
    """``sms:`` URI; keyword lines pre-fill the body with the ``?&body=`` form."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"sms:{digits}?&body={keyword}" if keyword else f"sms:{digits}"


def call_link(number: str) -> str:
    return f"[{number}]({tel_href(number)})"


def text_link(line: CrisisLine) -> str | None:
    if not line.text:
        return None
    if line.text_keyword:
        return f"[text {line.text_keyword} to {line.text}]({sms_href(line.text, line.text_keyword)})"
    return f"[text {line.text}]({sms_href(line.text)})"


def _hours(line: CrisisLine) -> str:
    return "24/7" if line.twenty_four_seven else line.hours


def _line_md(line: CrisisLine, label: str | None = None) -> str:
    """``**Name**: [number](tel:) or [text ...](sms:) (hours)``."""
    parts: list[str] = []
    if line.phone:
        parts.append("call " + call_link(line.phone))
    link = text_link(line)
    if link:
        parts.append(link)
    if line.url and not parts:
        parts.append(f"[{line.url.host}]({line.url})")
    name = f"{label}: {line.name}" if label else line.name
    return f"**{name}**: {' or '.join(parts)} ({_hours(line)})"


def _resource(line: CrisisLine, label: str | None = None) -> CrisisResource:
    text = None
    if line.text:
        text = f"text {line.text_keyword} to {line.text}" if line.text_keyword else f"text {line.text}"
    return CrisisResource(
        name=f"{label}: {line.name}" if label else line.name,
        phone=line.phone,
        text=text,
        url=str(line.url) if line.url else None,
        hours=_hours(line),
    )


# --------------------------------------------------------------------------- selection


def _emergency(lines: list[CrisisLine]) -> list[CrisisLine]:
    return [line for line in lines if line.need == "emergency" and line.phone]


def _support_lines(lines: list[CrisisLine]) -> list[CrisisLine]:
    """One 24/7 line to call and text; else a 24/7 call line plus a 24/7 text line."""
    crisis = [ln for ln in lines if ln.need == "crisis" and ln.twenty_four_seven]
    both = [ln for ln in crisis if ln.phone and ln.text]
    if both:
        return both[:1]
    out = [ln for ln in crisis if ln.phone][:1]
    text = [ln for ln in lines if ln.need in ("text", "crisis") and ln.text and ln.twenty_four_seven]
    out += [ln for ln in text if ln not in out][:1]
    if not out:  # e.g. a region with only an urgent mental-health line
        out = [ln for ln in lines if ln.need == "urgent-mental-health"][:1]
    return out


def _specialist(
    resources: CrisisResources, codes: list[str], category: Category | None, lines: list[CrisisLine]
) -> list[tuple[CrisisLine, str | None]]:
    need = _SPECIALIST_NEED.get(category) if category else None
    if need is None:
        return []
    own = [ln for ln in lines if ln.need == need]
    if own:
        return [(own[0], None)]
    if codes == ["GB"]:  # nation unknown: each nation's line, labelled (no default nation)
        out: list[tuple[CrisisLine, str | None]] = []
        for nation in GB_NATIONS:
            reg = region(resources, nation)
            match = [ln for ln in reg.lines if ln.need == need] if reg else []
            if match and reg is not None:
                out.append((match[0], reg.name))
        return out
    return []


# --------------------------------------------------------------------------- wording

_WARM = {
    Tier.distress: "It sounds like things are really hard right now, and I'm glad you said so.",
    Tier.crisis: "Thank you for telling me. What you're going through matters, and you don't have to face it alone.",
    Tier.imminent: "I'm really glad you told me. Your safety matters most right now.",
}
_WARM_CATEGORY = {
    Category.abuse: "Thank you for telling me. What is happening to you is not your fault, and you deserve to be safe.",
    Category.sexual_assault: ("Thank you for telling me. What happened is not your fault, and you deserve support."),
    Category.overdose: "I'm glad you reached out. This needs medical help quickly.",
    Category.harm_to_others: (
        "Thank you for being honest about this. Reaching out is the right step, and help is available now."
    ),
}
_WARM_THIRD = "It's good that you're looking out for them, and this is a lot to carry."
_WHAT_HAPPENS = (
    "When you call or text, a trained person listens without judging and helps you with what to do next; "
    "they only bring in emergency services rarely, when someone's life is in immediate danger."
)
_AI_NOTE = (
    "I'm an automated assistant, not a crisis service, and I can't contact anyone for you - "
    "but the people on these lines can help right now."
)
_THERAPIST_ROUTE = (
    "When you feel ready, sexual contact by a therapist can also be reported to their licensing board or "
    "professional regulator; I can explain how."
)


def _third_person_guidance(tier: Tier, category: Category | None, emergency: str) -> str:
    if category == Category.overdose:
        return (
            f"If they are unconscious, not breathing properly or you can't wake them, call {emergency} now and "
            "follow the call handler's instructions; stay with them."
        )
    if category in (Category.abuse, Category.sexual_assault):
        return (
            f"If they are in immediate danger, call {emergency}. Listen and believe them, let them decide the next "
            "steps, and you can call the line below yourself for advice on how to support them."
        )
    if category == Category.harm_to_others:
        return f"If someone is in immediate danger, call {emergency} now. Keep yourself and others at a safe distance."
    first = (
        f"If they are in immediate danger, call {emergency} now."
        if tier == Tier.imminent
        else (f"If they are in immediate danger, call {emergency}.")
    )
    return (
        f"{first} Take what they said seriously, stay with them if you can do so safely, ask them directly how "
        "they are, and help them reach one of these lines - you can also call or text a line yourself for advice "
        "on how to help. These lines are for you too if this is weighing on you."
    )


def build_crisis_block(
    assessment: Assessment,
    jurisdiction: str | None,
    resources: CrisisResources,
    clinic_after_hours: str | None = None,
) -> CrisisBlock | None:
    """Emergency-first crisis guidance for ``assessment``; ``None`` when the tier is none."""
    tier = assessment.tier
    if tier == Tier.none:
        return None
    category = assessment.category
    codes = resolve_jurisdiction(resources, jurisdiction)
    known = bool(codes)
    lines = lines_for(resources, codes) if known else lines_for(resources, ["INTL"])
    emergency = _emergency(lines)
    support = _support_lines(lines) if known else []
    intl = [ln for ln in lines_for(resources, ["INTL"]) if ln.need == "international"]

    md: list[str] = []
    picked: list[CrisisResource] = []

    # 1. warm line
    if assessment.third_person:
        md.append(_WARM_THIRD)
    elif tier == Tier.distress:
        md.append(_WARM[tier])
    else:
        md.append(_WARM_CATEGORY.get(category, _WARM[tier]) if category else _WARM[tier])

    # 2. emergency number
    if known and emergency:
        main = emergency[0]
        alt = [e.phone for e in emergency[1:] if e.phone and e.phone != main.phone and e.status == "verified"]
        number = call_link(main.phone or "")
        alt_md = f" (or {', '.join(call_link(a) for a in alt)})" if alt else ""
        emergency_plain = main.phone or ""
        if assessment.third_person:
            md.append(_third_person_guidance(tier, category, number + alt_md))
        elif tier == Tier.imminent:
            md.append(
                f"**Call {number}{alt_md} now** if you are in danger or have already hurt yourself or taken "
                "something. You can also go to the nearest emergency department."
            )
        elif tier == Tier.crisis:
            md.append(f"If you are in immediate danger, call {number}{alt_md} (emergency services).")
        else:
            md.append(f"If you are ever in immediate danger, call {number}{alt_md}.")
        picked.append(_resource(main))
    else:
        common = _common_emergency_numbers(resources)
        eu = [e for e in emergency if e.phone]
        verb = (
            "**Call your local emergency number now**"
            if tier == Tier.imminent
            else ("If you are in immediate danger, call your local emergency number")
        )
        md.append(f"{verb}: {common}.")
        emergency_plain = "your local emergency number"
        if assessment.third_person:
            md.append(_third_person_guidance(tier, category, emergency_plain))
        if eu:
            picked.append(_resource(eu[0]))

    # 3. one 24/7 line to call and text (distress: just one line)
    if known:
        shown = support[:1] if tier == Tier.distress else support
        for ln in shown:
            md.append("- " + _line_md(ln))
            picked.append(_resource(ln))
    else:
        for ln in intl[:1]:
            md.append(
                f"- **{ln.name}**: [{ln.url.host if ln.url else ''}]({ln.url}) lists free, confidential "
                "helplines in your country."
            )
            picked.append(_resource(ln))

    # 4. specialist line for the category
    if tier != Tier.distress and known:
        spec = _specialist(resources, codes, category, lines)
        for ln, label in spec:
            md.append("- " + _line_md(ln, label))
            picked.append(_resource(ln, label))
        if category == Category.overdose and not assessment.third_person and tier != Tier.imminent:
            md.append(f"If anyone is unconscious or has trouble breathing, call {emergency_plain} straight away.")
        if category == Category.sexual_assault and any("therapist" in r for r in assessment.reasons):
            md.append(_THERAPIST_ROUTE)

    # 5. what happens when you call or text
    if tier != Tier.distress:
        md.append(_WHAT_HAPPENS)
    else:
        md.append(
            "Would you like to tell me a bit more about what's going on? If talking to someone now would help, "
            "a call or text is free and confidential."
        )

    # 6. clinic instruction (after the public lines, never instead of them)
    if clinic_after_hours:
        md.append(f"Your clinic's after-hours instruction: {clinic_after_hours.strip()}")

    # 7. unknown jurisdiction: ask where they are
    if not known:
        md.append(
            "Where are you (which country, and for the UK which nation)? Then I can give you the right local numbers."
        )

    # 8. honest about limits
    md.append(_AI_NOTE)

    return CrisisBlock(
        category=category.value if category else "distress",
        tier=alert_tier(tier),
        resources=picked,
        message="\n\n".join(md),
    )


def _common_emergency_numbers(resources: CrisisResources) -> str:
    """'911 (United States, Canada), 999 (United Kingdom), ...' built from the table."""
    by_number: dict[str, list[str]] = {}
    for code in _COMMON_EMERGENCY:
        reg = region(resources, code)
        if reg is None:
            continue
        first = next((ln for ln in reg.lines if ln.need == "emergency" and ln.phone), None)
        if first and first.phone:
            by_number.setdefault(first.phone, []).append(reg.name)
    intl = region(resources, "INTL")
    eu = next((ln for ln in intl.lines if ln.need == "emergency" and ln.phone), None) if intl else None
    if eu and eu.phone:
        by_number.setdefault(eu.phone, []).append("EU countries")
    return ", ".join(f"{call_link(num)} ({', '.join(names)})" for num, names in by_number.items())
