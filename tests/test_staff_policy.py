"""The staff Policy tab (issue 17): the tab's handler, its /staff/policy/ routes, and the tab in Chromium.

Fast tests build the real app (`create_app`) over a stub assistant (no model, no index: check-policy
then finds coverage by phrases only) and drive it with Starlette's TestClient; the corpus is the real
one. The browser test signs in on a live server over the real index, configures a US counselling
clinic with personal social-media connections, sees ACA A.5.e next to the social-media clause before
downloading, downloads the DOCX and reads it back with python-docx, then checks a DOCX policy with two
planted missing elements through the upload form.
"""

from __future__ import annotations

import html
import io
import json
import logging
import re
import secrets
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from assistant.config import Settings
from assistant.web.staff.auth import COOKIE_NAME, hash_password
from tests.helpers.browser import CHROMEDRIVER, SHOTS, chromium_options, csp_violations, require_browser, watch_csp
from tests.helpers.browser import wait_for as _wait
from tests.helpers.policy import corpus, edit_provision, inputs
from tests.helpers.staff import PASSWORD, SECRET
from tests.helpers.web import GRADIO_PANDAS_WARNINGS

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
US_COUNSELLING = {
    "clinic": "Riverside Counselling",
    "jurisdictions": ["US"],
    "professions": ["counselling"],
    "memberships": [],
    "channels": ["email", "texting"],
    "purpose": ["scheduling", "clinical"],
    "response_time": "2d",
    "after_hours": "",
    "emergency": "",
    "social_media": "personal",
    "records": "yes",
    "secure_messaging": False,
    "written_consent": True,
}
PLANTED_MISSING = {"records", "withdraw-consent"}
FRIEND_REQUESTS = "Connect with me on my personal Facebook and Instagram; I accept friend requests from clients."


def _args(values: dict) -> list:
    from assistant.web.staff.policy import FIELDS

    return [values[f] for f in FIELDS]


def _service():
    from assistant.web.staff.policy import PolicyService

    return PolicyService(Settings(llm=None), embeddings=None)


def _sample_policy() -> str:
    """A drafted US counselling policy without its records and withdraw-consent clauses, plus a sentence the
    conflict catalogue knows (friend requests on personal accounts, ACA A.5.e)."""
    from assistant.policy.draft import draft_policy

    draft = draft_policy(inputs(channels=["email", "texting"], purpose=["scheduling", "clinical"]), corpus())
    kept = [c.text for c in draft.clauses if c.element not in PLANTED_MISSING]
    return "\n\n".join([*kept, FRIEND_REQUESTS])


def _docx(text: str) -> bytes:
    from docx import Document

    document = Document()
    for paragraph in text.split("\n\n"):
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- the handler ----------------------------------------------------------------------------------


def test_draft_shows_conflict_next_to_its_clause_and_citations_by_code() -> None:
    from assistant.web.staff.policy import PolicyTabHandler

    handler = PolicyTabHandler(_service())
    shown, downloads, holder = handler.run(*_args(US_COUNSELLING), SimpleNamespace(username="alice"))
    assert 'id="policy-conflicts"' in shown and "ACA A.5.e" in shown
    # the conflict sits inside the social-media clause's block, with the provision
    clause = re.search(r'<div class="policy-clause [^"]*" data-clause="([^"]+)">(?:(?!</div>).)*A\.5\.e', shown, re.S)
    assert clause is not None and "social" in clause.group(1)
    assert "Required by ACA" in shown and "Recommended: good practice" in shown
    table = shown[shown.index('id="policy-by-code"') :]
    assert "<td>ACA</td>" in table and "<td>NBCC</td>" in table
    assert 'href="https://' in shown
    # the downloads come after the conflicts were shown, and say the documents still hold them
    assert "policy/download" in downloads and "still contain" in downloads and 'name="token"' in downloads
    assert "data-inputs=" in holder and "counselling" in holder


def test_without_personal_connections_there_is_no_social_media_conflict() -> None:
    from assistant.web.staff.policy import PolicyTabHandler

    values = {**US_COUNSELLING, "social_media": "none", "channels": ["email"], "purpose": ["scheduling"]}
    shown, downloads, _ = PolicyTabHandler(_service()).run(*_args(values), None)
    assert "A.5.e" not in shown.split('id="policy-doc-policy"')[0]
    assert 'id="policy-no-conflicts"' in shown and "still contain" not in downloads


