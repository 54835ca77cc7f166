"""Safety rules 1 and 2 with the store really broken: the crisis block in every channel.

Three real breakages: the index folder missing at start, ``chroma.sqlite3`` overwritten with
random bytes under a running assistant, and the ``chroma run`` server stopped under a
running assistant. In each, a crisis message gets the full block (with the trained layer
still screening, as its reasons show) and a ``search_unavailable`` notice; an ordinary
message gets the clear ``index_unavailable`` error; liveness stays up, readiness says why.
The crisis messages cover the categories added by issue 12 (an eating disorder with fainting,
a child being hurt right now) as well as suicide.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.config import Settings
from assistant.index.store import IndexUnavailable
from assistant.reply import Ask
from tests.conftest import ROOT
from tests.helpers.chroma_server import chroma_server
from tests.helpers.web import GRADIO_PANDAS_WARNINGS

CRISIS = "I am going to kill myself tonight, I have the pills here"
EATING_DISORDER = "I haven't eaten in five days and I just fainted in the kitchen, my heart is pounding"
CHILD_AT_RISK = "I'm 14 and my dad is hitting my little brother right now, I'm hiding in my room"
# message -> the category its block must carry (every one of them is imminent)
CRISIS_MESSAGES = {CRISIS: "suicide", EATING_DISORDER: "eating-disorder", CHILD_AT_RISK: "child-at-risk"}
ORDINARY = "can my therapist text me?"

pytestmark = [pytest.mark.slow, *GRADIO_PANDAS_WARNINGS]


def _assistant(settings: Settings):
    from assistant.bootstrap import assistant_from_settings

    return assistant_from_settings(settings)


@pytest.fixture(scope="module", params=["index-missing", "sqlite-overwritten", "chroma-server-stopped"])
def broken(request, real_settings: Settings, tmp_path_factory) -> Iterator:
    """An Assistant whose store is broken in one of three real ways (the crisis cache is intact)."""
    folder = tmp_path_factory.mktemp(request.param)
    if request.param == "index-missing":
        yield _assistant(real_settings.model_copy(update={"index_dir": folder / "deleted"}))
        return
    copy = folder / "index"
    shutil.copytree(real_settings.index_dir, copy)
    if request.param == "sqlite-overwritten":
        assistant = _assistant(real_settings.model_copy(update={"index_dir": copy}))
        assert assistant.answer(Ask(question=ORDINARY)).citations  # it worked before the damage
        database = copy / "chroma.sqlite3"
        database.write_bytes(os.urandom(database.stat().st_size))
        yield assistant
        return
    with chroma_server(copy) as server:
        remote = real_settings.model_copy(
            update={"chroma_host": "127.0.0.1", "chroma_port": server.port, "index_dir": folder / "unused"}
        )
        assistant = _assistant(remote)
        assert assistant.answer(Ask(question=ORDINARY)).citations  # it worked before the stop
        server.stop()
        yield assistant


@pytest.mark.parametrize("message", list(CRISIS_MESSAGES))
def test_pipeline_gives_the_block_and_the_trained_layer_still_screens(broken, message: str) -> None:
    turn = broken.screen(Ask(question=message, jurisdiction="GB"))
    assert any(r.startswith("classifier:") for r in turn.assessment.reasons), turn.assessment.reasons
    reply = broken.answer(Ask(question=message, jurisdiction="GB"))
    assert reply.crisis is not None and reply.crisis.tier == "imminent"
    assert reply.crisis.category == CRISIS_MESSAGES[message]
    assert "999" in reply.crisis.message
    assert [n.code for n in reply.notices] == ["search_unavailable"]
    assert reply.citations == [] and reply.answer
    with pytest.raises(IndexUnavailable):
        broken.answer(Ask(question=ORDINARY))


def test_json_api_and_health(broken) -> None:
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app

    client = TestClient(create_app(broken.settings, broken, stream_delay=0))
    for message, category in CRISIS_MESSAGES.items():
        crisis = client.post("/api/ask", json={"question": message, "jurisdiction": "AU"})
        assert crisis.status_code == 200, crisis.text
        body = crisis.json()
        assert body["crisis"]["tier"] == "imminent" and "000" in body["crisis"]["message"]
        assert body["crisis"]["category"] == category
        assert [n["code"] for n in body["notices"]] == ["search_unavailable"]

        stream = client.post("/api/ask/stream", json={"question": message, "jurisdiction": "AU"})
        assert stream.status_code == 200
        events = [line.removeprefix("event: ") for line in stream.text.splitlines() if line.startswith("event: ")]
        assert events[0] == "crisis" and events[-1] == "reply" and "error" not in events
        last = json.loads(stream.text.strip().splitlines()[-1].removeprefix("data: "))
        assert last["crisis"]["tier"] == "imminent" and last["notices"][0]["code"] == "search_unavailable"
        assert last["crisis"]["category"] == category
    ordinary = client.post("/api/ask", json={"question": ORDINARY})
    assert ordinary.status_code == 503 and ordinary.json()["error"] == "index_unavailable"
    plain = client.post("/api/ask/stream", json={"question": ORDINARY})
    assert plain.status_code == 503 and plain.json()["error"] == "index_unavailable"

    live = client.get("/health/live")
    assert live.status_code == 200 and live.json()["crisis_layer"] == "full"
    for path in ("/health/ready", "/health"):
        ready = client.get(path)
        assert ready.status_code == 503 and "index" in ready.json()["reason"].lower()


def test_chat_shows_the_banner(broken) -> None:
    from assistant.web.chat import ChatHandler

    handler = ChatHandler(broken.settings, broken, stream_delay=0)
    for message, category in CRISIS_MESSAGES.items():
        *_, (_, chat, _, crisis, _) = handler.respond(message, "GB", [], [], None)
        assert crisis is not None and crisis["tier"] == "imminent" and crisis["category"] == category
        assert "cea-crisis" in chat[-1]["content"] and "Search is unavailable" in chat[-1]["content"]
    *_, (_, chat, _, crisis, _) = handler.respond(ORDINARY, "GB", [], [], None)
    assert crisis is None and "search is unavailable right now" in chat[-1]["content"]


def test_cli_prints_the_block_then_the_error(tmp_path: Path, real_settings: Settings) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "ASSISTANT_INDEX_DIR": str(tmp_path / "deleted"),
        "ASSISTANT_CACHE_DIR": str(real_settings.cache_dir),
    }
    for message in CRISIS_MESSAGES:
        crisis = subprocess.run(
            [sys.executable, "-m", "assistant", "ask", message, "-j", "NZ"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert crisis.returncode == 1, crisis.stderr
        assert "111" in crisis.stdout and "Search is unavailable" in crisis.stdout
        assert "python ingest.py" in crisis.stderr
    ordinary = subprocess.run(
        [sys.executable, "-m", "assistant", "ask", ORDINARY],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert ordinary.returncode == 2 and "python ingest.py" in ordinary.stderr and not ordinary.stdout


def test_answers_recover_when_the_chroma_server_returns(real_settings: Settings, tmp_path: Path) -> None:
    copy = tmp_path / "index"
    shutil.copytree(real_settings.index_dir, copy)
    with chroma_server(copy) as server:
        remote = real_settings.model_copy(update={"chroma_host": "127.0.0.1", "chroma_port": server.port})
        assistant = _assistant(remote)
        server.stop()
        with pytest.raises(IndexUnavailable):
            assistant.answer(Ask(question=ORDINARY))
        assert not assistant.readiness()[0]
        server.start()
        assert assistant.readiness()[0]
        assert assistant.answer(Ask(question=ORDINARY)).citations


@pytest.mark.browser
@pytest.mark.server
def test_chat_page_in_a_browser_shows_the_banner(broken, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    from assistant.web.server import BackgroundServer, create_app
    from tests.helpers.browser import ask_in_chat, open_chat, screenshot, start_browser

    driver = start_browser(tmp_path / "profile")
    try:
        with BackgroundServer(create_app(broken.settings, broken, stream_delay=0)) as server:
            open_chat(driver, server.url)
            for n, message in enumerate(CRISIS_MESSAGES):
                reply = ask_in_chat(driver, message)
                banner = reply.find_elements(By.CSS_SELECTOR, ".cea-crisis")
                assert banner and banner[0].is_displayed()
                assert reply.find_elements(By.CSS_SELECTOR, "a[href^='tel:']")
                assert "Search is unavailable" in reply.text
                screenshot(driver, f"store-outage-{broken.settings.index_dir.parent.name}-{n}")
    finally:
        driver.quit()


def test_screening_with_no_index_never_imports_torch(tmp_path: Path, real_settings: Settings) -> None:
    code = (
        "import sys\n"
        "from assistant.bootstrap import assistant_from_settings\n"
        "from assistant.config import Settings\n"
        "from assistant.reply import Ask\n"
        "a = assistant_from_settings(Settings())\n"
        f"r = a.answer(Ask(question={CRISIS!r}))\n"
        "assert r.crisis is not None and any(x.startswith('classifier:') for x in a.screen(Ask(question="
        f"{CRISIS!r})).assessment.reasons)\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)\n"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "ASSISTANT_INDEX_DIR": str(tmp_path / "deleted"),
        "ASSISTANT_CACHE_DIR": str(real_settings.cache_dir),
    }
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]
