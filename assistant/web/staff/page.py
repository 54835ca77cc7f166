"""The staff page: "Compare codes" (``compare.py``), "Policy" (``policy.py``) and "Ask", the clients' chat
without the notice.

Its CSS (``static/staff.css``) comes after the client page's; ``static/staff.js`` sends the
person back to the sign-in form when a call answers 401 (the session ran out while the page
was open).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

import gradio as gr

from assistant.config import Settings
from assistant.web.assets import static_text
from assistant.web.chat import ChatHandler, new_conversation
from assistant.web.page import TITLE, chat_css, chat_panel
from assistant.web.staff.compare import CompareHandler, code_catalogue, compare_tab
from assistant.web.staff.policy import PolicyService, policy_tab

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant

STAFF_TITLE = f"Staff area — {TITLE}"
HEAD = '<meta name="robots" content="noindex, nofollow">'


def staff_css() -> str:
    """The client page's CSS, then the staff page's own."""
    return chat_css() + static_text("staff.css")


def staff_js() -> str:
    """The page's start-up function (``static/staff.js``)."""
    return static_text("staff.js")


def header_html(user: str | None) -> str:
    who = (
        f'<span class="staff-who">Signed in as <strong>{html.escape(user)}</strong>'
        '<form method="post" action="logout" class="staff-logout-form">'
        '<button type="submit" id="staff-logout">Sign out</button></form></span>'
        if user
        else ""
    )
    return f'<div id="staff-header"><h1>Staff area</h1>{who}</div>'


def build_staff_ui(
    settings: Settings,
    assistant: Assistant,
    stream_delay: float = 0.012,
    clinic_counts: Callable[[str | None], str] | None = None,
    policy: PolicyService | None = None,
) -> gr.Blocks:
    """The staff page: compare codes across jurisdictions, draft and check contact policies, the clients' chat
    without the notice, and the anonymous counts of the clinics the signed-in user manages (``clinic_counts``:
    user -> HTML). ``policy`` is shared with the /staff/policy/ routes (``mount.py``)."""
    policy = policy or PolicyService(settings, assistant.embeddings)
    handler = CompareHandler(assistant.knowledge_base, assistant.embeddings)
    catalogue = assistant.kb or code_catalogue(settings)
    chat = ChatHandler(settings, assistant, stream_delay)
    with gr.Blocks(title=STAFF_TITLE, fill_width=False, analytics_enabled=False, delete_cache=(1800, 3600)) as demo:
        header = gr.HTML(header_html(None), padding=False, elem_id="staff-header-wrap")
        with gr.Tabs(elem_id="staff-tabs"):
            with gr.Tab("Compare codes", id="compare", elem_id="staff-tab-compare"):
                compare_tab(catalogue, handler)

            with gr.Tab("Policy", id="policy", elem_id="staff-tab-policy"):
                policy_notice, policy_handler = policy_tab(policy)

            with gr.Tab("Ask", id="ask", elem_id="staff-tab-ask"):
                gr.Markdown(
                    "The same answers clients get, with the same crisis guidance and sources.",
                    elem_id="staff-ask-note",
                )
                place, new_chat, strip, chatbot, box, send, history, crisis = chat_panel(
                    settings,
                    place_label="Where is the therapist?",
                    height="55vh",
                    buttons=["copy"],
                    placeholder="**Ask** what a client would ask, or anything about contact outside sessions.",
                    box_label="Question",
                )
                chat_in = [box, place, chatbot, history, crisis]
                chat_out = [box, chatbot, history, crisis, strip]
                box.submit(chat.respond, chat_in, chat_out, api_visibility="private")
                send.click(chat.respond, chat_in, chat_out, api_visibility="private")
                new_chat.click(new_conversation, None, chat_out, api_visibility="private", queue=False)
                chatbot.clear(new_conversation, None, chat_out, api_visibility="private", queue=False)

            with gr.Tab("Clinic counts", id="clinics", elem_id="staff-tab-clinics"):
                gr.Markdown(
                    "Anonymous counts for the clinics you manage (questions per topic, crisis blocks per tier, "
                    'per week; below 5 shown as "<5"). [Open as a page with CSV downloads](clinics).',
                    elem_id="staff-clinics-note",
                )
                counts = gr.HTML("", elem_id="staff-clinic-counts", padding=False)

        def who(request: gr.Request) -> tuple[str, str]:
            user = getattr(request, "username", None)
            return header_html(user), clinic_counts(user) if clinic_counts is not None else ""

        demo.load(who, None, [header, counts], api_visibility="private", queue=False)
        demo.load(policy_handler.opened, None, policy_notice, api_visibility="private", queue=False)
    return demo
