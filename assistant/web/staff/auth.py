"""Staff sign-in: the users file, bcrypt checks, signed expiring session cookies, a login limiter.

* Users file (``ASSISTANT_STAFF_USERS_FILE``): one ``name:bcrypt-hash`` per line, ``#``
  comments and blank lines allowed. Written by ``python -m assistant.staff_users add NAME``;
  re-read whenever it changes, so adding or removing a user needs no restart.
* Session: a cookie holding ``base64url(json{u, iat, exp, n, p}).base64url(HMAC-SHA256)`` signed
  with ``ASSISTANT_SESSION_SECRET`` (random per start when unset). It ends
  ``staff_session_minutes`` after sign-in, counted from its issue time whatever ``exp`` says
  (absolute, not sliding; ``exp`` must be a finite number no later than that), and is refused
  once its user is no longer in the users file, once the user's password changed (``p`` is a
  fingerprint of the password hash: every replica sees the change in the users file, no shared
  state needed) and once it was signed out. A malformed cookie is an invalid session, never an error.
* Sign-outs are remembered until the session would have ended anyway, across restarts: in a
  file beside the users file (``<users file>.revoked``), or in Redis when ``ASSISTANT_REDIS_URL``
  is set (shared by every replica, through ``assistant.shared``).
* With Redis, failed sign-ins are also counted there (per salted address hash and per user-name
  hash), so replicas together allow no more guesses than one; while Redis is unreachable,
  sign-in is refused (503) and existing sessions are checked without it (signature, expiry,
  users file, sign-outs this replica knows).
* Limiter: at most ``max_failures`` failed sign-ins per ``window`` seconds per client IP and
  per username. An attempt is counted *before* its bcrypt check (a good password gives it
  back), so simultaneous guesses cannot all be checked; at most ``MAX_CONCURRENT_CHECKS``
  bcrypt checks run at once. Past either, sign-in answers 429 with ``Retry-After``.

Standard library only besides ``bcrypt`` and, when configured, ``redis`` (through ``assistant.shared``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import math
import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import bcrypt

from assistant.shared import MemoryShared, RedisShared, SharedState, client_key, shared_state

if TYPE_CHECKING:
    from starlette.requests import HTTPConnection

    from assistant.config import Settings

log = logging.getLogger(__name__)

COOKIE_NAME = "cea_staff_session"
USERNAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")
BCRYPT_HASH = re.compile(r"^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$")
BCRYPT_MAX_BYTES = 72  # bcrypt reads no further; bcrypt>=5 raises on longer passwords
MIN_PASSWORD_CHARS = 12
BCRYPT_ROUNDS = 12
MAX_CONCURRENT_CHECKS = 2  # bcrypt checks at once (one per core): a burst of guesses cannot starve answers
MAX_TOKEN_CHARS = 4096
CLOCK_SKEW = 60.0  # seconds an issue time may lie in the future (replicas' clocks)


# -- passwords -----------------------------------------------------------------------------------


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, or None."""
    if len(password) < MIN_PASSWORD_CHARS:
        return f"The password must be at least {MIN_PASSWORD_CHARS} characters long."
    if len(password.encode("utf-8")) > BCRYPT_MAX_BYTES:
        return f"The password must be at most {BCRYPT_MAX_BYTES} bytes long (bcrypt ignores the rest)."
    return None


def hash_password(password: str, rounds: int = BCRYPT_ROUNDS) -> str:
    """A bcrypt hash of the password (``$2b$...``)."""
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt(rounds=rounds)).decode("ascii")


def check_password(password: str, hashed: str) -> bool:
    """Whether the password matches the bcrypt hash (False for over-long passwords or bad hashes)."""
    data = password.encode("utf-8")
    if len(data) > BCRYPT_MAX_BYTES:
        return False
    try:
        return bcrypt.checkpw(data, hashed.encode("ascii"))
    except ValueError:
        return False


# -- the users file ------------------------------------------------------------------------------


CLINIC_LIST = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}(?:,[a-z0-9][a-z0-9-]{0,62})*$")


