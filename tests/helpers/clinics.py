"""Clinic files for the widget tests: each test writes its own (for its own free ports)."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
POLICIES = ROOT / "corpus" / "policies"
HARBOUR = POLICIES / "sample-harbour-psychology.yaml"  # GB
RIVERSIDE = POLICIES / "sample-riverside-counselling.yaml"  # US

PNG_1PX = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0f01f0005000201a1b4e1a40000000049454e44ae426082"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def toml_list(values: list[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def clinic_toml(
    name: str = "Test Clinic",
    jurisdiction: str = "GB",
    origins: list[str] | None = None,
    policy: list[str] | None = None,
    after_hours: str = "Call the test clinic's after-hours line.",
    phone: str = "+44 20 7946 0123",
    extra: str = "",
    accent: str = "#1d4f91",
    daily_cap: int = 1000,
    visitor_limit: str = "60/minute",
) -> str:
    return (
        f'name = "{name}"\nsample = true\njurisdiction = "{jurisdiction}"\ngreeting = "Hello from {name}."\n'
        f'accent_colour = "{accent}"\nallowed_origins = {toml_list(origins or [])}\n'
        f"policy = {toml_list(policy or [])}\ndaily_cap = {daily_cap}\nvisitor_limit = \"{visitor_limit}\"\n{extra}"
        f'\n[after_hours]\ntext = "{after_hours}"\nphone = "{phone}"\n'
    )


def write_clinic(folder: Path, clinic_id: str, policy_source: Path | None = None, **kw: object) -> Path:
    """``folder/<id>.toml`` (and a copy of ``policy_source`` beside it, named after the clinic)."""
    folder.mkdir(parents=True, exist_ok=True)
    policy = []
    if policy_source is not None:
        copy = folder / f"{clinic_id}-policy.yaml"
        shutil.copy(policy_source, copy)
        policy = [copy.name]
    path = folder / f"{clinic_id}.toml"
    path.write_text(clinic_toml(policy=policy, **kw), encoding="utf-8")  # type: ignore[arg-type]  # test keywords
    return path


def policy_yaml(policy_id: str, clinic: str, jurisdiction: str, texting: str, email: str) -> str:
    """A small policy in the corpus policy format, with sentences no other document has."""
    return (
        f"id: {policy_id}\nclinic: {clinic}\ntitle: \"Test policy: contact between sessions\"\n"
        f"jurisdiction: {jurisdiction}\nsample: true\nlast_checked: 2026-12-01\nsections:\n"
        f"  - heading: Text messages\n    text: >\n      {texting}\n    topics: [texting, phone]\n"
        f"  - heading: Email\n    text: >\n      {email}\n    topics: [email]\n"
    )


ALDER_TEXT = (
    "At Alder Test Clinic your therapist answers text messages within four working hours, through the "
    "Alder duty phone only, and never about therapy itself."
)
BIRCH_TEXT = (
    "Birch Test Clinic does not use text messages with clients at all; please use the Birch secure portal "
    "for appointments and questions between sessions."
)


def write_policy(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
