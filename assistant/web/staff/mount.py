"""Putting the staff area on the app: the sign-in router, then the guarded Gradio page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.responses import Response

from assistant.config import Settings
from assistant.errors import StaffNotConfigured
from assistant.web.mount import mount_blocks
from assistant.web.staff import STAFF_PATH
from assistant.web.staff.auth import StaffAuth
from assistant.web.staff.clinics import make_clinic_counts_router, user_tables
from assistant.web.staff.guard import StaffGuard
from assistant.web.staff.page import HEAD, build_staff_ui, staff_css, staff_js
from assistant.web.staff.policy import PolicyService
from assistant.web.staff.policy_routes import router as policy_router
from assistant.web.staff.signin import not_configured_handler, not_configured_response, router

if TYPE_CHECKING:
    from assistant.answer.pipeline import Assistant

_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
STAFF_QUEUE_SIZE = 64


async def _not_configured() -> Response:
    return not_configured_response(404)


def mount_staff(
    app: FastAPI, settings: Settings, assistant: Assistant, stream_delay: float = 0.012
) -> StaffAuth | None:
    """Add the staff area to ``app`` (call before mounting anything at "/").

    Without ``staff_users_file`` every /staff URL answers 404 "not configured" and None is
    returned; otherwise the app's `StaffAuth` (also kept in ``app.state.staff_auth``).
    """
    if settings.staff_users_file is None:
        for path in (STAFF_PATH, f"{STAFF_PATH}/", f"{STAFF_PATH}/{{rest:path}}"):
            app.add_api_route(path, _not_configured, methods=_METHODS, include_in_schema=False)
        app.state.staff_auth = None
        return None

    shared = getattr(app.state, "shared", None)  # the app's shared state (Redis), when create_app made one
    auth = StaffAuth.from_settings(settings, **({"shared": shared} if shared is not None else {}))
    app.state.staff_auth = auth
    app.add_exception_handler(StaffNotConfigured, not_configured_handler)
    app.include_router(router)
    registry = getattr(app.state, "clinics", None)
    limits = getattr(app.state, "clinic_limits", None)
    app.include_router(make_clinic_counts_router(auth, registry, limits))  # /staff/clinics, before the page
    app.include_router(policy_router)  # /staff/policy/...: checks the session itself (the guard covers Gradio)
    from assistant.clinics.adopt import adopted_records

    policy = PolicyService(
        settings,
        assistant.embeddings,
        records_for_user=lambda user: adopted_records(settings.clinics_dir, auth.users.clinics(user)),
        clinics_for_user=auth.users.clinics,
    )
    app.state.policy_service = policy

    def clinic_counts(user: str | None) -> str:
        return user_tables(registry, limits, auth.users.clinics(user)) if user else ""

    blocks = build_staff_ui(settings, assistant, stream_delay, clinic_counts=clinic_counts, policy=policy)
    blocks.queue(default_concurrency_limit=settings.concurrency_limit, max_size=None)  # the shield caps it
    route = mount_blocks(
        app, blocks, STAFF_PATH, settings, assistant, public=False, max_size=STAFF_QUEUE_SIZE,
        auth_dependency=auth.user_for, css=staff_css(), js=staff_js(), head=HEAD,
    )  # fmt: skip
    route.app = StaffGuard(route.app, auth)  # the session first, then the shield's closed routes
    return auth
