"""The Gradio page: a streaming chat with a crisis banner above answers and sources under them.

Everything shown in the chat that did not come from our own code is escaped here: the
user's text is displayed as text (HTML and Markdown tricks are neutralised before Gradio's
own sanitiser sees them), and every citation field and crisis line is HTML-escaped, with
links limited to http(s), tel: and sms:. The conversation lives only in the browser
session's Gradio state; nothing about a message is logged.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Iterator
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import gradio as gr
from markdown_it import MarkdownIt

from assistant import jurisdictions
from assistant.config import Settings
from assistant.index.store import IndexUnavailable
from assistant.reply import Ask, Citation, CrisisBlock, HistoryTurn, Notice, Reply

log = logging.getLogger(__name__)

TITLE = "Contact Ethics Assistant"
INTRO = (
    "Questions about contact with your therapist or counsellor outside sessions — texting, "
    "email, social media, after-hours help, gifts, friendship after therapy and more — "
    "answered from published professional ethics codes, with sources."
)
DISCLAIMER = (
    "General information from published codes, not legal or clinical advice. "
    "This is not a crisis service: in an emergency, call your local emergency number."
)
EXAMPLES = [
    "Can I text my therapist between sessions?",
    "Is it okay to follow my therapist on Instagram?",
    "Therapy ended a year ago. Can we be friends now?",
    "What should I do if I need help after hours?",
    "Can I give my counsellor a small gift?",
]
NOT_SURE = "not sure"
_SUBDIVISIONS = {
    "US": ["US-CA", "US-FL", "US-IL", "US-NY", "US-OH", "US-TX"],
    "CA": ["CA-AB", "CA-BC", "CA-ON", "CA-QC"],
    "GB": ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"],
    "IE": [],
    "AU": ["AU-NSW", "AU-QLD", "AU-VIC", "AU-WA"],
    "NZ": [],
}


def jurisdiction_choices() -> list[tuple[str, str]]:
    """(label, value) pairs: 'Not sure', then each country followed by its common subdivisions."""
    choices = [("Not sure", NOT_SURE)]
    for country, subs in _SUBDIVISIONS.items():
        choices.append((jurisdictions.COUNTRIES[country], country))
        choices += [(jurisdictions.label(code), code) for code in subs]
    return choices


# -- escaping and safe links ---------------------------------------------------------------

_MD_SPECIAL = set("\\`*_{}[]()#+-.!|~$:")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
_PHONE_TARGET = re.compile(r"^\+?[0-9][0-9 ().\-]*(?:[?&;]{1,2}body=[A-Za-z0-9%+ \-]*)?$")


def escape_user_text(text: str) -> str:
    """Text a person typed, made inert for a Markdown+HTML renderer so it displays as typed."""
    out: list[str] = []
    for ch in text:
        if ch in _HTML_SPECIAL:
            out.append(_HTML_SPECIAL[ch])
        elif ch in _MD_SPECIAL:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, or a tel:/sms: number; otherwise None."""
    if not url:
        return None
    url = url.strip()
    scheme, _, rest = url.partition(":")
    scheme = scheme.lower()
    if scheme in ("http", "https"):
        parts = urlsplit(url)
        if parts.hostname and not any(c in url for c in "<>\"' \\`"):
            return url
        return None
    if scheme in ("tel", "sms") and _PHONE_TARGET.match(rest.strip()):
        return f"{scheme}:{rest.strip()}"
    return None


def link_domain(url: str) -> str:
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def _link_open(self, tokens, idx, options, env) -> str:
    href = tokens[idx].attrGet("href") or ""
    if href.startswith(("http://", "https://")):
        tokens[idx].attrSet("target", "_blank")
        tokens[idx].attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = lambda url: safe_url(url) is not None
    md.add_render_rule("link_open", _link_open)
    return md


_MD = _markdown()


def markdown_to_safe_html(text: str) -> str:
    """Our own Markdown (crisis lines) as HTML: raw HTML escaped, only safe links kept, one line."""
    return _MD.render(text).replace("\n", " ").strip()


# -- crisis banner ---------------------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?((?:tel|sms):[^)\s>]+)>?\s*\)")


def _crisis_heading(block: CrisisBlock) -> str:
    if block.tier == "distress":
        return "If you need to talk to someone now"
    return "If you are in danger right now"


