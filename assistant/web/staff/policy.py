"""The staff page's "Policy" tab: draft a cited contact policy and consent form, see conflicts first,
download it, and check an existing policy (issue 17).

* :class:`PolicyService` holds what the tab and its routes (``policy_routes.py``) share: the corpus
  (reloaded when its files change, so change notices follow a corpus update), the optional language
  model for smoothing, the drafts shown in the last hour (so a download is the draft that was shown),
  and a cap on simultaneous checks.
* The HTML pieces (:func:`draft_html`, :func:`check_html`, :func:`changes_html`) escape every value,
  corpus text and what staff typed alike.
* :func:`policy_tab` builds the tab inside the page's ``gr.Tabs``; :meth:`PolicyService.tab_notice`
  renders, for the signed-in user, the notices shown when the page loads: the cited provisions that
  changed in the policies ``records_for_user`` returns (``mount.py``: the adopted policies of the clinics
  the user manages, read from their sidecars).
* "Use as this clinic's policy" (:meth:`PolicyService.adopt`, :func:`adopt_html`): beside the downloads,
  a form listing only the clinics the user manages (``clinics_for_user``); the route checks the session,
  the confirmation and the clinic again, and ``assistant.clinics.adopt`` writes the files and the audit line.

Downloads and the check go through plain form posts to ``/staff/policy/...`` (the Gradio upload route
stays closed): the download form carries the draft's token and its inputs, the check form the text
or file. Nothing staff type or upload is logged or written to disk.
"""

from __future__ import annotations

import html
import json
import logging
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import gradio as gr
from pydantic import ValidationError

from assistant import jurisdictions
from assistant.config import Settings
from assistant.corpus.schema import PROFESSIONS
from assistant.errors import AssistantError, LLMConfigError
from assistant.policy.cited import CitedRecord, ProvisionChange, changed_provisions, cited_record
from assistant.policy.models import CHANNELS, CheckResult, Citation, Clause, Draft, PolicyInputs

if TYPE_CHECKING:
    from assistant.clinics.adopt import Adopted
    from assistant.corpus.loader import Corpus

log = logging.getLogger(__name__)

DRAFT_KEEP_SECONDS = 3600
MAX_KEPT_DRAFTS = 200
MAX_CHECKS_AT_ONCE = 2
CORPUS_RECHECK_SECONDS = 10.0
MAX_INPUTS_JSON = 16 * 1024
FORMATS = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "html": ("text/html; charset=utf-8", "html"),
}
PROFESSION_LABELS = {
    "psychology": "Psychology",
    "counselling": "Counselling",
    "social-work": "Social work",
    "marriage-family-therapy": "Marriage and family therapy",
    "psychotherapy": "Psychotherapy",
}
CHANNEL_LABELS = {
    "texting": "Texting",
    "email": "Email",
    "phone": "Phone",
    "video": "Video",
    "portal": "Portal",
    "none": "None (no contact between sessions)",
}
SOCIAL_LABELS = [
    ("No social media with clients", "none"),
    ("A professional page only", "professional-page"),
    ("Personal connections with clients", "personal"),
]
BINDING_WORDS = {"law": "law", "regulator": "regulator", "membership": "membership", "guidance": "guidance only"}

RecordsProvider = Callable[[str], list[tuple[str, CitedRecord]]]
ClinicsProvider = Callable[[str], tuple[str, ...]]
GRANT_COMMAND = "python -m assistant staff-users clinics NAME --clinics ID"


class DraftExpired(AssistantError):
    """The draft to adopt is not (or no longer) kept under its token: it must be shown again."""

    code = "policy_draft_expired"
    status = 409


class PolicyInputError(AssistantError):
    """The tab's or a form's policy inputs are missing or invalid (the message says which, in words)."""

    code = "policy_inputs_invalid"
    status = 422


# -- inputs ---------------------------------------------------------------------------------------


