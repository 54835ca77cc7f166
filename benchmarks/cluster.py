"""Cluster benchmark (issue 18): figures printed, nothing asserted.

    python benchmarks/cluster.py [--duration 20] [--clients 8] [--skip-scale] [--skip-replicas]
                                 [--scale 200,2000,20000]

1. Replicas. ``scripts/cluster.sh up --replicas 4`` (Redis, ``chroma run``, 4 replicas, nginx), then an
   extra nginx per replica count (1, 2, 4) rendered by ``deploy/run-nginx.sh`` over the first N replicas,
   and beside them ``app.py`` as one embedded process (its own index folder). The same closed-loop load
   (``--clients`` threads, a question mix with one crisis message in five) goes to each for
   ``--duration`` seconds, from several loopback source addresses (127.0.1.1, 127.0.1.2, ...), with the
   rate limit off (printed). Then the same at one client at a time: latency at equal (light) load.
   Throughput per core divides by the machine's cores: on two cores the cores are the ceiling.
2. Store scale. Synthetic clinic policies (a thousand clinics, a few chunks each) at 200, 2,000 and 20,000
   chunks, embedded (PersistentClient in this process) and server (a fresh ``chroma run``): insert
   throughput against raw encoding with the bundled model, query p95 (the app's query: 40 nearest, ids and
   distances, a jurisdiction filter) and memory (this process's RSS growth; the server's RSS).
   The growth from 2,000 to 20,000 is extrapolated to 100,000.
"""

from __future__ import annotations

import argparse
import os
import pickle
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))  # benchmarks/web.py: the question mix and helpers
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # this checkout's assistant, scripts and deploy

from web import QUESTIONS, free_port, rss_kib  # noqa: E402

from assistant.config import ROOT  # noqa: E402

CORES = os.cpu_count() or 1


# -- load --------------------------------------------------------------------------------------------


def run_load(url: str, clients: int, seconds: float) -> dict[str, float]:
    """``clients`` threads posting /api/ask for ``seconds``; latency figures in ms and answers per second."""
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def work(n: int) -> None:
        nonlocal errors
        rng = random.Random(n)
        address = f"127.0.1.{n + 1}"
        with httpx.Client(transport=httpx.HTTPTransport(local_address=address), timeout=60) as client:
            while time.monotonic() < stop:
                question, place = rng.choice(QUESTIONS)
                started = time.perf_counter()
                try:
                    ok = client.post(f"{url}/api/ask", json={"question": question, "jurisdiction": place}).status_code
                except httpx.HTTPError:
                    ok = 0
                took = (time.perf_counter() - started) * 1000
                with lock:
                    if ok == 200:
                        latencies.append(took)
                    else:
                        errors += 1

    threads = [threading.Thread(target=work, args=(n,)) for n in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    latencies.sort()

    def pct(p: float) -> float:
        return latencies[min(len(latencies) - 1, int(p * len(latencies)))] if latencies else float("nan")

    return {
        "answers": len(latencies),
        "errors": errors,
        "per_s": len(latencies) / wall,
        "p50": statistics.median(latencies) if latencies else float("nan"),
        "p95": pct(0.95),
    }


def wait_ready(url: str, seconds: float = 240) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health/ready", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready")


