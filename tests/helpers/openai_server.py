"""A real local HTTP server speaking OpenAI chat-completions, scripted by each test.

It listens on 127.0.0.1 only (no paid API, no network); a test sets ``script.content`` (or a
status, a delay, a refusal) and reads ``script.requests`` to see what was sent.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL = "test-model"

VALID_ANSWER = (
    "Usually not for personal chat, but it depends on the contact policy you agreed.\n"
    "\n"
    "**United States**\n"
    "- The ACA expects counselors to explain how and when they can be reached [2].\n"
    "- It also asks them to avoid personal virtual relationships with clients [2][3].\n"
    "\n"
    "**United Kingdom**\n"
    "- BACP asks practitioners to keep boundaries clear and agreed [3].\n"
)


@dataclass
class Script:
    """What the fake server does for the next requests."""

    content: str = VALID_ANSWER
    status: int = 200
    delay: float = 0.0
    refusal: str | None = None
    requests: list[dict] = field(default_factory=list)


def _chunk(delta: dict, finish: str | None = None) -> bytes:
    body = {
        "id": "chatcmpl-test",
        "object": "chat.completion.chunk",
        "created": int(time.time()),
        "model": MODEL,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}],
    }
    return f"data: {json.dumps(body)}\n\n".encode()


class _Handler(BaseHTTPRequestHandler):
    script: Script  # set on the subclass made per server

    def log_message(self, *args) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:  # noqa: N802 (http.server naming)
        length = int(self.headers.get("Content-Length", 0))
        payload = json.loads(self.rfile.read(length) or b"{}")
        script = self.script
        script.requests.append({"path": self.path, "body": payload})
        try:
            if script.delay:
                time.sleep(script.delay)
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._json(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
            elif script.status != 200:
                error = {"message": "scripted failure", "type": "server_error", "code": None}
                self._json(script.status, {"error": error})
            elif payload.get("stream"):
                self._stream(script, payload)
            else:
                message = {
                    "role": "assistant",
                    "content": script.content,
                    "refusal": script.refusal,
                }
                if script.refusal:
                    message["content"] = None
                self._json(
                    200,
                    {
                        "id": "chatcmpl-test",
                        "object": "chat.completion",
                        "created": int(time.time()),
                        "model": MODEL,
                        "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                        "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
                    },
                )
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests)

    def _json(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, script: Script, payload: dict) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()  # HTTP/1.0: the body ends when the connection closes
        self.wfile.write(_chunk({"role": "assistant", "content": ""}))
        text = script.content
        for start in range(0, len(text), 7):  # token-sized pieces
            self.wfile.write(_chunk({"content": text[start : start + 7]}))
            self.wfile.flush()
        self.wfile.write(_chunk({}, finish="stop"))
        if (payload.get("stream_options") or {}).get("include_usage"):
            usage = {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20}
            body = {
                "id": "chatcmpl-test",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": MODEL,
                "choices": [],
                "usage": usage,
            }
            self.wfile.write(f"data: {json.dumps(body)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()


@dataclass
class FakeServer:
    script: Script
    base_url: str


@contextmanager
def fake_openai_server() -> Iterator[FakeServer]:
    script = Script()
    handler = type("Handler", (_Handler,), {"script": script})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield FakeServer(script, f"http://127.0.0.1:{httpd.server_address[1]}/v1")
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