def _listed(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [v.strip() for v in value.split(",") if v.strip()]
    return [str(v) for v in value if str(v).strip()]


def inputs_from_values(values: Mapping[str, Any]) -> PolicyInputs:
    """The tab's values (or a form's JSON) as `PolicyInputs`; `PolicyInputError` says what is wrong."""
    if not _listed(values.get("jurisdictions")):
        raise PolicyInputError("Choose at least one jurisdiction.")
    if not _listed(values.get("professions")):
        raise PolicyInputError("Choose at least one profession.")
    if not _listed(values.get("channels")):
        raise PolicyInputError("Choose the channels the clinic offers (or None).")
    clean: dict[str, Any] = {
        "clinic": str(values.get("clinic") or "").strip() or "our practice",
        "jurisdictions": _listed(values.get("jurisdictions")),
        "professions": _listed(values.get("professions")),
        "memberships": _listed(values.get("memberships")) or None,
        "channels": _listed(values.get("channels")),
        "purpose": _listed(values.get("purpose")) or ["scheduling"],
        "response_time": str(values.get("response_time") or "").strip() or "2d",
        "after_hours": str(values.get("after_hours") or "").strip() or None,
        "emergency": str(values.get("emergency") or "").strip() or None,
        "social_media": values.get("social_media") or "none",
        "records": values.get("records") or "yes",
        "secure_messaging": bool(values.get("secure_messaging")),
        "written_consent": values.get("written_consent") is not False,
    }
    try:
        return PolicyInputs.model_validate(clean)
    except ValidationError as exc:  # the messages name fields and allowed values, never echo long input
        problems = []
        for error in exc.errors():
            field = ".".join(str(p) for p in error["loc"] if not isinstance(p, int)) or "inputs"
            problems.append(f"{field.replace('_', ' ')}: {error['msg']}")
        raise PolicyInputError("Please check the inputs. " + "; ".join(problems)[:600]) from exc
    except AssistantError as exc:  # an unknown place
        raise PolicyInputError(str(exc)[:600]) from exc


def inputs_from_json(text: str) -> PolicyInputs:
    if not text or len(text) > MAX_INPUTS_JSON:
        raise PolicyInputError("Choose the jurisdictions and professions in the Policy tab first.")
    try:
        values = json.loads(text)
    except ValueError as exc:
        raise PolicyInputError("The form's inputs could not be read. Reload the page and try again.") from exc
    if not isinstance(values, dict):
        raise PolicyInputError("The form's inputs could not be read. Reload the page and try again.")
    return inputs_from_values(values)


def inputs_json(inputs: PolicyInputs) -> str:
    return json.dumps(inputs.model_dump(mode="json"), separators=(",", ":"), ensure_ascii=False)


# -- the service ----------------------------------------------------------------------------------


@dataclass
class Document:
    body: bytes
    media_type: str
    filename: str


class PolicyService:
    """What the Policy tab and its routes share (see the module docstring)."""

    def __init__(
        self,
        settings: Settings,
        embeddings: Any = None,
        records_for_user: RecordsProvider | None = None,
        model: Any = None,
        clinics_for_user: ClinicsProvider | None = None,
    ):
        self.settings = settings
        self.corpus_dir = Path(settings.corpus_dir)
        self.clinics_dir = Path(settings.clinics_dir)
        self.embeddings = embeddings
        self.records_for_user: RecordsProvider = records_for_user or (lambda user: [])
        self.clinics_for_user: ClinicsProvider = clinics_for_user or (lambda user: ())
        self.model = model if model is not None else self._model(settings)
        self.checks = threading.BoundedSemaphore(MAX_CHECKS_AT_ONCE)
        self._lock = threading.Lock()
        self._corpus: Corpus | None = None
        self._corpus_checked = 0.0
        self._drafts: OrderedDict[str, tuple[str | None, float, Draft]] = OrderedDict()

    @staticmethod
    def _model(settings: Settings) -> Any:
        if not settings.llm:
            return None
        from assistant.answer.compose.llm import make_chat_model

        try:
            return make_chat_model(settings)
        except LLMConfigError as exc:
            log.warning("policy smoothing disabled: %s", type(exc).__name__)
            return None

    def corpus(self) -> Corpus:
        """The corpus, loaded again when its files changed (checked at most every few seconds)."""
        from assistant.corpus.loader import corpus_digest, load_corpus

        with self._lock:
            now = time.monotonic()
            if self._corpus is None:
                self._corpus, self._corpus_checked = load_corpus(self.corpus_dir), now
            elif now - self._corpus_checked >= CORPUS_RECHECK_SECONDS:
                self._corpus_checked = now
                if corpus_digest(self.corpus_dir) != self._corpus.digest:
                    try:
                        self._corpus = load_corpus(self.corpus_dir)
                    except Exception as exc:  # noqa: BLE001 - a broken edit keeps the last good corpus
                        log.warning("policy tab: the changed corpus could not be loaded (%s)", type(exc).__name__)
            return self._corpus

    # -- drafting --

    def draft(self, inputs: PolicyInputs, user: str | None) -> tuple[str, Draft]:
        """A draft for these inputs (smoothed when a model is configured) and the token its downloads use."""
        from assistant.policy.draft import draft_policy

        corpus = self.corpus()
        draft = draft_policy(inputs, corpus)
        if self.model is not None:
            from assistant.policy.smooth import smooth_draft

            draft = smooth_draft(draft, corpus, self.model).draft
        token = secrets.token_urlsafe(18)
        with self._lock:
            self._prune()
            self._drafts[token] = (user, time.monotonic(), draft)
        return token, draft

    def _prune(self) -> None:
        cutoff = time.monotonic() - DRAFT_KEEP_SECONDS
        for token in [t for t, (_, at, _) in self._drafts.items() if at < cutoff]:
            del self._drafts[token]
        while len(self._drafts) > MAX_KEPT_DRAFTS:
            self._drafts.popitem(last=False)

    def shown(self, token: str, user: str | None, inputs: PolicyInputs) -> Draft:
        """The draft shown under ``token`` to this user, or (another replica, an hour later) the same inputs
        drafted again."""
        with self._lock:
            kept = self._drafts.get(token)
        if kept is not None and kept[0] == user and kept[2].inputs == inputs:
            return kept[2]
        return self.draft(inputs, user)[1]

    def kept(self, token: str, user: str | None) -> Draft | None:
        """The draft shown under ``token`` to this user in the last hour, or None (never drafted again)."""
        with self._lock:
            self._prune()
            kept = self._drafts.get(token) if token else None
        return kept[2] if kept is not None and kept[0] == user else None

    # -- adopting --

    def clinics(self, user: str | None) -> list[tuple[str, str]]:
        """(id, name) of the clinics the user manages."""
        from assistant.clinics.adopt import clinic_name

        if not user:
            return []
        return [(c, clinic_name(self.clinics_dir, c)) for c in self.clinics_for_user(user)]

    def adopt(self, token: str, user: str, clinic_id: str) -> Adopted:
        """Write the draft shown under ``token`` as the clinic's policy, with the audit line (an
        ``assistant.clinics.adopt.Adopted``); `ClinicNotManaged` (403), `ClinicUnknown` (404),
        `DraftExpired` (409), `AdoptionFailed` (409)."""
        from assistant.clinics.adopt import ClinicNotManaged, adopt_into_clinic, audit, clinic_file

        if clinic_id not in self.clinics_for_user(user):
            raise ClinicNotManaged(
                "You do not manage this clinic, so you cannot change its policy. An administrator can grant it: "
                f"{GRANT_COMMAND}."
            )
        clinic_file(self.clinics_dir, clinic_id)  # ClinicUnknown (404) before the draft's state
        draft = self.kept(token, user)
        if draft is None:
            raise DraftExpired(
                "This draft is no longer kept (drafts are kept for an hour, on the server that showed them). "
                "Draft the policy again, then use it."
            )
        adopted = adopt_into_clinic(draft, self.corpus(), self.clinics_dir, clinic_id, user)
        audit(self.settings.staff_users_file, user, adopted)
        return adopted

    def document(self, draft: Draft, fmt: str) -> Document:
        """The draft as a file to download, with the record of the provisions it cites embedded."""
        from assistant.policy import render
        from assistant.policy.cited import embed_in_docx, embed_in_text

        if fmt not in FORMATS:
            raise PolicyInputError("Choose Markdown, DOCX or HTML.")
        record = cited_record(draft, self.corpus())
        if fmt == "md":
            body = embed_in_text(render.to_markdown(draft), record, "md").encode("utf-8")
        elif fmt == "html":
            body = embed_in_text(render.to_html(draft), record, "html").encode("utf-8")
        else:
            body = embed_in_docx(render.to_docx(draft), record)
        media_type, ext = FORMATS[fmt]
        return Document(body, media_type, f"contact-policy-{draft.drafted_on.isoformat()}.{ext}")

    # -- checking --

    def check(self, raw: bytes, filename: str, inputs: PolicyInputs) -> tuple[CheckResult, CitedRecord | None]:
        """check-policy on an upload (bytes in memory only), and the record it carries, if any."""
        from assistant.policy.check import check_policy, read_policy_bytes
        from assistant.policy.cited import record_from_upload

        text = read_policy_bytes(raw, filename)  # size and unpacked-size caps; refuses binary files
        record = record_from_upload(raw, filename)
        result = check_policy(text, inputs, self.corpus(), self.embeddings)
        return result, record

    # -- what the tab shows when it opens --

    def tab_notice(self, user: str | None) -> str:
        """Notices for the signed-in user's own policies: cited provisions the corpus changed since."""
        if not user:
            return ""
        try:
            records = self.records_for_user(user)
        except Exception as exc:  # noqa: BLE001 - a broken clinic file must not take the tab down
            log.warning("policy tab: the user's policies could not be read (%s)", type(exc).__name__)
            return ""
        corpus = self.corpus()
        parts = [changes_html(changed_provisions(record, corpus), record, label) for label, record in records]
        return "".join(p for p in parts if p)


# -- HTML ----------------------------------------------------------------------------------------

e = html.escape


def _cite(c: Citation) -> str:
    label = f"{c.code} {c.section}" if c.section else f"{c.code} ({c.heading})"
    return f'<a href="{e(c.url, quote=True)}" target="_blank" rel="noopener noreferrer">{e(label)}</a>'


def _safe_url(url: str) -> str:
    return url if url.startswith("https://") or url.startswith("http://") else ""


def _kind(clause: Clause) -> str:
    if clause.kind == "required":
        return f'<span class="policy-kind policy-required">Required by {e(", ".join(clause.required_by))}</span>'
    note = "" if clause.citations else " (no code in scope addresses it)"
    return f'<span class="policy-kind policy-recommended">Recommended: good practice{e(note)}</span>'


def draft_html(draft: Draft) -> str:
    """The draft on the page: conflicts first, who binds, the clauses by document and element (kind,
    citations, conflicts next to their clause), and which code asks for what."""
    from assistant.policy.render import ELEMENT_TITLES, INTROS, TITLES

    out = ['<div class="policy-draft">']
    if draft.conflicts:
        out.append(
            '<section class="policy-conflicts" role="alert" id="policy-conflicts">'
            f"<h3>⚠ {len(draft.conflicts)} conflict{'s' if len(draft.conflicts) != 1 else ''} to resolve "
            "before you use these documents</h3><ul>"
        )
        for c in draft.conflicts:
            where = f"{c.code} {c.section}" if c.section else c.code
            link = _safe_url(c.url)
            cite = (
                f'<a href="{e(link, quote=True)}" target="_blank" rel="noopener noreferrer">{e(where)}</a>'
                if link
                else e(where)
            )
            out.append(
                f'<li class="policy-conflict"><strong>{e(c.choice)}</strong> — {cite} {e(c.effect)} this: '
                f"{e(c.reason)}</li>"
            )
        out.append("</ul></section>")
    else:
        out.append('<p class="policy-ok" id="policy-no-conflicts">No choice conflicts with a binding code.</p>')
    out.append('<section class="policy-bindings"><h3>Codes in scope</h3><ul>')
    for b in draft.bindings:
        how = BINDING_WORDS.get(b.binding, b.binding) + (" (assumed)" if b.assumed else "")
        if not b.requires:
            how += " — can make no clause required"
        out.append(f"<li><strong>{e(b.code)}</strong> {e(b.title)}: {e(how)}</li>")
    out.append("</ul></section>")
    if draft.notices:
        out.append('<section class="policy-notices"><h3>Notes</h3><ul>')
        out += [f"<li>{e(n)}</li>" for n in draft.notices]
        out.append("</ul></section>")
    out.append(f'<p class="policy-disclaimer">{e(draft.disclaimer)}</p>')
    for name in ("policy", "consent"):
        out.append(
            f'<section class="policy-document" id="policy-doc-{name}"><h3>{e(TITLES[name])}</h3>'
            f"<p><em>{e(INTROS[name])}</em></p>"
        )
        element = None
        for clause in draft.document(name):
            if clause.element != element:
                element = clause.element
                out.append(f"<h4>{e(ELEMENT_TITLES.get(element, element))}</h4>")
            text = "<br>".join(e(line) for line in clause.text.split("\n"))
            cites = "; ".join(_cite(c) for c in clause.citations)
            out.append(
                f'<div class="policy-clause policy-{clause.kind}" data-clause="{e(clause.id, quote=True)}">'
                f'<p>{text}</p><p class="policy-cites">{_kind(clause)}'
                f"{' · Sources: ' + cites if cites else ''}</p>"
            )
            for c in draft.conflicts:
                if c.clause == clause.id:
                    where = f"{c.code} {c.section}" if c.section else c.code
                    out.append(
                        f'<p class="policy-clause-conflict">⚠ Conflict: {e(c.choice)} — {e(where)} '
                        f"{e(c.effect)} this: {e(c.reason)}</p>"
                    )
            out.append("</div>")
        out.append("</section>")
    out.append(
        '<section class="policy-by-code" id="policy-by-code"><h3>Which code asks for what</h3>'
        "<table><thead><tr><th>Code</th><th>Required</th><th>Recommended (supports)</th></tr></thead><tbody>"
    )
    for code, items in draft.by_code().items():
        required = [(c, s) for c, s in items if code in c.required_by]
        supports = [(c, s) for c, s in items if code not in c.required_by]

        def cell(pairs: list[tuple[Clause, list[str | None]]]) -> str:
            return (
                "<br>".join(
                    f"{e(ELEMENT_TITLES.get(c.element, c.element))} ({e(', '.join(s or 'unnumbered' for s in secs))})"
                    for c, secs in pairs
                )
                or "—"
            )

        out.append(f"<tr><td>{e(code)}</td><td>{cell(required)}</td><td>{cell(supports)}</td></tr>")
    out.append("</tbody></table></section></div>")
    return "".join(out)


def downloads_html(token: str, inputs: PolicyInputs, conflicts: int) -> str:
    """The download form: the draft's token and its inputs (to draft again on another replica)."""
    warn = (
        (
            f'<p class="policy-download-warn">These documents still contain {conflicts} conflict'
            f"{'s' if conflicts != 1 else ''} (listed above and next to their clauses).</p>"
        )
        if conflicts
        else ""
    )
    return (
        f'<form method="post" action="policy/download" class="policy-downloads" id="policy-download-form">{warn}'
        f'<input type="hidden" name="token" value="{e(token, quote=True)}">'
        f'<input type="hidden" name="inputs" value="{e(inputs_json(inputs), quote=True)}">'
        '<button type="submit" name="format" value="docx" id="policy-download-docx">Download DOCX</button>'
        '<button type="submit" name="format" value="md" id="policy-download-md">Download Markdown</button>'
        '<button type="submit" name="format" value="html" id="policy-download-html">'
        "Download print-friendly HTML</button>"
        '<button type="submit" name="format" value="print" formtarget="_blank" id="policy-print">'
        "Open the print-friendly page</button>"
        "</form>"
    )


def adopt_html(token: str, clinics: list[tuple[str, str]]) -> str:
    """'Use as this clinic's policy': the clinics the user manages, a confirmation, the button (or, managing
    none, how an administrator grants one)."""
    head = '<section class="policy-adopt" id="policy-adopt"><h3>Use as this clinic\'s policy</h3>'
    if not clinics:
        return (
            f"{head}<p id=\"policy-adopt-none\">You manage no clinic, so you cannot make this draft a clinic's "
            "policy. An administrator grants a clinic with <code>"
            f"{e(GRANT_COMMAND)}</code> (the clinic's id is its file name in the clinics folder).</p></section>"
        )
    options = "".join(
        f'<option value="{e(cid, quote=True)}" data-name="{e(name, quote=True)}">{e(name)} ({e(cid)})</option>'
        for cid, name in clinics
    )
    return (
        f'{head}<form method="post" action="policy/adopt" id="policy-adopt-form" class="policy-adopt-form">'
        "<p>The contact policy above (not the consent form) becomes what the clinic's chat cites, with its "
        "version and date; the change is recorded (who, when, which clinic).</p>"
        f'<input type="hidden" name="token" value="{e(token, quote=True)}">'
        f'<label for="policy-adopt-clinic">Clinic</label><select id="policy-adopt-clinic" name="clinic">{options}'
        "</select>"
        '<label class="policy-adopt-confirm"><input type="checkbox" name="confirm" value="yes" '
        f'id="policy-adopt-confirm"> Replace <span id="policy-adopt-name">{e(clinics[0][1])}</span>\'s policy '
        "with this draft; clients will see it within seconds</label>"
        '<button type="submit" id="policy-adopt-run">Use as this clinic\'s policy</button></form>'
        '<div id="policy-adopt-result" role="status" aria-live="polite"></div></section>'
    )


def adopted_html(name: str, version: int, day: str) -> str:
    return (
        f'<p class="policy-message policy-adopted" role="status" id="policy-adopted">The draft is now '
        f"{e(name)}'s contact policy, version {version} of {e(day)}. Clients see it within seconds.</p>"
    )


def inputs_holder_html(inputs: PolicyInputs | None, problem: str = "") -> str:
    """Where the check form finds the tab's current inputs (read by static/staff.js when it is sent)."""
    if inputs is None:
        return f'<div id="policy-inputs" data-inputs="" data-problem="{e(problem, quote=True)}"></div>'
    return f'<div id="policy-inputs" data-inputs="{e(inputs_json(inputs), quote=True)}" data-problem=""></div>'


CHECK_FORM = (
    '<form method="post" action="policy/check" enctype="multipart/form-data" id="policy-check-form" '
    'class="policy-check-form">'
    "<p>Paste your current policy, or choose a file (plain text, Markdown or DOCX, at most 1 MiB). "
    "It is read in memory for this check only: never stored, never logged. The jurisdictions, professions "
    "and channels chosen above say which elements are required.</p>"
    '<label for="policy-check-text">Policy text</label>'
    '<textarea id="policy-check-text" name="text" rows="6" maxlength="1048576" '
    'placeholder="Paste the policy here…"></textarea>'
    '<label for="policy-check-file">…or a file</label>'
    '<input type="file" id="policy-check-file" name="file" accept=".txt,.md,.markdown,.docx,text/plain,text/markdown,'
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document">'
    '<input type="hidden" name="inputs" value="">'
    '<button type="submit" id="policy-check-run">Check the policy</button>'
    "</form>"
    '<div id="policy-check-result" role="status" aria-live="polite"></div>'
)


def changes_html(changes: list[ProvisionChange], record: CitedRecord, label: str = "This policy") -> str:
    """Which cited provisions changed since the policy was drafted (empty when none did)."""
    if not changes:
        return ""
    items = []
    for c in changes:
        what = "was changed in the corpus" if c.status == "changed" else "is no longer in the corpus"
        link = _safe_url(c.url)
        name = (
            f'<a href="{e(link, quote=True)}" target="_blank" rel="noopener noreferrer">{e(c.label)}</a>'
            if link
            else e(c.label)
        )
        items.append(f'<li class="policy-change">{name} — {e(c.heading)}: {e(what)}</li>')
    return (
        '<section class="policy-changes" role="alert">'
        f"<h4>{e(label)} (version {e(record.version)}, drafted {e(record.drafted_on.isoformat())}) cites "
        f"{len(changes)} provision{'s' if len(changes) != 1 else ''} changed since</h4><ul>{''.join(items)}</ul>"
        "<p>Read the changed provisions and draft the policy again if its clauses no longer match them.</p></section>"
    )


def check_html(result: CheckResult, changes: list[ProvisionChange] | None, record: CitedRecord | None) -> str:
    """The check's result: missing required elements first, then every element, then flagged sentences."""
    from assistant.policy.render import ELEMENT_TITLES

    out = ['<div class="policy-check">']
    if record is not None and changes is not None:
        out.append(
            changes_html(changes, record)
            or (
                f'<p class="policy-ok">This policy was drafted here on {e(record.drafted_on.isoformat())}: none of the '
                f"{len(record.provisions)} provisions it cites has changed since.</p>"
            )
        )
    missing = [x for x in result.elements if x.required and not x.covered]
    if missing:
        out.append(
            f'<section class="policy-missing" role="alert"><h4>{len(missing)} required element'
            f"{'s' if len(missing) != 1 else ''} missing</h4><ul>"
        )
        for item in missing:
            cites = "; ".join(_cite(c) for c in item.citations)
            out.append(
                f'<li data-element="{e(item.element, quote=True)}"><strong>'
                f"{e(ELEMENT_TITLES.get(item.element, item.element))}</strong> — required by "
                f"{e(', '.join(item.required_by))}{' · ' + cites if cites else ''}</li>"
            )
        out.append("</ul></section>")
    else:
        out.append('<p class="policy-ok" id="policy-none-missing">Every required element is covered.</p>')
    out.append(
        f'<table class="policy-elements"><caption>{result.sentences} sentences read</caption><thead><tr>'
        "<th>Element</th><th>Required</th><th>Covered</th><th>How</th><th>Sources</th></tr></thead><tbody>"
    )
    for item in result.elements:
        req = "yes (" + ", ".join(item.required_by) + ")" if item.required else "recommended"
        where = f" (sentence {item.sentence})" if item.sentence else ""
        covered = "yes" if item.covered else "NO"
        out.append(
            f'<tr class="{"policy-covered" if item.covered else "policy-uncovered"}" '
            f'data-element="{e(item.element, quote=True)}"><td>'
            f"{e(ELEMENT_TITLES.get(item.element, item.element))}</td><td>{e(req)}</td><td>{covered}</td>"
            f"<td>{e(item.how + where)}</td><td>{'; '.join(_cite(c) for c in item.citations) or '—'}</td></tr>"
        )
    out.append("</tbody></table>")
    if result.conflicts:
        out.append('<section class="policy-flagged"><h4>Sentences matching known conflicts</h4><ul>')
        for c in result.conflicts:
            where = f"{c.code} {c.section}" if c.section else c.code
            link = _safe_url(c.url)
            cite = (
                f'<a href="{e(link, quote=True)}" target="_blank" rel="noopener noreferrer">{e(where)}</a>'
                if link
                else e(where)
            )
            out.append(
                f"<li>Sentence {c.sentence}: <q>{e(c.text[:600])}</q> — {e(c.choice)}; {cite}: {e(c.reason)}</li>"
            )
        out.append("</ul></section>")
    if result.notices:
        out.append('<ul class="policy-notices">' + "".join(f"<li>{e(n)}</li>" for n in result.notices) + "</ul>")
    out.append(f'<p class="policy-disclaimer">{e(result.disclaimer)}</p></div>')
    return "".join(out)


def message_html(text: str, kind: str = "error") -> str:
    return f'<p class="policy-message policy-{e(kind, quote=True)}" role="alert">{e(text)}</p>'


# -- the tab -------------------------------------------------------------------------------------


def place_choices() -> list[tuple[str, str]]:
    """Every country, each followed by its states, provinces, territories or nations."""
    out: list[tuple[str, str]] = []
    subs = sorted(c for c in jurisdictions.KNOWN_CODES if "-" in c)
    for country, name in jurisdictions.COUNTRIES.items():
        out.append((f"{name} ({country})", country))
        out += [(f"{jurisdictions.label(s)} ({s})", s) for s in subs if s.startswith(f"{country}-")]
    return out


def membership_choices(corpus: Corpus) -> list[tuple[str, str]]:
    """Codes a clinician joins or registers with (bindings.yaml membership and regulator entries)."""
    if corpus.bindings is None:
        return []
    seen: dict[str, set[str]] = {}
    for entry in corpus.bindings.bindings:
        if entry.binding.value in ("membership", "regulator"):
            seen.setdefault(entry.code, set()).add(entry.jurisdiction)
    out = []
    for code in sorted(seen):
        found = corpus.code(code)
        title = found.title if found else code
        out.append((f"{code} — {title} ({', '.join(sorted(seen[code]))})", code))
    return out


FIELDS = (
    "clinic",
    "jurisdictions",
    "professions",
    "memberships",
    "channels",
    "purpose",
    "response_time",
    "after_hours",
    "emergency",
    "social_media",
    "records",
    "secure_messaging",
    "written_consent",
)


class PolicyTabHandler:
    """The tab's events; the work is :class:`PolicyService`'s."""

    def __init__(self, service: PolicyService):
        self.service = service

    @staticmethod
    def values(*args: Any) -> dict[str, Any]:
        return dict(zip(FIELDS, args, strict=True))

    def holder(self, *args: Any) -> str:
        try:
            return inputs_holder_html(inputs_from_values(self.values(*args)))
        except PolicyInputError as exc:
            return inputs_holder_html(None, str(exc))

    def run(
        self,
        clinic: Any,
        jurisdictions: Any,
        professions: Any,
        memberships: Any,
        channels: Any,
        purpose: Any,
        response_time: Any,
        after_hours: Any,
        emergency: Any,
        social_media: Any,
        records: Any,
        secure_messaging: Any,
        written_consent: Any,
        request: gr.Request | None = None,
    ) -> tuple[str, str, str]:
        """(the draft's HTML, the download form, the check form's inputs) for the page (Gradio passes the
        request, whose ``username`` is the signed-in staff member, because of its annotation)."""
        fields = (clinic, jurisdictions, professions, memberships, channels, purpose, response_time, after_hours,
                  emergency, social_media, records, secure_messaging, written_consent)  # fmt: skip
        user = getattr(request, "username", None) if request is not None else None
        try:
            inputs = inputs_from_values(self.values(*fields))
        except PolicyInputError as exc:
            return message_html(str(exc)), "", inputs_holder_html(None, str(exc))
        try:
            token, draft = self.service.draft(inputs, user)
        except AssistantError as exc:
            log.warning("policy draft failed (%s)", type(exc).__name__)
            return message_html("The policy could not be drafted: " + str(exc)[:300]), "", inputs_holder_html(inputs)
        try:
            adopt = adopt_html(token, self.service.clinics(user))
        except Exception as exc:  # noqa: BLE001 - an unreadable users or clinic file must not hide the draft
            log.warning("policy tab: the user's clinics could not be read (%s)", type(exc).__name__)
            adopt = ""
        downloads = downloads_html(token, inputs, len(draft.conflicts)) + adopt
        return draft_html(draft), downloads, inputs_holder_html(inputs)

    def opened(self, request: gr.Request) -> str:
        return self.service.tab_notice(getattr(request, "username", None))


def policy_tab(service: PolicyService) -> tuple[gr.HTML, PolicyTabHandler]:
    """The tab's controls and events, inside the `gr.Tab` being built; (the notice area, the handler), for the
    page to fill the notice for the signed-in user when it loads (``handler.opened``)."""
    handler = PolicyTabHandler(service)
    corpus = service.corpus()
    notice = gr.HTML("", elem_id="policy-tab-notice", padding=False)
    gr.Markdown(
        "Draft a contact policy and a consent form for electronic communication from the codes that bind "
        "your clinicians. Every clause cites the provisions behind it; choices a binding code forbids or "
        "conditions are shown before you download the documents.",
        elem_id="policy-intro",
    )
    with gr.Row(equal_height=False):
        clinic = gr.Textbox(
            label="Clinic name (as clients see it)",
            max_length=200,
            elem_id="policy-clinic",
            placeholder="our practice",
            scale=2,
            min_width=220,
        )
        places = gr.Dropdown(
            choices=place_choices(),
            value=[],
            multiselect=True,
            label="Jurisdictions",
            info="Pick the state or province too where rules are set there (e.g. Ontario).",
            elem_id="policy-jurisdictions",
            filterable=True,
            scale=3,
            min_width=260,
        )
    with gr.Row(equal_height=False):
        professions = gr.CheckboxGroup(
            choices=[(PROFESSION_LABELS.get(p, p), p) for p in PROFESSIONS],
            value=[],
            label="Professions of the clinicians",
            elem_id="policy-professions",
            scale=3,
        )
        memberships = gr.Dropdown(
            choices=membership_choices(corpus),
            value=[],
            multiselect=True,
            label="Memberships and registrations",
            info="None picked: every one listed for the places and professions is assumed.",
            elem_id="policy-memberships",
            filterable=True,
            scale=3,
            min_width=260,
        )
    with gr.Row(equal_height=False):
        channels = gr.CheckboxGroup(
            choices=[(CHANNEL_LABELS[c], c) for c in CHANNELS],
            value=["email", "phone"],
            label="Channels offered",
            elem_id="policy-channels",
            scale=3,
        )
        purpose = gr.CheckboxGroup(
            choices=[("Scheduling", "scheduling"), ("Clinical", "clinical")],
            value=["scheduling"],
            label="What contact is for",
            elem_id="policy-purpose",
            scale=2,
        )
        response_time = gr.Textbox(
            label="Response time",
            value="2d",
            max_length=200,
            elem_id="policy-response-time",
            info="e.g. 4h, 2d (working days), 1w, or words",
            scale=1,
            min_width=160,
        )
    with gr.Row(equal_height=False):
        after_hours = gr.Textbox(
            label="After-hours arrangement",
            lines=2,
            max_length=2000,
            elem_id="policy-after-hours",
            scale=1,
            placeholder="e.g. The office is closed evenings and weekends; messages wait.",
        )
        emergency = gr.Textbox(
            label="Emergency instruction (optional)", lines=2, max_length=2000, elem_id="policy-emergency", scale=1
        )
    with gr.Row(equal_height=False):
        social = gr.Radio(choices=SOCIAL_LABELS, value="none", label="Social media", elem_id="policy-social", scale=2)
        records = gr.Radio(
            choices=[("Kept in the clinical record", "yes"), ("Not kept", "no")],
            value="yes",
            label="Messages",
            elem_id="policy-records",
            scale=2,
        )
        secure = gr.Checkbox(
            label="Texts go through an encrypted service (not SMS)", value=False, elem_id="policy-secure", scale=1
        )
        consent = gr.Checkbox(
            label="Clients sign the consent form first", value=True, elem_id="policy-consent", scale=1
        )
    run = gr.Button("Draft the policy", variant="primary", elem_id="policy-draft")
    shown = gr.HTML("", elem_id="policy-result", padding=False)
    downloads = gr.HTML("", elem_id="policy-downloads", padding=False)
    with gr.Accordion("Check an existing policy", open=True, elem_id="policy-check"):
        holder = gr.HTML(
            inputs_holder_html(None, "Choose the jurisdictions and professions above first."),
            elem_id="policy-inputs-wrap",
            padding=False,
        )
        gr.HTML(CHECK_FORM, elem_id="policy-check-wrap", padding=False)
    fields: list[Any] = [  # FormComponent has no typed .change; every one of these has it
        clinic,
        places,
        professions,
        memberships,
        channels,
        purpose,
        response_time,
        after_hours,
        emergency,
        social,
        records,
        secure,
        consent,
    ]
    run.click(handler.run, fields, [shown, downloads, holder], api_visibility="private")
    gr.on(
        [f.change for f in fields], handler.holder, fields, holder, api_visibility="private", queue=False,
        trigger_mode="always_last",
    )  # fmt: skip
    return notice, handler
