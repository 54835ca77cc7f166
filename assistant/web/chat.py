"""The chat behind the page: streamed chat updates for a message, and the `/ask` Gradio endpoint.

The conversation lives in the browser session's Gradio state (the chat shown, the plain-text
history and the conversation's crisis block), which Gradio keeps in the server's memory for
up to two hours after the page was last used; nothing about a message is logged or written
anywhere. Every piece of text shown goes through :mod:`assistant.web.render`. Messages count
against the client's rate limit (``ASSISTANT_RATE_LIMIT``, by address): over it, the chat
says so in a friendly message, after the crisis block when the message has a crisis reading.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import gradio as gr

from assistant.config import Settings
from assistant.errors import EmptyMessage, IndexUnavailable, RequestRejected, UnknownJurisdiction
from assistant.reply import Ask, CrisisBlock, HistoryTurn, Notice, Reply
from assistant.web.api import crisis_or_refusal, rate_limited, validate_ask
from assistant.web.ratelimit import RATE_LIMITED, RATE_LIMITED_TEXT, RateLimits, wait_words
from assistant.web.render import crisis_banner_html, crisis_strip_html, escape_user_text, reply_markdown
from assistant.web.streaming import growing_prefixes

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant

log = logging.getLogger(__name__)

NOT_SURE = "not sure"  # the picker's value for "no place given"
UNAVAILABLE = (
    "Sorry, search is unavailable right now, so I can't answer that at the moment. Please try again in a "
    "few minutes. If you are in danger, call your local emergency number now."
)
FAILED = (
    "Sorry, something went wrong while answering. Please try again in a moment. "
    "If you are in danger, call your local emergency number now."
)

Message = dict[str, Any]  # one chat or history turn: {"role": ..., "content": ...}
CHAT_WORDS = 6  # words added to the page per streamed update
ChatUpdate = tuple[Any, list[Message], list[Message], dict[str, Any] | None, Any]
"""(textbox, chat, history, crisis state, crisis strip): the outputs of every chat event."""


def _user_end(chat: list[Message]) -> int:
    """Index just past the last user message (the assistant reply being streamed follows it)."""
    for i in range(len(chat) - 1, -1, -1):
        if chat[i].get("role") == "user":
            return i + 1
    return len(chat)


def _strip(crisis: dict[str, Any] | None) -> Any:
    return gr.update(value=crisis_strip_html(crisis), visible=bool(crisis))


class ChatHandler:
    """Turns a message, the picked place and the session's history into streamed chat updates."""

    def __init__(
        self,
        settings: Settings,
        assistant: Assistant,
        stream_delay: float = 0.012,
        limits: RateLimits | None = None,
    ):
        self.settings = settings
        self.assistant = assistant
        self.stream_delay = stream_delay
        self.limits = limits

    @property
    def hard_limit(self) -> int:
        return self.settings.max_message_chars * 4

    def respond(
        self,
        message: str,
        jurisdiction: str | None,
        chat: list[Message] | None,
        history: list[Message] | None,
        crisis: dict[str, Any] | None,
        request: gr.Request | None = None,
    ) -> Iterator[ChatUpdate]:
        """Generator of (textbox, chat, history, crisis state, crisis strip) updates."""
        chat = list(chat or [])
        history = list(history or [])
        message = message or ""
        if not message.strip():
            gr.Info("Please type a question first.")
            yield gr.update(), chat, history, crisis, gr.update()
            return
        place = None if not jurisdiction or jurisdiction == NOT_SURE else jurisdiction
        wait = self.limits.hit(_address(request)) if self.limits is not None else None
        if wait is not None:
            yield from self._rate_limited(message, place, chat, history, crisis, wait, _address(request))
            return
        if len(message) > self.hard_limit:
            warning = (
                f"That message is {len(message):,} characters long. Please keep it under "
                f"{self.hard_limit:,} characters (only the first {self.settings.max_message_chars:,} are read)."
            )
            screened = self.assistant.crisis_reply(
                Ask(question=message[: self.hard_limit], jurisdiction=place),
                Notice(code="message_too_long", text=warning),
            )
            if screened is None:
                gr.Warning(warning)
                yield gr.update(), chat, history, crisis, gr.update()
                return
            crisis = screened.crisis.model_dump() if screened.crisis else crisis
            chat = [*chat, {"role": "user", "content": escape_user_text(message[:200]) + "…"},
                    {"role": "assistant", "content": reply_markdown(screened)}]  # fmt: skip
            yield gr.update(), chat, history, crisis, _strip(crisis)
            return
        chat.append({"role": "user", "content": escape_user_text(message)})
        yield "", chat, history, crisis, gr.update()

        ask = Ask(
            question=message,
            jurisdiction=place,
            history=[HistoryTurn.model_validate(t) for t in history],
        )
        reply: Reply | None = None
        try:
            for reply in self.assistant.stream(ask):
                if reply.crisis is not None:
                    crisis = reply.crisis.model_dump()
                if not reply.answer:
                    chat = [*chat[: _user_end(chat)], {"role": "assistant", "content": reply_markdown(reply)}]
                    yield gr.update(), chat, history, crisis, _strip(crisis)
                    continue
                for partial in growing_prefixes(reply.answer, CHAT_WORDS):
                    content = reply_markdown(reply, partial, with_sources=partial == reply.answer)
                    chat = [*chat[: _user_end(chat)], {"role": "assistant", "content": content}]
                    yield gr.update(), chat, history, crisis, _strip(crisis)
                    if self.stream_delay and partial != reply.answer:
                        time.sleep(self.stream_delay)
        except (EmptyMessage, UnknownJurisdiction) as exc:
            chat.append({"role": "assistant", "content": html.escape(str(exc))})
            yield gr.update(), chat, history, crisis, _strip(crisis)
            return
        except Exception as exc:  # never show internals or log the message: the type is enough
            failed = UNAVAILABLE if isinstance(exc, IndexUnavailable) else FAILED
            if not isinstance(exc, IndexUnavailable):
                log.error("chat reply failed: %s", type(exc).__name__)
            banner = crisis_banner_html(CrisisBlock.model_validate(crisis)) + "\n\n" if crisis else ""
            chat = [*chat[: _user_end(chat)], {"role": "assistant", "content": banner + failed}]
            yield gr.update(), chat, history, crisis, _strip(crisis)
            return
        if reply is not None:
            history += [
                {"role": "user", "content": message},
                {"role": "assistant", "content": reply.answer},
            ]
        yield gr.update(), chat, history, crisis, _strip(crisis)


    def _rate_limited(
        self,
        message: str,
        place: str | None,
        chat: list[Message],
        history: list[Message],
        crisis: dict[str, Any] | None,
        wait: int,
        address: str | None,
    ) -> Iterator[ChatUpdate]:
        """Over the rate limit: the crisis block first when the message has a crisis reading, then the
        friendly message (contracts, rule 1); the message stays in the box to send again later."""
        text = RATE_LIMITED_TEXT.format(wait=wait_words(wait))
        screened = None
        if self.limits is None or self.limits.may_screen_refusal(address):
            turns = [HistoryTurn.model_validate(t) for t in history][-8:]
            screened = self.assistant.crisis_reply(
                Ask(question=message[: self.hard_limit], jurisdiction=place, history=turns),
                Notice(code=RATE_LIMITED, text=text),
            )
        shown = escape_user_text(message if len(message) <= 200 else message[:200] + "…")
        if screened is not None:
            crisis = screened.crisis.model_dump() if screened.crisis else crisis
            reply = reply_markdown(screened)
        else:
            reply = f'<p class="cea-notice">{html.escape(text)}</p>'
        chat = [*chat, {"role": "user", "content": shown}, {"role": "assistant", "content": reply}]
        yield gr.update(), chat, history, crisis, _strip(crisis)