def crisis_banner_html(block: CrisisBlock) -> str:
    """The full crisis block: a bordered alert box with tap-to-call and tap-to-text links."""
    tone = "cea-crisis-amber" if block.tier == "distress" else "cea-crisis-red"
    return (
        f'<div class="cea-crisis {tone}" role="alert" aria-label="{html.escape(_crisis_heading(block))}">'
        f'<p class="cea-crisis-title"><strong>{html.escape(_crisis_heading(block))}</strong></p>'
        f'<div class="cea-crisis-body">{markdown_to_safe_html(block.message)}</div></div>'
    )


def _strip_links(message: str) -> list[tuple[str, str]]:
    """(label, url) for each tap-to-call / tap-to-text link of a crisis message.

    "- **Samaritans**: call [116 123](tel:116123)" gives ("Samaritans: call 116 123", "tel:116123");
    "**Call [999](tel:999) now**" gives ("Call 999", "tel:999").
    """
    links: list[tuple[str, str]] = []
    for line in message.splitlines():
        named = re.match(r"^\s*(?:[-*]\s+)?\*\*([^*\[\]]+?)\*\*", line)
        name = named.group(1).strip().rstrip(":").strip() if named else ""
        for text, href in _LINK.findall(line):
            url = safe_url(href)
            if url is None:
                continue
            words = re.sub(r"[*_`]", "", text).strip()
            if not re.match(r"(?i)(call|text|phone|ring)\b", words):
                words = f"{'call' if url.startswith('tel:') else 'text'} {words}"
            label = f"{name}: {words[0].lower()}{words[1:]}" if name else words[0].upper() + words[1:]
            links.append((label, url))
    return list(dict.fromkeys(links))


def crisis_strip_html(block: dict[str, Any] | None) -> str:
    """A compact banner kept above the chat for the rest of a conversation that had a crisis."""
    if not block:
        return ""
    crisis = CrisisBlock.model_validate(block)
    links = [
        f'<a class="cea-call" href="{html.escape(url)}">{html.escape(label)}</a>'
        for label, url in _strip_links(crisis.message)
    ]
    body = " ".join(links) or html.escape("Contact your local emergency number or a crisis line now.")
    tone = "cea-crisis-amber" if crisis.tier == "distress" else "cea-crisis-red"
    return (
        f'<div class="cea-strip {tone}" role="region" aria-label="Emergency contacts">'
        f"<strong>{html.escape(_crisis_heading(crisis))}:</strong> {body}</div>"
    )


# -- sources panel -------------------------------------------------------------------------


def sources_html(citations: list[Citation]) -> str:
    """Numbered sources under an answer: code, section, heading, place, edition, excerpt, link."""
    if not citations:
        return ""
    items = []
    for c in citations:
        section = html.escape(c.section) if c.section else '<em class="cea-unverified">section number not verified</em>'
        place = jurisdictions.label(c.jurisdiction) if c.jurisdiction else ""
        meta = " · ".join(html.escape(x) for x in (c.title, place, c.edition) if x)
        url = safe_url(c.url)
        link = (
            f'<a class="cea-src-link" href="{html.escape(url)}" target="_blank" rel="noopener noreferrer">'
            f"Official source: {html.escape(link_domain(url))}"
            '<span class="cea-sr-only"> (opens in a new tab)</span></a>'
            if url
            else ""
        )
        # Our own paraphrase, not the code's wording: never shown in quotation marks.
        excerpt = (
            f'<span class="cea-src-excerpt">In summary (our paraphrase): {html.escape(c.excerpt)}</span>'
            if c.excerpt
            else ""
        )
        items.append(
            f'<li class="cea-src"><span class="cea-src-n">[{c.n}]</span> '
            f"<strong>{html.escape(c.code)} {section}</strong> — {html.escape(c.heading)}"
            f'<br><span class="cea-src-meta">{meta}</span>'
            f"{'<br>' + excerpt if excerpt else ''}{'<br>' + link if link else ''}</li>"
        )
    return (
        '<div class="cea-sources" role="region" aria-label="Sources">'
        f'<p class="cea-sources-title"><strong>Sources</strong></p><ul>{"".join(items)}</ul></div>'
    )


