"""The crisis vocabulary (assistant/crisis/types.py) and the names derived from it."""

from __future__ import annotations

from typing import get_args

import pytest

from assistant.crisis.classifier import CATEGORIES, CLASSES, TIERS
from assistant.crisis.types import AlertTier, BlockCategory, Category, Language, Tier, alert_tier, block_category
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


def test_the_reply_schema_lists_every_category_for_the_openapi_document() -> None:
    assert get_args(BlockCategory) == (*(c.value for c in Category), "distress")
    schema = CrisisBlock.model_json_schema()["properties"]
    assert schema["category"]["enum"] == list(get_args(BlockCategory))
    assert {"eating-disorder", "child-at-risk"} <= set(schema["category"]["enum"])
    assert schema["language"]["enum"] == list(get_args(Language)) == ["en", "es", "fr"]
    assert block_category(Category.child_at_risk) == "child-at-risk" and block_category(None) == "distress"