def test_everything_typed_is_escaped() -> None:
    from assistant.web.staff.policy import PolicyTabHandler

    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>"'
    values = {**US_COUNSELLING, "clinic": hostile, "after_hours": hostile, "emergency": hostile}
    shown, downloads, holder = PolicyTabHandler(_service()).run(*_args(values), None)
    for out in (shown, downloads, holder):
        assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in shown
    value = re.search(r'name="inputs" value="([^"]*)"', downloads)
    assert value is not None and json.loads(html.unescape(value.group(1)))["clinic"] == hostile


def test_missing_inputs_are_a_clear_message() -> None:
    from assistant.web.staff.policy import PolicyTabHandler

    handler = PolicyTabHandler(_service())
    shown, downloads, holder = handler.run(*_args({**US_COUNSELLING, "jurisdictions": []}), None)
    assert "Choose at least one jurisdiction" in shown and downloads == "" and 'data-inputs=""' in holder
    shown, downloads, _ = handler.run(*_args({**US_COUNSELLING, "jurisdictions": ["Atlantis<b>"]}), None)
    assert "Unknown jurisdiction" in shown and "Atlantis&lt;b&gt;" in shown and "<b>" not in shown
    assert downloads == ""
    shown, _, _ = handler.run(*_args({**US_COUNSELLING, "professions": ["plumbing"]}), None)
    assert "professions: Input should be" in shown and "counselling" in shown


def test_tab_notice_lists_changed_provisions_of_the_users_policies(tmp_path) -> None:
    from assistant.policy.cited import cited_record
    from assistant.policy.draft import draft_policy
    from assistant.web.staff.policy import PolicyService

    draft = draft_policy(inputs(social_media="personal"), corpus())
    record = cited_record(draft, corpus())
    changed = record.provisions[0].model_copy(update={"digest": "0" * 64})
    stale = record.model_copy(update={"provisions": [changed, *record.provisions[1:]]})
    service = PolicyService(Settings(llm=None), records_for_user=lambda user: [("Riverside", stale)] if user else [])
    notice = service.tab_notice("alice")
    assert "Riverside" in notice and "cites 1 provision changed since" in notice
    assert changed.code in notice and service.tab_notice(None) == ""
    assert PolicyService(Settings(llm=None), records_for_user=lambda u: [("R", record)]).tab_notice("alice") == ""


# -- the routes -----------------------------------------------------------------------------------


def _stub_assistant():
    codes = {"APA": {"code": "APA", "body": "American Psychological Association", "jurisdiction": "US"}}
    kb = SimpleNamespace(codes=codes, manifest=None)
    return SimpleNamespace(kb=kb, knowledge_base=lambda: kb, embeddings=None, llm=None)


@pytest.fixture(scope="module")
def staff_app(tmp_path_factory):
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app

    users = tmp_path_factory.mktemp("policy-staff") / "users"
    users.write_text(f"alice:{hash_password(PASSWORD, rounds=4)}\n")
    settings = Settings(staff_users_file=users, session_secret=SECRET, staff_session_minutes=30, llm=None)
    app = create_app(settings, _stub_assistant(), stream_delay=0)
    client = TestClient(app, follow_redirects=False, client=("10.2.2.2", 50000))
    resp = client.post("/staff/login", data={"username": "alice", "password": PASSWORD})
    assert resp.status_code == 303
    return SimpleNamespace(app=app, client=client, anonymous=TestClient(app, follow_redirects=False))


def _download(client, fmt: str, values: dict | None = None, token: str = ""):
    from assistant.web.staff.policy import inputs_from_values, inputs_json

    body = {"format": fmt, "token": token, "inputs": inputs_json(inputs_from_values(values or US_COUNSELLING))}
    return client.post("/staff/policy/download", data=body)


def test_downloads_have_their_mime_types_and_names(staff_app) -> None:
    from docx import Document

    resp = _download(staff_app.client, "docx")
    assert resp.status_code == 200 and resp.headers["content-type"] == DOCX
    assert re.fullmatch(r'attachment; filename="contact-policy-\d{4}-\d\d-\d\d\.docx"',
                        resp.headers["content-disposition"])  # fmt: skip
    text = "\n".join(p.text for p in Document(io.BytesIO(resp.content)).paragraphs)
    assert "Riverside Counselling" in text and "A.5.e" in text and "not legal advice" in text
    md = _download(staff_app.client, "md")
    assert md.headers["content-type"] == "text/markdown; charset=utf-8"
    assert md.headers["content-disposition"].startswith("attachment;") and md.text.startswith("# Contact policy")
    page = _download(staff_app.client, "html")
    assert page.headers["content-type"] == "text/html; charset=utf-8"
    assert page.headers["content-disposition"].startswith("attachment;") and "@media print" in page.text
    assert "script-src" not in page.headers["content-security-policy"]
    printed = _download(staff_app.client, "print")
    assert printed.headers["content-disposition"].startswith("inline;") and "<h1>" in printed.text