def reply_markdown(reply: Reply, answer: str | None = None, with_sources: bool = True) -> str:
    """One assistant chat message: crisis banner first, notices, the answer, then its sources."""
    parts: list[str] = []
    if reply.crisis is not None:
        parts.append(crisis_banner_html(reply.crisis))
    parts += [f'<p class="cea-notice">{html.escape(n.text)}</p>' for n in reply.notices]
    text = reply.answer if answer is None else answer
    if text:
        parts.append(text)
    if with_sources and reply.citations:
        parts.append(sources_html(reply.citations))
    return "\n\n".join(parts)


def _chunks(text: str, words: int = 6) -> Iterator[str]:
    """Growing prefixes of ``text``, a few words at a time (for streaming to the page)."""
    ends = [m.end() for m in re.finditer(r"\S+\s*", text)]
    for i in range(words, len(ends), words):
        yield text[: ends[i - 1]]
    yield text


# -- the chat handler ------------------------------------------------------------------------


class ChatHandler:
    """Turns a message, the picked place and the session's history into streamed chat updates."""

    def __init__(self, settings: Settings, assistant, stream_delay: float = 0.012):
        self.settings = settings
        self.assistant = assistant
        self.stream_delay = stream_delay

    @property
    def hard_limit(self) -> int:
        return self.settings.max_message_chars * 4

    def respond(
        self,
        message: str,
        jurisdiction: str | None,
        chat: list[dict] | None,
        history: list[dict] | None,
        crisis: dict | None,
    ):
        """Generator of (textbox, chat, history, crisis state, crisis strip) updates."""
        from assistant.errors import EmptyMessage

        chat = list(chat or [])
        history = list(history or [])
        message = message or ""
        if not message.strip():
            gr.Info("Please type a question first.")
            yield gr.update(), chat, history, crisis, gr.update()
            return
        place = None if not jurisdiction or jurisdiction == NOT_SURE else jurisdiction
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
                    {"role": "assistant", "content": reply_markdown(screened)}]
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
                for partial in _chunks(reply.answer):
                    content = reply_markdown(reply, partial, with_sources=partial == reply.answer)
                    chat = [*chat[: _user_end(chat)], {"role": "assistant", "content": content}]
                    yield gr.update(), chat, history, crisis, _strip(crisis)
                    if self.stream_delay and partial != reply.answer:
                        time.sleep(self.stream_delay)
        except (EmptyMessage, jurisdictions.UnknownJurisdiction) as exc:
            chat.append({"role": "assistant", "content": html.escape(str(exc))})
            yield gr.update(), chat, history, crisis, _strip(crisis)
            return
        except Exception as exc:  # never show internals or log the message: the type is enough
            failed = _UNAVAILABLE if isinstance(exc, IndexUnavailable) else _FAILED
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


_UNAVAILABLE = (
    "Sorry, search is unavailable right now, so I can't answer that at the moment. Please try again in a "
    "few minutes. If you are in danger, call your local emergency number now."
)
_FAILED = (
    "Sorry, something went wrong while answering. Please try again in a moment. "
    "If you are in danger, call your local emergency number now."
)


def _user_end(chat: list[dict]) -> int:
    """Index just past the last user message (the assistant reply being streamed follows it)."""
    for i in range(len(chat) - 1, -1, -1):
        if chat[i].get("role") == "user":
            return i + 1
    return len(chat)


def _strip(crisis: dict | None):
    return gr.update(value=crisis_strip_html(crisis), visible=bool(crisis))


# -- the page --------------------------------------------------------------------------------

