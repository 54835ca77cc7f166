"""The safety net: raises the tier for cue families the main layers under-weight; never lowers it.

Added after an independent probe (messages in no eval set) found misses: lethality questions
without other cues, threats by someone at home, planning talk, first-person suicide wishes in
any wording, and messages semantically close to crisis but under the crisis bar.
"""

from __future__ import annotations

from assistant.crisis import cues
from assistant.crisis.semantic import Scores
from assistant.crisis.thresholds import SEM_NET, SEM_NET_MARGIN
from assistant.crisis.types import Category, Tier


def safety_net(
    norm: str, tier: Tier, category: Category | None, means_seek: bool, scores: Scores | None = None
) -> tuple[Tier, Category | None, bool]:
    """(tier, category, asks for means) for the normalised message ``norm``.

    ``scores`` is the message's similarity to the exemplars, when the semantic layer runs: close
    enough to crisis, a message nothing else flagged still earns a check-in.
    """
    lethal = means_seek or bool(cues.LETHALITY.search(norm))
    if lethal and tier.rank < Tier.crisis.rank:
        tier = Tier.crisis
        category = category or (Category.overdose if cues.SUBST_WORDS.search(norm) else Category.suicide)
    threat = cues.HOME_THREAT.search(norm) and not cues.THREAT_IDIOM.search(norm)
    if threat and tier.rank < Tier.crisis.rank:
        tier, category = Tier.crisis, Category.abuse
    if threat and cues.IMMINENT.search(norm):
        tier, category = Tier.imminent, category or Category.abuse
    wish = cues.SUICIDE_WISH.search(norm)
    if wish and cues.WISH_PAST.search(norm):
        wish = None
    if wish and not cues.WISH_NEGATED.search(norm[: wish.start() + 12]) and tier.rank < Tier.crisis.rank:
        tier, category = Tier.crisis, category or Category.suicide
    if cues.PLANNING.search(norm) and tier.rank < Tier.crisis.rank:
        tier, category = Tier.crisis, category or Category.suicide
    if tier == Tier.none and scores is not None and _near_crisis(scores):
        tier, category = Tier.distress, scores.category
    return tier, category, lethal


def _near_crisis(scores: Scores) -> bool:
    return scores.crisis >= SEM_NET and scores.crisis - scores.negative >= SEM_NET_MARGIN
