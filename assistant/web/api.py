"""The JSON API: `POST /api/ask`, `POST /api/ask/stream` (server-sent events) and `GET /health`.

The request body is the batch CLI's `Ask` ({"question", "jurisdiction", "history"}); the
response is the `Reply` JSON. Every refusal is JSON shaped
``{"error": <code>, "message": <readable text>, "details": [...]}``:

=====  ============================  ===============================================
code   error                         when
=====  ============================  ===============================================
400    invalid_json                  the body is not valid UTF-8 JSON
413    message_too_long              the question (or a history turn) is longer than
                                     4 x ``max_message_chars``; between 1x and 4x the
                                     pipeline reads the first ``max_message_chars``
                                     characters and says so in ``notices``
413    body_too_large                the body is over 1 MiB
415    unsupported_media_type        Content-Type is not application/json
422    invalid_request               not an object, missing or mistyped fields
422    empty_message                 the question has no text once cleaned
422    unknown_jurisdiction          ``details`` lists the accepted country codes
503    index_unavailable             the search index cannot be used
500    internal_error                anything else (no internals are returned)
=====  ============================  ===============================================

Nothing about a request's text is logged.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import ValidationError

from assistant import jurisdictions
from assistant.config import Settings
from assistant.reply import Ask, Reply

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024


def _inline_schema(model) -> dict[str, Any]:
    """A model's JSON schema with its `$defs` references inlined (for the OpenAPI request body)."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(defs[ref.removeprefix("#/$defs/")])
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    return resolve(schema)


_ASK_BODY = {"required": True, "content": {"application/json": {"schema": _inline_schema(Ask)}}}


@dataclass
class RequestRejected(Exception):
    """A request the API refuses, with the HTTP status and a readable message."""

    status: int
    error: str
    message: str
    details: list[Any] = field(default_factory=list)

    def response(self) -> JSONResponse:
        return JSONResponse(
            {"error": self.error, "message": self.message, "details": self.details}, status_code=self.status
        )


def _field_errors(exc: ValidationError) -> list[dict[str, str]]:
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ())) or "body"
        out.append({"field": where, "message": err.get("msg", "invalid value")})
    return out


def validate_ask(data: Any, settings: Settings) -> Ask:
    """An `Ask` from decoded JSON, or `RequestRejected` saying exactly what is wrong."""
    from assistant.pipeline import EmptyMessage, clean_message

    if not isinstance(data, dict):
        raise RequestRejected(
            422, "invalid_request", 'The body must be a JSON object like {"question": "...", "jurisdiction": "GB"}.'
        )
    try:
        ask = Ask.model_validate(data)
    except ValidationError as exc:
        details = _field_errors(exc)
        summary = "; ".join(f"{d['field']}: {d['message']}" for d in details)
        raise RequestRejected(422, "invalid_request", f"Invalid request: {summary}.", details) from None
    limit = settings.max_message_chars * 4
    if len(ask.question) > limit:
        raise RequestRejected(
            413,
            "message_too_long",
            f"The question is {len(ask.question)} characters long; the limit is {limit}. "
            f"(Questions over {settings.max_message_chars} characters are accepted but only the first "
            f"{settings.max_message_chars} are read.)",
        )
    for i, turn in enumerate(ask.history):
        if len(turn.content) > limit:
            raise RequestRejected(
                413, "message_too_long", f"history[{i}] is {len(turn.content)} characters long; the limit is {limit}."
            )
    try:
        clean_message(ask.question, settings.max_message_chars)
    except EmptyMessage as exc:
        raise RequestRejected(422, "empty_message", str(exc)) from None
    try:
        jurisdictions.normalize(ask.jurisdiction)
    except jurisdictions.UnknownJurisdiction as exc:
        raise RequestRejected(422, "unknown_jurisdiction", str(exc), sorted(jurisdictions.COUNTRIES)) from None
    return ask


async def _read_ask(request: Request, settings: Settings) -> Ask:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json" and not re.fullmatch(r"application/[\w.+-]+\+json", content_type):
        raise RequestRejected(
            415,
            "unsupported_media_type",
            f"Send the request as JSON with 'Content-Type: application/json' (got {content_type or 'none'!r}).",
        )
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise RequestRejected(413, "body_too_large", f"The request body is over {MAX_BODY_BYTES} bytes.")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            raise RequestRejected(413, "body_too_large", f"The request body is over {MAX_BODY_BYTES} bytes.")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise RequestRejected(400, "invalid_json", f"The body is not valid JSON{where}.") from None
    return validate_ask(data, settings)


