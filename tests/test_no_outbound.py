"""The process connects to nothing but loopback (issue 15, finding 1).

The whole run — ``serve`` starting, an answer through the JSON API, its stream and the Gradio
queue, a staff comparison, the ``compare`` command and an idle minute — happens in a network
namespace with only ``lo`` up (``unshare -n``), under ``strace -f -e trace=connect``, which
records every ``connect()`` attempt of every process and thread, including the ones the
namespace makes fail. Any attempt to an address that is not loopback or a local socket fails
the test. Needs root, ``unshare``, ``ip`` and ``strace`` (``make test`` installs them through
``scripts/install-test-tools.sh``); without them the test fails in CI and is skipped elsewhere.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys

import pytest

from assistant.config import ROOT
from assistant.web.staff.auth import hash_password
from tests.helpers.staff import PASSWORD, SECRET

IDLE_SECONDS = 60
CONNECT = re.compile(r"connect\(\d+, \{sa_family=(AF_\w+)(.*?)\}, \d+\)")
INET = re.compile(r'inet_addr\("([^"]+)"\)')
INET6 = re.compile(r'inet_pton\(AF_INET6, "([^"]+)"')


def _tools() -> None:
    missing = [t for t in ("unshare", "strace", "ip") if shutil.which(t) is None]
    problem = f"needs {', '.join(missing)} (run scripts/install-test-tools.sh)" if missing else None
    if problem is None and os.geteuid() != 0:
        problem = "needs root for a network namespace"
    if problem is None:
        return
    if os.environ.get("CI"):
        pytest.fail(problem)
    pytest.skip(problem)


def outside_loopback(trace: str) -> list[str]:
    """Every connect() attempt in an strace log to anything but loopback or a local socket."""
    bad = []
    for line in trace.splitlines():
        found = CONNECT.search(line)
        if not found:
            continue
        family, rest = found.groups()
        if family in ("AF_UNIX", "AF_LOCAL", "AF_NETLINK"):
            continue
        if family == "AF_INET" and (m := INET.search(rest)) and m.group(1).startswith("127."):
            continue
        if family == "AF_INET6" and (m := INET6.search(rest)) and (
            m.group(1) == "::1" or m.group(1).startswith("::ffff:127.")
        ):
            continue
        if family == "AF_UNSPEC":  # disconnecting a UDP socket: no packet is sent
            continue
        bad.append(line.strip())
    return bad


def test_the_parser_sees_outside_addresses() -> None:
    trace = "\n".join(
        [
            '12 connect(5, {sa_family=AF_INET, sin_port=htons(7860), sin_addr=inet_addr("127.0.0.1")}, 16) = 0',
            '12 connect(6, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), '
            'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0',
            '12 connect(7, {sa_family=AF_UNIX, sun_path="/var/run/nscd/socket"}, 110) = -1 ENOENT',
            '13 connect(8, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("104.18.1.1")}, 16) '
            "= -1 ENETUNREACH (Network is unreachable)",
            '13 connect(9, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), '
            'inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH',
        ]
    )
    bad = outside_loopback(trace)
    assert len(bad) == 2 and "104.18.1.1" in bad[0] and "2001:4860" in bad[1]


@pytest.mark.slow
@pytest.mark.server
def test_no_connection_beyond_loopback_during_start_answers_comparison_and_idle(real_settings, tmp_path) -> None:
    _tools()
    users = tmp_path / "users"
    users.write_text(f"alice:{hash_password(PASSWORD, rounds=4)}\n")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    trace = tmp_path / "connect.trace"
    env = os.environ | {
        "ASSISTANT_INDEX_DIR": str(real_settings.index_dir),
        "ASSISTANT_CORPUS_DIR": str(real_settings.corpus_dir),
        "ASSISTANT_CACHE_DIR": str(real_settings.cache_dir),
        "ASSISTANT_SESSION_SECRET": SECRET,
        "ASSISTANT_RATE_LIMIT": "off",
        "HOME": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    for name in ("GRADIO_ANALYTICS_ENABLED", "ANONYMIZED_TELEMETRY", "ORT_DISABLE_TELEMETRY", "HF_HUB_OFFLINE",
                 "DO_NOT_TRACK", "HF_HUB_DISABLE_TELEMETRY", "TRANSFORMERS_OFFLINE"):  # fmt: skip
        env.pop(name, None)  # the product must switch these off itself
    driver = f"{sys.executable} -m tests.helpers.outbound {port} {users} {IDLE_SECONDS}"
    script = f"ip link set lo up && exec strace -f -qq -e trace=connect -o {trace} {driver}"
    done = subprocess.run(
        ["unshare", "-n", "bash", "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )
    steps = [line for line in done.stdout.split() if line in ("started", "answered", "compared", "idle")]
    assert done.returncode == 0 and steps == ["started", "answered", "compared", "idle"], (
        steps,
        done.stderr[-3000:],
    )
    text = trace.read_text()
    assert re.search(r'inet_addr\("127\.0\.0\.1"\)', text), "strace recorded the loopback connections"
    assert outside_loopback(text) == []
