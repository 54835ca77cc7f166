"""The Policy tab's own routes under ``/staff/policy/``: the document downloads and the policy check.

Both are form posts from the staff page (the Gradio upload route stays closed), so they get what every
staff POST gets from the security middleware (Origin / Sec-Fetch-Site checked, 1 MiB body limit,
no CORS) and check the session themselves: the Gradio guard covers only the mounted page.

* ``POST /staff/policy/download`` (``token``, ``inputs``, ``format`` = docx | md | html | print): the draft
  shown under ``token``, or the same inputs drafted again; an attachment with the right MIME type
  (``print``: the HTML page inline, for printing, under a CSP that allows no script).
* ``POST /staff/policy/check`` (multipart: ``text`` or ``file``, ``inputs``): check-policy on a policy
  read in memory (at most 1 MiB; a DOCX's unpacked size capped by ``assistant.policy.check``), never
  written anywhere and never logged. The page's script asks for an HTML fragment
  (``X-Policy-Fragment: 1``); a plain form post gets a whole page.
* ``POST /staff/policy/adopt`` (``token``, ``clinic``, ``confirm``): "Use as this clinic's policy": the draft
  shown under ``token`` (never drafted again) written as the clinic's policy (``assistant.clinics.adopt``),
  with an audit line. 403 for a clinic the user does not manage, 400 without the confirmation, 404 for an
  unknown clinic, 409 when the draft is no longer kept or the clinic's file would not validate. Fragment or
  page, as for the check.
"""

from __future__ import annotations

import html
from typing import Any

import anyio
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from assistant.errors import AssistantError, PolicyFileInvalid, PolicyFileTooLarge
from assistant.policy.check import MAX_UPLOAD_BYTES
from assistant.web.assets import static_text
from assistant.web.staff import STAFF_PATH
from assistant.web.staff.policy import (
    PolicyInputError,
    PolicyService,
    adopted_html,
    check_html,
    inputs_from_json,
    message_html,
)
from assistant.web.staff.signin import ConfiguredAuth, login_url

POLICY_PATH = f"{STAFF_PATH}/policy"
MAX_DOWNLOAD_FORM = 32 * 1024
MAX_ADOPT_FORM = 4 * 1024
PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
TOO_LARGE = (
    f"The policy is larger than {MAX_UPLOAD_BYTES // 1024} KiB (1 MiB), the most this check reads. "
    "Paste the contact part only, or save it as plain text."
)

router = APIRouter(include_in_schema=False)


def _service(request: Request) -> PolicyService:
    service: PolicyService = request.app.state.policy_service
    return service


def _fragment(request: Request) -> bool:
    return request.headers.get("x-policy-fragment") == "1"


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="robots" content="noindex, nofollow"><title>{html.escape(title)}</title>'
        f"<style>{static_text('signin.css')} main {{ max-width: 60rem; }} table {{ border-collapse: collapse; }} "
        "td, th { border: 1px solid #bbb; padding: .2rem .4rem; vertical-align: top; }</style></head>"
        f'<body><main><h1>{html.escape(title)}</h1>{body}<p><a href="../">Back to the staff area</a></p>'
        "</main></body></html>"
    )
    return HTMLResponse(page, status_code=status, headers={"Content-Security-Policy": PRINT_CSP})


def _answer(request: Request, title: str, body: str, status: int = 200) -> Response:
    if _fragment(request):
        return HTMLResponse(body, status_code=status, headers={"Content-Security-Policy": PRINT_CSP})
    return _page(title, body, status)


def _user(request: Request, auth: ConfiguredAuth) -> tuple[str | None, Response | None]:
    """The signed-in user, or the refusal the staff guard would give (401 JSON, or the sign-in form)."""
    found = auth.session_from_cookies(request.cookies)
    if found.ok:
        return found.user, None
    expired = found.status == "expired"
    if "text/html" in request.headers.get("accept", "") and not _fragment(request):
        flags = {"expired": "1"} if expired else {}
        return None, RedirectResponse(login_url(request.scope, f"{STAFF_PATH}/", **flags), status_code=303)
    message = (
        "Your staff session has expired. Sign in again at /staff/login."
        if expired
        else "Sign in to the staff area first at /staff/login."
    )
    error = "session_expired" if expired else "not_authenticated"
    return None, JSONResponse({"error": error, "message": message}, status_code=401)


