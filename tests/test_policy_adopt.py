"""'Use as this clinic's policy' (issue 17): the staff Policy tab's adopt form, ``POST /staff/policy/adopt``,
the files it writes beside the clinic's TOML, the audit line, and the change notices of adopted policies.

Fast tests build the real app (`create_app`) over a stub assistant (no model: the clinic registry then
serves no clinic, which the adoption does not need) in a temporary clinics folder, and drive it with
Starlette's TestClient. The slow test adopts on a live server over the real model and index and asks
``/api/ask`` with the clinic: the registry reloads it and the answer cites the adopted policy, version
and date in its title.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
import secrets
import shutil
import time
import tomllib
from pathlib import Path
from types import SimpleNamespace

import httpx
import pytest
import yaml

from assistant.config import ROOT, Settings
from assistant.web.staff.auth import hash_password
from tests.helpers.clinics import HARBOUR, clinic_toml
from tests.helpers.policy import edit_provision
from tests.helpers.staff import PASSWORD, SECRET

US_COUNSELLING = {
    "clinic": "Typed Name",
    "jurisdictions": ["US"],
    "professions": ["counselling"],
    "memberships": [],
    "channels": ["email", "texting"],
    "purpose": ["scheduling"],
    "response_time": "2d",
    "after_hours": "",
    "emergency": "",
    "social_media": "personal",
    "records": "yes",
    "secure_messaging": True,
    "written_consent": True,
}
COMMENT = "# Riverside's file: kept by the adoption (a comment)"


def _args(values: dict) -> list:
    from assistant.web.staff.policy import FIELDS

    return [values[f] for f in FIELDS]


def _clinics(folder: Path) -> Path:
    """A clinics folder: riverside (with a hand-written policy and comments) and oak; no 'ghost'."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(HARBOUR, folder / "riverside-own.yaml")
    text = clinic_toml(name="Riverside Counselling", jurisdiction="US", policy=["riverside-own.yaml"],
                       origins=["https://riverside.example"])  # fmt: skip
    (folder / "riverside.toml").write_text(f"{COMMENT}\n{text}", encoding="utf-8")
    (folder / "oak.toml").write_text(clinic_toml(name="Oak Clinic", jurisdiction="GB"), encoding="utf-8")
    return folder


def _users(path: Path) -> Path:
    hashed = hash_password(PASSWORD, rounds=4)
    path.write_text(f"alice:{hashed}:riverside\nbob:{hashed}:oak\ncarol:{hashed}:ghost\ndave:{hashed}\n")
    return path


def _stub_assistant():
    codes = {"APA": {"code": "APA", "body": "American Psychological Association", "jurisdiction": "US"}}
    kb = SimpleNamespace(codes=codes, manifest=None)
    return SimpleNamespace(kb=kb, knowledge_base=lambda: kb, embeddings=None, llm=None)


def _client(app, user: str):
    from fastapi.testclient import TestClient

    client = TestClient(app, follow_redirects=False, client=("10.3.3.3", 50000))
    resp = client.post("/staff/login", data={"username": user, "password": PASSWORD})
    assert resp.status_code == 303
    return client


@pytest.fixture()
def site(tmp_path):
    from assistant.web.server import create_app

    clinics = _clinics(tmp_path / "clinics")
    users = _users(tmp_path / "users")
    settings = Settings(staff_users_file=users, session_secret=SECRET, staff_session_minutes=30, llm=None,
                        clinics_dir=clinics)  # fmt: skip
    app = create_app(settings, _stub_assistant(), stream_delay=0)
    yield SimpleNamespace(app=app, clinics=clinics, users=users, service=app.state.policy_service,
                          client=lambda user: _client(app, user))  # fmt: skip
    app.state.clinics.stop()


def _shown(site, user: str, values: dict | None = None) -> tuple[str, str]:
    """(the token of a draft shown to ``user`` in the tab, the tab's downloads and adopt HTML)."""
    from assistant.web.staff.policy import PolicyTabHandler

    _, downloads, _ = PolicyTabHandler(site.service).run(*_args(values or US_COUNSELLING),
                                                         SimpleNamespace(username=user))  # fmt: skip
    token = re.search(r'name="token" value="([^"]+)"', downloads)
    assert token
    return html.unescape(token.group(1)), downloads


def _adopt(client, token: str, clinic: str = "riverside", confirm: bool = True, fragment: bool = False):
    data = {"token": token, "clinic": clinic, **({"confirm": "yes"} if confirm else {})}
    return client.post("/staff/policy/adopt", data=data, headers={"x-policy-fragment": "1"} if fragment else {})


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


# -- the form -------------------------------------------------------------------------------------


