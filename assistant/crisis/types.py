"""The crisis layer's vocabulary: tiers, categories and an assessment, defined once.

Everything else derives its names from here: the classifier's classes, the evaluation's tier
order and the reply schema's :data:`AlertTier`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal, cast


class Tier(StrEnum):
    """How urgent, in rising order (the declaration order is the rank)."""

    none = "none"
    distress = "distress"
    crisis = "crisis"
    imminent = "imminent"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {tier: rank for rank, tier in enumerate(Tier)}


class Category(StrEnum):
    suicide = "suicide"
    self_harm = "self-harm"
    harm_to_others = "harm-to-others"
    abuse = "abuse"
    sexual_assault = "sexual-assault"
    overdose = "overdose"  # overdose or another medical emergency


# The tiers that show a crisis block (every tier but none), spelled as a Literal because the
# reply schema (assistant/reply.py) publishes them in the OpenAPI document; a test checks that it
# matches Tier.
AlertTier = Literal["distress", "crisis", "imminent"]


def alert_tier(tier: Tier) -> AlertTier:
    """``tier`` as the reply schema spells it; a tier of none shows no block."""
    if tier is Tier.none:
        raise ValueError("tier none shows no crisis block")
    return cast(AlertTier, tier.value)


@dataclass(frozen=True)
class Assessment:
    tier: Tier
    category: Category | None
    third_person: bool
    asks_for_means: bool
    reasons: tuple[str, ...]
