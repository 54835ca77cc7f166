"""Shared bits of the web tests."""

from __future__ import annotations

import pytest

GRADIO_PANDAS_WARNINGS = [  # raised inside gradio.queueing by pandas 3; not ours to fix
    pytest.mark.filterwarnings("ignore:.*no_silent_downcasting"),
    pytest.mark.filterwarnings("ignore:The copy keyword is deprecated"),
]