@dataclass(frozen=True)
class StaffUser:
    """One line of the users file: ``name:bcrypt-hash`` or ``name:bcrypt-hash:clinic-a,clinic-b``.

    ``clinics`` are the clinics (``clinics/<id>.toml``) the user manages: only they see a clinic's
    counts (and, later, change its policy)."""

    name: str
    password_hash: str
    clinics: tuple[str, ...] = ()

    def line(self) -> str:
        return f"{self.name}:{self.password_hash}" + (f":{','.join(self.clinics)}" if self.clinics else "")


def parse_staff(text: str, source: str = "users file") -> tuple[dict[str, StaffUser], list[str]]:
    """(user -> `StaffUser`, problems). Bad lines are skipped and reported by line number only."""
    users: dict[str, StaffUser] = {}
    problems: list[str] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, rest = line.partition(":")
        hashed, _, clinics = rest.partition(":")
        name, hashed, clinics = name.strip(), hashed.strip(), clinics.strip()
        if not sep or not USERNAME.match(name):
            problems.append(f"{source}:{n}: expected 'name:bcrypt-hash' with a simple user name")
        elif not BCRYPT_HASH.match(hashed):
            problems.append(f"{source}:{n}: the hash for {name!r} is not a bcrypt hash")
        elif clinics and not CLINIC_LIST.match(clinics):
            problems.append(f"{source}:{n}: the clinics of {name!r} must be clinic ids separated by commas")
        else:
            users[name] = StaffUser(name, hashed, tuple(dict.fromkeys(c for c in clinics.split(",") if c)))
    return users, problems


def parse_users(text: str, source: str = "users file") -> tuple[dict[str, str], list[str]]:
    """(user -> hash, problems). Bad lines are skipped and reported by line number only."""
    staff, problems = parse_staff(text, source)
    return {name: user.password_hash for name, user in staff.items()}, problems


def read_staff(path: Path) -> dict[str, StaffUser]:
    """The users of a file with the clinics they manage (missing file: none)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    users, problems = parse_staff(text, str(path))
    for problem in problems:
        log.warning("%s", problem)
    return users


def read_users(path: Path) -> dict[str, str]:
    """The users of a file (missing file: none)."""
    return {name: user.password_hash for name, user in read_staff(path).items()}


class UserStore:
    """The users file, re-read when its modification time or size changes."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._staff: dict[str, StaffUser] = {}
        self._users: dict[str, str] = {}
        self._dummy: str | None = None

    def staff(self) -> dict[str, StaffUser]:
        """Every user with the clinics they manage."""
        if self.path is None:
            return {}
        try:
            st = self.path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        with self._lock:
            if stamp != self._stamp:
                self._staff = read_staff(self.path) if stamp else {}
                self._users = {name: user.password_hash for name, user in self._staff.items()}
                self._stamp = stamp
            return self._staff

    def users(self) -> dict[str, str]:
        self.staff()
        return self._users

    def clinics(self, name: str | None) -> tuple[str, ...]:
        """The clinics a user manages (none for an unknown user)."""
        user = self.staff().get(name or "")
        return user.clinics if user is not None else ()

    @property
    def configured(self) -> bool:
        """True when the file exists and names at least one usable user."""
        return bool(self.users())

    def __contains__(self, name: str) -> bool:
        return name in self.users()

    def _dummy_hash(self) -> str:
        if self._dummy is None:
            self._dummy = hash_password(secrets.token_urlsafe(16))
        return self._dummy

    def verify(self, name: str, password: str) -> bool:
        """Whether name and password match; an unknown name costs one bcrypt check too."""
        hashed = self.users().get(name)
        if hashed is None:
            check_password(password, self._dummy_hash())  # same cost as a real check
            return False
        return check_password(password, hashed)


# -- signed sessions -----------------------------------------------------------------------------

SessionStatus = Literal["ok", "missing", "invalid", "expired"]


