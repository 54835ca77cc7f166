"""The default composer: a grounded, cited answer built only from retrieved passages.

It needs no language model. Every statement is a corpus paraphrase carrying a numbered
citation, so nothing is said that a passage does not support; the short answer comes from
the matching plain-language guide.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator

from langchain_core.documents import Document

from assistant import jurisdictions
from assistant.answer.compose import Composed
from assistant.answer.context import Context
from assistant.index.knowledge_base import Hit, positions
from assistant.reply import Citation

CAPABILITIES = (
    "I can help with questions about contact with your therapist or counsellor outside sessions: "
    "texting, email, phone calls, social media, emergencies and after-hours contact, friendship or "
    "dating after therapy, gifts, barter, running into each other, self-disclosure, ending therapy, "
    "telehealth privacy, and what to do if a boundary was crossed."
)
POLICY_TOPICS = {"texting", "email", "phone", "emergencies", "social-media", "telehealth",
                 "informed-consent-technology", "confidentiality-electronic"}  # fmt: skip
EXCERPT_CHARS = 280
DISCLAIMER = (
    "_General information from published codes, not legal or clinical advice. A code binds members "
    "of the body that publishes it; licensing boards and regulators can set stricter rules._"
)
# Positions worth setting side by side: periods, amounts, outright bans.
_CONCRETE = re.compile(r"\d|\bno (time limit|waiting period)\b|\bnever\b|\bprohibit|\bban", re.IGNORECASE)


def citation_for(n: int, doc: Document) -> Citation:
    meta = doc.metadata
    excerpt = meta.get("excerpt", doc.page_content)
    if len(excerpt) > EXCERPT_CHARS:
        excerpt = excerpt[:EXCERPT_CHARS].rsplit(" ", 1)[0] + "…"
    return Citation(
        n=n,
        code=meta.get("code", ""),
        title=meta.get("title", ""),
        edition=meta.get("edition", ""),
        jurisdiction=meta.get("jurisdiction", ""),
        section=meta.get("section") or None,
        section_status=meta.get("section_status") or ("read-in-text" if meta.get("section") else "not-numbered"),
        heading=meta.get("heading", ""),
        url=meta.get("url", ""),
        excerpt=excerpt,
        kind=meta.get("kind", "code"),
    )


def source_label(doc: Document) -> str:
    """'ACA A.5.e' or 'BACP (section not numbered)' or the clinic's name."""
    meta = doc.metadata
    if meta.get("doc_type") == "policy":
        return meta.get("title", "Clinic policy")
    section = meta.get("section")
    return f"{meta['code']} {section}" if section else f"{meta['code']} (section not numbered)"


class Citations:
    """Numbers passages in order of first use."""

    def __init__(self) -> None:
        self._by_id: OrderedDict[str, Citation] = OrderedDict()

    def mark(self, doc: Document) -> str:
        key = str(doc.id)
        if key not in self._by_id:
            self._by_id[key] = citation_for(len(self._by_id) + 1, doc)
        return f"[{self._by_id[key].n}]"

    @property
    def ids(self) -> set[str]:
        return set(self._by_id)

    @property
    def items(self) -> list[Citation]:
        return list(self._by_id.values())


def decline(reason: str = "") -> str:
    """One polite line for out-of-scope messages, plus what the assistant can do."""
    lead = reason or "Sorry, that's outside what I can help with."
    return f"{lead} {CAPABILITIES}"


IN_TEXT = 3  # passages written out in the answer; the rest are listed by name, with their numbers
IN_TEXT_BRIEF = 2  # after a crisis block: the short answer and the two strongest passages
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def _lead(text: str, limit: int = 260) -> str:
    """The first sentence or two of a paraphrase, within ``limit`` characters."""
    sentences = _SENTENCE.split(" ".join(text.split()))
    out = sentences[0]
    for more in sentences[1:]:
        if len(out) + len(more) + 1 > limit:
            break
        out += " " + more
    return out


def _bullet(hit: Hit, cites: Citations) -> str:
    meta = hit.meta
    text = _lead(meta.get("excerpt", hit.doc.page_content))
    return f"- **{source_label(hit.doc)}** ({meta.get('heading', '')}): {text} {cites.mark(hit.doc)}"


def _named(hit: Hit, cites: Citations) -> str:
    meta = hit.meta
    place = f", {jurisdictions.label(meta['jurisdiction'])}" if meta.get("jurisdiction") else ""
    return f"{source_label(hit.doc)} ({meta.get('heading', '')}{place}) {cites.mark(hit.doc)}"


