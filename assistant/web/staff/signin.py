"""Staff sign-in and sign-out: the plain HTML pages and their routes on an `APIRouter`.

The routes take the app's `StaffAuth` from a dependency (``app.state.staff_auth``, set by
``mount_staff``); :func:`configured_auth` also refuses with the "not configured" page (503)
while the users file is missing or empty. The pages show only our own fixed text (and the
user name typed, escaped) and carry strict security headers; their CSS is
``static/signin.css``, inlined.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Annotated, Any
from urllib.parse import urlencode

import anyio
from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from assistant.errors import StaffNotConfigured
from assistant.web.assets import static_text
from assistant.web.page import TITLE
from assistant.web.staff import STAFF_PATH
from assistant.web.staff.auth import StaffAuth

log = logging.getLogger(__name__)

NOT_CONFIGURED = "Staff area not configured"
MAX_FORM_BYTES = 8 * 1024
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Robots-Tag": "noindex, nofollow",
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}

# -- the pages --------------------------------------------------------------------------------------


def _page(title: str, body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="robots" content="noindex, nofollow">'
        f"<title>{html.escape(title)}</title><style>{static_text('signin.css')}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )


def not_configured_response(status: int = 404) -> HTMLResponse:
    """The page for every staff URL while there is no sign-in (404 unset, 503 file missing or empty)."""
    body = (
        f"<h1>{NOT_CONFIGURED}</h1>"
        '<p class="sub">There is no staff sign-in on this server yet. An administrator can create a staff '
        "user with <code>python -m assistant.staff_users add NAME</code> (see the README, "
        "&ldquo;Staff area&rdquo;).</p>"
    )
    return HTMLResponse(_page(NOT_CONFIGURED, body), status_code=status, headers=SECURITY_HEADERS)


async def not_configured_handler(request: Request, exc: Exception) -> Response:
    """The exception handler for `StaffNotConfigured` (registered by ``mount_staff``)."""
    return not_configured_response(exc.status if isinstance(exc, StaffNotConfigured) else 503)


def login_page(
    message: str = "", kind: str = "err", username: str = "", next_path: str = "", status: int = 200, **headers: str
) -> HTMLResponse:
    """The sign-in form; ``message`` (our own fixed text) is shown above it in an alert box."""
    note = (
        f'<p class="msg {kind}" role="{"alert" if kind == "err" else "status"}" id="login-message">'
        f"{html.escape(message)}</p>"
        if message
        else ""
    )
    body = (
        f'<h1>Staff sign-in</h1><p class="sub">{html.escape(TITLE)}</p>{note}'
        '<form method="post" action="login" autocomplete="on">'
        f'<input type="hidden" name="next" value="{html.escape(next_path)}">'
        '<label for="username">User name</label>'
        f'<input type="text" id="username" name="username" value="{html.escape(username)}" required '
        'autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" autofocus>'
        '<label for="password">Password</label>'
        '<input type="password" id="password" name="password" required autocomplete="current-password" '
        'maxlength="1024">'
        '<button type="submit" id="sign-in">Sign in</button></form>'
        "<small>For clinic staff only. Sessions end after a set time; you will be asked to sign in again.</small>"
    )
    return HTMLResponse(_page("Staff sign-in", body), status_code=status, headers={**SECURITY_HEADERS, **headers})


# -- where to go --------------------------------------------------------------------------------------

_NEXT = re.compile(r"^/staff/[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*$")


def safe_next(value: str | None) -> str:
    """Where to go after signing in: a path under /staff/ only (no other hosts, no tricks)."""
    value = (value or "").strip()
    path = value.split("?", 1)[0]
    segments = re.sub(r"(?i)%2e", ".", path).split("/")
    if _NEXT.match(value) and "//" not in value and not {".", ".."} & set(segments) and "/login" not in path:
        return value
    return f"{STAFF_PATH}/"


def app_root(scope: Any) -> str:
    """The root path the app is served under (empty when served at "/")."""
    return scope.get("app_root_path", scope.get("root_path", "")) or ""


def login_url(scope: Any, next_path: str | None = None, **flags: str) -> str:
    """The sign-in form's URL, keeping ``next_path`` when it is a safe staff path."""
    query = dict(flags)
    if next_path and safe_next(next_path) != f"{STAFF_PATH}/":
        query["next"] = next_path
    return f"{app_root(scope)}{STAFF_PATH}/login" + (f"?{urlencode(query)}" if query else "")


# -- the routes --------------------------------------------------------------------------------------


def staff_auth(request: Request) -> StaffAuth:
    """Dependency: the app's users, sessions and limiter."""
    auth: StaffAuth = request.app.state.staff_auth
    return auth


AnyAuth = Annotated[StaffAuth, Depends(staff_auth)]