@dataclass(frozen=True)
class Session:
    status: SessionStatus
    user: str | None = None
    nonce: str | None = None
    expires: float = 0.0
    fingerprint: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _number(value: Any) -> float | None:
    """A finite JSON number (not a bool, not a string such as "nan"), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


class SessionSigner:
    """Issues and checks ``payload.signature`` tokens that end ``max_age`` seconds after issue."""

    def __init__(self, secret: str | bytes | None, max_age: float, clock: Callable[[], float] = time.time):
        if not secret:
            secret = secrets.token_bytes(32)
        raw = secret.encode("utf-8") if isinstance(secret, str) else secret
        self.key = hashlib.sha256(b"cea-staff-session\x00" + raw).digest()
        self.max_age = max_age
        self.clock = clock

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self.key, payload.encode("ascii"), hashlib.sha256).digest())

    def fingerprint(self, password_hash: str) -> str:
        """A keyed fingerprint of a user's password hash: a new password ends the old sessions."""
        return _b64(hmac.new(self.key, b"password\x00" + password_hash.encode("utf-8"), hashlib.sha256).digest()[:12])

    def issue(self, user: str, password_hash: str = "") -> str:
        now = self.clock()
        body = {
            "u": user,
            "iat": int(now),
            "exp": int(now + self.max_age),
            "n": secrets.token_urlsafe(12),
            "p": self.fingerprint(password_hash),
        }
        payload = _b64(json.dumps(body, separators=(",", ":")).encode("utf-8"))
        return f"{payload}.{self._sign(payload)}"

    def read(self, token: str | None) -> Session:
        if not token:
            return Session("missing")
        if len(token) > MAX_TOKEN_CHARS or not token.isascii():
            return Session("invalid")
        payload, sep, signature = token.partition(".")
        if not sep or not hmac.compare_digest(self._sign(payload), signature):
            return Session("invalid")
        try:
            body = json.loads(_unb64(payload))
            user, nonce, fingerprint = body["u"], body["n"], body.get("p")
            issued, expires = _number(body["iat"]), _number(body["exp"])
        except (ValueError, KeyError, TypeError, AttributeError):
            return Session("invalid")
        if not isinstance(user, str) or not isinstance(nonce, str) or issued is None or expires is None:
            return Session("invalid")
        if not isinstance(fingerprint, str | None):
            return Session("invalid")
        if expires > issued + self.max_age + 1 or issued > self.clock() + CLOCK_SKEW:
            return Session("invalid")  # signed with our secret, but not as we sign: never trusted
        ends = min(expires, issued + self.max_age)
        if self.clock() >= ends:
            return Session("expired", user, nonce, ends, fingerprint)
        return Session("ok", user, nonce, ends, fingerprint)


# -- sign-outs that survive restarts -------------------------------------------------------------


class Revocations:
    """Nonces of signed-out sessions until they would have ended: a JSON file, or the shared state
    (Redis) when ``ASSISTANT_REDIS_URL`` is set.

    A copy is always kept in memory, so a failing store never brings a signed-out session back
    on this replica; the file is re-read when another process changed it. A sign-out made while
    Redis is unreachable is kept here and written to Redis by this replica's first session check
    after Redis answers again.
    """

    def __init__(
        self, path: Path | None, shared: SharedState | None = None, clock: Callable[[], float] = time.time
    ):
        self.path = path
        self.clock = clock
        self._memory: dict[str, float] = {}
        self._pending: dict[str, float] = {}  # signed out here while Redis was unreachable
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self.shared = shared if shared is not None and not isinstance(shared, MemoryShared) else None

    def _key(self, nonce: str) -> str:
        return f"revoked:{nonce}"

    def _reload(self) -> None:
        if self.path is None:
            return
        try:
            st = self.path.stat()
        except OSError:
            return
        stamp = (st.st_mtime_ns, st.st_size)
        if stamp == self._stamp:
            return
        self._stamp = stamp
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("the revoked-sessions file could not be read; sign-outs known here are kept")
            return
        if isinstance(stored, dict):
            for nonce, ends in stored.items():
                if isinstance(nonce, str) and _number(ends) is not None:
                    self._memory[nonce] = max(self._memory.get(nonce, 0.0), float(ends))

    def _store(self, now: float) -> None:
        """Write pending sign-outs to the shared state while it answers (under the lock)."""
        assert self.shared is not None
        for nonce, ends in list(self._pending.items()):
            if ends <= now:
                del self._pending[nonce]
                continue
            self.shared.set(self._key(nonce), "1", max(1.0, ends - now))
            if not self.shared.shared:
                return  # kept pending until Redis answers
            del self._pending[nonce]

    def add(self, nonce: str, ends: float) -> None:
        now = self.clock()
        with self._lock:
            self._reload()
            self._memory = {n: e for n, e in self._memory.items() if e > now}
            self._memory[nonce] = ends
            if self.shared is not None:
                self._pending[nonce] = ends
                self._store(now)
            elif self.path is not None:
                self._write()

    def _write(self) -> None:
        assert self.path is not None
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        try:
            tmp.write_text(json.dumps(self._memory), encoding="utf-8")
            tmp.chmod(0o600)
            tmp.replace(self.path)
            st = self.path.stat()
            self._stamp = (st.st_mtime_ns, st.st_size)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            log.warning("could not write the revoked-sessions file (%s); kept in memory", type(exc).__name__)

    def __contains__(self, nonce: object) -> bool:
        if not isinstance(nonce, str):
            return False
        with self._lock:
            self._reload()
            if self.shared is not None and self._pending:
                self._store(self.clock())
            if nonce in self._memory:
                return True
        # During a Redis outage this reads the shared state's memory fallback: sign-outs made on other
        # replicas meanwhile are not known here (see README "Running several replicas").
        return self.shared is not None and self.shared.exists(self._key(nonce))