@router.post(f"{POLICY_PATH}/download")
async def download(request: Request, auth: ConfiguredAuth) -> Response:
    user, refusal = _user(request, auth)
    if refusal is not None:
        return refusal
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_DOWNLOAD_FORM:
        return _page("Download refused", message_html("The download form was too large."), 413)
    try:
        form = await request.form(max_files=0, max_fields=6, max_part_size=MAX_DOWNLOAD_FORM)
    except Exception:  # noqa: BLE001 - a malformed body gets the same plain refusal
        return _page("Download refused", message_html("The download form could not be read."), 400)
    fmt = str(form.get("format") or "")
    token = str(form.get("token") or "")[:64]
    service = _service(request)
    try:
        inputs = inputs_from_json(str(form.get("inputs") or ""))
        if fmt not in ("docx", "md", "html", "print"):
            raise PolicyInputError("Choose Markdown, DOCX or HTML.")
        draft = await anyio.to_thread.run_sync(service.shown, token, user, inputs)
        document = await anyio.to_thread.run_sync(service.document, draft, "html" if fmt == "print" else fmt)
    except PolicyInputError as exc:
        return _page("Download refused", message_html(str(exc)), 422)
    except AssistantError as exc:
        return _page("Download failed", message_html("The policy could not be drafted: " + str(exc)[:300]), 503)
    disposition = "inline" if fmt == "print" else "attachment"
    headers = {"Content-Disposition": f'{disposition}; filename="{document.filename}"'}
    if fmt in ("html", "print"):
        headers["Content-Security-Policy"] = PRINT_CSP
    return Response(document.body, media_type=document.media_type, headers=headers)


async def _upload(form: Any) -> tuple[bytes, str] | None:
    """The file's bytes and name, or the pasted text as UTF-8 (None when neither was given)."""
    file = form.get("file")
    if isinstance(file, UploadFile) and file.filename:
        raw = await file.read(MAX_UPLOAD_BYTES + 1)
        if raw:
            return raw, file.filename
    text = form.get("text")
    if isinstance(text, str) and text.strip():
        return text.encode("utf-8"), "pasted.txt"
    return None


@router.post(f"{POLICY_PATH}/check")
async def check(request: Request, auth: ConfiguredAuth) -> Response:
    _, refusal = _user(request, auth)
    if refusal is not None:
        return refusal
    title = "Policy check"
    try:
        form = await request.form(max_files=1, max_fields=4, max_part_size=MAX_UPLOAD_BYTES)
    except Exception:  # noqa: BLE001 - over the part limit, or not a form at all
        return _answer(
            request,
            title,
            message_html(TOO_LARGE if _too_long(request) else "The form could not be read. Try again."),
            400,
        )
    service = _service(request)
    try:
        upload = await _upload(form)
        if upload is None:
            return _answer(request, title, message_html("Paste a policy or choose a file to check."), 400)
        raw, filename = upload
        if len(raw) > MAX_UPLOAD_BYTES:
            raise PolicyFileTooLarge(TOO_LARGE)
        inputs = inputs_from_json(str(form.get("inputs") or ""))
        if not service.checks.acquire(blocking=False):
            return _answer(request, title, message_html("Another check is running. Try again in a moment."), 429)
        try:
            result, record = await anyio.to_thread.run_sync(service.check, raw, filename, inputs)
        finally:
            service.checks.release()
        del raw
    except PolicyFileTooLarge as exc:
        text = TOO_LARGE if "larger than" in str(exc) else str(exc)
        return _answer(request, title, message_html(text), 413)
    except (PolicyFileInvalid, PolicyInputError) as exc:
        return _answer(request, title, message_html(str(exc)), 422)
    except AssistantError as exc:
        return _answer(request, title, message_html("The policy could not be checked: " + str(exc)[:300]), 503)
    finally:
        await form.close()
    changes = None
    if record is not None:
        from assistant.policy.cited import changed_provisions

        changes = changed_provisions(record, service.corpus())
    return _answer(request, title, check_html(result, changes, record))


def _too_long(request: Request) -> bool:
    declared = request.headers.get("content-length", "")
    return declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES


@router.post(f"{POLICY_PATH}/adopt")
async def adopt(request: Request, auth: ConfiguredAuth) -> Response:
    user, refusal = _user(request, auth)
    if refusal is not None:
        return refusal
    assert user is not None
    title = "Use as this clinic's policy"
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_ADOPT_FORM:
        return _answer(request, title, message_html("The form was too large."), 413)
    try:
        form = await request.form(max_files=0, max_fields=4, max_part_size=MAX_ADOPT_FORM)
    except Exception:  # noqa: BLE001 - a malformed body gets the same plain refusal
        return _answer(request, title, message_html("The form could not be read. Try again."), 400)
    token = str(form.get("token") or "")[:64]
    clinic = str(form.get("clinic") or "")[:80]
    confirmed = str(form.get("confirm") or "") == "yes"
    service = _service(request)
    if clinic not in service.clinics_for_user(user):  # before anything else: no probing of other clinics
        from assistant.web.staff.policy import GRANT_COMMAND

        text = (
            "You do not manage this clinic, so you cannot change its policy. "
            f"An administrator grants one: {GRANT_COMMAND}."
        )
        return _answer(request, title, message_html(text), 403)
    if not confirmed:
        text = "Tick the box to confirm that this draft replaces the clinic's policy, then try again."
        return _answer(request, title, message_html(text), 400)
    try:
        adopted = await anyio.to_thread.run_sync(service.adopt, token, user, clinic)
    except AssistantError as exc:
        return _answer(request, title, message_html(exc.message), exc.status if exc.status < 500 else 503)
    from assistant.clinics.adopt import clinic_name

    name = clinic_name(service.clinics_dir, clinic)
    return _answer(request, title, adopted_html(name, adopted.version, adopted.day.isoformat()))
