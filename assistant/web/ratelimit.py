"""Per-client rate limits for the chat and the JSON API, with the `limits` library.

``ASSISTANT_RATE_LIMIT`` is a list of limits in the library's notation separated by ``;``
(default ``30/minute;10/10seconds``: 30 messages a minute per client, bursts of at most 10 in
any 10 seconds); ``off`` disables it. Counters live in process memory, or in Redis when
``ASSISTANT_REDIS_URL`` is set (shared by every replica). A counter is keyed by a salted hash
of the client address, never the address itself (contracts, rule 4), and expires with its
window. While Redis cannot be reached the counters fall back to this process's memory (logged
once when it goes and once when it returns; Redis is tried again every few seconds), so limits
still hold per replica; a rate limit must never take the chat, or its crisis guidance, down
(contracts, rule 2), and a store that fails even in memory lets the message through.
"""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
import threading
import time

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from assistant.config import Settings
from assistant.shared import REDIS_TIMEOUT, RETRY_SECONDS

log = logging.getLogger(__name__)

OFF = {"off", "none", "0", "false", "no", ""}
REFUSALS_SCREENED = "60/minute"  # refused messages screened per client; a flood past it is refused unscreened
RATE_LIMITED = "rate_limited"
RATE_LIMITED_TEXT = (
    "You have sent a lot of messages in a short time. Please wait {wait} before sending another. "
    "If you are in danger, call your local emergency number now."
)


def wait_words(seconds: int) -> str:
    return f"{seconds} second{'s' if seconds != 1 else ''}" if seconds < 90 else f"{math.ceil(seconds / 60)} minutes"


def address_salt(settings: Settings) -> bytes:
    """The salt of the address hashes: from the session secret (the same on every replica), else random."""
    if settings.session_secret:
        return hashlib.sha256(b"cea-client-address\x00" + settings.session_secret.encode("utf-8")).digest()
    return secrets.token_bytes(32)


class RateLimits:
    """Counts messages per client; ``hit`` says how long to wait when one is over the limit."""

    def __init__(self, spec: str, redis_url: str | None = None, salt: bytes | None = None, prefix: str = "cea"):
        self.spec = spec.strip()
        self.items: list[RateLimitItem] = [] if self.spec.lower() in OFF else parse_many(self.spec)
        if redis_url:
            options = {"socket_timeout": REDIS_TIMEOUT, "socket_connect_timeout": REDIS_TIMEOUT}
            self.storage = storage_from_string(redis_url, key_prefix=f"{prefix}-limits", **options)
        else:
            self.storage = storage_from_string("memory://")
        self.limiter = MovingWindowRateLimiter(self.storage)
        # Per-process counters while Redis is unreachable (the same limits, counted by this replica alone).
        self.fallback = MovingWindowRateLimiter(storage_from_string("memory://")) if redis_url else None
        self._down_since: float | None = None
        self.salt = salt or secrets.token_bytes(32)
        self.refusals = parse_many(REFUSALS_SCREENED)[0]
        self._last_warning = 0.0
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings, salt: bytes | None = None) -> RateLimits:
        return cls(settings.rate_limit, settings.redis_url, salt or address_salt(settings))

    @property
    def enabled(self) -> bool:
        return bool(self.items)

    def describe(self) -> str:
        return "off" if not self.enabled else "; ".join(str(i) for i in self.items) + " per client"

    def key(self, address: str | None) -> str:
        """The counter key of a client: a salted hash, never the address."""
        digest = hashlib.blake2b((address or "unknown").encode("utf-8"), key=self.salt[:64], digest_size=12)
        return digest.hexdigest()

    @property
    def shared(self) -> bool:
        """Whether the counters are the ones every replica sees (False in memory or during a Redis outage)."""
        return self.fallback is not None and self._down_since is None

    def _limiter(self) -> MovingWindowRateLimiter:
        """The shared limiter, or the per-process one while Redis was failing a moment ago."""
        down = self._down_since
        if self.fallback is not None and down is not None and time.monotonic() - down < RETRY_SECONDS:
            return self.fallback
        return self.limiter

    def _failed(self, limiter: MovingWindowRateLimiter, exc: Exception) -> MovingWindowRateLimiter | None:
        """After a store failure: the per-process limiter to use instead, or None (fail open)."""
        if limiter is self.limiter and self.fallback is not None:
            if self._down_since is None:
                log.warning(
                    "rate limit store unavailable (%s); counting in this process's memory until Redis answers",
                    type(exc).__name__,
                )
            self._down_since = time.monotonic()
            return self.fallback
        now = time.monotonic()
        if now - self._last_warning > 60:
            self._last_warning = now
            log.warning("rate limit store unavailable (%s); messages are not limited", type(exc).__name__)
        return None

    def _recovered(self, limiter: MovingWindowRateLimiter) -> None:
        if limiter is self.limiter and self._down_since is not None:
            self._down_since = None
            log.warning("rate limit store available again (Redis answers); limits are shared again")

    def hit(self, address: str | None, scope: str = "messages") -> int | None:
        """Count one message; None when allowed, else the seconds to wait (it is then not counted)."""
        if not self.items:
            return None
        return self.check([(self.items, scope, self.key(address))])

    def check(self, counters: list[tuple[list[RateLimitItem], str, str]]) -> int | None:
        """Count one message against every ``(items, scope, key)`` at once: None when all allow it, else
        the longest of their waits in seconds (nothing is then counted). The clinic limits use it too.

        Redis failing: the same counters in this process's memory (``_failed``), or none at all (fail open)."""
        with self._lock:  # test-then-hit as one step for this process
            limiter: MovingWindowRateLimiter | None = self._limiter()
            while limiter is not None:
                try:
                    wait = self._count(limiter, counters)
                except Exception as exc:  # noqa: BLE001 - never refuse because the store failed
                    limiter = self._failed(limiter, exc)
                    continue
                self._recovered(limiter)
                return wait
        return None

    @staticmethod
    def _waits(limiter: MovingWindowRateLimiter, counters: list[tuple[list[RateLimitItem], str, str]]) -> int:
        wait = 0
        for items, scope, key in counters:
            for item in items:
                if not limiter.test(item, scope, key):
                    reset = limiter.get_window_stats(item, scope, key).reset_time
                    wait = max(wait, max(1, math.ceil(reset - time.time())))
        return wait

    def _count(
        self, limiter: MovingWindowRateLimiter, counters: list[tuple[list[RateLimitItem], str, str]]
    ) -> int | None:
        wait = self._waits(limiter, counters)
        if wait:
            return wait
        for items, scope, key in counters:
            for item in items:
                limiter.hit(item, scope, key)
        return None

    def check_only(self, counters: list[tuple[list[RateLimitItem], str, str]]) -> int | None:
        """The wait ``check`` would give, without counting anything (which limit refused?)."""
        try:
            return self._waits(self._limiter(), counters) or None
        except Exception:  # noqa: BLE001 - fail open, as `check`
            return None

    def may_screen_refusal(self, address: str | None) -> bool:
        """Whether a refused message of this client is still screened for crisis (contracts, rule 1).

        Screening costs a few milliseconds of CPU; a client sending more than
        ``REFUSALS_SCREENED`` refused messages is flooding, and its further refusals are not screened.
        """
        if not self.items:
            return True
        try:
            return self._limiter().hit(self.refusals, "refusals", self.key(address))
        except Exception:  # noqa: BLE001 - fail open, as `hit`
            return True