# -- failed sign-in limiter ----------------------------------------------------------------------


class LoginLimiter:
    """At most ``max_failures`` failures per ``window`` seconds for each client IP and each username."""

    def __init__(
        self,
        max_failures: int = 5,
        window: float = 300.0,
        clock: Callable[[], float] = time.time,
        max_keys: int = 10_000,
    ):
        self.max_failures = max_failures
        self.window = window
        self.clock = clock
        self.max_keys = max_keys
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def keys(ip: str | None, user: str | None) -> list[str]:
        out = [f"ip:{ip or 'unknown'}"]
        if user:
            out.append(f"user:{user.strip().lower()[:64]}")
        return out

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def retry_after(self, ip: str | None, user: str | None) -> int | None:
        """Seconds until another attempt is allowed, or None when one is allowed now."""
        with self._lock:
            return self._wait(ip, user, self.clock())

    def _wait(self, ip: str | None, user: str | None, now: float) -> int | None:
        wait = 0.0
        for key in self.keys(ip, user):
            times = self._recent(key, now)
            if len(times) >= self.max_failures:
                wait = max(wait, times[-self.max_failures] + self.window - now)
        return max(1, math.ceil(wait)) if wait > 0 else None

    def remaining(self, ip: str | None, user: str | None) -> int:
        """Failures still allowed in the window (the smaller of the IP's and the username's)."""
        now = self.clock()
        with self._lock:
            used = max(len(self._recent(key, now)) for key in self.keys(ip, user))
        return max(0, self.max_failures - used)

    def reserve(self, ip: str | None, user: str | None) -> tuple[float | None, int | None]:
        """Count an attempt as a failure *before* it is checked: (its stamp, None), or (None, seconds to
        wait) when none is allowed now. Simultaneous guesses thus cannot all be checked."""
        now = self.clock()
        with self._lock:
            wait = self._wait(ip, user, now)
            if wait is not None:
                return None, wait
            for key in self.keys(ip, user):
                times = self._recent(key, now)
                times.append(now)
                self._failures[key] = times
                self._failures.move_to_end(key)
            while len(self._failures) > self.max_keys:
                self._failures.popitem(last=False)
        return now, None

    def failure(self, ip: str | None, user: str | None) -> None:
        """Count a failure that was not reserved first."""
        self.reserve(ip, user)

    def cancel(self, ip: str | None, user: str | None, stamp: float) -> None:
        """Give back a reserved attempt that was never checked."""
        with self._lock:
            for key in self.keys(ip, user):
                times = self._failures.get(key)
                if times is not None and stamp in times:
                    times.remove(stamp)

    def success(self, ip: str | None, user: str | None, stamp: float | None = None) -> None:
        """A good sign-in clears that username's failures and gives the address its attempt back
        (not the address's other failures: one account must not let an address go on guessing others)."""
        with self._lock:
            for key in self.keys(None, user)[1:]:
                self._failures.pop(key, None)
            times = self._failures.get(self.keys(ip, None)[0])
            if stamp is not None and times is not None and stamp in times:
                times.remove(stamp)


# -- everything together -------------------------------------------------------------------------