def _failure(exc: Exception) -> RequestRejected:
    from assistant.pipeline import EmptyMessage
    from assistant.store import IndexUnavailable

    if isinstance(exc, EmptyMessage):
        return RequestRejected(422, "empty_message", str(exc))
    if isinstance(exc, jurisdictions.UnknownJurisdiction):
        return RequestRejected(422, "unknown_jurisdiction", str(exc), sorted(jurisdictions.COUNTRIES))
    if isinstance(exc, IndexUnavailable):
        return RequestRejected(503, "index_unavailable", str(exc))
    log.error("answer failed: %s", type(exc).__name__)  # the type only: never the message text
    return RequestRejected(500, "internal_error", "Something went wrong while answering. Please try again.")


def _sse(event: str, data: Any) -> bytes:
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"event: {event}\ndata: {payload}\n\n".encode()


def _deltas(text: str, words: int = 8) -> list[str]:
    pieces = re.findall(r"\S+\s*", text)
    lead = text[: len(text) - len(text.lstrip())]
    out = ["".join(pieces[i : i + words]) for i in range(0, len(pieces), words)]
    if out and lead:
        out[0] = lead + out[0]
    return out or ([text] if text else [])


def make_router(settings: Settings, assistant) -> APIRouter:
    """The API routes over one loaded `Assistant`; at most `concurrency_limit` answers run at once."""
    router = APIRouter()
    limiter = anyio.CapacityLimiter(settings.concurrency_limit)

    @router.get("/health", tags=["service"], summary="Service and index status")
    def health() -> dict[str, Any]:
        manifest = getattr(getattr(assistant, "kb", None), "manifest", None)
        return {
            "status": "ok",
            "index_loaded": manifest is not None,
            "embedding_model": settings.embedding_model_name,
            "corpus_digest": getattr(manifest, "corpus_digest", None),
            "chunks": getattr(manifest, "chunks", None),
            "built_at": getattr(manifest, "built_at", None),
        }

    @router.post(
        "/api/ask",
        tags=["chat"],
        summary="Answer one message",
        response_model=Reply,
        openapi_extra={"requestBody": _ASK_BODY},
        responses={400: {}, 413: {}, 415: {}, 422: {}, 503: {}},
    )
    async def ask(request: Request):
        """The same request as one line of the batch CLI (`Ask`); returns the `Reply` JSON."""
        try:
            parsed = await _read_ask(request, settings)
            reply = await anyio.to_thread.run_sync(assistant.answer, parsed, limiter=limiter)
        except RequestRejected as exc:
            return exc.response()
        except Exception as exc:
            return _failure(exc).response()
        return JSONResponse(reply.model_dump(mode="json"))

    @router.post(
        "/api/ask/stream",
        tags=["chat"],
        summary="Answer one message as server-sent events",
        openapi_extra={"requestBody": _ASK_BODY},
        responses={200: {"content": {"text/event-stream": {}}}, 400: {}, 413: {}, 415: {}, 422: {}},
    )
    async def ask_stream(request: Request):
        """Events: `crisis` (the crisis block, first, when there is one), `delta` ({"text": ...}
        pieces of the answer), then `reply` (the complete `Reply`). A failure mid-stream sends
        `error` ({"error", "message"})."""
        try:
            parsed = await _read_ask(request, settings)
        except RequestRejected as exc:
            return exc.response()

        async def events() -> AsyncIterator[bytes]:
            replies = iter(assistant.stream(parsed))
            sent_crisis = False
            done = object()
            last = None
            sent = ""
            try:
                while True:
                    reply = await anyio.to_thread.run_sync(next, replies, done, limiter=limiter)
                    if reply is done:
                        break
                    last = reply
                    if reply.crisis is not None and not sent_crisis:
                        sent_crisis = True
                        yield _sse("crisis", reply.crisis.model_dump(mode="json"))
                    fresh = reply.answer[len(sent) :] if reply.answer.startswith(sent) else reply.answer
                    sent = reply.answer
                    for piece in _deltas(fresh):
                        yield _sse("delta", {"text": piece})
                if last is not None:
                    yield _sse("reply", last.model_dump(mode="json"))
            except Exception as exc:
                failure = _failure(exc)
                yield _sse("error", {"error": failure.error, "message": failure.message})

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    return router
