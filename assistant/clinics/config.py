"""One clinic's configuration: ``clinics/<id>.toml``, validated by :class:`ClinicConfig`.

Errors are ``file:line: field: message`` strings (a :class:`~assistant.errors.CorpusError`),
like the corpus's. The clinic's policy files are read in the corpus policy format
(:class:`assistant.corpus.schema.Policy`) and validated the same way, so their own errors name
their own file and line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from limits import parse_many
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant import jurisdictions
from assistant.corpus.loader import load_file
from assistant.corpus.schema import Policy
from assistant.errors import CorpusError

CLINIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
MAX_CONFIG_BYTES = 64 * 1024
MAX_LOGO_BYTES = 200 * 1024
MAX_POLICY_FILES = 8
MIN_CONTRAST = 4.5  # WCAG 2 AA for normal text
LOGO_TYPES = {".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp"}
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(one: str, two: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours (1 to 21)."""
    a, b = sorted((luminance(one), luminance(two)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def origin_problem(value: str) -> str | None:
    """Why ``value`` is not an exact ``scheme://host[:port]`` origin, or None."""
    if "*" in value:
        return "wildcards are not allowed: list each origin exactly"
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https"):
        return "must start with https:// or http://"
    if not parts.hostname or parts.username or parts.password:
        return "must name a host (and nothing else before it)"
    if parts.path or parts.query or parts.fragment or value.endswith("/"):
        return "must be scheme://host[:port] only, without a path or a trailing slash"
    try:
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        return "has an invalid port"
    if value != value.lower():
        return "must be written in lower case, as browsers send it"
    return None


class AfterHours(BaseModel):
    """The clinic's after-hours instruction, shown in every crisis block after the public lines."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=600)
    phone: str | None = Field(None, pattern=r"^\+?[0-9][0-9 ().-]{2,30}$")
    hours: str | None = Field(None, max_length=200)

    def instruction(self) -> str:
        """Markdown for the crisis block: the clinic's words (made inert), its number as a call link."""
        from assistant.web.render import escape_user_text

        parts = [escape_user_text(" ".join(self.text.split()))]
        if self.phone:
            digits = re.sub(r"[^0-9+]", "", self.phone)
            parts.append(f"Call [{escape_user_text(self.phone)}](tel:{digits})")
        if self.hours:
            parts.append(f"({escape_user_text(' '.join(self.hours.split()))})")
        return " ".join(parts)


class ClinicConfig(BaseModel):
    """The fields of ``clinics/<id>.toml``; unknown keys are refused."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=120)
    sample: bool = Field(False, description="A fictional clinic shipped as an example (labelled as such).")
    jurisdiction: str = Field(description="Default place of the clinic's visitors, e.g. 'US-TX' or 'GB'.")
    greeting: str = Field(min_length=1, max_length=400)
    accent_colour: str = Field(description="'#rrggbb': the launcher, buttons and headings.")
    accent_text_colour: str = Field("#ffffff", description="'#rrggbb': text on the accent colour.")
    logo: str | None = Field(None, description="PNG, JPEG or WebP next to the file (never SVG), at most 200 KiB.")
    allowed_origins: list[str] = Field(description="Exact scheme://host[:port] of the clinic's pages.")
    after_hours: AfterHours | None = None
    policy: list[str] = Field(default_factory=list, max_length=MAX_POLICY_FILES)
    daily_cap: int = Field(1000, ge=1, le=1_000_000, description="Messages a day for the whole clinic.")
    visitor_limit: str = Field("6/minute;30/hour", description="Per visitor address (limits notation, ';').")

    @field_validator("jurisdiction")
    @classmethod
    def _place(cls, value: str) -> str:
        try:
            code = jurisdictions.normalize(value)
        except jurisdictions.UnknownJurisdiction:
            code = None
        if code is None:
            raise ValueError("name a country or subdivision, e.g. 'US-TX', 'GB' or 'CA-ON'")
        return code

    @field_validator("accent_colour", "accent_text_colour")
    @classmethod
    def _colour(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError("must be a colour written '#rrggbb'")
        return value.lower()

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, values: list[str]) -> list[str]:
        for value in values:
            problem = origin_problem(value)
            if problem:
                raise ValueError(f"{value!r} {problem}")
        return list(dict.fromkeys(values))

    @field_validator("visitor_limit")
    @classmethod
    def _limit(cls, value: str) -> str:
        try:
            parse_many(value)
        except ValueError:
            raise ValueError("must be limits such as '6/minute;30/hour'") from None
        return value

    @field_validator("logo")
    @classmethod
    def _logo_name(cls, value: str | None) -> str | None:
        if value is None:
            return None
        suffix = Path(value).suffix.lower()
        if suffix == ".svg" or suffix == ".svgz":
            raise ValueError("SVG logos are not accepted (they can carry scripts): use PNG, JPEG or WebP")
        if suffix not in LOGO_TYPES:
            raise ValueError("must be a .png, .jpg, .jpeg or .webp file")
        return value

    @model_validator(mode="after")
    def _readable(self) -> ClinicConfig:
        ratio = contrast(self.accent_colour, self.accent_text_colour)
        if ratio < MIN_CONTRAST:
            raise ValueError(
                f"accent_colour {self.accent_colour} with text {self.accent_text_colour} has a contrast of "
                f"{ratio:.2f}:1; at least {MIN_CONTRAST}:1 is needed (pick a darker or lighter accent)"
            )
        return self


@dataclass
class Clinic:
    """A loaded clinic: its id, configuration, policies and logo, and the files it was read from."""

    id: str
    config: ClinicConfig
    path: Path
    policies: list[Policy] = field(default_factory=list)
    policy_paths: list[Path] = field(default_factory=list)
    logo: tuple[bytes, str] | None = None  # (bytes, media type)

    @property
    def after_hours(self) -> str | None:
        """The crisis block's clinic line: the TOML's, else the first policy file's (contracts)."""
        if self.config.after_hours is not None:
            return self.config.after_hours.instruction()
        from assistant.web.render import escape_user_text

        found = next((p.after_hours for p in self.policies if p.after_hours), None)
        return escape_user_text(" ".join(found.split())) if found else None

    @property
    def origins(self) -> list[str]:
        return list(self.config.allowed_origins)


def _key_line(text: str, loc: tuple[Any, ...]) -> int:
    """The line of a key (or of its table) in a TOML text; 1 when not found."""
    lines = text.splitlines()
    table_line, start = 0, 0
    if len(loc) > 1 and isinstance(loc[0], str):
        for i, line in enumerate(lines):
            if re.match(rf"^\s*\[\s*{re.escape(loc[0])}\s*\]", line):
                table_line, start = i + 1, i + 1
                break
    key = loc[1] if table_line and len(loc) > 1 else (loc[0] if loc else None)
    if isinstance(key, str):
        for i in range(start, len(lines)):
            if start and i > start and re.match(r"^\s*\[", lines[i]):
                break
            here = lines[i]
            if re.match(rf"^\s*{re.escape(key)}\s*=", here) or re.match(rf"^\s*\[\s*{re.escape(key)}\s*\]", here):
                return i + 1
    return table_line or 1


def _logo(path: Path, where: str) -> tuple[bytes, str]:
    if not path.is_file():
        raise CorpusError([f"{where}: logo: file not found: {path}"])
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise CorpusError([f"{where}: logo: {len(data)} bytes; at most {MAX_LOGO_BYTES} are accepted"])
    kinds = {
        "image/png": data.startswith(b"\x89PNG\r\n\x1a\n"),
        "image/jpeg": data.startswith(b"\xff\xd8\xff"),
        "image/webp": data[:4] == b"RIFF" and data[8:12] == b"WEBP",
    }
    media = LOGO_TYPES[path.suffix.lower()]
    if not kinds[media]:
        raise CorpusError([f"{where}: logo: the file is not a {media.split('/')[1].upper()} image"])
    return data, media


def load_clinic(path: Path) -> Clinic:
    """Read and validate one clinic file with its policy files and logo; `CorpusError` (file:line) otherwise."""
    clinic_id = path.stem
    if not CLINIC_ID.match(clinic_id):
        raise CorpusError([f"{path}:1: the file name must be the clinic id: lower-case letters, digits and '-'"])
    raw = path.read_bytes()
    if len(raw) > MAX_CONFIG_BYTES:
        raise CorpusError([f"{path}:1: file is larger than {MAX_CONFIG_BYTES} bytes"])
    try:
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise CorpusError([f"{path}:1: not valid UTF-8"]) from None
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise CorpusError([f"{path}:{found.group(1) if found else 1}: invalid TOML: {exc}"]) from None
    try:
        config = ClinicConfig.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            where = ".".join(str(p) for p in loc) or "(file)"
            message = err["msg"].removeprefix("Value error, ")
            if err["type"] == "extra_forbidden":
                message = "unknown key (the keys are: " + ", ".join(ClinicConfig.model_fields) + ")"
            problems.append(f"{path}:{_key_line(text, loc)}: {where}: {message}")
        raise CorpusError(problems) from None
    clinic = Clinic(clinic_id, config, path)
    problems = []
    for number, name in enumerate(config.policy):
        where = f"{path}:{_key_line(text, ('policy',))}: policy[{number}]"
        policy_path = (path.parent / name).resolve()
        if not policy_path.is_file():
            problems.append(f"{where}: file not found: {name}")
            continue
        try:
            loaded = load_file(policy_path, Policy)
        except CorpusError as exc:
            problems += [f"{where}: {p}" for p in exc.problems]
            continue
        assert isinstance(loaded, Policy)
        clinic.policies.append(loaded)
        clinic.policy_paths.append(policy_path)
    if config.logo:
        try:
            clinic.logo = _logo(path.parent / config.logo, f"{path}:{_key_line(text, ('logo',))}")
        except CorpusError as exc:
            problems += exc.problems
    if problems:
        raise CorpusError(problems)
    return clinic
