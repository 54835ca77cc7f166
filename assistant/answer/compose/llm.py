"""Optional language-model composer: a warmer wording of the same retrieved passages.

The model sees only the numbered passages of one turn (plus the last few history turns)
and must cite them as ``[n]``. Its answer is checked before anyone sees it: sentences
citing a passage that does not exist and uncited factual sentences are removed, the
markers are renumbered in order of first use, and when nothing trustworthy is left -- or
the model times out, refuses, errors or is unreachable -- the extractive composer answers
instead, with a short notice. No exception leaves :meth:`LLMComposer.compose`.
"""

from __future__ import annotations

import re
import time
import warnings
from collections.abc import Iterator
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from assistant import jurisdictions
from assistant.answer.compose import NOTICE_UNAVAILABLE, NOTICE_UNCHECKED, Composed, Composer
from assistant.answer.compose.extractive import DISCLAIMER, ExtractiveComposer, citation_for
from assistant.answer.context import Context
from assistant.answer.prompts import REWRITE_PROMPT, SYSTEM_PROMPT
from assistant.answer.scope import is_injection
from assistant.config import Settings
from assistant.errors import LLMConfigError, LLMUnavailable
from assistant.reply import Citation

HISTORY_TURNS = 4  # messages (user or assistant) of earlier conversation sent to the model
HISTORY_CHARS = 800  # each earlier message is cut to this length
EXCERPT_CHARS = 1200  # each passage's text is cut to this length
REWRITE_MAX_CHARS = 500
SHORT_ANSWER_SENTENCES = 3  # uncited sentences allowed on the short-answer line
STREAM_DEADLINE_FACTOR = 3  # a stream may run this many times llm_timeout_s in all
DEFAULT_API_KEY = "not-needed"

# --------------------------------------------------------------------------- model setup


def _init_chat_model(spec: str, **kwargs: Any) -> BaseChatModel:
    try:  # langchain >= 1.0 keeps it in ``langchain``
        from langchain.chat_models import init_chat_model
    except ImportError:  # only langchain-classic installed: same function, marked deprecated
        from langchain_classic.chat_models import init_chat_model
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=DeprecationWarning)
        warnings.filterwarnings("ignore", message=".*init_chat_model.*deprecated")
        return init_chat_model(spec, **kwargs)


def make_chat_model(settings: Settings) -> BaseChatModel | None:
    """The configured chat model, or None when ``settings.llm`` is unset.

    ``settings.llm`` is an ``init_chat_model`` string such as ``"ollama:llama3.1"`` or
    ``"openai:gpt-4o-mini"``. With ``llm_base_url`` set, any OpenAI-compatible server works
    (``"openai:my-model"``; a bare model name is taken as ``openai``). Retries are off and
    the timeout is short so a dead model falls back quickly. Raises :class:`LLMConfigError`
    when the model cannot be constructed (unknown provider, missing integration package).
    """
    spec = (settings.llm or "").strip()
    if not spec:
        return None
    provider = spec.split(":", 1)[0].lower() if ":" in spec else None
    kwargs: dict[str, Any] = {}
    if provider is None and settings.llm_base_url:
        kwargs["model_provider"] = provider = "openai"
    if provider == "ollama":
        # ChatOllama has no timeout/max_retries fields; the timeout goes to its httpx client.
        kwargs["client_kwargs"] = {"timeout": settings.llm_timeout_s}
        if settings.llm_base_url:
            kwargs["base_url"] = settings.llm_base_url
    else:
        kwargs["timeout"] = settings.llm_timeout_s
        kwargs["max_retries"] = 0
        if settings.llm_base_url:
            kwargs["base_url"] = settings.llm_base_url
            kwargs["api_key"] = settings.llm_api_key or DEFAULT_API_KEY
        elif settings.llm_api_key:
            kwargs["api_key"] = settings.llm_api_key
    try:
        return _init_chat_model(spec, **kwargs)
    except Exception as exc:  # ImportError, ValueError, the SDK's missing-key error...
        raise LLMConfigError(f"ASSISTANT_LLM={spec!r} could not be set up: {exc}") from exc


# --------------------------------------------------------------------------- prompt