def test_the_adopt_form_lists_only_the_users_clinics(site) -> None:
    _, alice = _shown(site, "alice")
    assert 'id="policy-adopt-form"' in alice and 'value="riverside"' in alice and "Riverside Counselling" in alice
    assert 'value="oak"' not in alice and "Oak Clinic" not in alice
    assert "Replace <span id=\"policy-adopt-name\">Riverside Counselling</span>'s policy with this draft; " \
           "clients will see it within seconds" in html.unescape(alice)  # fmt: skip
    _, dave = _shown(site, "dave")
    assert 'id="policy-adopt-form"' not in dave and "python -m assistant staff-users clinics NAME --clinics ID" in dave


# -- the route ------------------------------------------------------------------------------------


def test_adopt_writes_the_policy_its_record_and_the_toml_and_an_audit_line(site) -> None:
    from assistant.clinics.config import load_clinic
    from assistant.corpus.loader import load_file
    from assistant.corpus.schema import Policy
    from assistant.policy.cited import read_record_json

    token, _ = _shown(site, "alice")
    resp = _adopt(site.client("alice"), token)
    today = dt.datetime.now(dt.UTC).date().isoformat()
    assert resp.status_code == 200, resp.text
    assert f"Riverside Counselling's contact policy, version 1 of {today}" in html.unescape(resp.text)
    policy_path = site.clinics / "riverside-contact-policy.yaml"
    policy = load_file(policy_path, Policy)
    assert isinstance(policy, Policy) and policy.title == f"Contact policy, version 1 of {today}"
    assert policy.clinic == "Riverside Counselling" and not policy.sample and policy.jurisdiction == "US"
    record = read_record_json((site.clinics / "riverside-contact-policy.yaml.cited.json").read_text())
    assert record is not None and record.version == "1" and ("ACA", "A.5.e") in [
        (p.code, p.section) for p in record.provisions
    ]
    toml = (site.clinics / "riverside.toml").read_text()
    assert toml.startswith(COMMENT + "\n")  # the comment and the other keys stay
    data = tomllib.loads(toml)
    assert data["policy"] == ["riverside-contact-policy.yaml"] and data["allowed_origins"] == ["https://riverside.example"]
    assert data["after_hours"]["phone"] == "+44 20 7946 0123" and data["name"] == "Riverside Counselling"
    clinic = load_clinic(site.clinics / "riverside.toml")  # what the registry will load
    assert [p.title for p in clinic.policies] == [policy.title]
    assert (site.clinics / "riverside-own.yaml").is_file()  # the previous policy file is left alone
    assert not [p for p in site.clinics.iterdir() if p.name.endswith(".tmp")]

    audit = Path(f"{site.users}.audit").read_text().splitlines()
    assert len(audit) == 1
    assert re.fullmatch(rf"{today}T\d\d:\d\d:\d\d\+00:00 policy-adopted user=alice clinic=riverside version=1 "
                        r"file=riverside-contact-policy\.yaml", audit[0]), audit  # fmt: skip

    token, _ = _shown(site, "alice", {**US_COUNSELLING, "social_media": "none"})
    assert _adopt(site.client("alice"), token, fragment=True).status_code == 200
    second = load_file(policy_path, Policy)
    assert isinstance(second, Policy) and second.title == f"Contact policy, version 2 of {today}"
    lines = Path(f"{site.users}.audit").read_text().splitlines()
    assert len(lines) == 2 and lines[1].endswith("version=2 file=riverside-contact-policy.yaml")


def test_a_clinic_the_user_does_not_manage_is_refused_and_nothing_changes(site) -> None:
    before = _snapshot(site.clinics)
    token, _ = _shown(site, "alice")
    alice = site.client("alice")
    for clinic in ("oak", "ghost", "../riverside", ""):
        resp = _adopt(alice, token, clinic)
        assert resp.status_code == 403 and "staff-users clinics" in resp.text, clinic
    bob_token, _ = _shown(site, "bob")
    assert _adopt(site.client("bob"), bob_token, "riverside").status_code == 403
    assert _adopt(site.client("bob"), token, "riverside").status_code == 403  # alice's draft, too
    assert _snapshot(site.clinics) == before and not Path(f"{site.users}.audit").exists()


def test_confirmation_unknown_clinic_and_unknown_draft(site) -> None:
    before = _snapshot(site.clinics)
    token, _ = _shown(site, "alice")
    alice = site.client("alice")
    resp = _adopt(alice, token, confirm=False, fragment=True)
    assert resp.status_code == 400 and "Tick the box" in resp.text and "<main>" not in resp.text
    carol_token, _ = _shown(site, "carol")
    assert _adopt(site.client("carol"), carol_token, "ghost").status_code == 404  # managed, but no such file
    assert _adopt(alice, "not-a-token").status_code == 409
    bob_token, _ = _shown(site, "bob")
    assert _adopt(alice, bob_token).status_code == 409  # another user's draft is not alice's
    assert _snapshot(site.clinics) == before and not Path(f"{site.users}.audit").exists()
    assert site.service.kept(token, "alice") is not None  # still there for a second try