def replicas_section(args: argparse.Namespace, python: str) -> None:
    state = Path(tempfile.mkdtemp(prefix="cea-bench-"))
    base = 24000 + random.randrange(0, 400, 20)
    env = {**os.environ, "CEA_STATE_DIR": str(state / "cluster"), "CEA_PORT_BASE": str(base), "CEA_PYTHON": python,
           "ASSISTANT_RATE_LIMIT": "off"}  # fmt: skip
    procs: list[subprocess.Popen] = []
    try:
        print(f"starting the cluster (4 replicas) in {state} ...", flush=True)
        up = subprocess.run(["bash", str(ROOT / "scripts" / "cluster.sh"), "up", "--replicas", "4"], env=env,
                            capture_output=True, text=True)  # fmt: skip
        if up.returncode != 0:
            raise RuntimeError(up.stdout + up.stderr)
        replicas = [f"127.0.0.1:{base + 10 + i}" for i in range(1, 5)]
        urls = {}
        for n in (1, 2, 4):
            port = free_port()
            nginx_env = {**env, "CEA_STATE_DIR": str(state / f"nginx-{n}"), "CEA_REPLICAS": " ".join(replicas[:n]),
                         "CEA_LISTEN": f"127.0.0.1:{port}", "CEA_NGINX_USER": "root"}  # fmt: skip
            procs.append(subprocess.Popen(["bash", str(ROOT / "deploy" / "run-nginx.sh")], env=nginx_env,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True))
            urls[f"nginx + Chroma server, {n} replica{'s' if n > 1 else ''}"] = f"http://127.0.0.1:{port}"
        # The embedded single process: its own index folder, no Chroma server, no nginx, no Redis.
        port = free_port()
        embedded_env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
        embedded_env.update({"ASSISTANT_INDEX_DIR": str(state / "index"), "ASSISTANT_PORT": str(port),
                             "ASSISTANT_RATE_LIMIT": "off", "ASSISTANT_CACHE_DIR": env.get("ASSISTANT_CACHE_DIR",
                             str(ROOT / "cache"))})  # fmt: skip
        procs.append(subprocess.Popen([python, "app.py"], cwd=ROOT, env=embedded_env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, start_new_session=True))  # fmt: skip
        embedded = f"http://127.0.0.1:{port}"
        for url in [*urls.values(), embedded]:
            wait_ready(url, 600)
        targets = {"embedded single process (app.py)": embedded, **urls}
        for url in targets.values():
            run_load(url, 2, 3)  # warm-up
        load1, load5, _ = os.getloadavg()  # other work on the machine shares the cores: say how much
        print(f"\nrate limit: off (ASSISTANT_RATE_LIMIT=off); cores: {CORES}; load average before the rows: "
              f"{load1:.1f} (1 min), {load5:.1f} (5 min); clients from 127.0.1.x; {args.duration:.0f} s per row\n")
        header = f"{'path':44} {'clients':>7} {'answers/s':>9} {'/core':>6} {'p50 ms':>7} {'p95 ms':>7} {'errors':>6}"
        print(header)
        print("-" * len(header))
        for clients in (args.clients, 1):
            for name, url in targets.items():
                r = run_load(url, clients, args.duration)
                print(f"{name:44} {clients:7d} {r['per_s']:9.1f} {r['per_s'] / CORES:6.1f} {r['p50']:7.1f} "
                      f"{r['p95']:7.1f} {r['errors']:6d}", flush=True)  # fmt: skip
    finally:
        for proc in procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
        subprocess.run(["bash", str(ROOT / "scripts" / "cluster.sh"), "down"], env=env, capture_output=True)
        shutil.rmtree(state, ignore_errors=True)


# -- store scale -------------------------------------------------------------------------------------

TOPICS = ["texting", "email", "social media", "phone calls", "after-hours contact", "gifts", "video sessions",
          "emergencies", "records of messages", "friend requests"]  # fmt: skip
PLACES = ["US", "GB", "AU", "CA-ON", "IE", "NZ", "US-TX", "US-CA"]


def synthetic_policies(n: int, seed: int = 7) -> tuple[list[str], list[str], list[dict]]:
    """``n`` chunks of made-up clinic policies spread over a thousand clinics (ids, texts, metadata)."""
    rng = random.Random(seed)
    ids, texts, metas = [], [], []
    for i in range(n):
        clinic = i % 1000
        topic = rng.choice(TOPICS)
        hours = rng.choice(["two working days", "one working day", "the same day", "48 hours"])
        texts.append(
            f"Clinic {clinic} policy on {topic}: our therapists answer {topic} about scheduling within {hours}; "
            f"they do not give therapy by {topic}. In an emergency call {rng.choice(['999', '911', '000'])}. "
            f"Section {i % 37}.{i % 11}, revision {i}."
        )
        ids.append(f"clinic-{clinic}:{i}")
        metas.append({"doc_type": "policy", "clinic": f"c{clinic}", "jurisdiction": rng.choice(PLACES)})
    return ids, texts, metas


def query_p95(collection, vectors, rounds: int = 200) -> float:
    took = []
    for i in range(rounds):
        v = vectors[i % len(vectors)]
        started = time.perf_counter()
        collection.query(query_embeddings=[v], n_results=40, where={"jurisdiction": {"$in": ["GB", "US"]}},
                         include=["distances"])  # fmt: skip
        took.append((time.perf_counter() - started) * 1000)
    took.sort()
    return took[int(0.95 * len(took)) - 1]


