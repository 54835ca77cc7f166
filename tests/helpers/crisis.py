"""Shared by the crisis test modules: conversation turns and tier groups."""

from __future__ import annotations

from assistant.crisis.types import Tier

AT_LEAST_CRISIS = (Tier.crisis, Tier.imminent)


def user(*texts: str) -> list[dict[str, str]]:
    """Earlier user turns in the pipeline's history format."""
    return [{"role": "user", "content": t} for t in texts]
