"""Per-clinic limits and anonymous counts, on the rate limiter's storage (memory, or Redis when set).

* **Limits**: each clinic's ``daily_cap`` (messages a day for the whole clinic) and
  ``visitor_limit`` (per visitor address, keyed by the limiter's salted hash, never the address),
  checked together with the public per-address limit through :meth:`RateLimits.check`, so every
  replica sharing ``ASSISTANT_REDIS_URL`` shares them.
* **Counts**: questions per topic and crisis blocks per tier, per ISO week: plain counters in the
  same storage (``incr``/``get``), keyed by clinic, week and a fixed name (a corpus topic, ``other``
  or a tier). Never a text, never an identifier; shown below 5 as ``"<5"``; kept ``KEEP_WEEKS``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass

from limits import RateLimitItem, parse_many

from assistant.clinics.config import ClinicConfig
from assistant.corpus.schema import TOPICS
from assistant.topics import detect_topics
from assistant.web.ratelimit import RateLimits

log = logging.getLogger(__name__)

TIERS = ("distress", "crisis", "imminent")
OTHER_TOPIC = "other"
KEEP_WEEKS = 12
SHOWN_WEEKS = 4
SMALL = 5  # counts below this are shown as "<5"
CLINIC_CAP_TEXT = (
    "This clinic's assistant has had a lot of questions today, so it can't answer more until tomorrow. "
    "You can still read the guides, or contact the clinic directly. If you are in danger, call your local "
    "emergency number now."
)


def shown(count: int) -> str:
    """A count as clinics see it: "<5" below 5 (zero included), else the number."""
    return "<5" if count < SMALL else str(count)


def week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def topic_of(question: str) -> str:
    """The one topic a question is counted under (the strongest topic named, else "other")."""
    found = detect_topics(question)
    return found[0] if found else OTHER_TOPIC


@dataclass(frozen=True)
class CountsTable:
    """The counts of one clinic: weeks (oldest first) and rows of (kind, name, counts per week)."""

    weeks: list[str]
    topics: list[tuple[str, list[int]]]
    tiers: list[tuple[str, list[int]]]


class ClinicLimits:
    """Clinic caps, visitor limits and counts over the storage of the app's `RateLimits`."""

    def __init__(self, limits: RateLimits, today: Callable[[], dt.date] = lambda: dt.datetime.now(dt.UTC).date()):
        self.limits = limits
        self.today = today
        self._parsed: dict[str, list[RateLimitItem]] = {}

    def _items(self, spec: str) -> list[RateLimitItem]:
        if spec not in self._parsed:
            self._parsed[spec] = parse_many(spec)
        return self._parsed[spec]

    def hit(self, clinic_id: str, config: ClinicConfig, address: str | None) -> tuple[str, int] | None:
        """Count one message of a visitor: None when allowed, else (refusal code, seconds to wait).

        Checked: the public per-address limit, the clinic's per-visitor limit, the clinic's daily cap
        (in that order of blame); nothing is counted when any refuses."""
        visitor = self.limits.key(address)
        public = [(self.limits.items, "messages", visitor)] if self.limits.enabled else []
        own = [(self._items(config.visitor_limit), f"clinic-visitor:{clinic_id}", visitor)]
        cap = [(self._items(f"{config.daily_cap}/day"), f"clinic-cap:{clinic_id}", "all")]
        if self.limits.check(public + own + cap) is None:
            return None
        for code, counters in (("rate_limited", public + own), ("clinic_daily_cap", cap)):
            wait = self.limits.check_only(counters)
            if wait:
                return code, wait
        return "rate_limited", 1

    # -- counts --------------------------------------------------------------------------------------

    def _key(self, clinic_id: str, week: str, kind: str, name: str) -> str:
        return f"clinic-counts/{clinic_id}/{week}/{kind}/{name}"

    def count(self, clinic_id: str, topic: str | None, tier: str | None) -> None:
        """Count one message: under its topic when it was answered, under its tier when it had a block."""
        week = week_of(self.today())
        expiry = KEEP_WEEKS * 7 * 86400
        try:
            if topic is not None:
                name = topic if topic in TOPICS else OTHER_TOPIC
                self.limits.storage.incr(self._key(clinic_id, week, "topic", name), expiry)
            if tier in TIERS:
                self.limits.storage.incr(self._key(clinic_id, week, "tier", str(tier)), expiry)
        except Exception as exc:  # noqa: BLE001 - counting never costs anyone an answer
            log.warning("clinic counts store unavailable (%s)", type(exc).__name__)

    def table(self, clinic_id: str, weeks: int = SHOWN_WEEKS) -> CountsTable:
        """The last ``weeks`` ISO weeks of a clinic's counts (raw numbers: show them with `shown`)."""
        today = self.today()
        names = [week_of(today - dt.timedelta(weeks=n)) for n in range(weeks - 1, -1, -1)]

        def row(kind: str, name: str) -> list[int]:
            out = []
            for week in names:
                try:
                    value = self.limits.storage.get(self._key(clinic_id, week, kind, name))
                    out.append(int(value or 0))  # type: ignore[arg-type]  # the sync storages return an int
                except Exception:  # noqa: BLE001 - an unreachable store shows as nothing counted
                    out.append(0)
            return out

        topics = [(t, row("topic", t)) for t in (*TOPICS, OTHER_TOPIC)]
        return CountsTable(names, topics, [(t, row("tier", t)) for t in TIERS])
