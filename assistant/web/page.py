"""The client page: a Gradio chat with a crisis banner above answers and sources under them.

Layout only: the chat behaviour is :mod:`assistant.web.chat`, the escaping and HTML
:mod:`assistant.web.render`, the CSS ``static/chat.css``. :func:`chat_panel` is shared with
the staff page's "Ask" tab so both chats keep the same elements and ids.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

import gradio as gr

from assistant import jurisdictions
from assistant.config import Settings
from assistant.web.assets import static_text
from assistant.web.chat import NOT_SURE, ChatHandler, ask_replies, new_conversation
from assistant.web.ratelimit import RateLimits

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant

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
HEAD = '<meta name="description" content="Cited answers about contact with your therapist outside sessions.">'
_SUBDIVISIONS = {
    "US": ["US-CA", "US-FL", "US-IL", "US-NY", "US-OH", "US-TX"],
    "CA": ["CA-AB", "CA-BC", "CA-ON", "CA-QC"],
    "GB": ["GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"],
    "IE": [],
    "AU": ["AU-NSW", "AU-QLD", "AU-VIC", "AU-WA"],
    "NZ": [],
}
SYSTEM_FONTS = ("system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif")
MONO_FONTS = ("ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace")


def chat_css() -> str:
    """The client page's CSS (``static/chat.css``); the staff page adds its own after it."""
    return static_text("chat.css")


def jurisdiction_choices() -> list[tuple[str, str]]:
    """(label, value) pairs: 'Not sure', then each country followed by its common subdivisions."""
    choices = [("Not sure", NOT_SURE)]
    for country, subs in _SUBDIVISIONS.items():
        choices.append((jurisdictions.COUNTRIES[country], country))
        choices += [(jurisdictions.label(code), code) for code in subs]
    return choices


def theme() -> gr.themes.Base:
    """A calm theme using only system fonts: the page makes no requests to font hosts."""
    base = gr.themes.Soft(
        primary_hue="indigo", neutral_hue="slate", font=list(SYSTEM_FONTS), font_mono=list(MONO_FONTS)
    )
    # WCAG AA (4.5:1) for the text the Soft theme draws too pale (axe: tests/test_widget_browser.py):
    # subdued text and field info were slate-400 (2.5:1), labels indigo-500 on indigo-100 (3.6:1), the
    # primary button white on indigo-500 (4.46:1),
    # and so was the selected tab's text on white.
    return base.set(
        body_text_color_subdued="*neutral_600",
        body_text_color_subdued_dark="*neutral_300",
        block_info_text_color="*neutral_600",
        block_label_text_color="*primary_800",
        block_title_text_color="*primary_800",
        button_primary_background_fill="*primary_700",
        button_primary_background_fill_hover="*primary_800",
        button_primary_text_color="white",
        color_accent="*primary_700",  # the selected tab's text: indigo-500 on white was 4.46:1
    )


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
    buttons: list[Any],
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


def build_ui(
    settings: Settings, assistant: Assistant, stream_delay: float = 0.012, limits: RateLimits | None = None
) -> gr.Blocks:
    """The chat page. Events: the chat itself (`/chat`, for the page) and `/ask` (for API clients).
    Both count against the client's rate limit (``limits``)."""
    handler = ChatHandler(settings, assistant, stream_delay, limits)
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
            new_conversation, None, [box, chatbot, history, crisis, strip], api_visibility="private", queue=False
        )
        chatbot.clear(
            new_conversation, None, [box, chatbot, history, crisis, strip], api_visibility="private", queue=False
        )

        def ask(
            question: str,
            jurisdiction: str = "",
            history: list[dict] | None = None,
            request: gr.Request | None = None,
        ) -> Iterator[dict]:
            """Answer one message. `jurisdiction`: e.g. "US", "CA-ON", "United Kingdom" or "" (not sure).
            `history`: earlier turns as [{"role": "user"|"assistant", "content": str}].
            Yields the Reply as JSON: the crisis block (if any) arrives first, then the full reply."""
            address = request.client.host if request is not None and request.client else None
            yield from ask_replies(settings, assistant, question, jurisdiction, history, limits, address)

        gr.api(ask, api_name="ask")
    return demo
