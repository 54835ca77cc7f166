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
400    invalid_json                  ... or nested more than 32 deep, or a number too long
413    body_too_large                the body is over 1 MiB (every route of the app)
415    unsupported_media_type        Content-Type is not application/json
422    invalid_request               not an object, missing or mistyped fields
422    empty_message                 the question has no text once cleaned
422    unknown_jurisdiction          ``details`` lists the accepted country codes
403    cross_origin                  /api/clinics/<id>/ask from an Origin the clinic does not allow
404    unknown_clinic                ``clinic`` names no clinic in service (clinics/<id>.toml)
429    rate_limited                  over ``ASSISTANT_RATE_LIMIT`` for this client (or a clinic's
                                     ``visitor_limit``); ``Retry-After``
429    clinic_daily_cap              the clinic's ``daily_cap`` is used up for today
503    index_unavailable             the search index cannot be used
500    internal_error                anything else (no internals are returned)
=====  ============================  ===============================================

Every refusal is raised as an :class:`assistant.errors.AssistantError` and turned into that
JSON by one exception handler (:func:`assistant_error_handler`, registered by ``create_app``).
A refused message with a crisis reading gets the crisis block instead (HTTP 200, the refusal as
a notice: contracts, rule 1), also when its body was too large (what came before the limit is
screened). Nothing about a request's text is logged.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import ValidationError

from assistant import jurisdictions
from assistant.clinics.scope import ClinicScope
from assistant.config import Settings
from assistant.crisis.layer import layer_state
from assistant.crisis.types import Tier
from assistant.errors import AssistantError, EmptyMessage, IndexUnavailable, RequestRejected, UnknownJurisdiction
from assistant.reply import Ask, HistoryTurn, Notice, Reply
from assistant.web.ratelimit import RATE_LIMITED, RATE_LIMITED_TEXT, RateLimits, wait_words
from assistant.web.security import MAX_BODY_BYTES, BodyTooLarge, too_large_message
from assistant.web.streaming import word_pieces

if TYPE_CHECKING:
    from pydantic import BaseModel

    from assistant.answer.pipeline import Assistant
    from assistant.clinics.limits import ClinicLimits
    from assistant.clinics.registry import ClinicRegistry, LoadedClinic

T = TypeVar("T")
log = logging.getLogger(__name__)

MAX_JURISDICTION_CHARS = 64
MAX_DEPTH = 32  # an Ask is 3 deep; anything much deeper is not a request
SSE_WORDS = 8  # words per `delta` event
LIVENESS_PROBE = "i am going to kill myself tonight, the pills are in front of me"


def _inline_schema(model: type[BaseModel]) -> dict[str, Any]:
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


def error_response(exc: AssistantError) -> JSONResponse:
    """The one JSON shape of every refusal."""
    if isinstance(exc, UnknownJurisdiction) and not exc.details:
        exc.details = sorted(jurisdictions.COUNTRIES)
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)


async def assistant_error_handler(request: Request, exc: Exception) -> JSONResponse:
    """The FastAPI exception handler for every `AssistantError` a route raises."""
    assert isinstance(exc, AssistantError)  # registered for AssistantError only
    return error_response(exc)


def _field_errors(exc: ValidationError) -> list[dict[str, str]]:
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ())) or "body"
        out.append({"field": where, "message": err.get("msg", "invalid value")})
    return out


def validate_ask(data: Any, settings: Settings) -> Ask:
    """An `Ask` from decoded JSON, or `RequestRejected` saying exactly what is wrong."""
    from assistant.answer.scope import clean_message

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
    if ask.jurisdiction is not None and len(ask.jurisdiction) > MAX_JURISDICTION_CHARS:
        raise RequestRejected(  # never echoed back: it is not a place name
            422,
            "unknown_jurisdiction",
            f"The jurisdiction is {len(ask.jurisdiction)} characters long; a place name or code is at most "
            f"{MAX_JURISDICTION_CHARS}. Use a country code such as GB or US, or a subdivision such as CA-ON.",
            sorted(jurisdictions.COUNTRIES),
        )
    try:
        jurisdictions.normalize(ask.jurisdiction)
    except UnknownJurisdiction as exc:
        raise RequestRejected(422, "unknown_jurisdiction", str(exc), sorted(jurisdictions.COUNTRIES)) from None
    return ask


