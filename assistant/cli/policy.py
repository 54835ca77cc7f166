"""`draft-policy`, `check-policy` and `eval-policy`: contact policies for clinics (issue 17).

draft-policy writes a cited contact policy and consent form (md, html, docx or json); exit 1 when a
choice conflicts with a binding code (the draft is still written, the conflicts in it), 2 on a usage
or file error. check-policy reads an existing policy (text, Markdown or DOCX, at most 1 MiB, in memory
only); exit 1 when a required element is missing or a sentence matches a known conflict.
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assistant.config import Settings
from assistant.errors import UsageError

FORMATS = ("md", "html", "docx", "json")


def _list(value: str | None) -> list[str] | None:
    return None if value is None else [v.strip() for v in value.split(",") if v.strip()]


def _input_flags(parser: argparse.ArgumentParser, *, check: bool) -> None:
    parser.add_argument("--config", type=Path, help="a clinic TOML file (keys as the flags, or a [policy] table)")
    parser.add_argument("--clinic", help="the clinic's name as clients see it")
    parser.add_argument("--jurisdictions", help="comma-separated places: US, US-TX, CA-ON, GB-SCT, AU-NSW, NZ ...")
    parser.add_argument("--professions", help="psychology, counselling, social-work, marriage-family-therapy, "
                        "psychotherapy")  # fmt: skip
    parser.add_argument("--memberships", help="codes the clinicians belong to or are registered with, e.g. ACA,NBCC "
                        "(default: every one listed for the place and profession is assumed)")  # fmt: skip
    default_channels = "texting,email,phone,video,portal" if check else None
    parser.add_argument("--channels", default=default_channels, help="texting,email,phone,video,portal or none")
    parser.add_argument("--purpose", default="scheduling,clinical" if check else None, help="scheduling,clinical")
    parser.add_argument("--social-media", choices=("none", "professional-page", "personal"))
    parser.add_argument("--response-time", help="e.g. 4h, 2d (working days), 1w, or words")
    parser.add_argument("--after-hours", help="the after-hours arrangement, in the clinic's words")
    parser.add_argument("--emergency", help="the clinic's emergency instruction")
    parser.add_argument("--records", choices=("yes", "no"), help="messages are kept in the clinical record")
    parser.add_argument("--secure-messaging", action="store_true", default=None,
                        help="text messages go through an encrypted service, not SMS")  # fmt: skip
    parser.add_argument("--no-written-consent", dest="written_consent", action="store_false", default=None,
                        help="clients do not sign the consent form before electronic contact")  # fmt: skip


def register(sub: argparse._SubParsersAction) -> None:
    draft = sub.add_parser("draft-policy", help="draft a cited contact policy and e-communication consent form")
    _input_flags(draft, check=False)
    draft.add_argument("--format", choices=FORMATS, default="md")
    draft.add_argument("--output", "-o", type=Path, help="write here instead of standard output (needed for docx "
                       "on a terminal)")  # fmt: skip
    draft.set_defaults(handler=run_draft)
    check = sub.add_parser("check-policy", help="which required elements an existing policy covers; known conflicts")
    check.add_argument("file", type=Path, help="the policy: .txt, .md or .docx (at most 1 MiB)")
    _input_flags(check, check=True)
    check.add_argument("--format", choices=("md", "json"), default="md")
    check.set_defaults(handler=run_check)
    ev = sub.add_parser("eval-policy", help="element recall, non-binding citations and conflicts on eval/policy.yaml")
    ev.add_argument("--file", type=Path, default=Path("eval/policy.yaml"))
    ev.set_defaults(handler=run_eval)


def load_config(path: Path) -> dict[str, Any]:
    """A clinic TOML file: the inputs as top-level keys or under [policy]; `name` and `jurisdiction` accepted."""
    if not path.is_file():
        raise UsageError(f"No configuration file at {path}.")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from exc
    table = dict(data.get("policy", data))
    if "policy" in data:  # clinic-level keys the policy table does not repeat
        for key in ("name", "jurisdiction", "after_hours"):
            if key in data and key not in table:
                table[key] = data[key]
    if "name" in table and "clinic" not in table:
        table["clinic"] = table.pop("name")
    if "jurisdiction" in table and "jurisdictions" not in table:
        table["jurisdictions"] = [table.pop("jurisdiction")]
    for key in ("id", "name", "jurisdiction"):
        table.pop(key, None)
    return table


def inputs_from_args(args: argparse.Namespace) -> Any:
    from assistant.policy.models import PolicyInputs

    values: dict[str, Any] = load_config(args.config) if args.config else {}
    flags = {
        "clinic": args.clinic, "jurisdictions": _list(args.jurisdictions), "professions": _list(args.professions),
        "memberships": _list(args.memberships), "channels": _list(args.channels), "purpose": _list(args.purpose),
        "social_media": args.social_media, "response_time": args.response_time, "after_hours": args.after_hours,
        "emergency": args.emergency, "records": args.records, "secure_messaging": args.secure_messaging,
        "written_consent": args.written_consent,
    }  # fmt: skip
    if args.config and args.command == "check-policy":  # the file's channels win over check's defaults
        for key in ("channels", "purpose"):
            if key in values:
                flags[key] = None
    values.update({k: v for k, v in flags.items() if v is not None})
    if isinstance(values.get("records"), bool):  # TOML `records = true`
        values["records"] = "yes" if values["records"] else "no"
    try:
        return PolicyInputs.model_validate(values)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'inputs'}: {e['msg']}" for e in exc.errors())
        raise UsageError(f"Invalid policy inputs: {problems}") from exc


def run_draft(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.corpus.loader import load_corpus
    from assistant.policy import render
    from assistant.policy.draft import draft_policy

    inputs = inputs_from_args(args)
    draft = draft_policy(inputs, load_corpus(settings.corpus_dir))
    if args.format == "docx":
        body = render.to_docx(draft)
        if args.output:
            args.output.write_bytes(body)
        elif sys.stdout.isatty():
            raise UsageError("DOCX is binary: give --output FILE.docx (or redirect standard output).")
        else:
            sys.stdout.buffer.write(body)
    else:
        text = {"md": render.to_markdown, "html": render.to_html, "json": render.to_json}[args.format](draft)
        if args.output:
            args.output.write_text(text.rstrip("\n") + "\n", encoding="utf-8")
        else:
            sys.stdout.write(text.rstrip("\n") + "\n")
    for conflict in draft.conflicts:
        print(f"conflict: {render.conflict_line(conflict)}", file=sys.stderr)
    return 1 if draft.conflicts else 0


def run_check(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.corpus.loader import load_corpus
    from assistant.index.embeddings import get_embeddings
    from assistant.policy import render
    from assistant.policy.check import MAX_UPLOAD_BYTES, check_policy, read_policy_bytes

    path: Path = args.file
    if not path.is_file():
        raise UsageError(f"No policy file at {path}.")
    if path.stat().st_size > MAX_UPLOAD_BYTES:
        raise UsageError(f"{path} is larger than {MAX_UPLOAD_BYTES // 1024} KiB.")
    text = read_policy_bytes(path.read_bytes(), path.name)
    inputs = inputs_from_args(args)
    result = check_policy(text, inputs, load_corpus(settings.corpus_dir), get_embeddings(settings))
    sys.stdout.write((render.check_to_json(result) if args.format == "json" else render.check_to_markdown(result))
                     .rstrip("\n") + "\n")  # fmt: skip
    return 1 if result.missing_required or result.conflicts else 0


def run_eval(args: argparse.Namespace, settings: Settings) -> int:
    from assistant.evaluation.policy import run_policy_eval

    if not args.file.is_file():
        raise UsageError(f"No evaluation file at {args.file}.")
    report, ok = run_policy_eval(args.file, settings)
    print(report)
    return 0 if ok else 1
