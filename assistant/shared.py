"""State that replicas share: a small key-value interface over Redis, with an in-process fallback.

``ASSISTANT_REDIS_URL`` set: every replica reads and writes the same Redis. Unset: one process's
memory (a single process needs nothing more). The interface is deliberately small, so that
every feature that counts something across replicas (rate limits aside, which use the
``limits`` library over the same Redis) goes through it the same way:

* ``incr(key, expire_seconds)`` -> the new count; the expiry is set when the key is created
  (a fixed window: ``clinic:<id>:day:<date>`` with a day's expiry is a daily counter);
* ``decr(key)``, ``get(key)``, ``set(key, value, expire_seconds)``, ``exists(key)``, ``delete(key)``.

Keys are namespaced (``cea:`` + the caller's key). Callers never put a person's text or a raw
client address in a key: ``client_key`` gives a salted hash of an address (contracts, rule 4).

When Redis stops answering, ``RedisShared`` carries on in process memory: the first failure is
logged once ("shared state unavailable ... per-process memory"), Redis is tried again at most
every ``RETRY_SECONDS``, and its return is logged once too. Counts made meanwhile are per
replica and are not copied back. ``shared`` says whether the last call reached Redis and
``check()`` asks it now, for callers that must refuse rather than go on alone (staff sign-in). Nothing here can
raise into a request: the crisis block never depends on it (contracts, rules 1 and 2).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from assistant.config import Settings

log = logging.getLogger(__name__)
PREFIX = "cea:"
RETRY_SECONDS = 5.0  # how often an unreachable Redis is tried again (meanwhile: memory, no waiting)
REDIS_TIMEOUT = 0.5  # seconds; a hung Redis must not slow answers
T = TypeVar("T")


class SharedState(Protocol):
    """What replicas share (see the module docstring)."""

    @property
    def shared(self) -> bool: ...

    def check(self) -> bool: ...

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str, expire_seconds: float) -> None: ...

    def incr(self, key: str, expire_seconds: float, amount: int = 1) -> int: ...

    def decr(self, key: str, amount: int = 1) -> int: ...

    def exists(self, key: str) -> bool: ...

    def delete(self, key: str) -> None: ...

    def describe(self) -> str: ...


def client_key(salt: bytes, address: str | None) -> str:
    """A salted hash of a client address for use in a key (never the address itself)."""
    return hashlib.blake2b((address or "unknown").encode("utf-8"), key=salt[:64], digest_size=12).hexdigest()


class MemoryShared:
    """One process's memory: a dict of (value, expiry) with lazy expiry and a size bound."""

    def __init__(self, max_keys: int = 100_000, clock: Callable[[], float] = time.monotonic):
        self._data: dict[str, tuple[str, float | None]] = {}
        self._lock = threading.Lock()
        self.max_keys = max_keys
        self.clock = clock

    @property
    def shared(self) -> bool:
        return False

    def check(self) -> bool:
        return False

    def describe(self) -> str:
        return "in-process memory"

    def _live(self, key: str, now: float) -> tuple[str, float | None] | None:
        entry = self._data.get(key)
        if entry is not None and entry[1] is not None and entry[1] <= now:
            del self._data[key]
            return None
        return entry

    def _prune(self, now: float) -> None:
        if len(self._data) < self.max_keys:
            return
        for key in [k for k, (_, ends) in self._data.items() if ends is not None and ends <= now]:
            del self._data[key]
        while len(self._data) >= self.max_keys:  # still full: the oldest keys go first
            del self._data[next(iter(self._data))]

    def get(self, key: str) -> str | None:
        with self._lock:
            entry = self._live(key, self.clock())
        return entry[0] if entry else None

    def set(self, key: str, value: str, expire_seconds: float) -> None:
        now = self.clock()
        with self._lock:
            self._prune(now)
            self._data[key] = (value, now + max(0.001, expire_seconds))

    def incr(self, key: str, expire_seconds: float, amount: int = 1) -> int:
        now = self.clock()
        with self._lock:
            entry = self._live(key, now)
            if entry is None:
                self._prune(now)
                entry = ("0", now + max(0.001, expire_seconds))
            count = int(entry[0]) + amount
            self._data[key] = (str(count), entry[1])
        return count

    def decr(self, key: str, amount: int = 1) -> int:
        with self._lock:
            entry = self._live(key, self.clock())
            if entry is None:
                return 0
            count = int(entry[0]) - amount
            self._data[key] = (str(count), entry[1])
        return count

    def exists(self, key: str) -> bool:
        with self._lock:
            return self._live(key, self.clock()) is not None

    def delete(self, key: str) -> None:
        with self._lock:
            self._data.pop(key, None)