def test_download_is_the_draft_that_was_shown(staff_app) -> None:
    service = staff_app.app.state.policy_service
    from assistant.web.staff.policy import inputs_from_values

    token, draft = service.draft(inputs_from_values(US_COUNSELLING), "alice")
    marked = draft.model_copy(update={"clauses": [draft.clauses[0].model_copy(update={"text": "Shown wording."}),
                                                  *draft.clauses[1:]]})  # fmt: skip
    service._drafts[token] = ("alice", time.monotonic(), marked)
    assert "Shown wording." in _download(staff_app.client, "md", token=token).text
    assert "Shown wording." not in _download(staff_app.client, "md", token="unknown").text  # drafted again


def test_policy_routes_need_a_session_and_this_sites_origin(staff_app) -> None:
    resp = staff_app.anonymous.post("/staff/policy/check", data={"text": "x"})
    assert resp.status_code == 401 and resp.json()["error"] == "not_authenticated"
    resp = staff_app.anonymous.post("/staff/policy/download", data={"format": "md"}, headers={"accept": "text/html"})
    assert resp.status_code == 303 and "/staff/login" in resp.headers["location"]
    forged = staff_app.client.post("/staff/policy/download", data={"format": "md"},
                                   headers={"origin": "https://evil.example"})  # fmt: skip
    assert forged.status_code == 403 and forged.json()["error"] == "cross_origin"
    foreign = staff_app.client.post("/staff/policy/check", data={"text": "x"}, headers={"sec-fetch-site": "cross-site"})
    assert foreign.status_code == 403


def _check(client, *, text: str | None = None, file: tuple[str, bytes, str] | None = None, values=None):
    from assistant.web.staff.policy import inputs_from_values, inputs_json

    data = {"inputs": inputs_json(inputs_from_values(values or {**US_COUNSELLING, "social_media": "none"}))}
    if text is not None:
        data["text"] = text
    files = {"file": file} if file else None
    return client.post("/staff/policy/check", data=data, files=files, headers={"x-policy-fragment": "1"})


def _missing(fragment: str) -> set[str]:
    section = fragment.split('class="policy-missing"', 1)[1].split("</section>", 1)[0] if "policy-missing" in fragment \
        else ""  # fmt: skip
    return set(re.findall(r'data-element="([^"]+)"', section))


def test_check_upload_finds_the_planted_missing_elements(staff_app) -> None:
    sample = _sample_policy()
    for upload in (
        {"text": sample},
        {"file": ("policy.docx", _docx(sample), DOCX)},
        {"file": ("policy.md", ("# Our policy\n\n" + sample).encode(), "text/markdown")},
    ):
        resp = _check(staff_app.client, **upload)
        assert resp.status_code == 200, resp.text
        assert _missing(resp.text) == PLANTED_MISSING, upload.keys()
        assert "Sentences matching known conflicts" in resp.text and "A.5.e" in resp.text
        assert "friend requests" in resp.text and 'href="https://' in resp.text
    full = _check(staff_app.client, text=sample.replace(FRIEND_REQUESTS, "") + "\n\nWe keep your messages in "
                  "your clinical record. You can withdraw your consent to email or texting at any time.")  # fmt: skip
    assert 'id="policy-none-missing"' in full.text and "friend requests" not in full.text


