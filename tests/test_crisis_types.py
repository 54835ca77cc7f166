"""The crisis vocabulary (assistant/crisis/types.py) and the names derived from it."""

from __future__ import annotations

from typing import get_args

import pytest

from assistant.crisis.classifier import CATEGORIES, CLASSES, TIERS
from assistant.crisis.types import AlertTier, Category, Tier, alert_tier
from assistant.reply import CrisisBlock


def test_tiers_rank_in_declaration_order() -> None:
    assert [t.rank for t in Tier] == [0, 1, 2, 3]
    assert Tier.none.rank < Tier.distress.rank < Tier.crisis.rank < Tier.imminent.rank


def test_the_reply_schema_spells_every_tier_that_shows_a_block() -> None:
    assert get_args(AlertTier) == tuple(t.value for t in Tier if t is not Tier.none)
    assert CrisisBlock.model_json_schema()["properties"]["tier"]["enum"] == list(get_args(AlertTier))
    assert alert_tier(Tier.imminent) == "imminent"
    with pytest.raises(ValueError):
        alert_tier(Tier.none)


def test_classifier_classes_derive_from_the_enums() -> None:
    assert tuple(c.value for c in Category) == CATEGORIES
    assert ("none", "distress", *CATEGORIES) == CLASSES
    assert TIERS == ("none", "distress", "crisis", "imminent")
