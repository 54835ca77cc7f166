"""Staff users' ``clinics`` (the clinics they manage): the users file, the CLI, and the clinic counts only
those staff see (/staff/clinics, its CSV, the staff page's tab), with counts below 5 shown as "<5"."""

from __future__ import annotations

import io
from types import SimpleNamespace

import pytest

from assistant.config import Settings
from assistant.staff_users import StaffUser, parse_staff
from assistant.web.staff.auth import hash_password
from tests.helpers.staff import PASSWORD, SECRET
from tests.helpers.web import stub_assistant

HASH = hash_password(PASSWORD, rounds=4)


def test_users_file_lines_carry_clinics() -> None:
    text = f"alice:{HASH}:demo,harbour\nbob:{HASH}\ncarol:{HASH}:Bad_Id\n"
    users, problems = parse_staff(text, "users")
    assert users["alice"].clinics == ("demo", "harbour") and users["bob"].clinics == ()
    assert problems == ["users:3: the clinics of 'carol' must be clinic ids separated by commas"]
    assert StaffUser("alice", HASH, ("demo",)).line() == f"alice:{HASH}:demo"


def test_cli_sets_keeps_and_lists_clinics(tmp_path, monkeypatch, capsys) -> None:
    from assistant.cli import main

    users = tmp_path / "users"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["staff-users", "--file", str(users), "add", "alice", "--password-stdin", "--clinics", "demo,x"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("another long passphrase\n"))
    assert main(["staff-users", "--file", str(users), "passwd", "alice", "--password-stdin"]) == 0
    assert parse_staff(users.read_text())[0]["alice"].clinics == ("demo", "x")  # a new password keeps them
    assert main(["staff-users", "--file", str(users), "clinics", "alice", "--clinics", "harbour"]) == 0
    assert parse_staff(users.read_text())[0]["alice"].clinics == ("harbour",)
    capsys.readouterr()
    assert main(["staff-users", "--file", str(users), "list"]) == 0
    assert capsys.readouterr().out == "alice\tclinics: harbour\n"
    assert main(["staff-users", "--file", str(users), "clinics", "alice", "--clinics", "Not Valid"]) == 1
    assert main(["staff-users", "--file", str(users), "clinics", "nobody", "--clinics", "demo"]) == 1
    assert main(["staff-users", "--file", str(users), "clinics", "alice", "--clinics", ""]) == 0
    assert parse_staff(users.read_text())[0]["alice"].clinics == ()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app

    folder = tmp_path_factory.mktemp("staff-clinics")
    users = folder / "users"
    users.write_text(f"alice:{HASH}:demo\nbob:{HASH}:other\n")
    settings = Settings(staff_users_file=users, session_secret=SECRET, clinics_dir=folder / "none")
    web = create_app(settings, stub_assistant(), stream_delay=0)
    limits = web.state.clinic_limits
    for _ in range(7):
        limits.count("demo", "texting", None)
    limits.count("demo", "gifts", "imminent")
    limits.count("other", "social-media", None)

    def client(user: str | None):
        c = TestClient(web, follow_redirects=False, client=(f"10.7.0.{len(user or '')}", 5000))
        if user:
            assert c.post("/staff/login", data={"username": user, "password": PASSWORD}).status_code == 303
        return c

    web.state.clinics.stop()
    return SimpleNamespace(client=client)


def test_only_the_clinics_staff_see_its_counts(app) -> None:
    alice, bob = app.client("alice"), app.client("bob")
    page = alice.get("/staff/clinics").text
    assert "texting" in page and "<td>7</td>" in page and "&lt;5" in page and "social-media" not in page
    assert 'class="cc-bar"' in page and "Download as CSV" in page
    csv = alice.get("/staff/clinics/demo/counts.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    rows = [line.split(",") for line in csv.text.splitlines()]
    assert rows[0] == ["week", "kind", "name", "count"]
    assert [r[3] for r in rows if r[1:3] == ["topic", "texting"]][-1] == "7"
    assert [r[3] for r in rows if r[1:3] == ["crisis_tier", "imminent"]][-1] == "<5"
    assert all(r[3] == "<5" or int(r[3]) >= 5 for r in rows[1:])
    assert alice.get("/staff/clinics/other/counts.csv").status_code == 404
    assert bob.get("/staff/clinics/demo/counts.csv").status_code == 404
    assert "texting" not in bob.get("/staff/clinics").text
    assert "social-media" in bob.get("/staff/clinics").text


def test_counts_need_a_session(app) -> None:
    anonymous = app.client(None)
    assert anonymous.get("/staff/clinics/demo/counts.csv").status_code == 401
    page = anonymous.get("/staff/clinics", headers={"accept": "text/html"})
    assert page.status_code == 303 and page.headers["location"].startswith("/staff/login")
