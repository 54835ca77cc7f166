"""Comparison models: the JSON schema the API and renderers rely on."""

from __future__ import annotations

from assistant.compare import Comparison


def test_comparison_model_is_json_schema_ready() -> None:
    schema = Comparison.model_json_schema()
    assert "rows" in schema["properties"] and "summary" in schema["properties"]
