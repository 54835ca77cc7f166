"""Every clinic of ``ASSISTANT_CLINICS_DIR``, reloaded when its files change.

The folder is looked at again at most every ``POLL_SECONDS`` (on each replica: the contracts ask
for a change to take effect within 10 seconds). A file whose text, policy files or logo changed is
validated and its policy indexed in memory; when that fails, the last good configuration stays in
service and the reason (file:line, never a visitor's text) is logged once. A clinic that never
loaded is disabled (its pages answer 404); a removed file removes the clinic.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from langchain_core.embeddings import Embeddings

from assistant.clinics.config import CLINIC_ID, Clinic, load_clinic
from assistant.clinics.index import PolicyIndex
from assistant.errors import CorpusError

log = logging.getLogger(__name__)
POLL_SECONDS = 2.0

Stamp = tuple[tuple[str, int, int], ...]


def _stamp(paths: list[Path]) -> Stamp:
    out = []
    for path in paths:
        try:
            st = path.stat()
            out.append((str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            out.append((str(path), -1, -1))
    return tuple(out)


@dataclass
class LoadedClinic:
    """A clinic in service: its configuration and its in-memory policy index."""

    clinic: Clinic
    policy: PolicyIndex

    @property
    def id(self) -> str:
        return self.clinic.id


@dataclass
class _Entry:
    stamp: Stamp
    good: LoadedClinic | None = None
    problems: list[str] = field(default_factory=list)


class ClinicRegistry:
    """The clinics of one folder, each reloaded when its files change (the last good one kept)."""

    def __init__(
        self,
        folder: Path,
        embeddings: Embeddings | None,
        poll_seconds: float = POLL_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.folder = Path(folder)
        self.embeddings = embeddings
        self.poll_seconds = poll_seconds
        self.clock = clock
        self._entries: dict[str, _Entry] = {}
        self._checked = float("-inf")
        self._lock = threading.Lock()
        self._poller: threading.Thread | None = None
        self._stop = threading.Event()

    def start(self) -> ClinicRegistry:
        """Load every clinic now, then look at the folder every ``poll_seconds`` from a daemon thread (so
        that no request waits for a clinic's policy to be indexed)."""
        self.refresh(force=True)
        if self._poller is None:
            self._poller = threading.Thread(target=self._poll, name="clinic-registry", daemon=True)
            self._poller.start()
        return self

    def stop(self) -> None:
        self._stop.set()

    def _poll(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            try:
                self.refresh(force=True)
            except Exception as exc:  # noqa: BLE001 - the poller never dies of one bad folder state
                log.warning("clinic folder not read (%s)", type(exc).__name__)

    def _files(self) -> dict[str, Path]:
        if not self.folder.is_dir():
            return {}
        return {p.stem: p for p in sorted(self.folder.glob("*.toml")) if p.is_file() and not p.name.startswith(".")}

    def _paths(self, path: Path, entry: _Entry | None) -> list[Path]:
        """The clinic file and, from its last good load, its policy files and logo."""
        paths = [path]
        if entry is not None and entry.good is not None:
            clinic = entry.good.clinic
            paths += clinic.policy_paths
            if clinic.config.logo:
                paths.append(path.parent / clinic.config.logo)
        return paths

    def _load(self, clinic_id: str, path: Path, previous: _Entry | None) -> _Entry:
        try:
            clinic = load_clinic(path)
            if self.embeddings is None:
                raise CorpusError([f"{path}:1: no embedding model to index the clinic's policy"])
            loaded = LoadedClinic(clinic, PolicyIndex.build(clinic.policies, self.embeddings))
        except CorpusError as exc:
            kept = previous.good if previous is not None else None
            what = "keeping its last good configuration" if kept else "the clinic is disabled"
            log.warning("clinic %s not loaded (%s): %s", clinic_id, what, "; ".join(exc.problems))
            entry = _Entry((), kept, exc.problems)
            entry.stamp = _stamp(self._paths(path, entry) if kept else [path])
            return entry
        except Exception as exc:  # noqa: BLE001 - a broken file never takes the app down
            kept = previous.good if previous is not None else None
            log.warning("clinic %s not loaded: %s", clinic_id, type(exc).__name__)
            return _Entry(_stamp([path]), kept, [f"{path}:1: {type(exc).__name__}"])
        if previous is not None:
            log.warning("clinic %s reloaded (%d policy passages)", clinic_id, len(loaded.policy))
        entry = _Entry((), loaded)
        entry.stamp = _stamp(self._paths(path, entry))
        return entry

    def refresh(self, force: bool = False) -> None:
        """Look at the folder again (at most every ``poll_seconds`` unless forced)."""
        now = self.clock()
        if not force and now - self._checked < self.poll_seconds:
            return
        with self._lock:
            if not force and now - self._checked < self.poll_seconds:
                return
            self._checked = now
            files = self._files()
            for clinic_id in list(self._entries):
                if clinic_id not in files:
                    log.warning("clinic %s removed", clinic_id)
                    del self._entries[clinic_id]
            for clinic_id, path in files.items():
                if not CLINIC_ID.match(clinic_id):
                    if clinic_id not in self._entries:
                        log.warning("%s: the file name is not a clinic id (lower-case letters, digits, '-')", path)
                        self._entries[clinic_id] = _Entry(_stamp([path]))
                    continue
                entry = self._entries.get(clinic_id)
                if entry is not None and _stamp(self._paths(path, entry)) == entry.stamp:
                    continue
                self._entries[clinic_id] = self._load(clinic_id, path, entry)

    def get(self, clinic_id: str | None) -> LoadedClinic | None:
        """The clinic in service under this id, or None (unknown, or never loaded)."""
        if not clinic_id or not CLINIC_ID.match(clinic_id):
            return None
        if self._poller is None:
            self.refresh()
        entry = self._entries.get(clinic_id)
        return entry.good if entry is not None else None

    def ids(self) -> list[str]:
        """Clinics in service."""
        if self._poller is None:
            self.refresh()
        return sorted(i for i, e in self._entries.items() if e.good is not None)

    def problems(self, clinic_id: str) -> list[str]:
        """Why the last edit of a clinic's file was refused (empty when it loaded)."""
        entry = self._entries.get(clinic_id)
        return list(entry.problems) if entry is not None else []
