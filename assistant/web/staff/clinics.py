"""Clinic counts for the clinic's own staff: ``/staff/clinics`` (a small table and a bar chart per clinic the
signed-in user manages) and ``/staff/clinics/<id>/counts.csv``; the staff page's "Clinic counts" tab shows
the same tables.

Anonymous counts only (questions per topic, crisis blocks per tier, per ISO week), never a text or an
identifier; any count below 5 is shown as "<5" (zero included), in the table, the chart and the CSV alike.
Only the users whose ``clinics`` list names a clinic see it; any other clinic answers 404, as an unknown one.
"""

from __future__ import annotations

import csv
import html
import io
from typing import TYPE_CHECKING

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from assistant.web.staff import STAFF_PATH
from assistant.web.staff.signin import SECURITY_HEADERS, _page, app_root, login_url

if TYPE_CHECKING:
    from assistant.clinics.limits import ClinicLimits, CountsTable
    from assistant.clinics.registry import ClinicRegistry
    from assistant.web.staff.auth import StaffAuth

TOPIC_NAMES = {"other": "other questions"}


def _shown(count: int) -> str:
    from assistant.clinics.limits import shown

    return shown(count)


def _bar(count: int, top: int) -> str:
    """A bar of the chart; counts below 5 are drawn as one short, hatched bar (never their size)."""
    from assistant.clinics.limits import SMALL

    if count < SMALL:
        return '<span class="cc-bar cc-small" style="width:4%"></span>'
    return f'<span class="cc-bar" style="width:{max(4, round(100 * count / max(top, 1)))}%"></span>'


def counts_html(table: CountsTable, clinic_id: str, name: str) -> str:
    """One clinic's counts: the table (weeks as columns) and a bar chart of the last week."""
    weeks = table.weeks
    head = "".join(f'<th scope="col">{html.escape(w)}</th>' for w in weeks)

    def rows(items: list[tuple[str, list[int]]]) -> str:
        return "".join(
            f'<tr><th scope="row">{html.escape(TOPIC_NAMES.get(n, n))}</th>'
            + "".join(f"<td>{_shown(c)}</td>" for c in counts)
            + "</tr>"
            for n, counts in items
            if any(counts)
        )

    topics, tiers = rows(table.topics), rows(table.tiers)
    last = [(n, counts[-1]) for n, counts in table.topics if counts[-1]]
    top = max((c for _, c in last), default=0)
    chart = "".join(
        f'<li><span class="cc-label">{html.escape(TOPIC_NAMES.get(n, n))}</span>{_bar(c, top)}'
        f'<span class="cc-n">{_shown(c)}</span></li>'
        for n, c in sorted(last, key=lambda x: -x[1])
    )
    empty = '<tr><td colspan="99">Nothing counted in these weeks.</td></tr>'
    return (
        f'<section class="cc-clinic" aria-labelledby="cc-{clinic_id}"><h2 id="cc-{clinic_id}">{html.escape(name)}</h2>'
        f'<p><a href="{STAFF_PATH}/clinics/{clinic_id}/counts.csv" download>Download as CSV</a></p>'
        f'<table class="cc-table"><caption>Questions per topic, by ISO week</caption><thead><tr>'
        f'<th scope="col">Topic</th>{head}</tr></thead><tbody>{topics or empty}</tbody></table>'
        f'<table class="cc-table"><caption>Crisis blocks per tier, by ISO week</caption><thead><tr>'
        f'<th scope="col">Tier</th>{head}</tr></thead><tbody>{tiers or empty}</tbody></table>'
        f'<h3>Questions per topic in {html.escape(weeks[-1])}</h3>'
        f'<ul class="cc-chart" aria-label="Bar chart: questions per topic in {html.escape(weeks[-1])}">'
        f'{chart or "<li>Nothing counted this week.</li>"}</ul></section>'
    )


