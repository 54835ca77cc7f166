"""The several-replica topology of issue 18, started with ``scripts/cluster.sh`` itself, and a load generator.

Every process is real: Debian's nginx and redis-server, ``chroma run``, the app replicas. The load comes
from several loopback source addresses (127.0.0.2, 127.0.0.3, ...), as clients behind nginx would.
"""

from __future__ import annotations

import os
import random
import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from assistant.config import ROOT

SCRIPT = ROOT / "scripts" / "cluster.sh"
ORDINARY = ["can my therapist text me?", "is it ok to add my counsellor on facebook?", "can I email my therapist?"]
CRISIS = ["I am going to kill myself tonight, I have the pills here", "I want to end my life"]


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port_base() -> int:
    """A base port whose cluster ports (base, +1, +2, +11...+14) are free now."""
    for _ in range(200):
        base = random.randrange(20000, 40000, 20)
        if all(_free(base + d) for d in (0, 1, 2, 11, 12, 13, 14)):
            return base
    raise RuntimeError("no free ports")


@dataclass
class Cluster:
    state: Path
    replicas: int = 2
    env: dict[str, str] = field(default_factory=dict)
    base: int = 0

    def _run(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        env = {**os.environ, **self.env, "CEA_STATE_DIR": str(self.state), "CEA_PORT_BASE": str(self.base)}
        return subprocess.run(["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=timeout)

    def up(self) -> Cluster:
        for tool in ("nginx", "redis-server"):
            if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists():
                message = f"needs {tool} (scripts/install-cluster-tools.sh; cluster.sh up installs it with apt)"
                if os.environ.get("CI"):
                    pytest.fail(message)
                pytest.skip(message)
        self.base = self.base or free_port_base()
        done = self._run("up", "--replicas", str(self.replicas))
        if done.returncode != 0:
            self.down()
            raise RuntimeError(f"cluster.sh up failed:\n{done.stdout}\n{done.stderr}")
        return self

    def down(self) -> None:
        self._run("down", timeout=120)

    def stop(self, name: str) -> None:
        done = self._run("stop", name, timeout=120)
        assert done.returncode == 0, done.stderr

    def start(self, name: str) -> None:
        done = self._run("start", name, timeout=300)
        assert done.returncode == 0, done.stderr

    def settings(self) -> dict[str, str]:
        """The cluster's environment file (what every run script reads)."""
        out = {}
        for line in (self.state / "cluster.env").read_text().splitlines():
            if "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                out[key] = value.strip('"')
        return out

    def pid(self, name: str) -> int:
        return int((self.state / "pids" / f"{name}.pid").read_text())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.base}"

    def replica_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.base + 10 + i}"

    def ready(self, i: int) -> tuple[int, dict]:
        try:
            resp = httpx.get(f"{self.replica_url(i)}/health/ready", timeout=5)
        except httpx.HTTPError:
            return 0, {}
        return resp.status_code, resp.json()

    def wait_ready(self, i: int, seconds: float = 240) -> dict:
        deadline = time.monotonic() + seconds
        while True:
            status, body = self.ready(i)
            if status == 200:
                return body
            assert time.monotonic() < deadline, f"replica {i} not ready: {body}\n{self.log_tail(f'app-{i}')}"
            time.sleep(0.5)

    def log_tail(self, name: str, lines: int = 40) -> str:
        """The end of one process's log, so that a replica that never came back says why."""
        log = self.state / "logs" / f"{name}.log"
        if not log.exists():
            return f"(no log {log})"
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])

    def ingest(self) -> None:
        """``python ingest.py`` against the cluster's Chroma server, as an operator would run it."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")} | self.settings()
        done = subprocess.run([env["CEA_PYTHON"], "ingest.py", "--quiet"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=600)  # fmt: skip
        assert done.returncode == 0, done.stderr[-2000:]


@dataclass
class Outcome:
    kind: str  # "ordinary" or "crisis"
    status: int  # 0: no response at all
    good: bool  # a real answer: a crisis block for a crisis message, an answer with citations otherwise
    at: float


def ask_ok(kind: str, resp: httpx.Response) -> bool:
    if resp.status_code != 200:
        return False
    body = resp.json()
    if kind == "crisis":
        return body.get("crisis") is not None
    return bool(body.get("answer")) and bool(body.get("citations"))


class Load:
    """``workers`` threads posting /api/ask through nginx from several source addresses until stopped."""

    def __init__(self, url: str, workers: int = 4, addresses: Iterable[str] | None = None, jurisdiction: str = "GB"):
        self.url = url
        # Many source addresses, so that no client of the load passes the per-address rate limit.
        self.addresses = list(addresses or (f"127.0.{a}.{b}" for a in (1, 2, 3) for b in range(1, 251)))
        self.workers = workers
        self.jurisdiction = jurisdiction
        self.outcomes: list[Outcome] = []
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def _work(self, n: int) -> None:
        rng = random.Random(n)
        clients: dict[str, httpx.Client] = {}
        try:
            while not self._stop.is_set():
                kind = "crisis" if rng.random() < 0.25 else "ordinary"
                question = rng.choice(CRISIS if kind == "crisis" else ORDINARY)
                address = rng.choice(self.addresses)
                if address not in clients:
                    clients[address] = httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60)
                body = {"question": question, "jurisdiction": self.jurisdiction}
                try:
                    resp = clients[address].post(f"{self.url}/api/ask", json=body)
                    outcome = Outcome(kind, resp.status_code, ask_ok(kind, resp), time.monotonic())
                except httpx.HTTPError:
                    outcome = Outcome(kind, 0, False, time.monotonic())
                with self._lock:
                    self.outcomes.append(outcome)
        finally:
            for c in clients.values():
                c.close()

    def __enter__(self) -> Load:
        self._threads = [threading.Thread(target=self._work, args=(n,), daemon=True) for n in range(self.workers)]
        for t in self._threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(timeout=90)

    def wait_for(self, count: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while len(self.outcomes) < count:
            assert time.monotonic() < deadline, f"only {len(self.outcomes)} answers in {seconds} s"
            time.sleep(0.05)

    def failures(self, where: Callable[[Outcome], bool] = lambda o: True) -> Counter:
        return Counter((o.kind, o.status) for o in self.outcomes if where(o) and not o.good)
