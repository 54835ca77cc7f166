"""Optional smoothing of clause wording by the configured language model, checked as answers are.

Drafting stays deterministic (``draft.py``); only when ``ASSISTANT_LLM`` is set does the staff page ask
the model to reword each cited clause in plainer language. The model sees the clause and the
paraphrases of the provisions it cites, numbered [1..N], and must end every sentence with the marker
of its provision. Its text goes through :func:`assistant.answer.compose.llm.validate`, the check every
answer passes (a sentence citing a number that is not a passage is removed, uncited sentences are
dropped beyond the short-answer line, markers renumbered). The reworded clause is kept only when that
check leaves text citing every one of the clause's provisions, and it keeps the clause's numbers
(phone numbers, response times) and the clinic's name unchanged; otherwise, or when the model
fails or is unreachable, the template text stays. Clauses with no citation, or carrying what the
clinic typed (after-hours text, emergency instruction), are never sent.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from langchain_core.documents import Document
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer.compose.extractive import DISCLAIMER
from assistant.answer.compose.llm import _MARKER, _text_of, format_passages, validate
from assistant.answer.context import Context
from assistant.corpus.loader import Corpus
from assistant.index.knowledge_base import Hit
from assistant.policy.cited import provision_for
from assistant.policy.models import Clause, Draft

log = logging.getLogger(__name__)

SMOOTH_PROMPT = """You reword one clause of a clinic's contact policy for its clients.
Rules:
- Plain language, at the reading level of a general-audience health leaflet; speak to the client as "you".
- Keep the meaning exactly. Claim only what the numbered provisions say; add no new promise, rule or fact.
- Keep every number, phone number, time and name exactly as written.
- End every sentence with the marker of the provision that supports it, like [1] or [2].
- Every provision given must be cited at least once.
- Reply with the reworded clause only: no heading, no list of sources, no disclaimer."""
NOTICE_SMOOTHED = "Wording smoothed by the language model; every citation was checked against its provision."
NOTICE_UNREACHABLE = "The language model could not be reached, so the template wording is shown."
NOTICE_SOME_KEPT = "Some clauses kept the template wording: the model's version did not pass the citation check."
_DIGITS = re.compile(r"\d+")


@dataclass
class Smoothed:
    draft: Draft
    smoothed: list[str] = field(default_factory=list)  # clause ids reworded
    kept: list[str] = field(default_factory=list)  # clause ids whose rewording failed the check
    unreachable: bool = False

    @property
    def notices(self) -> list[str]:
        out = []
        if self.smoothed:
            out.append(NOTICE_SMOOTHED)
        if self.kept:
            out.append(NOTICE_SOME_KEPT)
        if self.unreachable:
            out.append(NOTICE_UNREACHABLE)
        return out


def _context(clause: Clause, corpus: Corpus) -> Context | None:
    hits = []
    for citation in clause.citations:
        code = corpus.code(citation.code)
        provision = provision_for(corpus, citation.code, citation.section, citation.heading)
        if code is None or provision is None:
            return None
        meta: dict[str, Any] = {
            "code": citation.code,
            "title": code.title,
            "section": citation.section or "",
            "heading": citation.heading,
            "url": citation.url,
            "jurisdiction": code.jurisdiction,
            "kind": "code",
            "excerpt": provision.text,
            "doc_type": "code",
        }
        hits.append(Hit(doc=Document(page_content=provision.text, metadata=meta), score=1.0))
    return Context(question=clause.text, jurisdiction=None, topics=[], local=hits)


def _user_words(draft: Draft) -> list[str]:
    i = draft.inputs
    return [t.strip() for t in (i.after_hours, i.emergency) if t and t.strip()]


def messages(clause: Clause, ctx: Context) -> list[Any]:
    n = len(ctx.passages)
    human = (
        f"<passages>\n{format_passages(ctx)}\n</passages>\n\n<question>\nReword this clause:\n{clause.text}\n"
        f"</question>\n\nCite passages [1] to [{n}] only; every one of them at least once."
    )
    return [SystemMessage(SMOOTH_PROMPT), HumanMessage(human)]


def check_rewording(text: str, clause: Clause, ctx: Context, names: tuple[str, ...] = ()) -> str | None:
    """The model's rewording with its markers removed, or None unless it passes the answers' check and
    cites every provision of the clause, keeping the clause's numbers and the ``names`` it holds (the
    clinic's name)."""
    checked = validate(text, ctx)
    if checked is None:
        return None
    body, citations = checked
    if len(citations) != len(ctx.passages):
        return None  # a provision left uncited: the clause would claim less support than it shows
    body = body.removesuffix(DISCLAIMER).strip()
    words = " ".join(_MARKER.sub("", body).split()).replace(" .", ".").replace(" ,", ",")
    if not words or sorted(_DIGITS.findall(words)) != sorted(_DIGITS.findall(clause.text)):
        return None
    if len(words) > 2 * len(clause.text) + 200:
        return None
    if any(name in clause.text and name not in words for name in names):
        return None
    return words


def smooth_draft(draft: Draft, corpus: Corpus, model: BaseChatModel) -> Smoothed:
    """The draft with cited clauses reworded where the model's text passes the check (see the module)."""
    result = Smoothed(draft)
    typed = _user_words(draft)
    clauses: list[Clause] = []
    for clause in draft.clauses:
        if result.unreachable or not clause.citations or any(t in clause.text for t in typed):
            clauses.append(clause)
            continue
        ctx = _context(clause, corpus)
        if ctx is None:
            clauses.append(clause)
            continue
        try:
            reply = model.invoke(messages(clause, ctx))
        except Exception as exc:  # noqa: BLE001 - timeout, refused connection, HTTP error: template text
            log.warning("policy smoothing: the language model failed (%s); template wording kept", type(exc).__name__)
            result.unreachable = True
            clauses.append(clause)
            continue
        words = check_rewording(_text_of(reply), clause, ctx, (draft.inputs.clinic,))
        if words is None:
            result.kept.append(clause.id)
            clauses.append(clause)
        else:
            result.smoothed.append(clause.id)
            clauses.append(clause.model_copy(update={"text": words}))
    result.draft = draft.model_copy(update={"clauses": clauses, "notices": [*draft.notices, *result.notices]})
    return result
