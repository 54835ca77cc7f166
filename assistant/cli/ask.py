"""`ask` (one question, or a JSON Lines batch) and `chat` (an interactive conversation).

`python -m assistant ask "can my therapist text me?" --jurisdiction GB --json`
`python -m assistant ask --batch questions.jsonl --json` (one Reply, or one error object, per line)
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pydantic import ValidationError

from assistant.config import Settings
from assistant.errors import AssistantError, UnknownJurisdiction, UsageError
from assistant.jurisdictions import normalize
from assistant.reply import Ask, HistoryTurn, Reply

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant

MAX_LINE_BYTES = 1024 * 1024  # as the HTTP API's body limit


def register(sub: argparse._SubParsersAction) -> None:
    ask = sub.add_parser("ask", help="answer one question, or a JSON Lines batch")
    ask.add_argument("question", nargs="?", help="the question")
    ask.add_argument("--jurisdiction", "-j", help="e.g. US, GB, CA-ON, 'Ontario', 'UK'")
    ask.add_argument("--json", action="store_true", help="print the Reply as JSON")
    ask.add_argument("--batch", type=Path, help="JSON Lines file of requests ('-' for stdin)")
    ask.set_defaults(handler=run_ask)
    chat = sub.add_parser("chat", help="interactive conversation")
    chat.add_argument("--jurisdiction", "-j")
    chat.set_defaults(handler=run_chat)


def load_assistant(settings: Settings) -> Assistant:
    from assistant.bootstrap import assistant_from_settings

    return assistant_from_settings(settings)


def render_text(reply: Reply) -> str:
    """A reply for a terminal: crisis block first, answer, numbered sources."""
    parts: list[str] = []
    if reply.crisis is not None:
        parts += ["=" * 60, reply.crisis.message, "=" * 60, ""]
    parts += [f"Note: {n.text}" for n in reply.notices]
    if reply.answer:
        parts.append(reply.answer)
    if reply.citations:
        parts.append("\nSources:")
        for c in reply.citations:
            section = c.section or "section not numbered"
            parts.append(f"  [{c.n}] {c.code} {section}: {c.heading} ({c.jurisdiction}, {c.edition}) {c.url}")
    return "\n".join(parts)


def _error_object(line_no: int, message: str) -> dict[str, Any]:
    return {"error": message, "line": line_no}


def iter_batch(source: TextIO) -> Iterator[tuple[int, Ask | None, str | None]]:
    """(line number, parsed request or None, error or None) for each line, blank ones included (output line N
    answers input line N).

    No line can stop the batch: undecodable bytes, a byte-order mark, deep nesting, huge
    numbers or lines over 1 MiB all become that line's error.
    """
    for line_no, raw in enumerate(source, start=1):
        line = raw.lstrip("\ufeff") if line_no == 1 else raw
        if not line.strip():
            yield line_no, None, "the line is empty"
            continue
        try:
            if len(line.encode("utf-8", errors="replace")) > MAX_LINE_BYTES:
                raise ValueError(f"the line is over {MAX_LINE_BYTES} bytes")
            data = json.loads(line)
            if not isinstance(data, dict):
                raise ValueError("each line must be a JSON object")
            ask = Ask.model_validate(data)
            normalize(ask.jurisdiction)
        except ValidationError as exc:
            yield line_no, None, exc.errors()[0]["msg"]
            continue
        except (ValueError, UnknownJurisdiction) as exc:  # JSONDecodeError and too-long integers included
            yield line_no, None, str(exc)[:300]
            continue
        except RecursionError:
            yield line_no, None, "the line is nested too deeply"
            continue
        yield line_no, ask, None


def run_batch(assistant: Assistant, source: TextIO, out: TextIO) -> int:
    """One JSON reply per input line, in order; a bad line gets an error object and the batch goes on.

    Returns the number of lines that failed (a crisis block given without an answer counts).
    """
    failures = 0
    for line_no, ask, error in iter_batch(source):
        if ask is not None:
            try:
                reply = assistant.answer(ask)
                out.write(reply.model_dump_json() + "\n")
                out.flush()
                if any(n.code == "search_unavailable" for n in reply.notices):
                    failures += 1  # the crisis block was given, the answer was not
                continue
            except AssistantError as exc:
                error = exc.message
        failures += 1
        out.write(json.dumps(_error_object(line_no, error or "invalid request")) + "\n")
        out.flush()
    return failures


def _open_batch(path: Path) -> TextIO:
    if path == Path("-"):
        return io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8-sig", errors="replace")
    if not path.exists():
        raise UsageError(f"No batch file at {path}.")
    if not path.is_file():
        raise UsageError(f"{path} is not a file.")
    return path.open(encoding="utf-8-sig", errors="replace")


def run_ask(args: argparse.Namespace, settings: Settings) -> int:
    jurisdiction = normalize(args.jurisdiction)
    if args.batch:
        source = _open_batch(args.batch)  # before loading the model: a wrong path fails fast
        assistant = load_assistant(settings)
        try:
            failures = run_batch(assistant, source, sys.stdout)
        finally:
            source.close()
        return 1 if failures else 0
    if not args.question:
        print("Give a question, or --batch FILE.", file=sys.stderr)
        return 2
    assistant = load_assistant(settings)
    reply = assistant.answer(Ask(question=args.question, jurisdiction=jurisdiction))
    print(reply.model_dump_json(indent=2) if args.json else render_text(reply))
    if any(n.code == "search_unavailable" for n in reply.notices):
        # The crisis block was given; the answer itself was not (1 = an item failed).
        print(assistant.readiness()[1], file=sys.stderr)
        return 1
    return 0


def run_chat(args: argparse.Namespace, settings: Settings) -> int:
    jurisdiction = normalize(args.jurisdiction)
    assistant = load_assistant(settings)
    print("Contact Ethics Assistant. Ask about contact with your therapist outside sessions.")
    print("Not a crisis service: in an emergency call your local emergency number. Type 'quit' to leave.\n")
    history: list[HistoryTurn] = []
    while True:
        try:
            message = input("you> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        if message.strip().lower() in ("quit", "exit", ":q"):
            return 0
        try:
            reply = assistant.answer(Ask(question=message, jurisdiction=jurisdiction, history=history))
        except AssistantError as exc:
            print(exc.message)
            continue
        print("\n" + render_text(reply) + "\n")
        history += [HistoryTurn(role="user", content=message), HistoryTurn(role="assistant", content=reply.answer)]
