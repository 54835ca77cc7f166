"""A real `chroma run` server on a loopback port, for the client/server tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest


def free_port() -> int:
    """A loopback port free at the moment of asking (for servers that bind by themselves)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class ChromaServer:
    path: Path
    port: int
    proc: subprocess.Popen | None = None

    def start(self, timeout: float = 60.0) -> ChromaServer:
        chroma = Path(sys.executable).parent / "chroma"
        if not chroma.exists():
            pytest.skip("the chromadb CLI (chroma) is not installed in this environment")
        self.proc = subprocess.Popen(
            [str(chroma), "run", "--path", str(self.path), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={"ANONYMIZED_TELEMETRY": "False", "PATH": "/usr/bin:/bin"},
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("chroma run did not start") from None
                time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)
        self.proc = None


@contextmanager
def chroma_server(path: Path) -> Iterator[ChromaServer]:
    server = ChromaServer(path, free_port()).start()
    try:
        yield server
    finally:
        server.stop()
