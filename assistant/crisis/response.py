"""The crisis block shown before anything else in a reply, and the sentences around it.

Order (good practice in shared/facts/crisis-resources.md §2.4): a short warm line; the local
emergency number (for *imminent*: "call it now"), or where it does not work (Nunavut) the
region's instruction instead; one 24/7 line to call and text; the specialist line for the
category (domestic violence, sexual assault, poison, eating disorders, else a health line); the
specialised lines for who the person says they are (veterans, LGBTQ+, young people, men,
Indigenous), always after the emergency number and the 24/7 line, never instead of them; one line
on what happens when you call or text; that this is an automated assistant, not a crisis service.
A clinic's own after-hours instruction is added after the public lines, never instead of them.

The framing is written in the message's language (English, Spanish or French, ``wording.py``);
numbers and service names never change. Links are tap-to-call ``[988](tel:988)``, with a menu
option as a pause (``[988, then press 1](tel:988,1)``), and tap-to-text ``[text 988](sms:988)``.
For keyword lines the body is pre-filled with ``sms:741741?&body=HOME``: iOS reads the body after
``&`` and Android after ``?``, and ``?&body=`` satisfies both, so it is the most widely working form
of the (never fully standardised) RFC 5724 ``sms:`` URI; the keyword is also shown in the link text
so it still works when a device ignores the body.

For the reply around the block, the pipeline calls :func:`framing` (headings and the fixed
sentences in the person's language) and :func:`crisis_only_text` (the caring sentences of a reply
that gives the block and nothing else).
"""

from __future__ import annotations

import re

from assistant.corpus.schema import CrisisLine, CrisisResources
from assistant.crisis.resources import GB_NATIONS, lines_for, region, resolve_jurisdiction
from assistant.crisis.types import Assessment, Category, Language, Tier, alert_tier, block_category
from assistant.crisis.wording import Words, framing, warm_line, words
from assistant.reply import CrisisBlock, CrisisResource

# The specialist need for each category, and where a region has none, what stands in for it.
_SPECIALIST_NEED: dict[Category, tuple[str, ...]] = {
    Category.abuse: ("domestic-violence",),
    Category.sexual_assault: ("sexual-assault",),
    Category.overdose: ("poison",),
    # eating-disorder lines only where verified, with the 24/7 health line (NHS 111, Healthline, Beyond Blue)
    Category.eating_disorder: ("eating-disorder", "urgent-mental-health"),
}
_COMMON_EMERGENCY = ("US", "CA", "GB", "IE", "AU", "NZ")
_PER_NEED = {"youth": 2}  # specialised lines shown per need (one otherwise)

__all__ = ["build_crisis_block", "crisis_only_text", "framing", "sms_href", "tel_href"]


# --------------------------------------------------------------------------- formatting


