"""The profession and the codes a question names steer which codes rank first."""

from __future__ import annotations

import pytest

from assistant.answer.profession import codes_named, professions_named
from assistant.corpus.chunks import code_professions
from assistant.corpus.loader import load_corpus
from assistant.reply import Ask
from tests.conftest import CORPUS

CODE_IDS = ("BACP", "HCPC", "APA", "APA-TELE", "ACA", "ACA-AU", "CORU-CP", "CORU-SW", "PSI", "NZ-PSY")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my counsellor texted me", {"counselling"}),
        ("My counselor texted me", {"counselling"}),
        ("she's an LPC in Texas", {"counselling"}),
        ("my psychologist called", {"psychology"}),
        ("is my psychotherapist allowed to hug me", {"psychotherapy"}),
        ("our social worker friended me", {"social-work"}),
        ("the LCSW at the clinic", {"social-work"}),
        ("my couples therapist emailed my husband", {"marriage-family-therapy"}),
        ("my LMFT follows me on Instagram", {"marriage-family-therapy"}),
        ("my therapist texted me", set()),
        ("can my therapist call me", set()),
    ],
)
def test_professions_named(text: str, expected: set[str]) -> None:
    assert professions_named(text) == expected


def test_codes_named_by_id_or_body_without_catching_ordinary_words() -> None:
    assert codes_named("She's bacp registered", CODE_IDS) == {"BACP"}
    assert codes_named("an APA member", CODE_IDS) == {"APA", "APA-TELE"}
    assert codes_named("registered with CORU", CODE_IDS) == {"CORU-CP", "CORU-SW"}
    assert codes_named("the aca and psi of it, apa style", CODE_IDS) == set()  # short ids only in capitals
    assert codes_named("NZ rules", CODE_IDS) == set()  # a country prefix is not a body


def test_every_code_bound_in_bindings_carries_its_professions() -> None:
    corpus = load_corpus(CORPUS)
    assert corpus.bindings is not None
    assert "counselling" in code_professions(corpus, "BACP")
    assert "counselling" not in code_professions(corpus, "HCPC")  # the HCPC does not register counsellors
    assert code_professions(corpus, "NO-SUCH-CODE") == ()


def _rank(reply, codes: set[str]) -> int:
    """Position of the first citation from one of ``codes`` (len when none is cited)."""
    order = [c.code for c in reply.citations]
    return next((i for i, code in enumerate(order) if code in codes), len(order))


def test_a_counsellor_in_britain_gets_counsellors_codes_before_the_hcpc(assistant) -> None:
    reply = assistant.answer(Ask(question="Can my counsellor text me on WhatsApp?", jurisdiction="GB"))
    counsellors = {"BACP", "UKCP", "NCPS"}
    assert _rank(reply, counsellors) < _rank(reply, {"HCPC"})


def test_a_psychologist_in_britain_gets_the_hcpc_first(assistant) -> None:
    reply = assistant.answer(Ask(question="Can my psychologist text me on WhatsApp?", jurisdiction="GB"))
    assert _rank(reply, {"HCPC", "BPS"}) < _rank(reply, {"BACP", "NCPS", "COSCA"})