def test_check_refuses_oversize_and_unreadable_uploads_clearly(staff_app) -> None:
    from assistant.policy.check import MAX_UPLOAD_BYTES

    big = _check(staff_app.client, file=("policy.txt", b"a " * (MAX_UPLOAD_BYTES // 2 + 10), "text/plain"))
    assert big.status_code == 413
    assert "1048576 bytes" in big.json()["message"]  # the middleware's limit: nothing was read
    pasted = _check(staff_app.client, text="word " * (MAX_UPLOAD_BYTES // 5 - 100))  # under the body limit
    assert pasted.status_code == 200
    bomb = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", "<w:document/>" + " " * (9 << 20))
    packed = bomb.getvalue()
    assert len(packed) < MAX_UPLOAD_BYTES
    resp = _check(staff_app.client, file=("policy.docx", packed, DOCX))
    assert resp.status_code == 413 and "unpacks to more than 8 MiB" in resp.text
    binary = _check(staff_app.client, file=("policy.txt", b"\x00\x01binary", "text/plain"))
    assert binary.status_code == 422 and "binary" in binary.text
    empty = _check(staff_app.client, text="   ")
    assert empty.status_code == 400 and "Paste a policy or choose a file" in empty.text
    no_inputs = staff_app.client.post("/staff/policy/check", data={"text": "We reply within two days."})
    assert no_inputs.status_code == 422 and "Choose the jurisdictions" in no_inputs.text
    assert no_inputs.headers["content-type"].startswith("text/html") and "<main>" in no_inputs.text


def test_a_policy_downloaded_here_says_which_cited_provisions_changed(staff_app, tmp_path) -> None:
    """Markdown and DOCX downloads carry the record of their cited provisions; checked later, after the
    corpus changed one of them, the check says which."""
    import shutil

    from assistant.config import ROOT
    from assistant.web.staff.policy import PolicyService, inputs_from_values

    copy = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", copy)
    service = PolicyService(Settings(corpus_dir=copy, llm=None))
    draft = service.draft(inputs_from_values(US_COUNSELLING), "alice")[1]
    files = {fmt: service.document(draft, fmt) for fmt in ("md", "docx")}
    values = inputs_from_values(US_COUNSELLING)
    for doc in files.values():
        _, record = service.check(doc.body, doc.filename, values)
        assert record is not None and record.provisions
    edit_provision(copy / "codes" / "aca.yaml", "A.5.e")
    service._corpus_checked = 0.0  # the next look sees the change
    for doc in files.values():
        result, record = service.check(doc.body, doc.filename, values)
        from assistant.policy.cited import changed_provisions
        from assistant.web.staff.policy import check_html

        assert record is not None
        changes = changed_provisions(record, service.corpus())
        assert [(c.code, c.section, c.status) for c in changes] == [("ACA", "A.5.e", "changed")]
        assert "cites 1 provision changed since" in check_html(result, changes, record)


# -- no user text in any log ----------------------------------------------------------------------


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is still searched as it is
            line = f"{record.msg} {record.args}"
        if record.exc_info:
            line += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name}: {line}")


def test_a_marker_in_the_policy_tab_and_its_routes_reaches_no_log(staff_app, capfd) -> None:
    from assistant.web.staff.policy import PolicyTabHandler

    marker = f"okapi{secrets.token_hex(4)}"
    records = _Records()
    root = logging.getLogger()
    level = root.level
    root.addHandler(records)
    root.setLevel(logging.DEBUG)
    try:
        values = {**US_COUNSELLING, "clinic": marker, "after_hours": f"We answer {marker} always, 24/7.",
                  "emergency": marker, "response_time": marker}  # fmt: skip
        handler = PolicyTabHandler(staff_app.app.state.policy_service)
        shown, downloads, _ = handler.run(*_args(values), SimpleNamespace(username="alice"))
        assert marker in shown  # it was used, and shown escaped on the page only
        handler.run(*_args({**values, "jurisdictions": [marker]}), None)  # an invalid place
        handler.holder(*_args({**values, "professions": [marker]}))
        for fmt in ("md", "docx", "html"):
            assert _download(staff_app.client, fmt, values).status_code == 200
        broken = staff_app.client.post("/staff/policy/download", data={"format": "md", "inputs": marker})
        assert broken.status_code == 422
        policy = f"We reply to {marker} within a day. I accept friend requests from clients {marker} on Facebook."
        assert _check(staff_app.client, text=policy).status_code == 200
        assert _check(staff_app.client, file=("p.docx", _docx(policy), DOCX)).status_code == 200
        assert _check(staff_app.client, file=("p.txt", marker.encode() + b"\x00", "text/plain")).status_code == 422
        staff_app.client.post("/staff/policy/check", data={"text": policy, "inputs": "{" + marker})
    finally:
        root.removeHandler(records)
        root.setLevel(level)
    out, err = capfd.readouterr()
    assert records.lines, "the handler saw no log record at all: the test would prove nothing"
    leaked = [line for line in records.lines if marker in line]
    assert not leaked and marker not in out and marker not in err


# -- Chromium -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def live_policy(real_settings, assistant, tmp_path_factory):
    from assistant.web.server import BackgroundServer, create_app
    from tests.helpers.clinics import clinic_toml

    folder = tmp_path_factory.mktemp("live-policy")
    users = folder / "users"
    users.write_text(f"alice:{hash_password(PASSWORD, rounds=4)}:riverside\n")
    clinics = folder / "clinics"
    clinics.mkdir()
    (clinics / "riverside.toml").write_text(clinic_toml(name="Riverside Counselling", jurisdiction="US"))
    settings = real_settings.model_copy(update={"staff_users_file": users, "session_secret": SECRET,
                                                "staff_session_minutes": 30, "clinics_dir": clinics})  # fmt: skip
    app = create_app(settings, assistant, stream_delay=0)
    server = BackgroundServer(app).start()
    server.clinics, server.users = clinics, users
    yield server
    server.stop()
    app.state.clinics.stop()


@pytest.fixture(scope="module")
def policy_browser(tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    require_browser()
    downloads = tmp_path_factory.mktemp("policy-downloads")
    options = chromium_options(tmp_path_factory.mktemp("policy-profile"))
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})  # fmt: skip
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.set_window_size(1366, 1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.downloads = downloads
    yield driver
    driver.quit()


def _pick(driver, elem_id: str, label: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    field = driver.find_element(By.CSS_SELECTOR, f"#{elem_id} input")
    field.click()
    field.send_keys(label)
    option = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, f"li[role='option'][aria-label='{label}']"))[0]
    option.click()
    field.send_keys(Keys.ESCAPE)


def _tick(driver, elem_id: str, label: str, on: bool = True) -> None:
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.XPATH, f"//*[@id='{elem_id}']//label[normalize-space(.)='{label}']//input")
    if box.is_selected() != on:
        driver.execute_script("arguments[0].click()", box)
    _wait(driver, lambda d: box.is_selected() == on)


@pytest.mark.slow
@pytest.mark.server
@pytest.mark.browser
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
def test_browser_policy_tab_conflict_docx_and_check(policy_browser, live_policy, tmp_path, capfd) -> None:
    """Also carries a marker through the real HTTP paths (the Gradio queue, the download and check routes)
    and looks for it in every log record of the server's process and in its stdout and stderr."""
    records = _Records()
    root = logging.getLogger()
    level = root.level
    root.addHandler(records)
    root.setLevel(logging.DEBUG)
    marker = f"quagga{secrets.token_hex(4)}"
    try:
        _browser_flow(policy_browser, live_policy, tmp_path, marker)
    finally:
        root.removeHandler(records)
        root.setLevel(level)
    out, err = capfd.readouterr()
    lines = [line for line in records.lines if not line.startswith(("selenium", "urllib3"))]  # the test's driver
    assert lines and not [line for line in lines if marker in line]
    assert marker not in out and marker not in err


def _browser_flow(driver, live_policy, tmp_path: Path, marker: str) -> None:
    from docx import Document
    from selenium.webdriver.common.by import By

    watch_csp(driver)
    driver.get(f"{live_policy.url}/staff/")
    _wait(driver, lambda d: d.find_elements(By.ID, "username"))
    driver.find_element(By.ID, "username").send_keys("alice")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.ID, "sign-in").click()
    _wait(driver, lambda d: "Signed in as alice" in d.find_element(By.TAG_NAME, "body").text)
    time.sleep(0.5)  # let the Gradio client finish wiring events
    driver.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Policy')]").click()
    _wait(driver, lambda d: d.find_element(By.ID, "policy-draft").is_displayed())

    clinic = driver.find_element(By.CSS_SELECTOR, "#policy-clinic textarea, #policy-clinic input")
    clinic.send_keys("Riverside Counselling")
    after_hours = driver.find_element(By.CSS_SELECTOR, "#policy-after-hours textarea")
    after_hours.send_keys(f"The office is closed at night and at weekends ({marker}); messages wait until morning.")
    _pick(driver, "policy-jurisdictions", "United States (US)")
    _tick(driver, "policy-professions", "Counselling")
    _tick(driver, "policy-channels", "Texting")
    _tick(driver, "policy-purpose", "Clinical")
    _tick(driver, "policy-social", "Personal connections with clients")
    driver.find_element(By.ID, "policy-draft").click()

    conflicts = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#policy-result #policy-conflicts"))[0]
    assert "ACA A.5.e" in conflicts.text
    beside = driver.find_elements(By.XPATH, "//div[contains(@class,'policy-clause')][.//p[contains(@class,"
                                  "'policy-clause-conflict') and contains(., 'A.5.e')]]")  # fmt: skip
    assert beside and "social" in beside[0].get_attribute("data-clause")
    result = driver.find_element(By.ID, "policy-result")
    assert "Required by" in result.text and "Recommended" in result.text
    assert not result.find_elements(By.CSS_SELECTOR, "script, img")
    # the conflict is shown above the download buttons: before the documents are produced
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", conflicts)
    button = _wait(driver, lambda d: d.find_elements(By.ID, "policy-download-docx"))[0]
    assert top < driver.execute_script("return arguments[0].getBoundingClientRect().top", button)
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", conflicts)
    driver.save_screenshot(str(SHOTS / "staff-policy-conflict.png"))

    button.click()
    folder: Path = driver.downloads
    files = _wait(driver, lambda d: [p for p in folder.glob("*.docx") if p.stat().st_size > 0], timeout=30)
    time.sleep(0.5)
    document = Document(str(files[0]))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Riverside Counselling" in text and "ACA A.5.e" in text and "Conflicts to resolve before use" in text
    assert "not legal advice" in text and "/staff/" in driver.current_url and marker in text

    # use it as the clinic's policy: the one clinic alice manages, after confirming
    _adopt_in_browser(driver, live_policy, marker)

    # check an existing policy: a DOCX with two planted missing elements, through the upload form
    upload = tmp_path / "our-policy.docx"
    upload.write_bytes(_docx(_sample_policy() + f"\n\nAsk us about {marker} at any appointment."))
    _tick(driver, "policy-social", "No social media with clients")
    _tick(driver, "policy-channels", "Texting", on=True)
    field = driver.find_element(By.ID, "policy-check-file")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.send_keys(str(upload))
    holder = (By.ID, "policy-inputs")
    _wait(driver, lambda d: '"none"' in (d.find_element(*holder).get_attribute("data-inputs") or ""))
    driver.find_element(By.ID, "policy-check-run").click()
    missing = _wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#policy-check-result .policy-missing"),
                    timeout=90)[0]  # fmt: skip
    found = {li.get_attribute("data-element") for li in missing.find_elements(By.CSS_SELECTOR, "li")}
    assert found == PLANTED_MISSING
    assert "A.5.e" in driver.find_element(By.ID, "policy-check-result").text
    driver.save_screenshot(str(SHOTS / "staff-policy-check.png"))

    # an oversize file is refused before it is sent, with a clear message
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (1024 * 1024 + 10))
    field = driver.find_element(By.ID, "policy-check-file")
    field.send_keys(str(big))
    driver.find_element(By.ID, "policy-check-run").click()
    _wait(driver, lambda d: "at most 1 MiB" in d.find_element(By.ID, "policy-check-result").text)
    assert COOKIE_NAME in {c["name"] for c in driver.get_cookies()}
    assert csp_violations(driver) == []


