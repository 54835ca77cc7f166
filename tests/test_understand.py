"""Question understanding: the trained layer's reading of a message and what the pipeline does with it."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.answer.understand import (
    OUT_OF_SCOPE,
    Example,
    QuestionClassifier,
    Reading,
    asks_more_than_one_thing,
    clauses,
    conversation_text,
    examples_from,
    interpret,
    is_asking,
    load_items,
    says_it_asks_more,
)


def test_examples_teach_both_guides_of_a_two_part_question_and_read_follow_ups_with_history() -> None:
    items = [
        {"text": "can she text me and what if I see her at the gym", "guides": ["texting", "chance-encounters"]},
        {"text": "what about email then?", "history": ["can my therapist text me"], "guides": ["email"]},
        {"text": "what dose of sertraline", "guides": []},
    ]
    examples = examples_from(items, {"gifts": ["Can I give my therapist a gift?"]})
    assert [e.label for e in examples] == ["texting", "chance-encounters", "email", OUT_OF_SCOPE, "gifts"]
    assert examples[2].text == "can my therapist text me / what about email then?"


def test_conversation_text_keeps_the_last_two_user_turns() -> None:
    assert conversation_text("and email?", ["a", "", "b", "c"]) == "b / c / and email?"


def test_interpret_guide_scope_parts_and_alternatives() -> None:
    sure = interpret(Reading((("texting", 0.9), ("email", 0.05), (OUT_OF_SCOPE, 0.05))))
    assert (sure.guide_id, sure.scope, sure.second, sure.alternative) == ("texting", True, None, None)
    torn = interpret(Reading((("online-search", 0.30), ("telehealth-privacy", 0.28), (OUT_OF_SCOPE, 0.2))))
    assert torn.guide_id == "online-search" and torn.scope is None
    assert torn.second == "telehealth-privacy" and torn.alternative == "telehealth-privacy"
    faint = interpret(Reading(((OUT_OF_SCOPE, 0.4), ("texting", 0.3), ("email", 0.3))))
    assert faint.guide_id == "texting" and faint.scope is None  # "none" leads but below its bar: the best guide
    out = interpret(Reading(((OUT_OF_SCOPE, 0.8), ("gifts", 0.2))))
    assert out.guide_id is None and out.scope is False
    assert interpret(None).guide_id is None and interpret(None).scope is None


def test_a_followup_that_names_its_own_subject_keeps_its_own_reading() -> None:
    from assistant.answer.understand import GuideInfo, QuestionUnderstanding

    layer = QuestionUnderstanding(None, {"gifts": GuideInfo("gifts", "Gifts?", ["gifts"]),
                                         "barter": GuideInfo("barter", "Barter?", ["barter"])})
    confident = Reading((("gifts", 0.8), ("barter", 0.1)))
    assert layer.names_its_subject(confident, ["gifts"])  # "what if I just give her a painting as a gift instead"
    assert not layer.names_its_subject(confident, [])  # no subject named: the conversation decides
    assert not layer.names_its_subject(Reading((("gifts", 0.4), ("barter", 0.3))), ["gifts"])  # unsure
    assert not layer.names_its_subject(confident, ["barter"])  # its words name another subject
    assert not layer.names_its_subject(None, ["gifts"])


def test_clauses_split_two_questions_but_not_one() -> None:
    assert clauses("can my therapist text me, and what if I see her at the gym?") == [
        "can my therapist text me",
        "what if I see her at the gym?",
    ]
    assert clauses("is it ok if my therapist texts me at night?") == ["is it ok if my therapist texts me at night?"]


def test_numbered_and_tagged_questions_are_parts_of_their_own() -> None:
    # numbered parts, "First, ... Second, ...", and a question tag after a story each make an asking clause
    pieces = clauses("two qs 1) can I send my counsellor a card and 2) my job is moving me to Cork, can we do video?")
    assert pieces[-2:] == ["1) can I send my counsellor a card", "2) my job is moving me to Cork, can we do video?"]
    pieces = clauses("I have two questions. First, she is my neighbour now, is this ok? Second, can I text her")
    assert pieces[-2:] == ["First, she is my neighbour now, is this ok?", "Second, can I text her"]
    assert all(is_asking(p) for p in pieces[-2:])
    assert is_asking("Also she liked my photo on Instagram lol, is that a problem")
    assert not is_asking("she liked my photo on Instagram and I felt weird")


def test_an_announcement_before_the_first_question_is_not_part_of_it() -> None:
    # "two things:" would keep the first clause from reading as a question of its own
    pieces = clauses("Two things: can I bring my psych a plant at the end, and is it odd that I follow her on Strava?")
    assert pieces == ["can I bring my psych a plant at the end", "is it odd that I follow her on Strava?"]
    assert clauses("quick q's - can she hug me? can I hug her?") == ["can she hug me?", "can I hug her?"]
    # words that only look like one stay ("Things are hard" is the story)
    assert clauses("Things are hard lately. Can I text her?") == ["Things are hard lately. Can I text her?"]
    assert says_it_asks_more("two things: a card? a hug?") and not says_it_asks_more("can she text me? at night?")
    assert says_it_asks_more("does she read my texts? on another note, can I hug her?")
    # (fifteenth round) the words that open the second question are not part of it; "oh and" splits whole
    assert clauses("does she read my texts? On another note, can I hug her?") == ["does she read my texts?",
                                                                                "can I hug her?"]
    assert clauses("is it ok that she googled me. oh and can I hug her") == ["is it ok that she googled me",
                                                                           "can I hug her"]
    assert says_it_asks_more("unrelated question but can she see my stories") and not says_it_asks_more(
        "I'm in Perth btw, can she text me?")


def test_a_message_says_when_it_asks_more_than_one_thing() -> None:
    assert asks_more_than_one_thing("Two quick qs: is a card ok? can she hug me?")
    assert asks_more_than_one_thing("can I email her; also is a gift card too much")
    assert asks_more_than_one_thing("1) can she text me 2) can I text her")
    assert not asks_more_than_one_thing("is it ok if my therapist texts me at night?")
    # the story around a question is not a question of its own
    assert is_asking("And can I still email her after she retires?")
    assert is_asking("what if I see her at the gym")
    assert not is_asking("I run a small cleaning business in Geelong")
    # (eleventh round) two clauses that each ask, with one question mark and no announcing word
    assert asks_more_than_one_thing("she waved in Aldi, should I wave back? and if I do will it be awkward in session")
    assert not asks_more_than_one_thing("she waved at me in Aldi and I froze. should I wave back next time?")
    # a numbered item and an indirect question ask too; "also" inside a sentence starts no clause
    assert is_asking("2) i see her at the pool every week") and is_asking("not sure whether to say hello")
    # (fourteenth round) a question sentence after the story inside one clause asks; a story sentence does not
    assert is_asking("she told my mum I'd been crying. I don't want to go back. Can I report her for that")
    assert not is_asking("she told my mum I'd been crying. I don't want to go back. It was awful")
    assert clauses("my son's counsellor is also his rugby coach's wife, does that matter?") == [
        "my son's counsellor is also his rugby coach's wife, does that matter?"
    ]
    assert clauses("Can I email her? Also, can I follow her") == ["Can I email her?", "Also, can I follow her"]


def test_classifier_trains_reads_and_caches(tmp_path) -> None:
    pytest.importorskip("sklearn")
    words = {"text": np.array([1, 0, 0], dtype=np.float32), "gift": np.array([0, 1, 0], dtype=np.float32)}

    def embed(texts: list[str]) -> list[list[float]]:
        out = []
        for t in texts:
            v = sum((vec for w, vec in words.items() if w in t), np.array([0, 0, 1], dtype=np.float32))
            out.append((v / np.linalg.norm(v)).tolist())
        return out

    examples = [Example(f"can my therapist text me {i}", "texting") for i in range(6)]
    examples += [Example(f"can i give a gift to her {i}", "gifts") for i in range(6)]
    examples += [Example(f"what is the weather {i}", OUT_OF_SCOPE) for i in range(6)]
    model = QuestionClassifier.load_or_train(embed, "fake", examples, tmp_path)
    assert model is not None
    reading = model.read("is a text ok", embed(["is a text ok"])[0])
    assert reading.guide == "texting" and abs(sum(p for _, p in reading.ranked) - 1) < 1e-5
    assert list(tmp_path.glob("questions-*.npz"))
    cached = QuestionClassifier.load_or_train(embed, "fake", examples, tmp_path, train=False)
    assert cached is not None and cached.read("a gift", embed(["a gift"])[0]).guide == "gifts"
    assert QuestionClassifier.load_or_train(embed, "other model", examples, tmp_path, train=False) is None


def test_training_data_labels_only_known_guides() -> None:
    from assistant.config import ROOT
    from assistant.corpus.loader import load_corpus

    guide_ids = {g.id for g in load_corpus(ROOT / "corpus").guides}
    items = load_items()
    assert len(items) > 2000
    used = {g for item in items for g in item.get("guides") or []}
    assert used <= guide_ids, used - guide_ids
