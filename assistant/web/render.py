"""Escaping and rendering for the chat: the one place where text becomes HTML or Markdown.

This is a security boundary. Everything shown in a chat message that did not come from our
own code passes through here: what a person typed is made inert (HTML and Markdown tricks
are neutralised before Gradio's own sanitiser sees them), every citation field and crisis
line is HTML-escaped, and links are limited to http(s) with a host, tel: and sms:. Pure
functions only (no Gradio), so the rules are unit-tested without a browser.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from assistant import jurisdictions
from assistant.crisis.types import Language
from assistant.crisis.wording import framing
from assistant.reply import Citation, CrisisBlock, Reply

# -- escaping and safe links ---------------------------------------------------------------

_MD_SPECIAL = set("\\`*_{}[]()#+-.!|~$:")
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"}
# A number, optionally a pause and a menu key ("tel:988,1": dial 988, then press 1), or an SMS body.
_PHONE_TARGET = re.compile(r"^\+?[0-9][0-9 ().\-]*(?:,[0-9#*]+)?(?:[?&;]{1,2}body=[A-Za-z0-9%+ \-]*)?$")


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
    """The host of a URL without "www." (the visible name of an official source)."""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")


def markdown_link(text: str, url: str | None) -> str:
    """A Markdown link with escaped text, only for safe http(s) URLs; else the escaped text."""
    safe = safe_url(url)
    label = escape_user_text(text)
    if not safe or not safe.startswith(("http://", "https://")):
        return label
    target = safe.replace("(", "%28").replace(")", "%29")
    return f"[{label}]({target})"


def _link_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    href = tokens[idx].attrGet("href") or ""
    if isinstance(href, str) and href.startswith(("http://", "https://")):
        tokens[idx].attrSet("target", "_blank")
        tokens[idx].attrSet("rel", "noopener noreferrer")
    return self.renderToken(tokens, idx, options, env)


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable("image")
    md.validateLink = lambda url: safe_url(url) is not None  # type: ignore[method-assign]  # markdown-it's documented hook
    md.add_render_rule("link_open", _link_open)
    return md


_MD = _markdown()


def markdown_to_safe_html(text: str) -> str:
    """Our own Markdown (crisis lines) as HTML: raw HTML escaped, only safe links kept, one line."""
    return _MD.render(text).replace("\n", " ").strip()


# -- crisis banner and strip -------------------------------------------------------------------

_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?((?:tel|sms):[^)\s>]+)>?\s*\)")


def _crisis_heading(block: CrisisBlock) -> str:
    """The banner's title, in the block's language."""
    words = framing(block.language)
    return words.heading_talk if block.tier == "distress" else words.heading_danger


def crisis_banner_html(block: CrisisBlock) -> str:
    """The full crisis block: a bordered alert box with tap-to-call and tap-to-text links."""
    tone = "cea-crisis-amber" if block.tier == "distress" else "cea-crisis-red"
    return (
        f'<div class="cea-crisis {tone}" role="alert" aria-label="{html.escape(_crisis_heading(block))}">'
        f'<p class="cea-crisis-title"><strong>{html.escape(_crisis_heading(block))}</strong></p>'
        f'<div class="cea-crisis-body">{markdown_to_safe_html(block.message)}</div></div>'
    )


def _strip_links(message: str, language: Language = "en") -> list[tuple[str, str]]:
    """(label, url) for each tap-to-call / tap-to-text link of a crisis message.

    "- **Samaritans**: call [116 123](tel:116123)" gives ("Samaritans: call 116 123", "tel:116123");
    "**Call [999](tel:999) now**" gives ("Call 999", "tel:999").
    """
    w = framing(language)
    links: list[tuple[str, str]] = []
    for line in message.splitlines():
        named = re.match(r"^\s*(?:[-*]\s+)?\*\*([^*\[\]]+?)\*\*", line)
        name = named.group(1).strip().rstrip(":").strip() if named else ""
        for text, href in _LINK.findall(line):
            url = safe_url(href)
            if url is None:
                continue
            words = re.sub(r"[*_`]", "", text).strip()
            if not re.match(r"(?i)(call|text|phone|ring|llama|env[ií]a|appelez|textez)\b", words):
                words = f"{w.call} {words}" if url.startswith("tel:") else w.text.format(number=words)
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
        for label, url in _strip_links(crisis.message, crisis.language)
    ]
    body = " ".join(links) or html.escape("Contact your local emergency number or a crisis line now.")
    tone = "cea-crisis-amber" if crisis.tier == "distress" else "cea-crisis-red"
    return (
        f'<div class="cea-strip {tone}" role="region" aria-label="Emergency contacts">'
        f"<strong>{html.escape(_crisis_heading(crisis))}:</strong> {body}</div>"
    )


# -- sources and the whole chat message ------------------------------------------------------------


def sources_html(citations: list[Citation]) -> str:
    """Numbered sources under an answer: code, section, heading, place, edition, excerpt, link."""
    if not citations:
        return ""
    items = []
    for c in citations:
        section = html.escape(c.section) if c.section else '<em class="cea-unverified">section not numbered</em>'
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