def test_a_clinic_file_that_would_not_validate_is_left_alone(site) -> None:
    broken = (site.clinics / "riverside.toml").read_text().replace('accent_colour = "#1d4f91"', 'accent_colour = "red"')
    (site.clinics / "riverside.toml").write_text(broken)
    before = _snapshot(site.clinics)
    token, _ = _shown(site, "alice")
    resp = _adopt(site.client("alice"), token)
    assert resp.status_code == 409 and "nothing was changed" in resp.text
    assert _snapshot(site.clinics) == before and not Path(f"{site.users}.audit").exists()


def test_adopt_needs_a_session_and_this_sites_origin(site) -> None:
    from fastapi.testclient import TestClient

    anonymous = TestClient(site.app, follow_redirects=False)
    resp = anonymous.post("/staff/policy/adopt", data={"token": "x", "clinic": "riverside", "confirm": "yes"})
    assert resp.status_code == 401
    token, _ = _shown(site, "alice")
    forged = site.client("alice").post("/staff/policy/adopt", data={"token": token, "clinic": "riverside",
                                       "confirm": "yes"}, headers={"origin": "https://evil.example"})  # fmt: skip
    assert forged.status_code == 403 and forged.json()["error"] == "cross_origin"
    assert not (site.clinics / "riverside-contact-policy.yaml").exists()


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name}: {record.getMessage()}")


def test_the_audit_line_and_the_logs_carry_no_policy_text(site, capfd) -> None:
    marker = f"wombat{secrets.token_hex(4)}"
    records = _Records()
    root = logging.getLogger()
    level = root.level
    root.addHandler(records)
    root.setLevel(logging.DEBUG)
    try:
        values = {**US_COUNSELLING, "clinic": marker, "after_hours": f"Closed at night ({marker}).",
                  "emergency": f"Call {marker}.", "response_time": f"within a day {marker}"}  # fmt: skip
        token, _ = _shown(site, "alice", values)
        assert _adopt(site.client("alice"), token).status_code == 200
    finally:
        root.removeHandler(records)
        root.setLevel(level)
    out, err = capfd.readouterr()
    assert marker in (site.clinics / "riverside-contact-policy.yaml").read_text()  # it was adopted
    audit = Path(f"{site.users}.audit").read_text()
    assert [line for line in records.lines if "policy-adopted user=alice clinic=riverside" in line]
    assert marker not in audit and "Closed at night" not in audit
    assert not [line for line in records.lines if marker in line] and marker not in out and marker not in err


# -- change notices -------------------------------------------------------------------------------


def test_an_adopted_policy_whose_cited_provision_changed_shows_on_the_tab(tmp_path) -> None:
    from assistant.clinics.adopt import adopted_records
    from assistant.web.staff.auth import UserStore
    from assistant.web.staff.policy import PolicyService, inputs_from_values

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    clinics = _clinics(tmp_path / "clinics")
    users = UserStore(_users(tmp_path / "users"))
    settings = Settings(corpus_dir=corpus, clinics_dir=clinics, staff_users_file=tmp_path / "users", llm=None)
    service = PolicyService(
        settings,
        records_for_user=lambda user: adopted_records(clinics, users.clinics(user)),
        clinics_for_user=users.clinics,
    )
    token, _ = service.draft(inputs_from_values(US_COUNSELLING), "alice")
    service.adopt(token, "alice", "riverside")
    assert service.tab_notice("alice") == ""  # nothing changed yet
    edit_provision(corpus / "codes" / "aca.yaml", "A.5.e")
    service._corpus_checked = 0.0  # the next look sees the change
    notice = service.tab_notice("alice")
    assert "Riverside Counselling (version 1, drafted" in notice and "cites 1 provision changed since" in notice
    assert "ACA A.5.e" in notice
    assert service.tab_notice("bob") == ""  # oak has no adopted policy; riverside is not bob's


def test_mount_wires_the_change_notices_of_the_users_clinics(site) -> None:
    token, _ = _shown(site, "alice")
    assert _adopt(site.client("alice"), token).status_code == 200
    records = site.service.records_for_user("alice")
    assert [(name, r.version) for name, r in records] == [("Riverside Counselling", "1")]
    assert site.service.records_for_user("bob") == [] and site.service.records_for_user("dave") == []
    stale = records[0][1].model_copy(update={"provisions": [records[0][1].provisions[0].model_copy(
        update={"digest": "0" * 64})]})  # fmt: skip
    (site.clinics / "riverside-contact-policy.yaml.cited.json").write_text(stale.model_dump_json())
    assert "cites 1 provision changed since" in site.service.tab_notice("alice")


