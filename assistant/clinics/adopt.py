"""'Use as this clinic's policy': write an adopted draft into a clinic's configuration (issue 17).

:func:`adopt_into_clinic` writes, beside ``clinics/<id>.toml``:

* ``<id>-contact-policy.yaml``: the draft in the corpus policy format (``assistant.policy.adopt``), titled
  with its version (1, 2, 3 ... per clinic) and the day it was adopted, which clients see in citations;
* ``<id>-contact-policy.yaml.cited.json``: the record of the provisions it cites (``assistant.policy.cited``),
  read back by :func:`adopted_records` for the Policy tab's change notices;
* the clinic's TOML with ``policy = ["<id>-contact-policy.yaml"]`` (only that key changes; comments and
  the other keys stay, through tomlkit).

Every file is written to a temporary file in the same folder and moved into place (``os.replace``), the
policy and the new TOML validated first (corpus policy model, clinic configuration model), so a broken
write never disables a clinic; the registry (``registry.py``) sees the changed files within seconds.
Who may adopt (staff who manage the clinic) and the confirmation are the caller's checks; the audit
line (:func:`audit`) records who, when (UTC), which clinic and which version, never the policy's text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import re
import secrets
import threading
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import tomlkit
import yaml
from pydantic import ValidationError

from assistant.clinics.config import CLINIC_ID, MAX_CONFIG_BYTES, ClinicConfig
from assistant.corpus.schema import Policy
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.corpus.loader import Corpus
    from assistant.policy.cited import CitedRecord
    from assistant.policy.models import Draft

log = logging.getLogger(__name__)

POLICY_SUFFIX = "-contact-policy.yaml"
RECORD_SUFFIX = ".cited.json"
AUDIT_SUFFIX = ".audit"
_VERSION = re.compile(r"^[0-9]{1,6}$")
_local = threading.Lock()


class ClinicUnknown(AssistantError):
    """No clinic file of that id."""

    code = "clinic_unknown"
    status = 404


class ClinicNotManaged(AssistantError):
    """The staff member does not manage the clinic."""

    code = "clinic_not_managed"
    status = 403


class AdoptionFailed(AssistantError):
    """The clinic's current file, or the result, would not validate: nothing was changed."""

    code = "adoption_failed"
    status = 409


@dataclass(frozen=True)
class Adopted:
    clinic_id: str
    version: int
    day: dt.date
    policy_path: Path
    record_path: Path
    config_path: Path


def clinic_file(clinics_dir: Path, clinic_id: str) -> Path:
    """The clinic's TOML, or `ClinicUnknown`."""
    if not CLINIC_ID.match(clinic_id or ""):
        raise ClinicUnknown("There is no clinic with that id.")
    path = Path(clinics_dir) / f"{clinic_id}.toml"
    if not path.is_file():
        raise ClinicUnknown("There is no clinic with that id.")
    return path