def counts_csv(table: CountsTable) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["week", "kind", "name", "count"])
    for kind, items in (("topic", table.topics), ("crisis_tier", table.tiers)):
        for name, counts in items:
            for week, count in zip(table.weeks, counts, strict=True):
                writer.writerow([week, kind, name, _shown(count)])
    return out.getvalue()


CSS = """
.cc-table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .95rem; }
.cc-table caption { text-align: left; font-weight: 600; margin-bottom: .2rem; }
.cc-table th, .cc-table td { border: 1px solid #9ca3af; padding: .2rem .5rem; text-align: right; }
.cc-table th[scope=row], .cc-table th:first-child { text-align: left; }
.cc-chart { list-style: none; padding: 0; max-width: 32rem; }
.cc-chart li { display: flex; align-items: center; gap: .5rem; margin: .2rem 0; }
.cc-label { width: 12rem; font-size: .9rem; }
.cc-bar { display: inline-block; height: .9rem; background: #1d4f91; }
.cc-small { background: repeating-linear-gradient(45deg, #1d4f91 0 3px, #fff 3px 6px); border: 1px solid #1d4f91; }
.cc-n { font-size: .9rem; }
"""


def user_tables(registry: ClinicRegistry | None, limits: ClinicLimits | None, clinic_ids: tuple[str, ...]) -> str:
    """The counts of every clinic in ``clinic_ids`` (the user's), as HTML."""
    if not clinic_ids:
        return "<p>You manage no clinic. An administrator can add clinics to your user with " \
               "<code>python -m assistant staff-users clinics NAME --clinics ID</code>.</p>"  # fmt: skip
    if limits is None:
        return "<p>Clinic counts are not kept on this server.</p>"
    parts = []
    for clinic_id in clinic_ids:
        loaded = registry.get(clinic_id) if registry is not None else None
        name = loaded.clinic.config.name if loaded is not None else clinic_id
        parts.append(counts_html(limits.table(clinic_id), clinic_id, name))
    return f"<style>{CSS}</style>" + "".join(parts)


def make_clinic_counts_router(
    auth: StaffAuth, registry: ClinicRegistry | None, limits: ClinicLimits | None
) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def user_of(request: Request) -> str | None:
        return auth.user_for(request)

    def refused(request: Request) -> Response:
        if "text/html" in request.headers.get("accept", ""):
            here = request.url.path[len(app_root(request.scope)) :]
            return Response(status_code=303, headers={"Location": login_url(request.scope, here), **SECURITY_HEADERS})
        body = {"error": "not_authenticated", "message": "Sign in to the staff area first at /staff/login."}
        return JSONResponse(body, status_code=401, headers={"Cache-Control": "no-store"})

    @router.get(f"{STAFF_PATH}/clinics")
    def clinics_page(request: Request) -> Response:
        user = user_of(request)
        if user is None:
            return refused(request)
        body = (
            f'<h1>Clinic counts</h1><p class="sub">Anonymous counts for the clinics you manage: questions per topic '
            f'and crisis blocks per tier, per week. Counts below 5 are shown as "&lt;5". No message text and no '
            f'visitor identifier is ever kept.</p>{user_tables(registry, limits, auth.users.clinics(user))}'
            f'<p><a href="{STAFF_PATH}/">Back to the staff area</a></p>'
        )
        return HTMLResponse(_page("Clinic counts", body), headers=SECURITY_HEADERS)

    @router.get(f"{STAFF_PATH}/clinics/{{clinic_id}}/counts.csv")
    def clinic_csv(clinic_id: str, request: Request) -> Response:
        user = user_of(request)
        if user is None:
            return refused(request)
        if clinic_id not in auth.users.clinics(user) or limits is None:
            body = {"error": "unknown_clinic", "message": "You manage no clinic of that name."}
            return JSONResponse(body, status_code=404, headers={"Cache-Control": "no-store"})
        return Response(
            counts_csv(limits.table(clinic_id)),
            media_type="text/csv; charset=utf-8",
            headers={**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{clinic_id}-counts.csv"'},
        )

    return router
