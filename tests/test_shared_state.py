"""State shared by replicas through a real Redis (``ASSISTANT_REDIS_URL``): rate limits and sign-outs.

Starts Debian's ``redis-server`` on a free loopback port (``make test`` installs it through
``scripts/install-test-tools.sh``; without it the tests fail in CI and are skipped elsewhere).
Two apps built from the same settings stand for two replicas.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time

import pytest

from assistant.config import Settings
from assistant.web.staff.auth import COOKIE_NAME, hash_password
from tests.helpers.staff import PASSWORD, SECRET
from tests.helpers.web import stub_assistant


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        message = "needs redis-server (run scripts/install-test-tools.sh)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    folder = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                pytest.fail("redis-server did not start")
            time.sleep(0.1)
    yield f"redis://127.0.0.1:{port}/0"
    proc.terminate()
    proc.wait(timeout=10)


def _replica(tmp_path, name: str, **kw):
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app

    folder = tmp_path / name
    folder.mkdir(exist_ok=True)
    users = folder / "users"  # each replica its own copy: nothing shared through a file
    users.write_text(f"alice:{hash_password(PASSWORD, rounds=4)}\n") if not users.exists() else None
    settings = Settings(staff_users_file=users, session_secret=SECRET, **kw)
    return TestClient(create_app(settings, stub_assistant(), stream_delay=0), follow_redirects=False,
                      client=("10.20.0.1", 5000))  # fmt: skip


def test_rate_limits_are_shared_by_replicas(redis_url, tmp_path) -> None:
    one = _replica(tmp_path, "one", rate_limit="3/minute", redis_url=redis_url)
    two = _replica(tmp_path, "two", rate_limit="3/minute", redis_url=redis_url)
    codes = [c.post("/api/ask", json={"question": "hi there"}).status_code for c in (one, two, one, two)]
    assert codes == [200, 200, 200, 429]


def test_sign_out_on_one_replica_ends_the_session_on_the_other(redis_url, tmp_path) -> None:
    one = _replica(tmp_path, "a", redis_url=redis_url, rate_limit="off")
    users_two = tmp_path / "b" / "users"
    users_two.parent.mkdir()
    users_two.write_text((tmp_path / "a" / "users").read_text())  # same users, another file
    two = _replica(tmp_path, "b", redis_url=redis_url, rate_limit="off")
    assert one.post("/staff/login", data={"username": "alice", "password": PASSWORD}).status_code == 303
    token = one.cookies[COOKIE_NAME]
    two.cookies.set(COOKIE_NAME, token, path="/staff")
    assert two.get("/staff/config").status_code == 200
    assert one.post("/staff/logout").status_code == 303
    assert two.get("/staff/config").status_code == 401
    assert not (tmp_path / "a" / "users.revoked").exists(), "kept in Redis, not in a file"


def test_a_redis_outage_lets_messages_through(tmp_path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    replica = _replica(tmp_path, "down", rate_limit="1/minute", redis_url=f"redis://127.0.0.1:{dead}/0")
    assert [replica.post("/api/ask", json={"question": "hi"}).status_code for _ in range(3)] == [200, 200, 200]


def test_clinic_counts_and_caps_are_shared_by_replicas(redis_url) -> None:
    from assistant.clinics.config import ClinicConfig
    from assistant.clinics.limits import ClinicLimits
    from assistant.web.ratelimit import RateLimits

    salt = b"s" * 32
    one, two = (ClinicLimits(RateLimits("off", redis_url, salt)) for _ in range(2))
    for replica in (one, two, one, two, one, two):
        replica.count("shared", "texting", "crisis")
    assert dict(two.table("shared").topics)["texting"][-1] == 6
    assert dict(one.table("shared").tiers)["crisis"][-1] == 6
    config = ClinicConfig.model_validate({
        "name": "Shared", "jurisdiction": "GB", "greeting": "Hi", "accent_colour": "#1d4f91",
        "allowed_origins": [], "daily_cap": 2, "visitor_limit": "100/minute",
    })  # fmt: skip
    assert one.hit("shared", config, "10.9.0.1") is None and two.hit("shared", config, "10.9.0.2") is None
    assert one.hit("shared", config, "10.9.0.3")[0] == "clinic_daily_cap"
