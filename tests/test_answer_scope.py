"""Near misses declined whatever the trained layer reads (assistant/answer/scope.py: declined_subject), with
fresh wording in no eval set, and the in-scope look-alikes that must still be answered."""

from __future__ import annotations

import pytest

from assistant.answer.scope import declined_subject


@pytest.mark.parametrize(
    ("message", "earlier"),
    [
        ("my personal trainer sends me voice notes at midnight, is that normal?", []),
        ("she's an accountant not a therapist, can she add me on linkedin?", []),
        ("is that ok? he's a physio, not a counsellor", ["my physio keeps messaging me on whatsapp"]),
        ("my dentist sent me a friend request lol is that allowed", []),
        ("how do I taper off sertraline without feeling awful?", []),
        ("will my psychologist tell me what she thinks I have?", []),
        ("what happens at your very first therapy appointment?", []),
        ("my girlfriend leaves me on read for hours, is that a red flag?", []),
        # typed apostrophes, straight or curly
        ("he isn't a counsellor, he's my tutor - can he DM me at night?", []),
        ("what’s it like at your first counselling session?", []),
        ("why won't my psych say what she thinks I've got?", []),
        # (eleventh round) whether a session is covered or rebated; being told what diagnosis was written down
        ("if we switch to video does that still count towards my mental health plan sessions?", []),
        ("which of them does my health fund actually pay for, a counsellor or a psychologist?", []),
        ("do I still get the Medicare rebate if she calls me instead of seeing me?", []),
        ("does my counsellor have to tell me what diagnosis she wrote in my file?", []),
    ],
)
def test_near_misses_are_declined(message: str, earlier: list[str]) -> None:
    assert declined_subject(message, earlier)


@pytest.mark.parametrize(
    ("message", "earlier"),
    [
        ("she's a counsellor, not a psychologist - can she still text me?", []),
        ("she's not my therapist anymore so can we grab coffee?", []),
        ("she's not a therapist any more, she retired, so can we be friends now?", []),
        ("my therapist coaches my daughter's netball team, is that allowed?", []),
        ("my boyfriend found my counsellor on instagram, should I tell her?", []),
        ("I've a diagnosis of PTSD, can my therapist phone me at night?", []),
        ("my partner wants me to stop it with the late texts", ["I text my counsellor most nights"]),
        ("what about my GP, can she see the notes?", ["does my psychologist share notes with anyone?"]),
        ("can my therapist text me?", []),
        # coverage mentioned in passing around a question about contact
        ("my Medicare-covered sessions are on zoom, is it ok that she does them from her kitchen?", []),
        ("I pay $200 even after the rebate and she talks about her divorce half the time, is that ok?", []),
        ("my therapist billed my insurance for a session I missed and got nasty when I asked, who do I report to?", []),
    ],
)
def test_questions_about_ones_therapist_are_not_declined(message: str, earlier: list[str]) -> None:
    assert not declined_subject(message, earlier)
