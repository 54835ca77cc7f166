"""A deadline for receiving a request: headers and body within ``REQUEST_DEADLINE`` seconds.

Uvicorn has no such timeout: ``timeout_keep_alive`` is reset by every byte that arrives, and
ASGI middleware runs only once the headers are in, so a client that trickles a byte every few
seconds holds a connection (and memory) for ever. :class:`DeadlineH11Protocol` is uvicorn's h11
protocol with one timer per request: it starts when the connection opens (or the first byte of
the next request on a kept-alive connection arrives) and is cancelled when the request is
complete. When it fires first, the client gets ``408`` JSON (if no response has started) and
the connection is closed. Responses themselves (answers streaming for a while) are not limited.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

REQUEST_DEADLINE = 10.0  # seconds for a request's headers and body
_BODY = json.dumps(
    {"error": "request_timeout", "message": "The request took too long to arrive.", "details": []}
).encode()


class DeadlineH11Protocol(H11Protocol):
    """Uvicorn's h11 protocol with a deadline on receiving each request (see the module)."""

    deadline = REQUEST_DEADLINE

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._deadline_task: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]  # as uvicorn's
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        if self._deadline_task is None and self._between_requests():
            self._arm()  # the first bytes of the next request on a kept-alive connection
        super().data_received(data)
        if self._request_complete():
            self._disarm()

    def _between_requests(self) -> bool:
        return self.conn.their_state in (h11.IDLE, h11.DONE) and (self.cycle is None or self.cycle.response_complete)

    def _request_complete(self) -> bool:
        if self.conn.their_state in (h11.DONE, h11.MUST_CLOSE, h11.CLOSED, h11.SWITCHED_PROTOCOL):
            return True
        return self.cycle is not None and not self.cycle.more_body and self.cycle.scope is self.scope

    def _arm(self) -> None:
        self._disarm()
        self._deadline_task = self.loop.call_later(self.deadline, self._expired)

    def _disarm(self) -> None:
        if self._deadline_task is not None:
            self._deadline_task.cancel()
            self._deadline_task = None

    def _expired(self) -> None:
        self._deadline_task = None
        if self.transport.is_closing() or self._request_complete():
            return
        cycle = self.cycle
        if cycle is None or not cycle.response_started:
            head = (
                b"HTTP/1.1 408 Request Timeout\r\ncontent-type: application/json\r\n"
                b"content-length: %d\r\nconnection: close\r\ncache-control: no-store\r\n\r\n" % len(_BODY)
            )
            self.transport.write(head + _BODY)  # raw: h11 cannot answer a request whose headers never came
        if cycle is not None:
            cycle.disconnected = True  # the app reads a disconnect and its sends are dropped
            cycle.message_event.set()
        self.transport.close()