def _address(request: gr.Request | None) -> str | None:
    client = getattr(request, "client", None)
    return getattr(client, "host", None)


def new_conversation() -> ChatUpdate:
    """Outputs that empty the box, the chat, the history and the crisis state, and hide the strip."""
    return "", [], [], None, gr.update(value="", visible=False)


def ask_replies(
    settings: Settings,
    assistant: Assistant,
    question: str,
    jurisdiction: str | None,
    history: list[Message] | None,
    limits: RateLimits | None = None,
    address: str | None = None,
) -> Iterator[dict[str, Any]]:
    """The `/ask` Gradio endpoint: same checks, errors and rate limit as the JSON API, as gr.Error."""
    data = {"question": question, "jurisdiction": jurisdiction or None, "history": history or []}
    try:
        ask = validate_ask(data, settings)
        if refusal := rate_limited(limits, address):
            raise refusal
    except RequestRejected as exc:
        screen = limits is None or limits.may_screen_refusal(address)
        screened = crisis_or_refusal(assistant, data, exc, settings) if screen else None
        if screened is None:
            raise gr.Error(exc.message, title=exc.error, print_exception=False) from None
        yield screened.model_dump(mode="json")
        return
    try:
        for reply in assistant.stream(ask):
            yield reply.model_dump(mode="json")
    except IndexUnavailable:
        raise gr.Error(UNAVAILABLE, title="index_unavailable", print_exception=False) from None
