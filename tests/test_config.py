"""The one settings object: its README table is generated from the field descriptions."""

from __future__ import annotations

import re

from assistant.config import Settings, settings_table
from tests.conftest import ROOT


def test_readme_table_is_the_generated_one() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- settings-table:[^>]*-->\n(.*?)\n<!-- /settings-table -->", readme, re.S)
    assert block, "README.md lost its settings table markers"
    assert block.group(1) == settings_table(), "regenerate it with `python -m assistant.config`"


def test_every_setting_is_described_and_prefixed(monkeypatch) -> None:
    assert all(field.description for field in Settings.model_fields.values())
    monkeypatch.setenv("ASSISTANT_TOP_K", "3")
    assert Settings(_env_file=None).top_k == 3