def tel_href(number: str, menu_option: str | None = None) -> str:
    """``tel:`` URI: digits only (a leading + kept); a menu option follows a pause (``tel:988,1``)."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"tel:{digits},{menu_option}" if menu_option else f"tel:{digits}"


def sms_href(number: str, keyword: str | None = None) -> str:
    """``sms:`` URI; keyword lines pre-fill the body with the ``?&body=`` form."""
    digits = re.sub(r"[^\d+]", "", number)
    return f"sms:{digits}?&body={keyword}" if keyword else f"sms:{digits}"


def call_link(number: str, menu_option: str | None = None, w: Words | None = None) -> str:
    label = (w or words("en")).then_press.format(number=number, key=menu_option) if menu_option else number
    return f"[{label}]({tel_href(number, menu_option)})"


def text_label(line: CrisisLine, w: Words) -> str | None:
    if not line.text:
        return None
    if line.text_keyword:
        return w.text_keyword.format(keyword=line.text_keyword, number=line.text)
    return w.text.format(number=line.text)


def text_link(line: CrisisLine, w: Words | None = None) -> str | None:
    label = text_label(line, w or words("en"))
    if label is None or not line.text:
        return None
    return f"[{label}]({sms_href(line.text, line.text_keyword)})"


def _hours(line: CrisisLine) -> str | None:
    """Hours are shown only where the table states them (a 24/7 line says so)."""
    return "24/7" if line.twenty_four_seven else line.hours


def _line_md(line: CrisisLine, w: Words, label: str | None = None) -> str:
    """``**Name**: call [number](tel:) or [text ...](sms:) (hours)``; an instruction line gives its text."""
    name = f"{label}: {line.name}" if label else line.name
    if line.need == "instruction":
        return f"**{name}**: {line.public_text or ''}".rstrip()
    parts: list[str] = []
    if line.phone:
        parts.append(f"{w.call} {call_link(line.phone, line.menu_option, w)}")
    link = text_link(line, w)
    if link:
        parts.append(link)
    if line.url and not parts:
        parts.append(f"[{line.url.host}]({line.url})")
    hours = _hours(line)
    return f"**{name}**: {f' {w.or_} '.join(parts)}" + (f" ({hours})" if hours else "")


def _resource(line: CrisisLine, w: Words, label: str | None = None) -> CrisisResource:
    return CrisisResource(
        name=f"{label}: {line.name}" if label else line.name,
        phone=line.phone,
        menu_option=line.menu_option,
        text=text_label(line, w),
        url=str(line.url) if line.url else None,
        hours=_hours(line),
        details=line.public_text,
    )


# --------------------------------------------------------------------------- selection


def _emergency(lines: list[CrisisLine]) -> list[CrisisLine]:
    return [line for line in lines if line.need == "emergency" and line.phone]


def _instead_of(lines: list[CrisisLine], need: str) -> list[CrisisLine]:
    return [line for line in lines if line.need == "instruction" and line.instead_of == need]


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
    if category == Category.eating_disorder:  # the eating-disorder line (rarely 24/7) and the 24/7 health line
        matches: list[tuple[CrisisLine, str | None]] = [
            (ln, None) for need in _SPECIALIST_NEED[category] for ln in lines if ln.need == need
        ]
        return matches[:2]
    for need in _SPECIALIST_NEED.get(category, ()) if category else ():
        own = [ln for ln in lines if ln.need == need] or _instead_of(lines, need)
        if own:
            return [(own[0], None)]
        if codes == ["GB"]:  # nation unknown: each nation's line, labelled (no default nation)
            out: list[tuple[CrisisLine, str | None]] = []
            for nation in GB_NATIONS:
                reg = region(resources, nation)
                match = [ln for ln in reg.lines if ln.need == need] if reg else []
                if match and reg is not None:
                    out.append((match[0], reg.name))
            if out:
                return out
    return []


def _identity_lines(lines: list[CrisisLine], needs: tuple[str, ...], limit: int) -> list[CrisisLine]:
    out: list[CrisisLine] = []
    for need in needs:
        out += [ln for ln in lines if ln.need == need][: _PER_NEED.get(need, 1)]
    return out[:limit]


# --------------------------------------------------------------------------- the block


def _helper_guidance(w: Words, tier: Tier, category: Category | None, emergency: str) -> str:
    if category == Category.overdose:
        return w.third_overdose.format(emergency=emergency)
    if category in (Category.abuse, Category.sexual_assault):
        return w.third_abuse.format(emergency=emergency)
    if category == Category.harm_to_others:
        return w.third_harm.format(emergency=emergency)
    if category == Category.eating_disorder:
        return w.third_ed.format(emergency=emergency)
    if category == Category.child_at_risk:
        return w.third_child.format(emergency=emergency)
    first = w.third_first.format(emergency=emergency, now=w.now if tier == Tier.imminent else "")
    return w.third_generic.format(first=first)


def build_crisis_block(
    assessment: Assessment,
    jurisdiction: str | None,
    resources: CrisisResources,
    clinic_after_hours: str | None = None,
) -> CrisisBlock | None:
    """Emergency-first crisis guidance for ``assessment``, in its language; ``None`` when the tier is none."""
    tier = assessment.tier
    if tier == Tier.none:
        return None
    w = words(assessment.language)
    category = assessment.category
    codes = resolve_jurisdiction(resources, jurisdiction)
    known = bool(codes)
    lines = lines_for(resources, codes) if known else lines_for(resources, ["INTL"])
    emergency = _emergency(lines)
    intl = [ln for ln in lines_for(resources, ["INTL"]) if ln.need == "international"]

    md: list[str] = []
    picked: list[CrisisResource] = []
    shown: list[CrisisLine] = []

    def show(line: CrisisLine, label: str | None = None) -> None:
        if line in shown:
            return
        shown.append(line)
        md.append("- " + _line_md(line, w, label))
        picked.append(_resource(line, w, label))

    # 1. warm line
    md.append(warm_line(w, tier, category, assessment.third_person))

    # 2. the emergency number (or, where it does not work, the region's instruction)
    if known and emergency:
        main = emergency[0]
        alt = [e.phone for e in emergency[1:] if e.phone and e.phone != main.phone and e.status == "verified"]
        number = call_link(main.phone or "") + (f" ({w.or_} {', '.join(call_link(a) for a in alt)})" if alt else "")
        if assessment.third_person:
            md.append(_helper_guidance(w, tier, category, number))
        elif tier == Tier.imminent:
            md.append(w.call_now.format(emergency=number))
        elif tier == Tier.crisis:
            md.append(w.if_danger.format(emergency=number))
        else:
            md.append(w.if_ever.format(emergency=number))
        picked.append(_resource(main, w))
        emergency_phrase = number
    elif known:
        emergency_phrase = w.local_services
        for line in _instead_of(lines, "emergency"):
            show(line)
        if assessment.third_person:
            md.append(_helper_guidance(w, tier, category, emergency_phrase))
    else:
        numbers = _common_emergency_numbers(resources, w)
        md.append((w.local_number_now if tier == Tier.imminent else w.local_number).format(numbers=numbers))
        emergency_phrase = w.local_services
        if assessment.third_person:
            md.append(_helper_guidance(w, tier, category, emergency_phrase))
        eu = [e for e in emergency if e.phone]
        if eu:
            picked.append(_resource(eu[0], w))
    if not assessment.third_person and tier == Tier.imminent:
        if category == Category.eating_disorder:
            md.append(w.ed_acute.format(emergency=emergency_phrase))
        elif category == Category.child_at_risk:
            md.append(w.child_now.format(emergency=emergency_phrase))

    # 3. one 24/7 line to call and text (distress: just one line), and the region's always-shown lines
    if known:
        support = _support_lines(lines)
        for ln in support[:1] if tier == Tier.distress else support:
            show(ln)
        for ln in lines:
            if ln.always_shown:
                show(ln)
    else:
        for ln in intl[:1]:
            md.append(f"- **{ln.name}**: [{ln.url.host if ln.url else ''}]({ln.url}) {w.helplines_in_country}")
            picked.append(_resource(ln, w))

    # 4. the specialist line for the category
    if tier != Tier.distress and known:
        for ln, label in _specialist(resources, codes, category, lines):
            show(ln, label)
        if category == Category.overdose and not assessment.third_person and tier != Tier.imminent:
            md.append(w.overdose_now.format(emergency=emergency_phrase))
        if category == Category.sexual_assault and any("therapist" in r for r in assessment.reasons):
            md.append(w.therapist_route)

    # 5. lines for who the person says they are: added, never instead
    if known and assessment.needs:
        for ln in _identity_lines(lines, assessment.needs, 1 if tier == Tier.distress else 3):
            show(ln)

    # 6. what happens when you call or text
    md.append(w.what_happens if tier != Tier.distress else w.check_in)

    # 7. clinic instruction (after the public lines, never instead of them)
    if clinic_after_hours:
        md.append(w.clinic.format(instruction=clinic_after_hours.strip()))

    # 8. unknown place: ask where they are
    if not known:
        md.append(w.where_are_you)

    # 9. honest about limits
    md.append(w.ai_note)

    return CrisisBlock(
        category=block_category(category),
        tier=alert_tier(tier),
        language=assessment.language,
        resources=picked,
        message="\n\n".join(md),
    )


def _common_emergency_numbers(resources: CrisisResources, w: Words) -> str:
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
        by_number.setdefault(eu.phone, []).append(w.eu_countries)
    return ", ".join(f"{call_link(num)} ({', '.join(names)})" for num, names in by_number.items())


# --------------------------------------------------------------------------- the reply around the block


def crisis_only_text(assessment: Assessment, language: Language | None = None) -> str:
    """The caring sentences of a reply that is the block and nothing else, shaped by the tier.

    Imminent: a few sentences on what to do now (nothing about codes); crisis: the crisis-only line;
    a request for means is refused first. Distress and none: "" (those replies go on to the answer).
    """
    w = words(language or assessment.language)
    if assessment.tier == Tier.imminent:
        if assessment.third_person:
            care = w.imminent_third
        else:
            care = {
                Category.overdose: w.imminent_overdose,
                Category.abuse: w.imminent_abuse,
                Category.harm_to_others: w.imminent_harm,
                Category.eating_disorder: w.imminent_ed,
                Category.child_at_risk: w.imminent_child,
            }.get(assessment.category, w.imminent_care) if assessment.category else w.imminent_care
        return f"{w.means_refusal} {care}" if assessment.asks_for_means else care
    if assessment.tier == Tier.crisis:
        return w.means_refusal if assessment.asks_for_means else w.crisis_only
    return ""
