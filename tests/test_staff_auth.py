"""Staff sign-in parts (assistant.web.staff.auth): passwords, users file, sessions, limiter; no app."""

from __future__ import annotations

from assistant.web.staff.auth import LoginLimiter, SessionSigner, check_password, hash_password, parse_users
from tests.helpers.staff import PASSWORD, SECRET


def test_bcrypt_hash_and_check() -> None:
    hashed = hash_password(PASSWORD, rounds=4)
    assert hashed.startswith("$2b$04$") and PASSWORD not in hashed
    assert check_password(PASSWORD, hashed)
    assert not check_password(PASSWORD + "!", hashed)
    assert not check_password("x" * 100, hashed)  # over bcrypt's 72 bytes: refused, not an error
    assert not check_password(PASSWORD, "not-a-hash")


def test_users_file_parsing_skips_bad_lines() -> None:
    good = hash_password(PASSWORD, rounds=4)
    users, problems = parse_users(
        f"# staff\n\nalice:{good}\nbob:plaintext-password\nno colon here\n../evil:{good}\n  carol : {good}  \n"
    )
    assert set(users) == {"alice", "carol"}
    assert len(problems) == 3 and all("users file:" in p for p in problems)
    assert not any("plaintext-password" in p for p in problems), "never echo what looks like a secret"


def test_session_tokens_sign_expire_and_resist_tampering() -> None:
    now = [1_000_000.0]
    signer = SessionSigner(SECRET, max_age=60, clock=lambda: now[0])
    token = signer.issue("alice")
    assert signer.read(token).ok and signer.read(token).user == "alice"
    payload, signature = token.split(".")
    assert signer.read(f"{payload}.{signature[:-2]}AA").status == "invalid"
    assert signer.read(f"{payload[:-2]}AA.{signature}").status == "invalid"
    assert SessionSigner("another secret", 60, clock=lambda: now[0]).read(token).status == "invalid"
    assert signer.read("").status == "missing" and signer.read("garbage").status == "invalid"
    now[0] += 59
    assert signer.read(token).ok
    now[0] += 1
    assert signer.read(token).status == "expired"


def test_limiter_counts_failures_per_ip_and_per_user_in_a_window() -> None:
    now = [0.0]
    limiter = LoginLimiter(max_failures=5, window=300, clock=lambda: now[0])
    for i in range(5):
        assert limiter.retry_after("1.1.1.1", f"user{i}") is None
        limiter.failure("1.1.1.1", f"user{i}")
        now[0] += 10
    assert limiter.retry_after("1.1.1.1", "someone") == 250  # failures at 0..40 s; now 50; the first leaves at 300
    assert limiter.retry_after("2.2.2.2", "user0") is None  # another address, a user with one failure
    now[0] += 250
    assert limiter.retry_after("1.1.1.1", "someone") is None
    for i in range(5):
        limiter.failure(f"10.0.0.{i}", "Bob")
    assert limiter.retry_after("10.0.0.99", "bob") == 300  # usernames compare case-insensitively
    assert limiter.remaining("10.0.0.99", "bob") == 0 and limiter.remaining("10.0.0.99", "zed") == 5
    limiter.success("10.0.0.99", "bob")
    assert limiter.retry_after("10.0.0.99", "bob") is None
