"""Crisis safety layer: screening, jurisdiction-aware resources and the crisis block.

The pipeline calls :class:`CrisisDetector.assess` on every user message (with the recent
conversation), and when the tier is not ``none`` shows :func:`build_crisis_block` before
anything else in the reply.
"""

from assistant.crisis.detector import Assessment, Category, CrisisDetector, Tier
from assistant.crisis.resources import load_crisis_resources  # noqa: F401
from assistant.crisis.response import build_crisis_block

__all__ = [
    "Assessment",
    "Category",
    "CrisisDetector",
    "Tier",
    "build_crisis_block",
    "load_crisis_resources",
]