def _clean(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    # The delimiters of the prompt must not be forgeable from inside the data.
    text = re.sub(r"</?\s*(passages|passage|question|summary|conversation)\b[^>]*>", " ", text, flags=re.I)
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def _turn(turn: Any) -> tuple[str, str]:
    if isinstance(turn, dict):
        return str(turn.get("role", "")), str(turn.get("content", ""))
    return str(getattr(turn, "role", "")), str(getattr(turn, "content", ""))


def history_messages(history: list[dict] | None, turns: int = HISTORY_TURNS) -> list[BaseMessage]:
    """The last ``turns`` user/assistant messages, trimmed; old [n] markers are dropped."""
    kept = [(r, c) for r, c in map(_turn, history or []) if r in ("user", "assistant") and c.strip()]
    messages: list[BaseMessage] = []
    for role, content in kept[-turns:] if turns > 0 else []:
        content = _MARKER.sub("", content)  # numbers of an earlier answer mean other passages
        text = _clean(content, HISTORY_CHARS)
        messages.append(HumanMessage(text) if role == "user" else AIMessage(text))
    return messages


def format_passages(ctx: Context) -> str:
    """Passages numbered [1..N] in the order of ``ctx.passages``."""
    policy_ids = {id(h) for h in ctx.policy}
    other_ids = {id(h) for h in ctx.other}
    blocks = []
    for n, hit in enumerate(ctx.passages, start=1):
        meta = hit.meta
        if id(hit) in policy_ids or meta.get("doc_type") == "policy":
            source = f"clinic policy: {meta.get('title') or meta.get('code', '')}"
            section = "policy section"
        else:
            source = f"code: {meta.get('code', '')}"
            if meta.get("title"):
                source += f" ({meta['title']})"
            section = f"section {meta['section']}" if meta.get("section") else "section not numbered"
        place = jurisdictions.label(meta.get("jurisdiction")) if meta.get("jurisdiction") else "n/a"
        if id(hit) in other_ids and ctx.jurisdiction:
            place += " (elsewhere, for comparison; may not apply to this person)"
        text = _clean(meta.get("excerpt") or hit.doc.page_content, EXCERPT_CHARS)
        blocks.append(
            f"[{n}] {source}; {section}; heading: {_clean(meta.get('heading', ''), 200)}; jurisdiction: {place}\n{text}"
        )
    return "\n\n".join(blocks)


def build_messages(ctx: Context, history: list[dict] | None) -> list[BaseMessage]:
    """System rules, the last few history turns, then passages and the question."""
    where = jurisdictions.label(ctx.jurisdiction) if ctx.jurisdiction else "not stated"
    parts = [f"The person's jurisdiction: {where}."]
    if ctx.guide is not None and ctx.guide.meta.get("short_answer"):
        parts.append(
            "<summary>A reviewed plain-language summary you may use for the short answer "
            f"(it has no number; do not cite it):\n{_clean(ctx.guide.meta['short_answer'], 800)}"
            "</summary>"
        )
    n = len(ctx.passages)
    parts.append(f"<passages>\n{format_passages(ctx)}\n</passages>")
    parts.append(f"<question>\n{_clean(ctx.question, 4000)}\n</question>")
    parts.append(
        f"Answer the question from passages [1] to [{n}] only, following the rules. "
        "Every factual sentence ends with its marker."
    )
    return [
        SystemMessage(SYSTEM_PROMPT),
        *history_messages(history),
        HumanMessage("\n\n".join(parts)),
    ]


# --------------------------------------------------------------------------- validation

_MARKER = re.compile(r"\[\s*\d+(?:\s*(?:[,;]|[-–]|and)\s*\d+)*\s*\]")
_THINK = re.compile(r"<think>.*?(?:</think>|\Z)", re.S | re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])(?:\s*\[[^\]]*\])*\s+(?=\S)")
_ABBREV = re.compile(r"(?:\b(?:e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|No|approx|cf)\.|\b[A-Z]\.)$")
_HEADING = re.compile(
    r"^\s*(?:#{1,6}\s+[^\[]{1,100}|\*\*[^*.!?]{1,80}\*\*:?|\*[^*.!?]{1,80}\*:?|_[^_.!?]{1,80}_:?"
    r"|[^.!?\[*_#\s-][^.!?\[]{0,79}:)\s*$"
)
_SOURCES_HEADING = re.compile(r"^\s*(#+\s*)?\**\s*(sources|references|citations)\s*\**:?\s*\**$", re.I)
_REFERENCE_LINE = re.compile(r"^\s*(?:[-*]\s*)?\[\d+\]\s*[:.\-–]?\s*\S")
_COVERAGE = re.compile(
    r"(do(?:es)?n['’]?t|do(?:es)? not|couldn['’]?t|could not|cannot|can['’]?t)\s+"
    r"(?:\w+\s+){0,3}(?:cover|address|mention|answer|say|find)|not covered|no passage",
    re.I,
)
_GENERIC = re.compile(r"\b(codes|passages|sources|information|provisions)\b", re.I)
_DISCLAIMER = re.compile(r"not (?:legal|clinical|medical)(?: or (?:legal|clinical|medical))? advice", re.I)
_BULLET = re.compile(r"^(\s*(?:[-*+]|\d+[.)])\s+)")


