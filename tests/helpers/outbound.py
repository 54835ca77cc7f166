"""Driver of the no-outbound-connections test: run inside ``unshare -n`` under ``strace -f``.

    python -m tests.helpers.outbound PORT USERS_FILE IDLE_SECONDS

Starts ``python -m assistant serve`` (settings from the environment), waits until it is ready,
then asks through the JSON API, its stream and the Gradio ``/ask`` endpoint, signs in to the
staff area and runs a comparison there, runs the ``compare`` command, stays idle for
``IDLE_SECONDS`` and stops the server. Prints one line per step; exits non-zero if a step failed.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import httpx

from assistant.config import ROOT
from tests.helpers.staff import PASSWORD


def say(text: str, flush: bool = True) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _events(client: httpx.Client, path: str, session: str) -> list[dict]:
    out = []
    with client.stream("GET", path, params={"session_hash": session}, timeout=120) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:"):
                event = json.loads(line[5:])
                out.append(event)
                if event.get("msg") == "process_completed":
                    break
    return out


def main() -> int:
    port, idle = int(sys.argv[1]), float(sys.argv[3])
    url = f"http://127.0.0.1:{port}"
    env = os.environ | {"ASSISTANT_HOST": "127.0.0.1", "ASSISTANT_PORT": str(port)}
    env["ASSISTANT_STAFF_USERS_FILE"] = sys.argv[2]
    server = subprocess.Popen(  # its stdout (the start-up banner) is not one of the steps printed here
        [sys.executable, "-m", "assistant", "serve"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 300
        while True:
            if server.poll() is not None or time.monotonic() > deadline:
                say("server did not start", flush=True)
                return 1
            try:
                if httpx.get(f"{url}/health/ready", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        say("started", flush=True)
        with httpx.Client(base_url=url, timeout=120) as client:
            reply = client.post("/api/ask", json={"question": "Can my therapist text me?", "jurisdiction": "GB"})
            assert reply.status_code == 200 and reply.json()["citations"], reply.text[:200]
            stream = client.post("/api/ask/stream", json={"question": "i want to kill myself tonight"})
            assert stream.status_code == 200 and "event: crisis" in stream.text
            config = client.get("/config").json()
            ask = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")
            question = "Can I follow my therapist on Instagram?"
            body = {"data": [question, "US", []], "fn_index": ask, "session_hash": "outbound1"}
            assert client.post("/gradio_api/queue/join", json=body).status_code == 200
            events = _events(client, "/gradio_api/queue/data", "outbound1")
            assert any(e.get("msg") == "process_completed" for e in events)
            say("answered", flush=True)

            signed = client.post("/staff/login", data={"username": "alice", "password": PASSWORD})
            assert signed.status_code == 303, signed.text[:200]
            staff = client.get("/staff/config").json()
            run = next(
                d["id"] for d in staff["dependencies"] if any(
                    c.get("props", {}).get("elem_id") == "staff-compare"
                    for c in staff["components"] if c["id"] in [t[0] for t in d.get("targets", [])]
                )
            )  # fmt: skip
            body = {"data": ["after-termination", "", ["US", "GB"], []], "fn_index": run, "session_hash": "outbound2"}
            assert client.post("/staff/gradio_api/queue/join", json=body).status_code == 200
            events = _events(client, "/staff/gradio_api/queue/data", "outbound2")
            done = [e for e in events if e.get("msg") == "process_completed"]
            assert done and done[0].get("success"), str(events)[-500:]
        compared = subprocess.run(
            [sys.executable, "-m", "assistant", "compare", "social media", "--jurisdictions", "US,GB"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert compared.returncode == 0, compared.stderr[-500:]
        say("compared", flush=True)
        time.sleep(idle)
        say("idle", flush=True)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