def screenable(data: Any, settings: Settings, default_place: str | None = None) -> Ask | None:
    """What can still be screened of a request about to be refused: its question (and history when
    that is well formed), cut to a bounded length. None when there is no question text at all.
    ``default_place`` (a clinic's) stands in when the request names none."""
    if not isinstance(data, dict) or not isinstance(data.get("question"), str):
        return None
    question = data["question"][: settings.max_message_chars * 4]
    try:
        history = [HistoryTurn.model_validate(t) for t in data.get("history") or []][-8:]
    except (ValidationError, TypeError):
        history = []
    place = data.get("jurisdiction")
    jurisdiction = place if isinstance(place, str) and len(place) <= MAX_JURISDICTION_CHARS else None
    return Ask(question=question, jurisdiction=jurisdiction or default_place, history=history)


def crisis_or_refusal(
    assistant: Assistant,
    data: Any,
    rejection: RequestRejected,
    settings: Settings,
    clinic: LoadedClinic | None = None,
) -> Reply | None:
    """Contracts, rule 1: a refused request whose message shows crisis gets the crisis block (HTTP 200)
    with the refusal as a notice (and a clinic's after-hours line after the public lines). None means:
    send the refusal itself."""
    ask = screenable(data, settings, clinic.clinic.config.jurisdiction if clinic else None)
    if ask is None:
        return None
    notice = Notice(code=rejection.error, text=rejection.message)
    if clinic is None:
        return assistant.crisis_reply(ask, notice)
    return assistant.crisis_reply(ask, notice, ClinicScope(after_hours=clinic.clinic.after_hours))


class BodyRefused(RequestRejected):
    """413 for a body over the limit; ``partial`` is what can still be screened of it."""

    def __init__(self, partial: dict[str, Any] | None):
        super().__init__(413, "body_too_large", too_large_message())
        self.partial = partial


_QUESTION = re.compile(rb'"question"\s*:\s*"')
_JURISDICTION = re.compile(rb'"jurisdiction"\s*:\s*"([A-Za-z0-9 ._-]{1,64})"')


def partial_ask(raw: bytes, max_chars: int) -> dict[str, Any] | None:
    """The question (cut to ``max_chars``) and jurisdiction of a JSON body cut short, for the crisis screen."""
    found = _QUESTION.search(raw)
    if found is None:
        return None
    text = raw[found.end() : found.end() + max_chars * 6].decode("utf-8", errors="ignore")
    out: list[str] = []
    i = 0
    while i < len(text) and len(out) < max_chars:
        ch = text[i]
        if ch == '"':
            break
        if ch == "\\":
            escape = text[i : i + 6] if text[i + 1 : i + 2] == "u" else text[i : i + 2]
            try:
                out.append(json.loads(f'"{escape}"'))
            except ValueError:
                break  # an escape cut short: the end of what can be read
            i += len(escape)
            continue
        out.append(ch)
        i += 1
    place = _JURISDICTION.search(raw)
    return {"question": "".join(out), "jurisdiction": place.group(1).decode("ascii") if place else None}


