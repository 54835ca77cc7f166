"""Layer 2's curated patterns, one module per category, in the order the pattern layer tries them.

Every category's set phrases come first (in category order), then every category's general
mechanisms (burdensomeness, finality, a self-harm verb on a body part, ...). Only the order of
the ``pattern:`` reasons depends on it; the detector's reading does not.
"""

from __future__ import annotations

from assistant.crisis.patterns import (
    abuse,
    child_at_risk,
    eating_disorder,
    harm_to_others,
    overdose,
    self_harm,
    sexual_assault,
    suicide,
)
from assistant.crisis.patterns.shared import Pattern
from assistant.crisis.types import Category

_BY_CATEGORY = (suicide, self_harm, harm_to_others, abuse, sexual_assault, overdose, eating_disorder, child_at_risk)

PATTERNS: tuple[Pattern, ...] = tuple(
    sorted((p for module in _BY_CATEGORY for p in module.PATTERNS), key=lambda p: p.general)  # stable
)

# Tie-break when several categories share the top tier: the most urgent to act on first.
PRIORITY = (
    Category.overdose, Category.suicide, Category.child_at_risk, Category.eating_disorder, Category.self_harm,
    Category.sexual_assault, Category.abuse, Category.harm_to_others,
)  # fmt: skip

__all__ = ["PATTERNS", "PRIORITY", "Pattern"]