CSS = """
.gradio-container { max-width: 920px !important; margin: 0 auto !important; }
#cea-header h1 { font-size: 1.6rem; margin: 0 0 .25rem 0; }
#cea-header p { margin: 0 0 .25rem 0; }
#cea-disclaimer, #cea-disclaimer p { font-size: .85rem; color: var(--body-text-color-subdued); margin: 0; }
#crisis-banner .cea-strip { border: 3px solid #b91c1c; background: #fef2f2; color: #450a0a;
  border-radius: 10px; padding: .6rem .8rem; line-height: 2; }
#crisis-banner .cea-strip.cea-crisis-amber { border-color: #b45309; background: #fffbeb; color: #451a03; }
.cea-call { display: inline-block; margin: .1rem .3rem .1rem 0; padding: .1rem .6rem; line-height: 1.6;
  border-radius: 999px; background: #b91c1c; color: #fff !important; text-decoration: none !important;
  font-weight: 600; }
.cea-crisis-amber .cea-call { background: #92400e; }
.cea-call:focus-visible, .cea-src-link:focus-visible { outline: 3px solid #1d4ed8; outline-offset: 2px; }
#chat .cea-crisis { border: 3px solid #b91c1c; background: #fef2f2; color: #450a0a;
  border-radius: 10px; padding: .5rem .9rem; margin: 0 0 .75rem 0; }
#chat .cea-crisis.cea-crisis-amber { border-color: #b45309; background: #fffbeb; color: #451a03; }
#chat .cea-crisis-title { font-size: 1.1rem; margin: .2rem 0 .3rem 0; }
#chat .cea-crisis a { color: #991b1b; font-weight: 700; text-decoration: underline; }
#chat .cea-crisis-amber a { color: #92400e; }
#chat .cea-notice { font-size: .9rem; font-style: italic; }
#chat .cea-sources { border-top: 1px solid var(--border-color-primary); margin-top: .75rem;
  padding-top: .5rem; font-size: .9rem; }
#chat .cea-sources ul { list-style: none; padding-left: 0; margin: .25rem 0 0 0; }
#chat .cea-src { margin: 0 0 .7rem 0; }
#chat .cea-src-n { font-weight: 700; }
#chat .cea-src-meta { color: var(--body-text-color-subdued); font-size: .85rem; }
#chat .cea-src-excerpt { display: inline-block; margin: .2rem 0; }
#chat .cea-unverified { font-weight: 400; color: var(--body-text-color-subdued); }
.cea-sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
  clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }
#cea-controls { align-items: end; }
#cea-input-row { align-items: flex-end; }
#send { align-self: flex-end; max-height: 3.2rem; }
@media (max-width: 640px) {
  .gradio-container { padding: 0 6px !important; }
  #cea-header h1 { font-size: 1.3rem; }
  #cea-header p.cea-intro { display: none; }
  #chat .message-row { margin-left: 0 !important; margin-right: 0 !important; padding: 4px 2px !important; }
  #chat .message { max-width: 100% !important; }
  #chat .cea-src-excerpt { font-size: .85rem; }
  .cea-call { font-size: .9rem; }
}
"""


SYSTEM_FONTS = ("system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif")
MONO_FONTS = ("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace")


def theme() -> gr.themes.Base:
    """A calm theme using only system fonts: the page makes no requests to font hosts."""
    return gr.themes.Soft(
        primary_hue="indigo", neutral_hue="slate", font=list(SYSTEM_FONTS), font_mono=list(MONO_FONTS)
    )


def build_ui(settings: Settings, assistant, stream_delay: float = 0.012) -> gr.Blocks:
    """The chat page. Events: the chat itself (`/chat`, for the page) and `/ask` (for API clients)."""
    handler = ChatHandler(settings, assistant, stream_delay)
    with gr.Blocks(title=TITLE, fill_width=False, analytics_enabled=False) as demo:
        gr.HTML(
            f'<header id="cea-header"><h1>{TITLE}</h1><p class="cea-intro">{html.escape(INTRO)}</p></header>',
            elem_id="cea-header-wrap",
            padding=False,
        )
        gr.Markdown(DISCLAIMER, elem_id="cea-disclaimer")
        panel = chat_panel(
            settings,
            place_label="Where is your therapist?",
            place_info="Codes differ by country and region.",
            height="60vh",
            buttons=[],
            placeholder=(
                "**Ask a question** about contacting your therapist outside sessions, or pick an example below."
            ),
            examples=EXAMPLES,
            box_label="Your question",
        )
        place, new_chat, strip, chatbot, box, send, history, crisis = panel

        outputs = [box, chatbot, history, crisis, strip]
        inputs = [box, place, chatbot, history, crisis]
        box.submit(handler.respond, inputs, outputs, api_name="chat", api_visibility="undocumented")
        send.click(handler.respond, inputs, outputs, api_visibility="private")
        chatbot.example_select(_example_text, None, box, api_visibility="private", queue=False).then(
            handler.respond, inputs, outputs, api_visibility="private"
        )
        new_chat.click(
            _new_conversation, None, [box, chatbot, history, crisis, strip], api_visibility="private", queue=False
        )
        chatbot.clear(
            _new_conversation, None, [box, chatbot, history, crisis, strip], api_visibility="private", queue=False
        )

        def ask(question: str, jurisdiction: str = "", history: list[dict] | None = None) -> Iterator[dict]:
            """Answer one message. `jurisdiction`: e.g. "US", "CA-ON", "United Kingdom" or "" (not sure).
            `history`: earlier turns as [{"role": "user"|"assistant", "content": str}].
            Yields the Reply as JSON: the crisis block (if any) arrives first, then the full reply."""
            yield from _api_replies(settings, assistant, question, jurisdiction, history)

        gr.api(ask, api_name="ask")
    return demo