def _numbers(marker: str) -> list[int]:
    """'[1, 3]' -> [1, 3]; '[2-4]' -> [2, 3, 4]."""
    out: list[int] = []
    body = marker.strip("[] ")
    for part in re.split(r"\s*(?:[,;]|and)\s*", body):
        if not part:
            continue
        bounds = re.split(r"\s*[-–]\s*", part)
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            lo, hi = int(bounds[0]), int(bounds[1])
            out += list(range(lo, hi + 1)) if 0 < hi - lo < 20 else [lo, hi]
        elif part.isdigit():
            out.append(int(part))
    return out


def _sentences(line: str) -> list[str]:
    pieces, start = [], 0
    for m in _SENTENCE_END.finditer(line):
        if _ABBREV.search(line[start : m.start()]):
            continue
        pieces.append(line[start : m.end()].rstrip())
        start = m.end()
    pieces.append(line[start:].rstrip())
    return [p for p in pieces if p.strip()]


def _is_heading(line: str) -> bool:
    return bool(_HEADING.match(line)) and not _MARKER.search(line)


def validate(text: str, ctx: Context) -> tuple[str, list[Citation]] | None:
    """The model's answer, checked against the passages, or None when it cannot be used.

    Every marker must name a passage 1..N: a sentence citing any other number is removed.
    A sentence without a marker stays only on the short-answer line (or when it says the
    codes do not cover something); headings stay when content follows them. Markers are
    renumbered in order of first use and the citations built with ``citation_for``.
    """
    n_passages = len(ctx.passages)
    text = _THINK.sub("", text or "").replace("\r\n", "\n").strip()
    if not text or n_passages == 0:
        return None
    kept_lines: list[str] = []
    short_answer_seen = False
    in_sources = False
    for raw in text.split("\n"):
        line = raw.rstrip()
        if not line.strip():
            if kept_lines and kept_lines[-1] != "":
                kept_lines.append("")
            continue
        if _SOURCES_HEADING.match(line):
            in_sources = True
            continue
        if in_sources or _REFERENCE_LINE.match(line):
            continue  # the model's own source list; the channels render citations themselves
        if _is_heading(line):
            kept_lines.append(line)
            continue
        is_short = not short_answer_seen
        short_answer_seen = True
        bullet = _BULLET.match(line)
        prefix = bullet.group(1) if bullet else ""
        body = line[len(prefix) :]
        kept: list[str] = []
        uncited_short = 0
        for sentence in _sentences(body):
            numbers = [k for m in _MARKER.finditer(sentence) for k in _numbers(m.group())]
            if numbers:
                if all(1 <= k <= n_passages for k in numbers):
                    kept.append(sentence)
                continue
            words = _MARKER.sub("", sentence).strip()
            if _DISCLAIMER.search(words):
                continue  # our own disclaimer is appended below
            if is_short and uncited_short < SHORT_ANSWER_SENTENCES:
                uncited_short += 1
                kept.append(sentence)
            elif (_COVERAGE.search(words) and _GENERIC.search(words)) or words.endswith("?"):
                kept.append(sentence)
        if kept:
            kept_lines.append(prefix + " ".join(kept))
    # Drop headings that no longer introduce anything, and trailing blank lines.
    cleaned: list[str] = []
    for i, line in enumerate(kept_lines):
        if line and _is_heading(line):
            rest = [x for x in kept_lines[i + 1 :] if x]
            if not any(not _is_heading(x) for x in rest):
                continue  # nothing follows it any more
            if _is_heading(rest[0]) and _heading_kind(rest[0]) == _heading_kind(line):
                continue  # its section is empty: the next heading is a sibling
        cleaned.append(line)
    body = "\n".join(cleaned).strip()
    body = re.sub(r"\n{3,}", "\n\n", body)
    if not body:
        return None

    order: dict[int, int] = {}

    def renumber(m: re.Match[str]) -> str:
        new = []
        for k in _numbers(m.group()):
            order.setdefault(k, len(order) + 1)
            if order[k] not in new:
                new.append(order[k])
        return "".join(f"[{k}]" for k in sorted(new))

    body = _MARKER.sub(renumber, body)
    if not order:
        return None
    citations = [citation_for(new, ctx.passages[old - 1].doc) for old, new in order.items()]
    return f"{body}\n\n{DISCLAIMER}", citations


def _heading_kind(line: str) -> str:
    """'##' for Markdown headings, else the marker style: '**', '*', '_' or ':'."""
    stripped = line.strip()
    m = re.match(r"#{1,6}\s", stripped)
    if m:
        return m.group().strip()
    for mark in ("**", "*", "_"):
        if stripped.startswith(mark):
            return mark
    return ":"


# --------------------------------------------------------------------------- composer