def _depth(data: Any) -> int:
    """How deeply lists and objects nest (iterative: a hostile body cannot exhaust the stack)."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        node, depth = todo.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            if deepest > MAX_DEPTH:
                break
            todo.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


async def _read_json(request: Request, settings: Settings) -> Any:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != "application/json" and not re.fullmatch(r"application/[\w.+-]+\+json", content_type):
        raise RequestRejected(
            415,
            "unsupported_media_type",
            f"Send the request as JSON with 'Content-Type: application/json' (got {content_type or 'none'!r}).",
        )
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY_BYTES:  # the app's middleware stops it first; this is the second lock
                raise BodyTooLarge(bytes(body[:MAX_BODY_BYTES]))
    except BodyTooLarge as exc:
        raise BodyRefused(partial_ask(exc.received or bytes(body), settings.max_message_chars * 4)) from None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f" (line {exc.lineno}, column {exc.colno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise RequestRejected(400, "invalid_json", f"The body is not valid JSON{where}.") from None
    except RecursionError:
        raise RequestRejected(400, "invalid_json", "The body is nested too deeply.") from None
    except ValueError:  # an integer of thousands of digits (Python's conversion limit)
        raise RequestRejected(400, "invalid_json", "The body holds a number that is too long.") from None
    if _depth(data) > MAX_DEPTH:
        raise RequestRejected(400, "invalid_json", "The body is nested too deeply.")
    return data


SEARCH_DOWN = (
    "Search is temporarily unavailable, so this question can't be answered right now. Please try again in a "
    "minute. If you are in danger, call your local emergency number now."
)


def _failure(exc: Exception) -> AssistantError:
    """What to tell the client about an exception: our own errors as they are (a store outage in plain words:
    where the store is and how to restart it are for /health/ready and the log), anything else as a 500."""
    if isinstance(exc, IndexUnavailable):
        return RequestRejected(503, exc.code, SEARCH_DOWN, headers={"Retry-After": "30"})
    if isinstance(exc, AssistantError):
        return exc
    log.error("answer failed: %s", type(exc).__name__)  # the type only: never the message text
    return RequestRejected(500, "internal_error", "Something went wrong while answering. Please try again.")


async def _answering(fn: Callable[..., T], *args: Any, limiter: anyio.CapacityLimiter) -> T:
    """``fn(*args)`` in a worker thread; a failure that is not our own becomes a 500 `AssistantError`."""
    try:
        return await anyio.to_thread.run_sync(fn, *args, limiter=limiter)
    except Exception as exc:
        raise _failure(exc) from None


def _sse(event: str, data: Any) -> bytes:
    payload = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    return f"event: {event}\ndata: {payload}\n\n".encode()


def client_address(request: Request) -> str | None:
    """The client as the security middleware resolved it (trusted proxies only)."""
    return request.client.host if request.client else None


def rate_limited(limits: RateLimits | None, address: str | None) -> RequestRejected | None:
    """A 429 refusal with ``Retry-After`` when this client is over the rate limit, else None."""
    wait = limits.hit(address) if limits is not None else None
    if wait is None:
        return None
    return RequestRejected(
        429, RATE_LIMITED, RATE_LIMITED_TEXT.format(wait=wait_words(wait)), headers={"Retry-After": str(wait)}
    )


UNKNOWN_CLINIC = "There is no clinic with that name on this server."


def clinic_refusal(code: str, wait: int) -> RequestRejected:
    """429 for a clinic's visitor limit (``rate_limited``) or its daily cap (``clinic_daily_cap``)."""
    from assistant.clinics.limits import CLINIC_CAP_TEXT

    text = CLINIC_CAP_TEXT if code == "clinic_daily_cap" else RATE_LIMITED_TEXT.format(wait=wait_words(wait))
    return RequestRejected(429, code, text, headers={"Retry-After": str(wait)})