class ChatPanel(NamedTuple):
    place: gr.Dropdown
    new_chat: gr.Button
    strip: gr.HTML
    chatbot: gr.Chatbot
    box: gr.Textbox
    send: gr.Button
    history: gr.State
    crisis: gr.State


def chat_panel(
    settings: Settings,
    *,
    place_label: str,
    height: str,
    buttons: list[str],
    placeholder: str,
    box_label: str,
    place_info: str | None = None,
    examples: list[str] | None = None,
) -> ChatPanel:
    """The chat controls shared by the client page and the staff "Ask" tab (same elem_ids)."""
    with gr.Row(elem_id="cea-controls", equal_height=False):
        place = gr.Dropdown(
            choices=jurisdiction_choices(),
            value=NOT_SURE,
            label=place_label,
            info=place_info,
            elem_id="jurisdiction",
            filterable=True,
            allow_custom_value=False,
            scale=3,
            min_width=200,
        )
        new_chat = gr.Button(
            "New conversation", elem_id="new-conversation", variant="secondary", scale=1, min_width=160
        )
    strip = gr.HTML("", elem_id="crisis-banner", visible=False, padding=False)
    chatbot = gr.Chatbot(
        label="Conversation",
        show_label=False,
        elem_id="chat",
        height=height,
        min_height=320,
        layout="panel",
        sanitize_html=True,
        render_markdown=True,
        latex_delimiters=[],
        buttons=buttons,
        feedback_options=None,
        allow_tags=False,
        placeholder=placeholder,
        examples=[{"text": q} for q in examples] if examples else None,
    )
    with gr.Row(elem_id="cea-input-row", equal_height=True):
        box = gr.Textbox(
            label=box_label,
            placeholder="Type your question and press Enter",
            elem_id="message",
            lines=1,
            max_lines=6,
            max_length=settings.max_message_chars * 4,
            autofocus=False,
            submit_btn=False,
            scale=5,
            min_width=200,
        )
        send = gr.Button("Send", variant="primary", elem_id="send", scale=1, min_width=90)
    history = gr.State([], time_to_live=7200)
    crisis = gr.State(None, time_to_live=7200)
    return ChatPanel(place, new_chat, strip, chatbot, box, send, history, crisis)


def _example_text(evt: gr.SelectData) -> str:
    value = evt.value
    if isinstance(value, dict):
        return str(value.get("text", ""))
    return str(value or "")


def _new_conversation():
    return "", [], [], None, gr.update(value="", visible=False)


def _api_replies(settings: Settings, assistant, question, jurisdiction, history) -> Iterator[dict]:
    """The `/ask` Gradio endpoint: same checks and errors as the JSON API, as gr.Error."""
    from assistant.web.api import RequestRejected, crisis_or_refusal, validate_ask

    data = {"question": question, "jurisdiction": jurisdiction or None, "history": history or []}
    try:
        ask = validate_ask(data, settings)
    except RequestRejected as exc:
        screened = crisis_or_refusal(assistant, data, exc, settings)
        if screened is None:
            raise gr.Error(exc.message, title=exc.error) from None
        yield screened.model_dump(mode="json")
        return
    try:
        for reply in assistant.stream(ask):
            yield reply.model_dump(mode="json")
    except IndexUnavailable:
        raise gr.Error(_UNAVAILABLE, title="index_unavailable") from None


def mount_options(settings: Settings) -> dict:
    """Options shared by every Gradio app we mount: no footer links, history, monitoring or MCP."""
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "footer_links": [],
        "run_history": False,
        "show_error": False,
        "ssr_mode": False,
        "mcp_server": False,
        "enable_monitoring": False,
        "pwa": False,
        "theme": theme(),
    }
