"""Load benchmark of the web app: N concurrent simulated clients against a real server.

    python benchmarks/web.py [--clients 20] [--duration 30] [--max-requests 200] [--gradio]

Starts `app.py` as a subprocess on a free loopback port (it builds the index first if it
is missing), then N client threads post a mix of questions (one in five a crisis message)
to `POST /api/ask` until the time or request budget runs out. With --gradio two more rounds go
through the Gradio queue to the `/ask` endpoint: one speaking the queue protocol directly (join,
then the event stream, as the page does), one with gradio_client. The clients run in this process,
the server in another; the rate limit is off (every client is one address) and printed as such.
Prints end-to-end latency (p50/p95/p99/max), errors, throughput, the CPU time per reply of the
server and of the clients, and the server's resident memory. Figures only: the target (20
concurrent chats, p95 <= 300 ms) is not asserted.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from assistant.config import ROOT

QUESTIONS = [
    ("Can my therapist text me between sessions?", "GB"),
    ("Is it okay to follow my therapist on Instagram?", "US"),
    ("Therapy ended a year ago. Can we be friends now?", "CA-ON"),
    ("Can I give my counsellor a small gift at the end of therapy?", "AU"),
    ("i want to kill myself tonight", "GB"),
    ("What should I do if I need help after hours?", None),
    ("My therapist added me on Facebook, is that allowed?", "IE"),
    ("Can I pay my therapist by doing some work for them instead?", "NZ"),
    ("I ran into my therapist at the supermarket, what should I do?", "US-TX"),
    ("i feel really low and alone tonight", "US"),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def rss_kib(pid: int, key: str = "VmRSS") -> int:
    """Resident memory of a process in KiB (psutil when installed, else /proc/<pid>/status)."""
    try:
        import psutil  # type: ignore[import-not-found]

        proc = psutil.Process(pid)
        if key == "VmRSS":
            return proc.memory_info().rss // 1024
    except ImportError:
        pass
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/<pid>/stat), threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Round:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    crisis_ok: int = 0
    wall: float = 0.0
    rss_peak: int = 0
    server_cpu: float = 0.0  # CPU seconds the server used during the round
    client_cpu: float = 0.0  # CPU seconds this (client) process used during the round


def run_round(
    name: str,
    think: float,
    clients: int,
    duration: float,
    budget: int,
    make_call: Callable[[], Callable[[str, str | None], bool]],
    pid: int,
) -> Round:
    result = Round(name)
    lock = threading.Lock()
    issued = [0]
    deadline = time.monotonic() + duration
    stop = threading.Event()

    def sampler() -> None:
        while not stop.is_set():
            result.rss_peak = max(result.rss_peak, rss_kib(pid))
            stop.wait(0.2)

    def worker(index: int) -> None:
        call = make_call()
        i = index
        if think:  # users arrive spread out, not all in the same millisecond
            time.sleep(random.uniform(0, think))
        while time.monotonic() < deadline:
            with lock:
                if issued[0] >= budget:
                    return
                issued[0] += 1
            question, place = QUESTIONS[i % len(QUESTIONS)]
            i += clients
            started = time.perf_counter()
            try:
                crisis = call(question, place)
                elapsed = time.perf_counter() - started
                with lock:
                    result.latencies.append(elapsed)
                    result.crisis_ok += int(crisis)
            except Exception as exc:  # every failure counts; the benchmark goes on
                with lock:
                    result.errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
            if think:
                time.sleep(random.uniform(0.5 * think, 1.5 * think))

    watcher = threading.Thread(target=sampler, daemon=True)
    watcher.start()
    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    server_cpu, client_cpu = cpu_seconds(pid), cpu_seconds(os.getpid())
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.wall = time.perf_counter() - started
    result.server_cpu = cpu_seconds(pid) - server_cpu
    result.client_cpu = cpu_seconds(os.getpid()) - client_cpu
    stop.set()
    watcher.join()
    return result


def http_caller(url: str) -> Callable[[], Callable[[str, str | None], bool]]:
    def make() -> Callable[[str, str | None], bool]:
        client = httpx.Client(base_url=url, timeout=120)

        def call(question: str, place: str | None) -> bool:
            resp = client.post("/api/ask", json={"question": question, "jurisdiction": place})
            if resp.status_code != 200:
                raise RuntimeError(f"HTTP {resp.status_code}")
            body = resp.json()
            if not body["answer"]:
                raise RuntimeError("empty answer")
            return body["crisis"] is not None

        return call

    return make


def gradio_caller(url: str) -> Callable[[], Callable[[str, str | None], bool]]:
    def make() -> Callable[[str, str | None], bool]:
        from gradio_client import Client

        client = Client(url, verbose=False)

        def call(question: str, place: str | None) -> bool:
            body = client.predict(question, place or "", [], api_name="/ask")
            if not body["answer"]:
                raise RuntimeError("empty answer")
            return body["crisis"] is not None

        return call

    return make


def gradio_queue_caller(url: str) -> Callable[[], Callable[[str, str | None], bool]]:
    """Gradio's queue spoken directly, as the page does: join, then read the event stream to the end."""

    def make() -> Callable[[str, str | None], bool]:
        import json
        import secrets

        client = httpx.Client(base_url=url, timeout=120)
        config = client.get("/config").json()
        fn_index = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")
        session = secrets.token_hex(8)

        def call(question: str, place: str | None) -> bool:
            body = {"data": [question, place or "", []], "fn_index": fn_index, "session_hash": session}
            joined = client.post("/gradio_api/queue/join", json=body)
            if joined.status_code != 200:
                raise RuntimeError(f"HTTP {joined.status_code}")
            event_id = joined.json()["event_id"]
            with client.stream("GET", "/gradio_api/queue/data", params={"session_hash": session}) as stream:
                for line in stream.iter_lines():
                    if not line.startswith("data:"):
                        continue
                    message = json.loads(line[5:])
                    if message.get("event_id") == event_id and message.get("msg") == "process_completed":
                        output = message.get("output") or {}
                        if not message.get("success"):
                            raise RuntimeError(str(output)[:120])
                        body = output["data"][0]
                        if not body["answer"]:
                            raise RuntimeError("empty answer")
                        return body["crisis"] is not None
            raise RuntimeError("stream ended without the reply")

        return call

    return make


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def report(r: Round, clients: int) -> None:
    ms = [v * 1000 for v in r.latencies]
    done = len(ms)
    print(f"\n[{r.name}] {clients} concurrent clients, {done + len(r.errors)} requests in {r.wall:.1f} s")
    if ms:
        print(
            f"  latency ms: p50 {pct(ms, 50):.0f}  p95 {pct(ms, 95):.0f}  p99 {pct(ms, 99):.0f}  "
            f"max {max(ms):.0f}  mean {statistics.fmean(ms):.0f}"
        )
    print(f"  throughput: {done / r.wall:.1f} replies/s   errors: {len(r.errors)}   crisis replies: {r.crisis_ok}")
    for err in sorted(set(r.errors))[:5]:
        print(f"    error: {err}")
    if done:
        print(
            f"  CPU per reply: server {1000 * r.server_cpu / done:.1f} ms, clients {1000 * r.client_cpu / done:.1f} ms "
            f"(2 cores shared by both processes)"
        )
    print(f"  server RSS peak during round: {r.rss_peak / 1024:.0f} MiB")



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per round")
    parser.add_argument("--max-requests", type=int, default=200, help="requests per round")
    parser.add_argument(
        "--think", type=float, default=0.0, help="mean seconds a simulated user waits between messages (0: none)"
    )
    parser.add_argument("--gradio", action="store_true", help="also load the Gradio queue via gradio_client")
    parser.add_argument("--concurrency", type=int, default=0, help="ASSISTANT_CONCURRENCY_LIMIT for the server")
    args = parser.parse_args()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    # One address sends every request: the per-client rate limit (and queue cap) would measure itself.
    env = os.environ | {"ASSISTANT_HOST": "127.0.0.1", "ASSISTANT_PORT": str(port), "ASSISTANT_RATE_LIMIT": "off"}
    if args.concurrency:
        env["ASSISTANT_CONCURRENCY_LIMIT"] = str(args.concurrency)
    print("rate limit: off (ASSISTANT_RATE_LIMIT=off: every client here is one address)")
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        while True:
            if server.poll() is not None:
                print("server failed to start:\n" + server.stderr.read().decode(errors="replace")[-2000:])
                return 1
            try:
                health = httpx.get(f"{url}/health", timeout=2).json()
                break
            except httpx.HTTPError:
                time.sleep(0.25)
        startup = time.perf_counter() - started
        print(f"server pid {server.pid} at {url}: ready in {startup:.1f} s, {health['chunks']} chunks indexed")
        for question, place in QUESTIONS[:3]:  # warm-up, not measured
            httpx.post(f"{url}/api/ask", json={"question": question, "jurisdiction": place}, timeout=120)
        idle = rss_kib(server.pid)
        print(f"server RSS after warm-up: {idle / 1024:.0f} MiB")

        rounds = [
            run_round(
                "POST /api/ask",
                args.think,
                args.clients,
                args.duration,
                args.max_requests,
                http_caller(url),
                server.pid,
            )
        ]
        if args.gradio:
            rounds.append(
                run_round(
                    "Gradio queue /ask (join + event stream, as the page)",
                    args.think,
                    args.clients,
                    args.duration,
                    args.max_requests,
                    gradio_queue_caller(url),
                    server.pid,
                )
            )
            rounds.append(
                run_round(
                    "gradio_client /ask",
                    args.think,
                    args.clients,
                    args.duration,
                    args.max_requests,
                    gradio_caller(url),
                    server.pid,
                )
            )
        for r in rounds:
            report(r, args.clients)
        print(
            f"\nserver RSS at end: {rss_kib(server.pid) / 1024:.0f} MiB "
            f"(high-water mark {rss_kib(server.pid, 'VmHWM') / 1024:.0f} MiB)"
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