def _group_by_jurisdiction(hits: list[Hit]) -> OrderedDict[str, list[Hit]]:
    groups: OrderedDict[str, list[Hit]] = OrderedDict()
    for hit in hits:
        groups.setdefault(hit.meta.get("jurisdiction", ""), []).append(hit)
    return groups


def _differences(hits: list[Hit], topics: list[str], cites: Citations) -> str:
    """A line comparing structured positions when the cited codes differ on a topic."""
    for topic in topics:
        stated: OrderedDict[str, tuple[str, Document]] = OrderedDict()
        for hit in hits:
            value = positions(hit.doc).get(topic)
            if value and _CONCRETE.search(value) and hit.meta["code"] not in stated:
                stated[hit.meta["code"]] = (value, hit.doc)
        if len({value for value, _ in stated.values()}) >= 2:
            parts = [f"{code}: {value} {cites.mark(doc)}" for code, (value, doc) in stated.items()]
            return "**Where the codes differ:** " + "; ".join(parts) + "."
    return ""


def compose_extractive(ctx: Context) -> tuple[str, list[Citation]]:
    """Markdown answer and its citations, from the retrieved context only.

    The short answer, then the two or three passages that carry it, written out; the rest are
    named with their numbers (the sources panel shows them whole). Differences between codes
    stay visible. The answer says which place's codes it used, and why.
    """
    if not ctx.in_scope:
        return decline(ctx.decline_reason), []
    cites = Citations()
    lines: list[str] = []
    where = jurisdictions.label(ctx.jurisdiction) if ctx.jurisdiction else None
    if ctx.guide is not None:
        lines.append(f"**In short:** {' '.join(ctx.guide.meta['short_answer'].split())}")
    if ctx.policy:
        lines.append("\n**Your clinic's policy**")
        lines += [_bullet(h, cites) for h in ctx.policy]
    shown = IN_TEXT_BRIEF if ctx.brief else IN_TEXT
    main, rest = (ctx.local, ctx.other) if ctx.local else (ctx.other, [])
    if ctx.local:
        heading = f"What the codes for {where} say" if where else "What the codes say"
        lines.append(f"\n**{heading}**" + (f" ({ctx.place_reason})" if ctx.place_reason else ""))
    elif ctx.other:
        reason = f" ({ctx.place_reason})" if ctx.place_reason else ""
        lines.append(
            f"\nThe codes I hold for {where}{reason} don't address this directly. "
            "Here is what codes elsewhere say, for comparison (they may not apply to your therapist):"
        )
    for code_jurisdiction, group in _group_by_jurisdiction(main[:shown]).items():
        if (not ctx.jurisdiction and len(main) > 1) or code_jurisdiction != ctx.jurisdiction:
            lines.append(f"*{jurisdictions.label(code_jurisdiction)}*")
        lines += [_bullet(h, cites) for h in group]
    if not (ctx.local or ctx.other or ctx.policy):
        lines.append(
            "I couldn't find a provision in the codes I hold that answers this. "
            "Your therapist's own contact policy, or the professional body they belong to, is the best next step."
        )
        return "\n".join(lines).strip(), cites.items
    diff = _differences(ctx.local + ctx.other, ctx.topics, cites)
    if diff:
        lines.append("\n" + diff)
    more = [h for h in main[shown:] + rest if h.doc.id not in cites.ids]
    if more and not ctx.brief:
        label = "Also relevant" if ctx.local else "Also relevant elsewhere"
        if ctx.local and rest:
            label = "Also relevant (some from elsewhere, which may not apply where you are)"
        lines.append(f"\n**{label}:** " + "; ".join(_named(h, cites) for h in more) + ".")
    if POLICY_TOPICS & set(ctx.topics) and not ctx.brief:
        lines.append(
            "\nMuch also depends on the contact policy your therapist agreed with you at the start; "
            "codes expect them to explain it, so it's fine to ask."
        )
    if not ctx.jurisdiction:
        lines.append(
            "\nRules differ by country and region: tell me where your therapist practises "
            "(for example UK, Ontario or Texas) for a more specific answer."
        )
    lines.append("\n" + DISCLAIMER)
    return "\n".join(lines).strip(), cites.items


class ExtractiveComposer:
    """The default composer: the answer is assembled from the passages, all at once."""

    backend = "extractive"

    def stream(self, ctx: Context, history: list[dict[str, str]]) -> Iterator[str]:
        return iter(())

    def finish(self, streamed: str | None, ctx: Context, error: str | None = None) -> Composed:
        text, citations = compose_extractive(ctx)
        return Composed(text, citations, self.backend, [])