class RedisShared:
    """Redis, and process memory while Redis cannot be reached (logged once each way)."""

    def __init__(self, url: str, fallback: MemoryShared | None = None):
        import redis

        self.url = url
        self.fallback = fallback or MemoryShared()
        self._redis: Any = redis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT, decode_responses=True
        )
        self._down_since: float | None = None
        self._lock = threading.Lock()

    @property
    def shared(self) -> bool:
        """Whether the last call reached Redis (cheap; see ``check`` for asking it now)."""
        return self._down_since is None

    def check(self) -> bool:
        """Whether Redis answers now (a round trip; at most every ``RETRY_SECONDS`` while it is down)."""
        return self._call(lambda r: bool(r.ping()), lambda m: False)

    def describe(self) -> str:
        return "Redis" if self._down_since is None else "in-process memory (Redis unreachable)"

    def _call(self, on_redis: Callable[[Any], T], on_memory: Callable[[MemoryShared], T]) -> T:
        now = time.monotonic()
        down = self._down_since
        if down is not None and now - down < RETRY_SECONDS:
            return on_memory(self.fallback)
        try:
            result = on_redis(self._redis)
        except Exception as exc:  # noqa: BLE001 - any Redis failure: carry on in memory
            with self._lock:
                if self._down_since is None:
                    log.warning(
                        "shared state unavailable (Redis: %s); using per-process memory until it answers again",
                        type(exc).__name__,
                    )
                self._down_since = now
            return on_memory(self.fallback)
        if down is not None:
            with self._lock:
                if self._down_since is not None:
                    log.warning("shared state available again (Redis answers)")
                self._down_since = None
        return result

    def get(self, key: str) -> str | None:
        return self._call(lambda r: r.get(PREFIX + key), lambda m: m.get(key))

    def set(self, key: str, value: str, expire_seconds: float) -> None:
        ms = max(1, int(expire_seconds * 1000))
        self._call(lambda r: r.set(PREFIX + key, value, px=ms), lambda m: m.set(key, value, expire_seconds))

    def incr(self, key: str, expire_seconds: float, amount: int = 1) -> int:
        ms = max(1, int(expire_seconds * 1000))

        def on_redis(r: Any) -> int:
            pipe = r.pipeline()  # MULTI/EXEC: the count and the expiry of a new key in one step
            pipe.incrby(PREFIX + key, amount)
            pipe.pexpire(PREFIX + key, ms, nx=True)
            return int(pipe.execute()[0])

        return self._call(on_redis, lambda m: m.incr(key, expire_seconds, amount))

    def decr(self, key: str, amount: int = 1) -> int:
        script = (  # never creates a key (a count given back after it expired stays gone)
            "if redis.call('exists', KEYS[1]) == 1 then return redis.call('decrby', KEYS[1], ARGV[1]) end return 0"
        )
        return self._call(lambda r: int(r.eval(script, 1, PREFIX + key, amount)), lambda m: m.decr(key, amount))

    def exists(self, key: str) -> bool:
        return self._call(lambda r: bool(r.exists(PREFIX + key)), lambda m: m.exists(key))

    def delete(self, key: str) -> None:
        self._call(lambda r: r.delete(PREFIX + key), lambda m: m.delete(key))


def shared_state(settings: Settings) -> SharedState:
    """The shared state of this process: Redis when ``ASSISTANT_REDIS_URL`` is set, else memory."""
    if settings.redis_url:
        return RedisShared(settings.redis_url)
    return MemoryShared()