class Answering:
    """Reading, checking, limiting and answering one ask request, for the public and the clinic routes.

    ``clinics`` and ``clinic_limits`` are the app's clinic registry and limits (None: no clinics).
    A request naming a clinic (``"clinic"`` in the body, or the clinic API's path) is answered with
    that clinic's policy index, after-hours line and default place, counted under its limits and in
    its anonymous counts; an unknown clinic is refused with 404 ``unknown_clinic`` (screened first).
    """

    def __init__(
        self,
        settings: Settings,
        assistant: Assistant,
        limits: RateLimits | None,
        clinics: ClinicRegistry | None = None,
        clinic_limits: ClinicLimits | None = None,
    ):
        self.settings = settings
        self.assistant = assistant
        self.limits = limits
        self.clinics = clinics
        self.clinic_limits = clinic_limits
        self.limiter = anyio.CapacityLimiter(settings.concurrency_limit)

    def clinic(self, clinic_id: str | None) -> LoadedClinic | None:
        return self.clinics.get(clinic_id) if self.clinics is not None and clinic_id else None

    async def screened(
        self, data: Any, rejection: RequestRejected, address: str | None, clinic: LoadedClinic | None = None
    ) -> Reply:
        """Contracts, rule 1: the crisis block for a refused request that shows crisis; else the refusal."""
        if isinstance(rejection, BodyRefused):
            data = rejection.partial
        if self.limits is not None and not self.limits.may_screen_refusal(address):
            raise rejection  # a flood of refusals from one client is not screened one by one
        screened = await anyio.to_thread.run_sync(
            crisis_or_refusal, self.assistant, data, rejection, self.settings, clinic
        )
        if screened is None:
            raise rejection
        if clinic is not None and self.clinic_limits is not None and screened.crisis is not None:
            self.clinic_limits.count(clinic.id, None, screened.crisis.tier)
        return screened

    async def prepare(
        self, request: Request, path_clinic: str | None = None, refusal: RequestRejected | None = None
    ) -> tuple[Ask | None, LoadedClinic | None, Reply | None]:
        """(the ask, its clinic, None) to answer, or (None, clinic, the screened crisis reply) for a refused
        request with a crisis reading; any other refusal is raised. ``refusal`` refuses every request
        (after reading and screening it): a clinic API call from an origin the clinic does not allow."""
        data: Any = None
        address = client_address(request)
        clinic = self.clinic(path_clinic) if path_clinic else None
        try:
            data = await _read_json(request, self.settings)
            parsed = validate_ask(data, self.settings)
            clinic_id = path_clinic or parsed.clinic
            if clinic_id and clinic is None:
                clinic = self.clinic(clinic_id)
                if clinic is None:
                    raise RequestRejected(404, "unknown_clinic", UNKNOWN_CLINIC)
            if refusal is not None:
                raise refusal
            if clinic is not None and self.clinic_limits is not None:
                refused = self.clinic_limits.hit(clinic.id, clinic.clinic.config, address)
                if refused is not None:
                    raise clinic_refusal(*refused)
            elif rejected := rate_limited(self.limits, address):
                raise rejected
        except RequestRejected as exc:
            return None, clinic, await self.screened(data, exc, address, clinic)
        except Exception as exc:
            raise _failure(exc) from None
        if clinic is not None and parsed.jurisdiction is None:
            parsed = parsed.model_copy(update={"jurisdiction": clinic.clinic.config.jurisdiction})
        return parsed, clinic, None

    def replies(self, ask: Ask, clinic: LoadedClinic | None) -> Iterator[Reply]:
        """The pipeline's replies; the clinic's counts are kept when the last one is out."""
        if clinic is None:
            yield from self.assistant.stream(ask)
            return
        last = None
        for last in self.assistant.stream(
            ask, ClinicScope(after_hours=clinic.clinic.after_hours, policy_index=clinic.policy)
        ):
            yield last
        if last is not None and self.clinic_limits is not None:
            from assistant.clinics.limits import topic_of

            answered = last.in_scope and bool(last.citations)
            tier = last.crisis.tier if last.crisis is not None else None
            self.clinic_limits.count(clinic.id, topic_of(ask.question) if answered else None, tier)

    async def answer(
        self, request: Request, path_clinic: str | None = None, refusal: RequestRejected | None = None
    ) -> Reply:
        ask, clinic, screened = await self.prepare(request, path_clinic, refusal)
        if screened is not None:
            return screened
        assert ask is not None
        replies = self.replies(ask, clinic)
        return await _answering(lambda: [*replies][-1], limiter=self.limiter)

    async def stream(
        self,
        request: Request,
        path_clinic: str | None = None,
        refusal: RequestRejected | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        ask, clinic, screened = await self.prepare(request, path_clinic, refusal)
        if screened is not None:
            replies: Iterator[Reply] = iter([screened])
        else:
            assert ask is not None  # set whenever nothing was screened
            replies = self.replies(ask, clinic)
        done = object()
        limiter = self.limiter
        # the first reply before any byte is sent: a refusal can still be a proper status code
        first = await _answering(next, replies, done, limiter=limiter)

        async def events() -> AsyncIterator[bytes]:
            sent_crisis = False
            last = None
            sent = ""
            reply = first
            try:
                while reply is not done:
                    assert isinstance(reply, Reply)
                    last = reply
                    if reply.crisis is not None and not sent_crisis:
                        sent_crisis = True
                        yield _sse("crisis", reply.crisis.model_dump(mode="json"))
                    fresh = reply.answer[len(sent) :] if reply.answer.startswith(sent) else reply.answer
                    sent = reply.answer
                    for piece in word_pieces(fresh, SSE_WORDS):
                        yield _sse("delta", {"text": piece})
                    reply = await anyio.to_thread.run_sync(next, replies, done, limiter=limiter)
                if last is not None:
                    yield _sse("reply", last.model_dump(mode="json"))
            except Exception as exc:
                failure = _failure(exc)
                yield _sse("error", {"error": failure.code, "message": failure.message})

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no", **(headers or {})},
        )


