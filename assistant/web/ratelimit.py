"""Per-client rate limits for the chat and the JSON API, with the `limits` library.

``ASSISTANT_RATE_LIMIT`` is a list of limits in the library's notation separated by ``;``
(default ``30/minute;10/10seconds``: 30 messages a minute per client, bursts of at most 10 in
any 10 seconds); ``off`` disables it. Counters live in process memory, or in Redis when
``ASSISTANT_REDIS_URL`` is set (shared by every replica). A counter is keyed by a salted hash
of the client address, never the address itself (contracts, rule 4), and expires with its
window. A store that fails (Redis down) lets the message through and says so in the log:
a rate limit must never take the chat, or its crisis guidance, down (contracts, rule 2).
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
        self.storage = storage_from_string(redis_url or "memory://", key_prefix=f"{prefix}-limits")
        self.limiter = MovingWindowRateLimiter(self.storage)
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

    def hit(self, address: str | None, scope: str = "messages") -> int | None:
        """Count one message; None when allowed, else the seconds to wait (it is then not counted)."""
        if not self.items:
            return None
        return self.check([(self.items, scope, self.key(address))])

    def check(self, counters: list[tuple[list[RateLimitItem], str, str]]) -> int | None:
        """Count one message against every ``(items, scope, key)`` at once: None when all allow it, else
        the longest of their waits in seconds (nothing is then counted). The clinic limits use it too."""
        try:
            with self._lock:  # test-then-hit as one step for this process
                wait = 0
                for items, scope, key in counters:
                    for item in items:
                        if not self.limiter.test(item, scope, key):
                            reset = self.limiter.get_window_stats(item, scope, key).reset_time
                            wait = max(wait, max(1, math.ceil(reset - time.time())))
                if wait:
                    return wait
                for items, scope, key in counters:
                    for item in items:
                        self.limiter.hit(item, scope, key)
        except Exception as exc:  # noqa: BLE001 - fail open: never refuse because the store failed
            now = time.monotonic()
            if now - self._last_warning > 60:
                self._last_warning = now
                log.warning("rate limit store unavailable (%s); messages are not limited", type(exc).__name__)
        return None

    def check_only(self, counters: list[tuple[list[RateLimitItem], str, str]]) -> int | None:
        """The wait ``check`` would give, without counting anything (which limit refused?)."""
        try:
            wait = 0
            for items, scope, key in counters:
                for item in items:
                    if not self.limiter.test(item, scope, key):
                        reset = self.limiter.get_window_stats(item, scope, key).reset_time
                        wait = max(wait, max(1, math.ceil(reset - time.time())))
            return wait or None
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
            return self.limiter.hit(self.refusals, "refusals", self.key(address))
        except Exception:  # noqa: BLE001 - fail open, as `hit`
            return True
