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
    eating_disorder = "eating-disorder"  # medical danger from an eating disorder
    # A child harmed or at risk of harm: a child or teen disclosing it, or a parent afraid they will hurt their child.
    child_at_risk = "child-at-risk"


# The tiers that show a crisis block (every tier but none), spelled as a Literal because the
# reply schema (assistant/reply.py) publishes them in the OpenAPI document; a test checks that it
# matches Tier.
AlertTier = Literal["distress", "crisis", "imminent"]


# What ``CrisisBlock.category`` can hold: a category, or "distress" for a check-in without one.
# Spelled out for the OpenAPI document (and the README list); a test checks it matches Category.
BlockCategory = Literal[
    "suicide", "self-harm", "harm-to-others", "abuse", "sexual-assault", "overdose", "eating-disorder",
    "child-at-risk", "distress",
]  # fmt: skip


def block_category(category: Category | None) -> BlockCategory:
    """``category`` as the reply schema spells it; ``None`` (a check-in) is "distress"."""
    value: str = category.value if category is not None else "distress"
    return cast(BlockCategory, value)


# The languages the block's wording is written in (the numbers and service names never change).
Language = Literal["en", "es", "fr"]


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
    language: Language = "en"  # the language the message is written in (the block's wording follows it)
    # Who the person says they are ("I'm a vet", "I'm 15", "as a guy"): the resource ``need`` values of
    # the specialised lines to add (always after the emergency number and the 24/7 line, never instead).
    needs: tuple[str, ...] = ()