def make_router(
    settings: Settings, assistant: Assistant, limits: RateLimits | None = None, answering: Answering | None = None
) -> APIRouter:
    """The API routes over one loaded `Assistant`; at most `concurrency_limit` answers run at once.
    ``answering`` (shared with the clinic routes) knows the clinics; without it, there are none."""
    router = APIRouter()
    answering = answering or Answering(settings, assistant, limits)

    def readiness() -> JSONResponse:
        ready, reason = assistant.readiness()
        manifest = getattr(assistant.kb, "manifest", None) if ready else None
        body = {
            "status": "ok" if ready else "unavailable",
            "reason": None if ready else reason,
            "index_loaded": manifest is not None,
            "generation": getattr(manifest, "active", None),
            "embedding_model": settings.embedding_model_name,
            "corpus_digest": getattr(manifest, "corpus_digest", None),
            "chunks": getattr(manifest, "chunks", None),
            "built_at": getattr(manifest, "built_at", None),
            "crisis_layer": layer_state(assistant.detector),
        }
        return JSONResponse(body, status_code=200 if ready else 503, headers={"Cache-Control": "no-store"})

    @router.get("/health/ready", tags=["service"], summary="Readiness: the store answers")
    def health_ready() -> JSONResponse:
        """200 when answers can be searched; 503 with the reason while the store is missing or down.
        Crisis screening works either way (see /health/live)."""
        return readiness()

    @router.get("/health", tags=["service"], summary="Readiness (kept for compatibility; same as /health/ready)")
    def health() -> JSONResponse:
        return readiness()

    @router.get("/health/live", tags=["service"], summary="Liveness: the process and the crisis layer work")
    def health_live() -> JSONResponse:
        """200 while the process runs and the crisis screen flags a known crisis message; a store
        outage never makes this fail (a balancer must keep the replica for crisis messages)."""
        try:
            working = assistant.detector.assess(LIVENESS_PROBE).tier.rank >= Tier.crisis.rank
        except Exception as exc:  # noqa: BLE001 - reported, never raised
            log.error("crisis layer failed its liveness probe: %s", type(exc).__name__)
            working = False
        body = {"status": "ok" if working else "failing", "crisis_layer": layer_state(assistant.detector)}
        return JSONResponse(body, status_code=200 if working else 503, headers={"Cache-Control": "no-store"})

    @router.post(
        "/api/ask",
        tags=["chat"],
        summary="Answer one message",
        response_model=Reply,
        openapi_extra={"requestBody": _ASK_BODY},
        responses={400: {}, 404: {}, 413: {}, 415: {}, 422: {}, 429: {}, 503: {}},
    )
    async def ask(request: Request) -> Response:
        """The same request as one line of the batch CLI (`Ask`); returns the `Reply` JSON. With
        `"clinic"`, the clinic's policy, after-hours line, place and limits apply (the widget's page)."""
        reply = await answering.answer(request)
        return JSONResponse(reply.model_dump(mode="json"))

    @router.post(
        "/api/ask/stream",
        tags=["chat"],
        summary="Answer one message as server-sent events",
        openapi_extra={"requestBody": _ASK_BODY},
        responses={200: {"content": {"text/event-stream": {}}}, 400: {}, 404: {}, 413: {}, 415: {}, 422: {}, 429: {}},
    )
    async def ask_stream(request: Request) -> Response:
        """Events: `crisis` (the crisis block, first, when there is one), `delta` ({"text": ...}
        pieces of the answer), then `reply` (the complete `Reply`). A failure mid-stream sends
        `error` ({"error", "message"})."""
        return await answering.stream(request)

    return router