def clinic_name(clinics_dir: Path, clinic_id: str) -> str:
    """The clinic's configured name (its id when the file cannot be read)."""
    try:
        data = tomllib.loads(clinic_file(clinics_dir, clinic_id).read_text(encoding="utf-8"))
    except (AssistantError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return clinic_id
    name = data.get("name")
    return name if isinstance(name, str) and name.strip() else clinic_id


def policy_file(clinics_dir: Path, clinic_id: str) -> Path:
    return Path(clinics_dir) / f"{clinic_id}{POLICY_SUFFIX}"


def record_file(policy_path: Path) -> Path:
    return policy_path.with_name(policy_path.name + RECORD_SUFFIX)


def read_record(policy_path: Path) -> CitedRecord | None:
    """The sidecar of an adopted policy, or None (missing or not a record)."""
    from assistant.policy.cited import read_record_json

    try:
        return read_record_json(record_file(policy_path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def current_version(policy_path: Path) -> int:
    """The version of the clinic's adopted policy (0 when none was adopted)."""
    record = read_record(policy_path)
    return int(record.version) if record is not None and _VERSION.match(record.version) else 0


def adopted_records(clinics_dir: Path, clinic_ids: tuple[str, ...] | list[str]) -> list[tuple[str, CitedRecord]]:
    """(the clinic's name, the record of its adopted policy) for each of these clinics whose configuration
    uses an adopted policy (the Policy tab's change notices)."""
    out: list[tuple[str, CitedRecord]] = []
    for clinic_id in clinic_ids:
        try:
            path = clinic_file(clinics_dir, clinic_id)
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (AssistantError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue
        adopted = policy_file(clinics_dir, clinic_id)
        listed = data.get("policy")
        if not isinstance(listed, list) or adopted.name not in [str(p) for p in listed]:
            continue
        record = read_record(adopted)
        if record is not None:
            out.append((clinic_name(clinics_dir, clinic_id), record))
    return out


def _write_atomic(path: Path, text: str, mode: int) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


@contextlib.contextmanager
def _clinic_lock(config_path: Path) -> Iterator[None]:
    """One adoption of a clinic at a time (threads of this process, and processes sharing the folder)."""
    lock_path = config_path.with_name(f".{config_path.stem}.adopt.lock")
    with _local, open(lock_path, "a") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _new_config_text(text: str, policy_name: str) -> str:
    """The clinic's TOML with ``policy = [policy_name]``, everything else as it was (comments too)."""
    document = tomlkit.parse(text)
    listed = tomlkit.array()
    listed.append(policy_name)
    document["policy"] = listed
    return tomlkit.dumps(document)


def _validate_config(old: str, new: str, path: Path) -> None:
    """The new TOML is a valid clinic configuration equal to the old one but for ``policy``."""
    try:
        before, after = tomllib.loads(old), tomllib.loads(new)
        ClinicConfig.model_validate(after)
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise AdoptionFailed(
            f"{path.name} would not be a valid clinic configuration ({type(exc).__name__}); nothing was changed. "
            "Fix the file (the server's log names the problem when the file is read) and try again."
        ) from exc
    before.pop("policy", None)
    after.pop("policy", None)
    if before != after or len(new.encode("utf-8")) > MAX_CONFIG_BYTES:
        raise AdoptionFailed(f"{path.name} could not be edited safely; nothing was changed.")


def adopt_into_clinic(
    draft: Draft,
    corpus: Corpus,
    clinics_dir: Path,
    clinic_id: str,
    user: str,
    today: dt.date | None = None,
) -> Adopted:
    """Write ``draft`` as the clinic's policy (see the module docstring); `ClinicUnknown`, `AdoptionFailed`."""
    config_path = clinic_file(clinics_dir, clinic_id)
    day = today or dt.datetime.now(dt.UTC).date()
    try:
        return _adopt(draft, corpus, config_path, clinic_id, user, day)
    except OSError as exc:  # a read-only folder, a full disk: the TOML is replaced last, so it still loads
        log.warning("clinic %s: the adopted policy could not be written (%s)", clinic_id, type(exc).__name__)
        raise AdoptionFailed(
            "The clinic's folder could not be written, so its policy was not changed. The server needs write "
            "access to the clinics folder."
        ) from exc


def _adopt(draft: Draft, corpus: Corpus, config_path: Path, clinic_id: str, user: str, day: dt.date) -> Adopted:
    from assistant.policy.adopt import adopt_policy, policy_yaml
    from assistant.policy.cited import cited_record, record_json

    clinics_dir = config_path.parent
    with _clinic_lock(config_path):
        try:
            old_text = config_path.read_text(encoding="utf-8")
            current = ClinicConfig.model_validate(tomllib.loads(old_text))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as exc:
            raise AdoptionFailed(
                f"{config_path.name} is not a valid clinic configuration now ({type(exc).__name__}); nothing was "
                "changed. Fix the file first."
            ) from exc
        policy_path = policy_file(clinics_dir, clinic_id)
        version = current_version(policy_path) + 1
        try:  # the policy, and its text as the corpus loader will read it back
            policy = adopt_policy(draft, clinic_id, user, day, version=version, clinic_name=current.name)
            policy_text = policy_yaml(policy)
            if Policy.model_validate(yaml.safe_load(policy_text)) != policy:
                raise ValueError("the policy does not read back equal")
        except (ValidationError, ValueError) as exc:
            raise AdoptionFailed(f"The drafted policy is not a valid policy file ({type(exc).__name__}).") from exc
        record = cited_record(draft, corpus).model_copy(update={"version": str(version)})
        new_text = _new_config_text(old_text, policy_path.name)
        _validate_config(old_text, new_text, config_path)
        mode = config_path.stat().st_mode & 0o777
        _write_atomic(policy_path, policy_text, mode)
        _write_atomic(record_file(policy_path), record_json(record), mode)
        _write_atomic(config_path, new_text, mode)
    return Adopted(clinic_id, version, day, policy_path, record_file(policy_path), config_path)


def audit_path(staff_users_file: Path) -> Path:
    return Path(f"{staff_users_file}{AUDIT_SUFFIX}")


def audit(staff_users_file: Path | None, user: str, adopted: Adopted, at: dt.datetime | None = None) -> str:
    """The audit line of an adoption (who, when in UTC, which clinic, which version; never the text), logged
    and appended to ``<staff users file>.audit``; returned for the caller."""
    when = (at or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).isoformat(timespec="seconds")
    line = (
        f"{when} policy-adopted user={user} clinic={adopted.clinic_id} version={adopted.version} "
        f"file={adopted.policy_path.name}"
    )
    log.warning("audit: %s", line)  # WARNING: the level the server logs at (cli/serve.py)
    if staff_users_file is not None:
        try:
            fd = os.open(audit_path(staff_users_file), os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            with os.fdopen(fd, "a", encoding="utf-8") as out:
                out.write(line + "\n")
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:  # the change is made and the log has its line: say the file missed it
            log.warning("audit file %s not written (%s)", audit_path(staff_users_file), type(exc).__name__)
    return line
