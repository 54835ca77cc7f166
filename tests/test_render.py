"""Escaping and rendering (assistant.web.render): pure functions, no server and no browser."""

from __future__ import annotations

import re

import pytest

from assistant.reply import Citation, CrisisBlock, Notice, Reply
from assistant.web.render import (
    crisis_banner_html,
    crisis_strip_html,
    escape_user_text,
    link_domain,
    markdown_link,
    markdown_to_safe_html,
    reply_markdown,
    safe_url,
    sources_html,
)

HREF = re.compile(r'href="([^"]*)"')



@pytest.mark.parametrize(
    "text",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "**b** `c` $$x$$"],
)
def test_user_text_is_inert(text: str) -> None:
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark", {"html": True}).render(escape_user_text(text))
    assert "<script" not in rendered and "<img" not in rendered and "<a " not in rendered
    assert "<strong>" not in rendered and "<code>" not in rendered
    # what a reader sees is what was typed
    from html import unescape

    assert unescape(re.sub(r"<[^>]+>", "", rendered)).strip() == text


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.bacp.co.uk/ethics", True),
        ("http://example.org/x", True),
        ("tel:999", True),
        ("tel:+1-800-799-7233", True),
        ("tel:988,1", True),  # dial 988, then press 1 (the Veterans Crisis Line)
        ("tel:988,1<script>", False),
        ("sms:85258", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ('https://x.org/"onmouseover=alert(1)', False),
        ("tel:999<script>", False),
        ("ftp://example.org", False),
        ("", False),
    ],
)
def test_safe_url(url: str, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def _citation(**kw) -> Citation:
    base = dict(
        n=1,
        code="BACP",
        title="Ethical <Framework>",
        edition="2018",
        jurisdiction="GB",
        section=None,
        heading="<img src=x onerror=alert(1)>",
        url="javascript:alert(1)",
        excerpt="Practitioners & clients <script>alert(1)</script>",
    )
    return Citation(**(base | kw))


def test_sources_panel_escapes_fields_and_drops_unsafe_links() -> None:
    out = sources_html([_citation(), _citation(n=2, section="33", url="https://www.bacp.co.uk/x")])
    assert "<script" not in out and "<img" not in out and "&lt;img" in out
    assert "section not numbered" in out and "BACP 33" in out
    assert HREF.findall(out) == ["https://www.bacp.co.uk/x"]
    assert 'target="_blank" rel="noopener noreferrer"' in out
    assert "[1]" in out and "[2]" in out and "Official source: bacp.co.uk" in out


def test_crisis_banner_keeps_tel_and_sms_links_only() -> None:
    block = CrisisBlock(
        category="suicide",
        tier="imminent",
        resources=[],
        message=(
            "Please reach out now.\n\n**Call [999](tel:999) now** if you are in danger.\n\n"
            "- **Samaritans**: call [116 123](tel:116123) (24/7)\n\n"
            "- **Shout**: [text SHOUT to 85258](sms:85258?&body=SHOUT) (24/7)\n\n"
            "- [bad](javascript:alert(1)) <b>x</b>"
        ),
    )
    banner = crisis_banner_html(block)
    assert "If you are in danger right now" in banner and 'role="alert"' in banner
    assert HREF.findall(banner) == ["tel:999", "tel:116123", "sms:85258?&amp;body=SHOUT"]
    assert "<b>" not in banner and "\n\n" not in banner  # one HTML block inside a chat message
    strip = crisis_strip_html(block.model_dump())
    assert HREF.findall(strip) == ["tel:999", "tel:116123", "sms:85258?&amp;body=SHOUT"]
    for label in ("Call 999<", "Samaritans: call 116 123<", "Shout: text SHOUT to 85258<"):
        assert label in strip


def test_a_menu_option_link_and_a_spanish_banner() -> None:
    block = CrisisBlock(
        category="suicide",
        tier="crisis",
        language="es",
        resources=[],
        message="Gracias.\n\n- **Veterans Crisis Line**: llama al [988 y luego marca 1](tel:988,1) (24/7)",
    )
    banner = crisis_banner_html(block)
    assert HREF.findall(banner) == ["tel:988,1"]
    assert "Si estás en peligro ahora mismo" in banner and "If you are in danger" not in banner
    assert "Veterans Crisis Line: llama al 988 y luego marca 1<" in crisis_strip_html(block.model_dump())


# -- more of the same boundary -----------------------------------------------------------------

CRISIS_MESSAGE = "Please reach out now.\n\n- **Samaritans**: call [116 123](tel:116123) (24/7)"


def _crisis(tier: str = "imminent") -> CrisisBlock:
    return CrisisBlock(category="suicide", tier=tier, resources=[], message=CRISIS_MESSAGE)


def test_our_markdown_keeps_safe_links_only_and_escapes_html() -> None:
    out = markdown_to_safe_html(
        "[site](https://example.org/a) [bad](javascript:alert(1)) [call](tel:999) <script>x</script>"
    )
    assert HREF.findall(out) == ["https://example.org/a", "tel:999"]
    assert '<a href="https://example.org/a" target="_blank" rel="noopener noreferrer">' in out
    assert '<a href="tel:999">' in out  # tap-to-call stays in the same tab
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\n" not in out
    assert "<img" not in markdown_to_safe_html("![x](https://example.org/x.png)")


def test_markdown_links_are_escaped_and_only_http() -> None:
    assert markdown_link("10.08", "https://www.apa.org/ethics/code") == "[10\\.08](https://www.apa.org/ethics/code)"
    assert markdown_link("a", "https://x.org/p(1)") == "[a](https://x.org/p%281%29)"
    assert markdown_link("<b>x</b>", "javascript:alert(1)") == "&lt;b&gt;x&lt;/b&gt;"
    assert markdown_link("call", "tel:999") == "call"
    assert link_domain("https://www.bacp.co.uk/x") == "bacp.co.uk"


def test_strip_is_empty_without_a_crisis_and_amber_for_distress() -> None:
    assert crisis_strip_html(None) == "" and crisis_strip_html({}) == ""
    strip = crisis_strip_html(_crisis("distress").model_dump())
    assert "cea-crisis-amber" in strip and "If you need to talk to someone now:" in strip
    assert HREF.findall(strip) == ["tel:116123"]
    assert "cea-crisis-amber" in crisis_banner_html(_crisis("distress"))
    assert "cea-crisis-red" in crisis_banner_html(_crisis("crisis"))


def test_no_sources_no_panel() -> None:
    assert sources_html([]) == ""


def test_chat_message_puts_the_crisis_banner_first() -> None:
    reply = Reply(
        answer="Many codes allow brief texts [1].",
        crisis=_crisis(),
        notices=[Notice(code="message_truncated", text="Only the first <500> characters were read.")],
        citations=[_citation(url="https://www.bacp.co.uk/x")],
    )
    out = reply_markdown(reply)
    assert out.startswith('<div class="cea-crisis ')
    banner, notice, answer, sources = (out.index(s) for s in ("cea-crisis", "cea-notice", "Many codes", "cea-sources"))
    assert banner < notice < answer < sources
    assert "&lt;500&gt;" in out and "<500>" not in out


def test_chat_message_while_streaming_keeps_the_banner_and_holds_the_sources() -> None:
    reply = Reply(answer="Many codes allow brief texts [1].", crisis=_crisis(), citations=[_citation()])
    partial = reply_markdown(reply, "Many codes", with_sources=False)
    assert partial.startswith('<div class="cea-crisis ') and partial.endswith("Many codes")
    assert "cea-sources" not in partial
    only_banner = reply_markdown(Reply(answer="", crisis=_crisis()))
    assert only_banner == crisis_banner_html(_crisis())


def test_chat_message_without_a_crisis_starts_with_notices() -> None:
    reply = Reply(answer="Answer.", notices=[Notice(code="x", text="Note.")])
    assert reply_markdown(reply) == '<p class="cea-notice">Note.</p>\n\nAnswer.'
