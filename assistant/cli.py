"""Command line: ask, batch JSON, interactive chat, evaluations and staff comparisons.

`python -m assistant ask "can my therapist text me?" --jurisdiction GB --json`
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError

from assistant.config import Settings
from assistant.jurisdictions import UnknownJurisdiction, normalize
from assistant.reply import Ask, HistoryTurn, Reply


def _load_assistant(settings: Settings):
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
            section = c.section or "section number not verified"
            parts.append(f"  [{c.n}] {c.code} {section}: {c.heading} ({c.jurisdiction}, {c.edition}) {c.url}")
    return "\n".join(parts)


def _error_object(line_no: int, message: str) -> dict:
    return {"error": message, "line": line_no}


def iter_batch(source: TextIO) -> Iterator[tuple[int, Ask | None, str | None]]:
    """(line number, parsed request or None, error or None) for each non-blank line."""
    for line_no, raw in enumerate(source, start=1):
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("each line must be a JSON object")
            ask = Ask.model_validate(data)
            normalize(ask.jurisdiction)
        except (ValueError, ValidationError, UnknownJurisdiction) as exc:
            reason = exc.errors()[0]["msg"] if isinstance(exc, ValidationError) else str(exc)
            yield line_no, None, reason
            continue
        yield line_no, ask, None


def run_batch(assistant, source: TextIO, out: TextIO) -> int:
    """One JSON reply per input line, in order; a bad line gets an error object and the batch goes on."""
    from assistant.pipeline import EmptyMessage
    from assistant.store import IndexUnavailable

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
            except (EmptyMessage, UnknownJurisdiction, IndexUnavailable) as exc:
                error = str(exc)
        failures += 1
        out.write(json.dumps(_error_object(line_no, error or "invalid request")) + "\n")
        out.flush()
    return failures


def _chat(assistant, jurisdiction: str | None) -> int:
    from assistant.pipeline import EmptyMessage

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
        except (EmptyMessage, UnknownJurisdiction) as exc:
            print(exc)
            continue
        print("\n" + render_text(reply) + "\n")
        history += [HistoryTurn(role="user", content=message), HistoryTurn(role="assistant", content=reply.answer)]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m assistant", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    ask = sub.add_parser("ask", help="answer one question, or a JSON Lines batch")
    ask.add_argument("question", nargs="?", help="the question")
    ask.add_argument("--jurisdiction", "-j", help="e.g. US, GB, CA-ON, 'Ontario', 'UK'")
    ask.add_argument("--json", action="store_true", help="print the Reply as JSON")
    ask.add_argument("--batch", type=Path, help="JSON Lines file of requests ('-' for stdin)")
    chat = sub.add_parser("chat", help="interactive conversation")
    chat.add_argument("--jurisdiction", "-j")
    ev = sub.add_parser("eval", help="retrieval quality on eval/questions.yaml")
    ev.add_argument("--file", type=Path, default=Path("eval/questions.yaml"))
    evc = sub.add_parser("eval-crisis", help="crisis detection on eval/crisis.yaml")
    evc.add_argument("--file", type=Path, default=Path("eval/crisis.yaml"))
    cmp_ = sub.add_parser("compare", help="side-by-side comparison of codes on a topic")
    cmp_.add_argument("topic")
    cmp_.add_argument("--jurisdictions", default="", help="comma-separated, e.g. US,GB,AU")
    cmp_.add_argument("--codes", default="", help="comma-separated code IDs, e.g. ACA,BACP")
    cmp_.add_argument("--format", choices=("md", "csv", "json"), default="md")
    evp = sub.add_parser("eval-compare", help="comparison quality on eval/compare.yaml")
    evp.add_argument("--file", type=Path, default=Path("eval/compare.yaml"))
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    from assistant.pipeline import EmptyMessage
    from assistant.store import IndexUnavailable

    try:
        if args.command == "ask":
            jurisdiction = normalize(args.jurisdiction)
            assistant = _load_assistant(settings)
            if args.batch:
                if args.batch == Path("-"):
                    failures = run_batch(assistant, sys.stdin, sys.stdout)
                else:
                    with args.batch.open(encoding="utf-8", errors="replace") as source:
                        failures = run_batch(assistant, source, sys.stdout)
                return 1 if failures else 0
            if not args.question:
                print("Give a question, or --batch FILE.", file=sys.stderr)
                return 2
            reply = assistant.answer(Ask(question=args.question, jurisdiction=jurisdiction))
            print(reply.model_dump_json(indent=2) if args.json else render_text(reply))
            if any(n.code == "search_unavailable" for n in reply.notices):
                # The crisis block was given; the answer itself was not (contracts: 1 = an item failed).
                print(assistant.readiness()[1], file=sys.stderr)
                return 1
            return 0
        if args.command == "chat":
            return _chat(_load_assistant(settings), normalize(args.jurisdiction))
        if args.command == "eval":
            from assistant.evaluation.retrieval import run_retrieval_eval

            print(run_retrieval_eval(args.file, _load_assistant(settings)))
            return 0
        if args.command == "eval-crisis":
            from assistant.bootstrap import detector_from_settings
            from assistant.evaluation.crisis import run_crisis_eval

            print(run_crisis_eval(args.file, detector_from_settings(settings)))
            return 0
        if args.command in ("compare", "eval-compare"):
            from assistant import comparison

            return comparison.cli(args, settings)
    except (UnknownJurisdiction, EmptyMessage, IndexUnavailable) as exc:
        print(str(exc), file=sys.stderr)
        return 2
    return 2