class StaffAuth:
    """Users, sessions and the limiter for one app. ``clock`` may be replaced (tests)."""

    cookie_name = COOKIE_NAME

    def __init__(
        self,
        users_file: Path | None,
        session_minutes: float,
        secret: str | None = None,
        max_failures: int = 5,
        window: float = 300.0,
        clock: Callable[[], float] = time.time,
        shared: SharedState | None = None,
        salt: bytes | None = None,
    ):
        self.clock = clock
        self.shared = shared
        self.salt = salt or secrets.token_bytes(32)
        self.users = UserStore(users_file)
        self.session_seconds = max(1.0, float(session_minutes) * 60)
        self.signer = SessionSigner(secret, self.session_seconds, clock=lambda: self.clock())
        self.limiter = LoginLimiter(max_failures, window, clock=lambda: self.clock())
        self.checks = threading.BoundedSemaphore(MAX_CONCURRENT_CHECKS)
        revoked = Path(f"{users_file}.revoked") if users_file else None
        self.revoked = Revocations(revoked, shared, clock=lambda: self.clock())

    @classmethod
    def from_settings(cls, settings: Settings, **kw: Any) -> StaffAuth:
        if "shared" not in kw and settings.redis_url:
            kw["shared"] = shared_state(settings)
        if settings.session_secret:
            kw.setdefault("salt", hashlib.sha256(b"cea-staff-login\x00" + settings.session_secret.encode()).digest())
        return cls(settings.staff_users_file, settings.staff_session_minutes, settings.session_secret, **kw)

    # -- failed sign-ins counted across replicas (with Redis) -----------------------------------

    @property
    def sign_in_paused(self) -> bool:
        """With Redis configured and unreachable, sign-in is refused: the failure counts that stop
        password guessing are shared, and one replica alone would let N times as many guesses through."""
        return self.shared is not None and isinstance(self.shared, RedisShared) and not self.shared.check()

    def _shared_keys(self, ip: str | None, user: str | None) -> list[str]:
        return [f"login:{client_key(self.salt, k)}" for k in self.limiter.keys(ip, user)]

    def reserve_shared(self, ip: str | None, user: str | None) -> int | None:
        """Count an attempt in the shared state before it is checked: None when allowed, else the seconds
        to wait (the window; the attempt is then given back). No-op without Redis."""
        if self.shared is None or isinstance(self.shared, MemoryShared):
            return None
        keys = self._shared_keys(ip, user)
        counts = [self.shared.incr(k, self.limiter.window) for k in keys]
        if max(counts) > self.limiter.max_failures:
            for k in keys:
                self.shared.decr(k)
            return max(1, math.ceil(self.limiter.window))
        return None

    def cancel_shared(self, ip: str | None, user: str | None) -> None:
        """Give back a shared attempt that was never checked."""
        if self.shared is not None and not isinstance(self.shared, MemoryShared):
            for k in self._shared_keys(ip, user):
                self.shared.decr(k)

    def success_shared(self, ip: str | None, user: str | None) -> None:
        """A good sign-in: the user's shared failures are cleared and the address gets its attempt back."""
        if self.shared is not None and not isinstance(self.shared, MemoryShared):
            ip_key, *user_keys = self._shared_keys(ip, user)
            self.shared.decr(ip_key)
            for k in user_keys:
                self.shared.delete(k)

    @property
    def configured(self) -> bool:
        return self.users.configured

    def issue(self, user: str) -> str:
        """A session cookie value for a user who just signed in."""
        return self.signer.issue(user, self.users.users().get(user, ""))

    def session(self, token: str | None) -> Session:
        """The session of a cookie value; also refused when signed out, its user was removed, or the
        user's password changed since it was issued."""
        found = self.signer.read(token)
        if not found.ok:
            return found
        hashed = self.users.users().get(found.user or "")
        if hashed is None:
            return Session("invalid")
        if found.fingerprint is None or not hmac.compare_digest(found.fingerprint, self.signer.fingerprint(hashed)):
            return Session("invalid")
        if found.nonce in self.revoked:
            return Session("invalid")
        return found

    def session_from_cookies(self, cookies: dict[str, str]) -> Session:
        return self.session(cookies.get(self.cookie_name))

    def user_for(self, request: HTTPConnection) -> str | None:
        """Gradio ``auth_dependency``: the signed-in user of a request, or None."""
        found = self.session_from_cookies(request.cookies)
        return found.user if found.ok else None

    def revoke(self, token: str | None) -> None:
        found = self.signer.read(token)
        if found.nonce is None or found.status not in ("ok", "expired"):
            return
        self.revoked.add(found.nonce, found.expires)
