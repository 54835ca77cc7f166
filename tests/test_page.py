"""The client page's layout (assistant.web.page): the place picker and the CSS it is served with."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.config import Settings
from assistant.web.page import chat_css, jurisdiction_choices


def test_picker_offers_countries_and_common_subdivisions() -> None:
    labels = [label for label, _ in jurisdiction_choices()]
    for name in ("Not sure", "United States", "Canada", "United Kingdom", "Ireland", "Australia", "New Zealand"):
        assert name in labels
    values = [v for _, v in jurisdiction_choices()]
    for code in ("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "CA-ON", "US-TX"):
        assert code in values
    from assistant.jurisdictions import normalize

    assert all(normalize(v) is None or normalize(v) == v for v in values)



def test_page_is_served_with_the_css_file() -> None:
    from fastapi.testclient import TestClient

    from assistant.web.server import create_app

    assert "#chat .cea-crisis" in chat_css() and "@media (max-width: 640px)" in chat_css()
    stub = SimpleNamespace(kb=None, embeddings=None, llm=None)
    client = TestClient(create_app(Settings(staff_users_file=None), stub, stream_delay=0))
    assert chat_css() in client.get("/config").json()["css"]
