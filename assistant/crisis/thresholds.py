"""Every tuned number of the crisis detector, with the data it was chosen on.

Tuning (development) sets, named below and in the README ("Evaluation sets"): ``eval/crisis.yaml``
(the first tuning set); ``eval/crisis_holdout3.yaml`` (blind-written, a development set since its
first run); ``eval/crisis_dev5.yaml`` (blind-written for issue 12; its first-run figures are in the
README, then it became a development set); ``assistant/crisis/data/dev_1.yaml`` was
``eval/crisis_holdout.yaml`` when the semantic bars were set (it now trains the classifier);
``eval/questions.yaml`` gives 111 ordinary client questions. Never tuned on:
``eval/crisis_holdout4.yaml`` (summary figures only). Blind sets 6 to 16 were each run once for issue 12, then
became training data (``assistant/crisis/data/train_blind6.yaml`` ... ``train_blind16.yaml``; 8-16 in the twelfth
round); later blind sets are development sets once their one sealed run is done.
Changing a number here changes behaviour: rerun ``python -m assistant eval-crisis`` on the tuning sets and say so
in the commit.
"""

from __future__ import annotations

from assistant.crisis.types import Category

# --------------------------------------------------------------------------- conversation
# Hand-set with the first detector (commit a4f5a6d); not tuned on data.
WINDOW = 6  # recent user turns screened together with the message
MAX_SEMANTIC_TEXTS = 2  # the message plus at most one risky sentence of a long message
LONG_MESSAGE_WORDS = 30  # a longer message also has its riskiest sentence embedded

# --------------------------------------------------------------------------- pattern layer context
# Hand-set with the first detector (a4f5a6d), whose development set was eval/crisis.yaml.
NEGATION_WORDS = 5  # words before a match searched for a negation ("i'm not suicidal")
HYPOTHETICAL_WORDS = 14  # words before a match searched for "will my therapist report me if i say ..."
IF_WORDS = 4  # words before a match searched for a bare "if i" / "whether you"
THIRD_PERSON_WORDS = 8  # words before a match searched for whom it is about
RESOLVED_CHARS = 40  # characters after a match searched for "now i'm fine"

# --------------------------------------------------------------------------- semantic layer
# Cosine similarity of normalised vectors to the exemplars (exemplars.yaml), chosen on
# eval/crisis.yaml (a4f5a6d).
SEM_CRISIS = 0.70  # nearest crisis exemplar at least this close -> crisis (default per category)
# Per category (max similarity over that category's exemplars), chosen on eval/crisis.yaml +
# dev_1.yaml: the lowest value with no false positive there.
SEM_CRISIS_BY_CAT: dict[Category, float] = {
    Category.suicide: 0.63,  # highest non-crisis dev item clearing the margin: 0.615
    Category.self_harm: 0.65,  # 0.632 (a French distress message)
    Category.harm_to_others: 0.60,  # 0.542; floor 0.60
    Category.abuse: 0.67,  # 0.655 ("my kid hit his sister ...")
    Category.sexual_assault: 0.60,  # 0.403; floor 0.60
    Category.overdose: 0.60,  # 0.565; floor 0.60
    # issue 12: set with the categories to self-harm's bar (not searched); their recall on the tuning sets
    # comes from the patterns and the trained layer.
    Category.eating_disorder: 0.65,
    Category.child_at_risk: 0.65,
}
SEM_DISTRESS = 0.60  # nearest crisis/distress exemplar at least this close -> distress
SEM_MARGIN = 0.10  # and closer than the nearest hard negative by this much
SEM_SUPPRESS = 0.70  # a distress-level pattern hit this close to a hard negative (and nearer to it) is dropped

# --------------------------------------------------------------------------- safety net
# Set with the safety net (41822ec) on messages of an independent probe that are in no eval set.
SEM_NET = 0.50  # crisis-exemplar similarity that earns at least a gentle check-in
SEM_NET_MARGIN = 0.12  # and closer than the nearest hard negative by this much

# --------------------------------------------------------------------------- trained layer
# Probabilities from classifier.py. Issue 12 changed the model (a none/distress/risk tier head instead of one
# class per category, so adding categories no longer inflates "risk") and re-checked every bar on the three
# tuning sets together (eval/crisis.yaml + crisis_holdout3 + crisis_dev5): a sweep of CLF_CRISIS_UNPROMPTED over
# 0.35-0.7 and CLF_CRISIS over 0.4-0.6 found the values below the best trade-off (0.7: recall 505/509, false
# alarms on hard negatives 28/401; 0.55: 506/509 and 39/401). Earlier history: CLF_CRISIS was the lowest value
# keeping false positives on eval/crisis.yaml at or under 5% (8a93453).
CLF_CRISIS = 0.6  # probability of any crisis category that makes a message the patterns saw distress in crisis
# The same where the patterns saw nothing at all: alarms on the ordinary questions of
# eval/questions.yaml 16/111 -> 4/111 (ad9e564).
CLF_CRISIS_UNPROMPTED = 0.7
# This sure, a disclosure inside a "would my therapist report it if…" question counts (aeed179).
CLF_OVER_EXPLAINED = 0.95
CLF_VETO = 0.05  # a crisis pattern hit the classifier gives less than this becomes a check-in ...
# ... when it also reads it as harmless (probability of at least distress under this). Issue 12: the tier head
# reads "i feel suicidal again" as distress rather than risk, so risk alone no longer means harmless; 0.3-0.7
# gave the same figures on the tuning sets.
CLF_VETO_HARMLESS = 0.5
# Probability of at least distress that earns a check-in: 0.5 -> 0.7 cut idiom check-ins on the hard
# negatives of eval/crisis.yaml and crisis_holdout3.yaml (8.2% -> 4.5%, 16.7% -> 9.7%) with distress
# recall unchanged there (e0a5f69).
CLF_DISTRESS = 0.7
# Issue 12 ("fail towards a check-in, never towards silence"): a message the trained layer gives this much risk
# gets at least a check-in even when nothing else saw anything. Chosen on the tuning sets: at 0.4 no crisis or
# imminent item of them is met with silence; check-ins on the ordinary questions of eval/questions.yaml rise
# from 14/127 to 22/127 (0.3: 25/127, 0.2: 32/127).
CLF_CHECK_IN = 0.4
CLF_IMMINENT = 0.3  # imminent-vs-crisis probability that raises a crisis to imminent
# Re-checked after training data 3 (issue 12) on the three tuning sets: 0.2 / 0.15 / 0.1 give imminent exact
# 181 / 183 / 186 of 192 (0.3: 178) but raise 73 / 92 / 109 of 317 crisis items to imminent (0.3: 56): kept.

# Training (classifier.py; part of the weights' cache key). Set with the trained layer (8a93453). Issue 12 compared
# C in {1, 4, 16, 64} and the embedding weight in {1, 2, 4} on the tuning sets (C=16, weight 1 best; fewer false
# alarms at lower C cost more recall than they saved).
REGULARISATION_C = 16.0  # inverse L2 strength
EMBEDDING_WEIGHT = 1.0  # scale of the embedding block next to the unit-length TF-IDF block
WINDOW_TURNS = 3  # earlier user turns joined with the message for the conversation view
