"""Place names, topic words and follow-up rewriting: fast, no model needed."""

from __future__ import annotations

import pytest

from assistant import jurisdictions
from assistant.answer.followup import is_followup, jurisdiction_from_history, rule_rewrite
from assistant.reply import HistoryTurn
from assistant.topics import detect_topics, mentions_therapy


@pytest.mark.parametrize(
    ("typed", "code"),
    [("UK", "GB"), ("england", "GB-ENG"), ("Ontario", "CA-ON"), ("NSW", "AU-NSW"), ("us", "US"),
     ("Texas", "US-TX"), ("new zealand", "NZ"), ("IE", "IE"), ("not sure", None), (None, None), ("gb-sct", "GB-SCT")],
)  # fmt: skip
def test_normalize_accepts_what_people_type(typed: str | None, code: str | None) -> None:
    assert jurisdictions.normalize(typed) == code


def test_unknown_jurisdiction_lists_known_ones() -> None:
    with pytest.raises(jurisdictions.UnknownJurisdiction, match="United Kingdom"):
        jurisdictions.normalize("Atlantis")


@pytest.mark.parametrize(
    ("text", "code"),
    [("what about in the UK?", "GB"), ("im in ontario btw", "CA-ON"), ("I live in Sydney", "AU-NSW"),
     ("here in texas", "US-TX"), ("can you help us with this", None), ("my therapist in dublin", "IE"),
     ("i moved from the US to Canada", "CA"), ("im in austin, can i give my counselor a gift", "US-TX"),
     ("my therapist austin texted me", None), ("brooklyn therapist followed me", "US-NY"),
     ("from saskatoon", "CA-SK"), ("i went to oxford", None), ("living in oxford", "GB-ENG")],
)  # fmt: skip
def test_detect_place_in_message(text: str, code: str | None) -> None:
    assert jurisdictions.detect(text) == code


@pytest.mark.parametrize(
    ("text", "prefer", "code"),
    [  # (eleventh round) towns, counties and local services; the language "English" is no place
     ("we're in Ennistymon near Ennis, county clare", None, "IE"), ("farming out past Invercargill", None, "NZ"),
     ("my counsellor at the HSE clinic", None, "IE"), ("she works in Merthyr", None, "GB-WLS"),
     ("uni counselling in Tempe", None, "US-AZ"), ("my psych in Bundaberg", None, "AU-QLD"),
     ("moved to Kelowna last year", None, "CA-BC"), ("sorry my English is not good", "US-MN", None),
     # a name shared by two countries: another place named, then the picker, then its first place
     ("I'm in Ireland, we met in Westport", None, "IE"), ("my psych in Hamilton", "CA", "CA-ON"),
     ("my psych in Hamilton", None, "NZ"), ("Newcastle is a small place", "AU", "AU-NSW"),
     ("Newcastle is a small place", None, "GB-ENG"), ("a gallery here in Victoria BC", None, "CA-BC")],
)  # fmt: skip
def test_detect_towns_and_shared_names(text: str, prefer: str | None, code: str | None) -> None:
    assert jurisdictions.detect(text, prefer) == code


@pytest.mark.parametrize(
    ("text", "prefer", "code"),
    [  # (thirteenth round) the gazetteer: a capital letter or a place word makes a town count
     ("seeing a counselor through the VA in Billings", None, "US-MT"), ("my therapist in mobile said", None, "US-AL"),
     ("counsellor in Bega", None, "AU-NSW"), ("I moved to Olds last year", None, "CA-AB"),
     ("Washington, DC therapist", None, "US-DC"), ("I'm in Tāmaki Makaurau", None, "NZ"),
     ("my psych in st. john's", None, "CA-NL"), ("Fayetteville, she saw me at the game", "US-AR", "US-AR"),
     # a gazetteer town in two countries needs a hint: the picker or another place named
     ("my therapist in Dover is away", None, None), ("my therapist in Dover is away", "US", "US-DE"),
     # ... and a word that is also a town, without one, does not
     ("can she ring my mobile", None, None), ("Reading my emails, is she allowed", None, None),
     ("Hope she replies", None, None), ("15 year olds and their counsellors", None, None),
     ("is that normal for a therapist", None, None),
     # (fourteenth round) a town followed by its own state's or province's abbreviation needs no place word
     ("can I just cancel? Saint John NB", None, "CA-NB"), ("Perth, WA and my psych is away", None, "AU-WA"),
     ("Hamilton ON, can she text me", "NZ", "CA-ON"), ("my therapist in Dover, NH is away", None, "US-NH"),
     ("Portland ME therapist", None, "US-ME"), ("Perth is where I grew up", None, None),
     ("saint john nb", None, None)],
)  # fmt: skip
def test_gazetteer_towns(text: str, prefer: str | None, code: str | None) -> None:
    assert jurisdictions.detect(text, prefer) == code