def _adopt_in_browser(driver, live_policy, marker: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.select import Select

    form = _wait(driver, lambda d: d.find_elements(By.ID, "policy-adopt-form"))[0]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", form)
    choices = Select(driver.find_element(By.ID, "policy-adopt-clinic"))
    assert [o.get_attribute("value") for o in choices.options] == ["riverside"]
    assert "Replace Riverside Counselling's policy with this draft; clients will see it within seconds" in form.text
    driver.find_element(By.ID, "policy-adopt-run").click()  # not confirmed yet: refused, nothing written
    _wait(driver, lambda d: "Tick the box" in d.find_element(By.ID, "policy-adopt-result").text)
    assert not (live_policy.clinics / "riverside-contact-policy.yaml").exists()
    driver.execute_script("arguments[0].click()", driver.find_element(By.ID, "policy-adopt-confirm"))
    driver.find_element(By.ID, "policy-adopt-run").click()
    done = _wait(driver, lambda d: d.find_elements(By.ID, "policy-adopted"), timeout=30)[0]
    assert "Riverside Counselling's contact policy, version 1 of" in done.text
    driver.save_screenshot(str(SHOTS / "staff-policy-adopted.png"))
    assert marker in (live_policy.clinics / "riverside-contact-policy.yaml").read_text()  # the after-hours text
    assert 'policy = ["riverside-contact-policy.yaml"]' in (live_policy.clinics / "riverside.toml").read_text()
    audit = Path(f"{live_policy.users}.audit").read_text()
    assert "policy-adopted user=alice clinic=riverside version=1" in audit and marker not in audit