def _text_of(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(
            b if isinstance(b, str) else str(b.get("text", "")) if isinstance(b, dict) else "" for b in content
        )
    return ""


class _ThinkFilter:
    """Hides a leading <think>...</think> block of reasoning models from a token stream."""

    def __init__(self) -> None:
        self.buffer = ""
        self.state = "start"  # start -> (think ->) text

    def feed(self, delta: str) -> str:
        if self.state == "text":
            return delta
        self.buffer += delta
        if self.state == "start":
            stripped = self.buffer.lstrip()
            if "<think>".startswith(stripped) and len(stripped) < len("<think>"):
                return ""  # could still become <think>
            if not stripped.lower().startswith("<think>"):
                self.state, out, self.buffer = "text", self.buffer, ""
                return out
            self.state = "think"
        end = self.buffer.lower().find("</think>")
        if end < 0:
            return ""
        out = self.buffer[end + len("</think>") :].lstrip()
        self.state, self.buffer = "text", ""
        return out


class LLMComposer:
    """Answers from the numbered passages with a chat model, falling back to the extractive one."""

    def __init__(
        self, model: BaseChatModel, name: str, timeout_s: float | None = None, fallback: Composer | None = None
    ):
        self.model = model
        self.name = name
        self.backend = f"llm:{name}"
        self.timeout_s = timeout_s
        self.fallback: Composer = fallback or ExtractiveComposer()

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMComposer | None:
        model = make_chat_model(settings)
        if model is None:
            return None
        return cls(model, settings.llm or "", timeout_s=settings.llm_timeout_s)

    # The model is called only for in-scope turns that retrieved something to cite, and never with
    # a message that tries to change its instructions: those get the extractive answer (no refusal).
    @staticmethod
    def _needs_model(ctx: Context) -> bool:
        return ctx.in_scope and bool(ctx.passages) and not is_injection(ctx.question)

    def stream(self, ctx: Context, history: list[dict[str, str]]) -> Iterator[str]:
        """Answer text deltas as the model writes them (markers not yet checked or renumbered).

        Yields nothing for out-of-scope or empty contexts. Any failure of the model raises
        :class:`LLMUnavailable`; pass the joined text to :meth:`finish` afterwards.
        """
        if not self._needs_model(ctx):
            return
        started = time.monotonic()
        think = _ThinkFilter()
        try:
            for chunk in self.model.stream(build_messages(ctx, history)):
                out = think.feed(_text_of(chunk))
                if out:
                    yield out
                if self.timeout_s and time.monotonic() - started > self.timeout_s * STREAM_DEADLINE_FACTOR:
                    raise LLMUnavailable("the model took too long")
        except LLMUnavailable:
            raise
        except Exception as exc:
            raise LLMUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def validate(self, text: str, ctx: Context) -> tuple[str, list[Citation]] | None:
        return validate(text, ctx)

    def finish(self, streamed: str | None, ctx: Context, error: str | None = None) -> Composed:
        """Checked answer from model text, or the fallback's answer with a notice."""
        if not self._needs_model(ctx):
            return self.fallback.finish(None, ctx)
        checked = None if error is not None or streamed is None else self.validate(streamed, ctx)
        if checked is not None:
            return Composed(checked[0], checked[1], self.backend, [])
        notice = NOTICE_UNAVAILABLE if error is not None or not (streamed or "").strip() else NOTICE_UNCHECKED
        text, citations, backend, notices = self.fallback.finish(None, ctx)
        return Composed(text, citations, backend, [*notices, notice])

    def compose(self, ctx: Context, history: list[dict[str, str]]) -> Composed:
        """The whole answer in one call; never raises because of the model."""
        if not self._needs_model(ctx):
            return self.finish(None, ctx)
        try:
            message = self.model.invoke(build_messages(ctx, history))
            text = _text_of(message)
        except Exception as exc:  # timeout, refused connection, HTTP error, bad response
            return self.finish(None, ctx, error=f"{type(exc).__name__}: {exc}")
        return self.finish(text, ctx)

    def rewrite_followup(self, message: str, history: list[dict]) -> str | None:
        """The follow-up as a standalone question, or None (no history, or any failure)."""
        past = history_messages(history)
        if not past or not message.strip():
            return None
        transcript = "\n".join(f"{'User' if isinstance(m, HumanMessage) else 'Assistant'}: {_text_of(m)}" for m in past)
        prompt = [
            SystemMessage(REWRITE_PROMPT),
            HumanMessage(
                f"<conversation>\n{transcript}\n</conversation>\n\n"
                f"<question>\n{_clean(message, 2000)}\n</question>\n\nStandalone question:"
            ),
        ]
        try:
            text = _THINK.sub("", _text_of(self.model.invoke(prompt))).strip()
        except Exception:
            return None
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        if not lines:
            return None
        question = re.sub(r"^(standalone question|question)\s*:\s*", "", lines[0], flags=re.I)
        question = question.strip().strip("\"“”'").strip()
        if not question or len(question) > REWRITE_MAX_CHARS:
            return None
        return question