# -- live: the registry reloads and the widget's answers cite the adopted policy ------------------


@pytest.fixture()
def live_adopt(real_settings, assistant, tmp_path):
    from assistant.web.server import BackgroundServer, create_app

    clinics = _clinics(tmp_path / "clinics")
    users = _users(tmp_path / "users")
    settings = real_settings.model_copy(update={"staff_users_file": users, "session_secret": SECRET,
                                                "staff_session_minutes": 30, "clinics_dir": clinics,
                                                "rate_limit": "off"})  # fmt: skip
    app = create_app(settings, assistant, stream_delay=0)
    server = BackgroundServer(app).start()
    yield SimpleNamespace(url=server.url, app=app, clinics=clinics)
    server.stop()
    app.state.clinics.stop()


def _wait_title(app, clinic: str, words: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        loaded = app.state.clinics.get(clinic)
        if loaded is not None and any(words in p.title for p in loaded.clinic.policies):
            return
        time.sleep(0.2)
    raise AssertionError(f"{clinic} was not reloaded with {words!r}")


@pytest.mark.slow
@pytest.mark.server
def test_adopted_policy_is_reloaded_and_cited_by_the_clinics_answers(live_adopt) -> None:
    today = dt.datetime.now(dt.UTC).date().isoformat()
    question = {"question": "Can I text my therapist between sessions?", "clinic": "riverside"}
    before = httpx.post(f"{live_adopt.url}/api/ask", json=question, timeout=60).json()
    assert "version 1" not in str(before["citations"])
    with httpx.Client(base_url=live_adopt.url, timeout=60) as client:
        assert client.post("/staff/login", data={"username": "alice", "password": PASSWORD}).status_code == 303
        token, _ = _shown(SimpleNamespace(service=live_adopt.app.state.policy_service), "alice")
        resp = client.post("/staff/policy/adopt", data={"token": token, "clinic": "riverside", "confirm": "yes"})
        assert resp.status_code == 200, resp.text
    version = f"version 1 of {today}"
    _wait_title(live_adopt.app, "riverside", version)
    reply = httpx.post(f"{live_adopt.url}/api/ask", json=question, timeout=60).json()
    first = reply["citations"][0]
    assert first["kind"] == "policy" and first["title"] == f"Riverside Counselling: Contact policy, {version}", first
    assert first["edition"] == today
    page = html.unescape(httpx.get(f"{live_adopt.url}/embed/riverside").text)
    assert f"Answers cite this clinic's policy: Contact policy, {version}." in page
    adopted = yaml.safe_load((live_adopt.clinics / "riverside-contact-policy.yaml").read_text())
    excerpt = " ".join(first["excerpt"].split())[:80]
    assert excerpt and any(excerpt in " ".join(s["text"].split()) for s in adopted["sections"]), first


def test_a_toml_without_a_policy_key_gets_one_at_the_top_level(tmp_path) -> None:
    """The demo clinic's file without its policy line: the key is added before [after_hours], comments kept."""
    from assistant.clinics.adopt import adopt_into_clinic
    from assistant.clinics.config import load_clinic
    from assistant.policy.draft import draft_policy
    from tests.helpers.policy import corpus, inputs

    folder = tmp_path / "clinics"
    folder.mkdir()
    demo = (ROOT / "clinics" / "demo.toml").read_text(encoding="utf-8")
    demo = "\n".join(line for line in demo.splitlines() if not line.startswith("policy =")) + "\n"
    (folder / "harbour.toml").write_text(demo, encoding="utf-8")
    draft = draft_policy(inputs(jurisdictions=["GB"], professions=["psychology"]), corpus())
    adopted = adopt_into_clinic(draft, corpus(), folder, "harbour", "alice", dt.date(2026, 12, 1))
    text = (folder / "harbour.toml").read_text(encoding="utf-8")
    assert text.index('policy = ["harbour-contact-policy.yaml"]') < text.index("[after_hours]")
    assert [line for line in text.splitlines() if "#" in line] == [line for line in demo.splitlines() if "#" in line]
    clinic = load_clinic(folder / "harbour.toml")
    assert [p.title for p in clinic.policies] == ["Contact policy, version 1 of 2026-12-01"]
    assert adopted.version == 1 and clinic.policies[0].last_checked == dt.date(2026, 12, 1)
