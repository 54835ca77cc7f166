"""No message text in any log (contracts, rule 4; issue 15, finding 8).

One marker goes through every channel — the JSON API, its stream, the Gradio ``/ask``
endpoint, the chat page in Chromium, the staff "Ask" tab in Chromium and the CLI — both as
well-formed messages and inside malformed ones (a broken chatbot value, a place not in the
picker, an unknown jurisdiction, a bad history), and then every log is searched for it: every
log record of the server's process at DEBUG level (whatever its logger) and everything written
to stdout and stderr. Logging the text anywhere (a ``log.debug`` in the chat handler or the
stream included) or a library printing it (Gradio's validation errors) fails this test.
"""

from __future__ import annotations

import json
import logging
import secrets
import time

import httpx
import pytest

from assistant.web.staff.auth import hash_password
from tests.helpers.browser import ask_in_chat, open_chat, start_browser, wait_for
from tests.helpers.staff import PASSWORD, SECRET
from tests.helpers.web import GRADIO_PANDAS_WARNINGS

HARNESS = ("selenium", "urllib3")  # the test's own browser driver logs what it types: not the server


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(HARNESS):
            return
        try:
            line = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken record is still searched as it is
            line = f"{record.msg} {record.args}"
        if record.exc_info:
            line += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(f"{record.name}: {line}")


@pytest.mark.slow
@pytest.mark.server
@pytest.mark.browser
@GRADIO_PANDAS_WARNINGS[0]
@GRADIO_PANDAS_WARNINGS[1]
def test_a_marker_through_every_channel_reaches_no_log(real_settings, assistant, tmp_path, capfd) -> None:
    from gradio_client import Client
    from selenium.webdriver.common.by import By

    from assistant.cli import main as cli_main
    from assistant.web.server import BackgroundServer, create_app

    marker = f"zebra{secrets.token_hex(4)}"
    question = f"can my therapist text me {marker}?"
    users = tmp_path / "users"
    users.write_text(f"alice:{hash_password(PASSWORD, rounds=4)}\n")
    settings = real_settings.model_copy(
        update={"staff_users_file": users, "session_secret": SECRET, "rate_limit": "off"}
    )
    records = _Records()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(records)
    root.setLevel(logging.DEBUG)
    server = BackgroundServer(create_app(settings, assistant, stream_delay=0)).start()
    driver = None
    try:
        url = server.url
        # the JSON API and its stream, well formed and malformed
        for path in ("/api/ask", "/api/ask/stream"):
            for body in (
                {"question": question, "jurisdiction": "GB"},
                {"question": question, "jurisdiction": marker},
                {"question": question, "history": [{"role": marker, "content": marker}]},
                {"question": {"text": marker}},
                {"question": "x" * 20000 + marker},
            ):
                assert httpx.post(url + path, json=body, timeout=60).status_code < 500
            raw = f'{{"question": "{marker}", "jurisdiction": '.encode()
            assert httpx.post(url + path, content=raw, headers={"content-type": "application/json"}).status_code == 400

        # the Gradio /ask endpoint, and raw queue joins with malformed values
        client = Client(url, verbose=False)
        assert client.predict(question, "GB", [], api_name="/ask")["answer"]
        with pytest.raises(Exception):  # noqa: B017 - gradio_client's error types vary by version
            client.predict(question, marker, [], api_name="/ask")
        config = httpx.get(f"{url}/config", timeout=10).json()
        chat_fn = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "chat")
        ask_fn = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")
        bad = [
            (chat_fn, [question, "not sure", [{"role": "user", "content": {"oops": marker}}], None, None]),
            (chat_fn, [question, marker, [], None, None]),
            (chat_fn, [question, "not sure", [[marker, marker]], None, None]),
            (chat_fn, [question, "not sure", marker, None, None]),
            (ask_fn, [question, "GB", [{"role": "user", "content": {"x": marker}}]]),
            (ask_fn, [question, "GB", marker]),
        ]
        for fn_index, data in bad:
            session = secrets.token_hex(6)
            body = {"data": data, "fn_index": fn_index, "session_hash": session}
            resp = httpx.post(f"{url}/gradio_api/queue/join", json=body, timeout=30)
            assert resp.status_code < 500
            if resp.status_code == 200:
                with httpx.stream("GET", f"{url}/gradio_api/queue/data", params={"session_hash": session},
                                  timeout=30) as stream:  # fmt: skip
                    for line in stream.iter_lines():
                        if '"process_completed"' in line:
                            break
        call = httpx.post(f"{url}/gradio_api/call/ask", json={"data": [question, marker, []]}, timeout=30)
        assert call.status_code == 200
        with httpx.stream("GET", f"{url}/gradio_api/call/ask/{call.json()['event_id']}", timeout=30) as stream:
            "".join(stream.iter_text())

        # the chat page and the staff Ask tab in Chromium
        driver = start_browser(tmp_path / "profile")
        open_chat(driver, url + "/")
        assert ask_in_chat(driver, question).text
        driver.get(f"{url}/staff/login")
        wait_for(driver, lambda d: d.find_elements(By.ID, "username"))
        driver.find_element(By.ID, "username").send_keys("alice")
        driver.find_element(By.ID, "password").send_keys(PASSWORD)
        driver.find_element(By.ID, "sign-in").click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#staff-compare"))
        time.sleep(0.5)
        driver.find_element(By.XPATH, "//button[@role='tab' and contains(., 'Ask')]").click()
        wait_for(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#message textarea"))
        time.sleep(0.3)
        assert ask_in_chat(driver, question).text

        served_out, served_err = capfd.readouterr()  # everything the server printed

        # the CLI: one question, and a batch with good and bad lines (its stdout is its answer, not a log)
        batch = tmp_path / "batch.jsonl"
        lines = [
            {"question": question},
            {"question": question, "jurisdiction": marker},
            {"question": {"x": marker}},
        ]
        batch.write_text("\n".join(json.dumps(x) for x in lines) + f"\n{{{marker}\n", encoding="utf-8")
        env_settings = {
            "ASSISTANT_INDEX_DIR": str(settings.index_dir),
            "ASSISTANT_CORPUS_DIR": str(settings.corpus_dir),
        }
        with pytest.MonkeyPatch.context() as mp:
            for name, value in env_settings.items():
                mp.setenv(name, value)
            assert cli_main(["ask", question, "--jurisdiction", "GB"]) == 0
            assert cli_main(["ask", "--batch", str(batch), "--json"]) == 1
    finally:
        if driver is not None:
            driver.quit()
        server.stop()
        root.removeHandler(records)
        root.setLevel(old_level)
    _, cli_err = capfd.readouterr()
    logged = "\n".join(records.lines)
    assert records.lines, "the handler saw the server's log records"
    assert marker not in logged, [line[:300] for line in records.lines if marker in line][:5]
    printed = "\n".join((served_out, served_err, cli_err))
    assert marker not in printed, [line[:300] for line in printed.splitlines() if marker in line][:5]