def store_row(kind: str, n: int, data: Path, python: str) -> None:
    """One row of the scale table, in its own process: prints insert/s, query p95 ms and memory MiB."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    with open(data, "rb") as fh:
        ids, texts, metas, vectors, probes = pickle.load(fh)
    folder = Path(tempfile.mkdtemp(prefix=f"cea-scale-{kind}-"))
    proc = None
    rss_before = rss_kib(os.getpid())
    settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if kind == "server":
            port = free_port()
            proc = subprocess.Popen([str(Path(python).parent / "chroma"), "run", "--path", str(folder), "--host",
                                     "127.0.0.1", "--port", str(port)], stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env={"ANONYMIZED_TELEMETRY": "False",
                                    "PATH": "/usr/bin:/bin"})  # fmt: skip
            deadline = time.monotonic() + 60
            while True:
                try:
                    client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=settings)
                    client.heartbeat()
                    break
                except Exception:  # noqa: BLE001 - not up yet
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.3)
        else:
            client = chromadb.PersistentClient(path=str(folder), settings=settings)
        collection = client.create_collection("scale", metadata={"hnsw:space": "cosine"}, embedding_function=None)
        started = time.perf_counter()
        for i in range(0, n, 1000):
            collection.add(ids=ids[i : i + 1000], documents=texts[i : i + 1000], metadatas=metas[i : i + 1000],
                           embeddings=vectors[i : i + 1000])  # fmt: skip
        insert = n / (time.perf_counter() - started)
        p95 = query_p95(collection, probes)
        memory = rss_kib(proc.pid if proc is not None else os.getpid()) - (0 if proc is not None else rss_before)
        print(f"{insert:.1f} {p95:.3f} {memory / 1024:.1f}")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


def scale_section(sizes: list[int], python: str) -> None:
    from assistant.config import Settings
    from assistant.index.embeddings import get_embeddings

    model = get_embeddings(Settings())
    biggest = max(sizes)
    ids, texts, metas = synthetic_policies(biggest)
    started = time.perf_counter()
    vectors = model.embed_documents(texts)
    encode_rate = biggest / (time.perf_counter() - started)
    probes = model.embed_documents([f"can my therapist {t} me after hours?" for t in TOPICS])
    print(f"\nload average: {os.getloadavg()[0]:.1f}")
    print(f"store scale: synthetic clinic policies (1,000 clinics); raw encoding with the bundled model: "
          f"{encode_rate:.0f} chunks/s ({biggest} chunks)\n")  # fmt: skip
    header = f"{'store':9} {'chunks':>7} {'insert/s':>9} {'ingest/s*':>9} {'query p95 ms':>12} {'memory MiB':>10}"
    print(header)
    print("-" * len(header))
    results: dict[str, dict[int, tuple[float, float]]] = {"embedded": {}, "server": {}}
    data = Path(tempfile.mkdtemp(prefix="cea-scale-data-"))
    with open(data / "chunks.pkl", "wb") as fh:
        pickle.dump((ids, texts, metas, vectors, probes), fh)
    try:
        for kind in ("embedded", "server"):
            for n in sizes:
                # One child process per row: its memory growth is the embedded store's (the server's is its RSS).
                child = subprocess.run([python, __file__, "--store-row", kind, str(n), str(data / "chunks.pkl")],
                                       capture_output=True, text=True, timeout=1800)  # fmt: skip
                if child.returncode != 0:
                    raise RuntimeError(child.stderr[-2000:])
                insert, p95, memory = (float(x) for x in child.stdout.split()[-3:])
                ingest = 1 / (1 / insert + 1 / encode_rate)  # encode then insert, one after the other
                results[kind][n] = (p95, memory)
                print(f"{kind:9} {n:7d} {insert:9.0f} {ingest:9.0f} {p95:12.2f} {memory:10.0f}", flush=True)
    finally:
        shutil.rmtree(data, ignore_errors=True)
    print("* ingest/s: raw encoding then insert, one after the other (what `python ingest.py` does for new chunks)")
    if len(sizes) >= 2:
        small, large = sorted(sizes)[-2:]
        for kind, rows in results.items():
            (q1, m1), (q2, m2) = rows[small], rows[large]
            growth_q = (q2 - q1) / (large - small)
            growth_m = (m2 - m1) / (large - small)
            print(f"{kind}: from {small} to {large} chunks query p95 +{growth_q * 1000:.3f} ms and memory "
                  f"+{growth_m * 1000:.1f} MiB per 1,000 chunks; linear extrapolation to 100,000: query p95 "
                  f"~{q2 + growth_q * (100_000 - large):.1f} ms, memory ~{m2 + growth_m * (100_000 - large):.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--skip-scale", action="store_true")
    parser.add_argument("--skip-replicas", action="store_true")
    parser.add_argument("--scale", default="200,2000,20000")
    parser.add_argument("--store-row", nargs=3, metavar=("KIND", "N", "DATA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.store_row:
        kind, n, data = args.store_row
        store_row(kind, int(n), Path(data), os.environ.get("CEA_PYTHON", sys.executable))
        return
    python = os.environ.get("CEA_PYTHON", sys.executable)
    if not args.skip_replicas:
        replicas_section(args, python)
    if not args.skip_scale:
        scale_section([int(s) for s in args.scale.split(",")], python)


if __name__ == "__main__":
    main()