def test_gazetteer_codes_are_known_and_names_are_taken_out_of_the_search_words() -> None:
    assert set(jurisdictions.GAZETTEER.values()) <= jurisdictions.KNOWN_CODES
    assert {c for codes in jurisdictions.GAZETTEER_SHARED.values() for c in codes} <= jurisdictions.KNOWN_CODES
    assert len(jurisdictions.GAZETTEER) > 2000
    assert jurisdictions.without_places("my psych in Fremantle uses gmail") == "my psych in uses gmail"
    assert jurisdictions.without_places("can she ring my mobile") == "can she ring my mobile"


def test_family_and_labels() -> None:
    assert jurisdictions.family("CA-ON") == ["CA-ON", "CA"]
    assert jurisdictions.label("GB-SCT") == "Scotland, United Kingdom"


@pytest.mark.parametrize(
    ("text", "topic"),
    [("my counsellor added me on insta", "social-media"), ("can i whatsapp my therapist", "texting"),
     ("who do i call at 2am", "emergencies"), ("can we date once therapy is over", "sexual-boundaries"),
     ("i knitted her a scarf", "gifts"), ("she ghosted me", "termination"), ("is zoom therapy private", "telehealth")],
)  # fmt: skip
def test_topics_from_client_words(text: str, topic: str) -> None:
    assert topic in detect_topics(text)


def test_scope_words() -> None:
    assert mentions_therapy("my psych said no")
    assert not mentions_therapy("best lasagne recipe")


def test_followup_rule_carries_topic_and_replaces_place() -> None:
    history = [HistoryTurn(role="user", content="Can my therapist text me in the US?"),
               HistoryTurn(role="assistant", content="...")]  # fmt: skip
    assert is_followup("what about in the UK?")
    rewritten = rule_rewrite("what about in the UK?", history)
    assert "text me" in rewritten and "UK" in rewritten and " us?" not in rewritten.lower()
    assert rule_rewrite("does that apply to email too?", history).lower().startswith("can my therapist text me")
    assert rule_rewrite("Can I give my counsellor a gift?", history) == "Can I give my counsellor a gift?"
    assert jurisdiction_from_history(history) == "US"


def test_a_message_about_her_with_no_therapy_word_is_a_followup() -> None:
    # (eleventh round) the therapist named only by a pronoun, or a follow-up start in a longer message
    assert is_followup("she gave me her number at the end of the night. would it be wrong to ask her out?")
    assert is_followup("is somebody else at the practice supposed to be covering for him, or do i just wait?")
    assert is_followup("does that mean I can't even email her to say thank you when we finish the sessions?")
    # a question of its own: it names the therapist, or it is long
    assert not is_followup("my counsellor gave me her number, would it be wrong to ask her out after we finish?")
    assert not is_followup("and " + "then she told me about the weekend and the kids and the dog and the car " * 3)


def test_a_question_about_what_was_just_told_is_a_followup() -> None:
    # (fifteenth round) "was that ok?", "should I not have said yes?" only make sense with the turn before them
    assert is_followup("was that alright or should I have said no thanks? I'm in Tralee")
    assert is_followup("should I not have gone along with it, honestly? it felt a bit odd after")
    assert not is_followup("should I tell my counsellor I saw her at the pub on Saturday night with her husband?")


@pytest.mark.parametrize(
    "text",
    ["can I ask for a few more sessions or is it entirely his call",
     "my counsellor says it's a judgement call whether we meet again",
     "she called it a day on our sessions after a year"],
)
def test_a_decision_called_by_someone_is_no_phone_call(text: str) -> None:
    assert "phone" not in detect_topics(text)
    assert "phone" in detect_topics("can I call her on a Sunday or is that a bad idea")