def configured_auth(auth: AnyAuth) -> StaffAuth:
    """Dependency: the app's `StaffAuth`, or `StaffNotConfigured` while there are no usable users."""
    if not auth.configured:
        raise StaffNotConfigured(NOT_CONFIGURED)
    return auth


ConfiguredAuth = Annotated[StaffAuth, Depends(configured_auth)]


router = APIRouter(include_in_schema=False)


def _fresh_form(request: Request, auth: StaffAuth, message: str = "", kind: str = "info") -> Response:
    next_path = safe_next(request.query_params.get("next"))
    if auth.session_from_cookies(request.cookies).ok:
        return RedirectResponse(app_root(request.scope) + next_path, status_code=303)
    return login_page(message, kind=kind, next_path=next_path)


def _too_many(wait: int, username: str, next_path: str) -> Response:
    minutes = max(1, -(-wait // 60))
    return login_page(
        f"Too many failed sign-in attempts. Please wait {minutes} minute{'s' if minutes != 1 else ''} "
        "and try again.",
        username=username,
        next_path=next_path,
        status=429,
        **{"Retry-After": str(wait)},
    )


@router.get(STAFF_PATH)
async def staff_root(request: Request) -> Response:
    return RedirectResponse(f"{app_root(request.scope)}{STAFF_PATH}/", status_code=307)


@router.get(f"{STAFF_PATH}/login")
async def login_form(request: Request, auth: ConfiguredAuth) -> Response:
    params = request.query_params
    if "expired" in params:
        return _fresh_form(request, auth, "Your session has expired. Please sign in again.")
    if "signed_out" in params:
        return _fresh_form(request, auth, "You have signed out.")
    return _fresh_form(request, auth)


@router.post(f"{STAFF_PATH}/login")
async def login_submit(request: Request, auth: ConfiguredAuth) -> Response:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FORM_BYTES:
        return login_page("The sign-in form was too large.", status=413)
    try:
        form = await request.form(max_files=0, max_fields=8)
    except Exception:  # malformed bodies get the same plain refusal
        return login_page("The sign-in form could not be read. Please try again.", status=400)
    username = str(form.get("username") or "").strip()[:128]
    password = str(form.get("password") or "")[:1024]
    next_path = safe_next(str(form.get("next") or ""))
    ip = request.client.host if request.client else None
    if not username or not password:
        return login_page("Enter your user name and password.", username=username, next_path=next_path, status=400)
    if auth.sign_in_paused:  # Redis configured but unreachable: the guess counts could not be shared
        return login_page(
            "Sign-in is paused for a moment (a shared service is unavailable). Please try again shortly.",
            username=username,
            next_path=next_path,
            status=503,
            **{"Retry-After": "10"},
        )
    stamp, wait = auth.limiter.reserve(ip, username)  # counted as a failure until the check says otherwise
    if stamp is None:
        return _too_many(wait or 1, username, next_path)
    if (wait := auth.reserve_shared(ip, username)) is not None:  # counted by every replica together
        auth.limiter.cancel(ip, username, stamp)
        return _too_many(wait, username, next_path)
    if not auth.checks.acquire(blocking=False):
        auth.limiter.cancel(ip, username, stamp)  # never checked: not a failure
        auth.cancel_shared(ip, username)
        return login_page(
            "Sign-in is busy. Please try again in a moment.",
            username=username,
            next_path=next_path,
            status=429,
            **{"Retry-After": "1"},
        )
    try:
        ok = await anyio.to_thread.run_sync(auth.users.verify, username, password)
    finally:
        auth.checks.release()
    if not ok:
        log.warning("staff sign-in failed")
        message = "Wrong user name or password. Please try again."
        left = auth.limiter.remaining(ip, username)
        if left <= 2:
            minutes = max(1, round(auth.limiter.window / 60))
            message += (
                f" {left} attempt{'s' if left != 1 else ''} left before sign-in is paused for {minutes} minutes."
                if left
                else f" Sign-in is now paused for {minutes} minutes."
            )
        return login_page(message, username=username, next_path=next_path, status=401)
    auth.limiter.success(ip, username, stamp)
    auth.success_shared(ip, username)
    log.info("staff user signed in")
    response = RedirectResponse(app_root(request.scope) + next_path, status_code=303)
    response.set_cookie(
        auth.cookie_name,
        auth.issue(username),
        max_age=int(auth.session_seconds),
        path=app_root(request.scope) + STAFF_PATH,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@router.post(f"{STAFF_PATH}/logout")
async def logout(request: Request, auth: AnyAuth) -> Response:
    """POST only (a link or an image elsewhere cannot sign anyone out); cross-site POSTs are refused
    by the security middleware."""
    auth.revoke(request.cookies.get(auth.cookie_name))
    response = RedirectResponse(login_url(request.scope, signed_out="1"), status_code=303)
    response.delete_cookie(auth.cookie_name, path=app_root(request.scope) + STAFF_PATH)
    response.headers["Cache-Control"] = "no-store"
    return response
