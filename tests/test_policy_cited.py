"""Change notices (assistant.policy.cited) and the optional LLM smoothing of clauses (assistant.policy.smooth).

Change notices run on a real copy of the corpus with one provision's paraphrase edited; smoothing talks
to a real local HTTP server speaking the OpenAI API (tests/helpers/openai_server.py), never a mock.
"""

from __future__ import annotations

import shutil

from assistant.config import ROOT, Settings
from assistant.corpus.loader import load_corpus
from assistant.policy.cited import (
    changed_provisions,
    cited_record,
    embed_in_docx,
    embed_in_text,
    read_record_json,
    record_from_upload,
    record_json,
)
from assistant.policy.draft import draft_policy
from assistant.policy.render import to_docx, to_markdown
from tests.helpers.openai_server import MODEL, closed_port, fake_openai_server
from tests.helpers.policy import corpus, edit_provision, inputs


def _draft(**values):
    return draft_policy(inputs(**{"channels": ["email", "texting"], "social_media": "personal", **values}), corpus())


def test_record_lists_every_cited_provision_once() -> None:
    draft = _draft()
    record = cited_record(draft, corpus())
    cited = {(c.code, c.section) for clause in draft.clauses for c in clause.citations}
    cited |= {(c.code, c.section) for c in draft.conflicts}  # ACA A.5.e: the provision the conflict rests on
    assert {(p.code, p.section) for p in record.provisions} == cited
    assert len(record.provisions) == len({(p.code, p.key) for p in record.provisions})
    assert record.corpus_digest == corpus().digest and changed_provisions(record, corpus()) == []
    assert read_record_json(record_json(record)) == record
    assert read_record_json("not json") is None and read_record_json("{}") is None


def test_an_edited_provision_in_a_corpus_copy_is_reported(tmp_path) -> None:
    copy = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", copy)
    draft = _draft()
    record = cited_record(draft, load_corpus(copy))
    assert any(p.code == "ACA" and p.section == "H.2.a" for p in record.provisions)
    edit_provision(copy / "codes" / "aca.yaml", "H.2.a")
    changed = load_corpus(copy)
    assert changed.digest != corpus().digest
    found = changed_provisions(record, changed)
    assert [(c.code, c.section, c.status) for c in found] == [("ACA", "H.2.a", "changed")]
    assert found[0].label == "ACA H.2.a" and found[0].url.startswith("https://")
    # the draft made from the changed corpus is current again
    assert changed_provisions(cited_record(draft_policy(draft.inputs, changed), changed), changed) == []


def test_a_provision_no_longer_in_the_corpus_is_reported() -> None:
    """The corpus refuses to lose a provision a clause template cites (tests/test_policy_data.py), so a
    removal is seen only when the templates moved on too: a record naming a key the code no longer has."""
    record = cited_record(_draft(), corpus())
    gone = record.provisions[0].model_copy(update={"key": "~no-such-provision"})
    stale = record.model_copy(update={"provisions": [gone, *record.provisions[1:]]})
    assert [(c.code, c.status) for c in changed_provisions(stale, corpus())] == [(gone.code, "removed")]


def test_the_record_travels_in_markdown_and_docx() -> None:
    from docx import Document

    draft = _draft()
    record = cited_record(draft, corpus())
    md = embed_in_text(to_markdown(draft), record, "md")
    assert md.startswith(to_markdown(draft).rstrip("\n")) and md.rstrip().endswith("-->")
    assert record_from_upload(md.encode(), "policy.md") == record
    docx = embed_in_docx(to_docx(draft), record)
    assert record_from_upload(docx, "policy.docx") == record
    import io

    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "cea-policy-record" not in text  # not shown in the document
    assert record_from_upload(to_docx(draft), "policy.docx") is None
    assert record_from_upload(b"cea-policy-record:AAAAAAAAAAAAAAAAAAAA", "x.txt") is None


# -- smoothing ------------------------------------------------------------------------------------


def _model(base_url: str, timeout: float = 5.0):
    from assistant.answer.compose.llm import make_chat_model

    return make_chat_model(Settings(_env_file=None, llm=f"openai:{MODEL}", llm_base_url=base_url,
                                    llm_timeout_s=timeout))  # fmt: skip


def test_smoothing_keeps_only_rewordings_that_cite_every_provision() -> None:
    from assistant.policy.smooth import NOTICE_SMOOTHED, NOTICE_SOME_KEPT, smooth_draft

    draft = _draft()
    with fake_openai_server() as fake:
        fake.script.content = "You can choose how we keep in touch [1]."
        result = smooth_draft(draft, corpus(), _model(fake.base_url))
        sent = len(fake.script.requests)
    before = {c.id: c for c in draft.clauses}
    after = {c.id: c for c in result.draft.clauses}
    assert result.smoothed and result.kept and sent == len(result.smoothed) + len(result.kept)
    for clause_id in result.smoothed:
        assert len(before[clause_id].citations) == 1
        assert after[clause_id].text == "You can choose how we keep in touch."
        assert after[clause_id].citations == before[clause_id].citations
        assert after[clause_id].required_by == before[clause_id].required_by
    for clause_id in result.kept:
        assert after[clause_id].text == before[clause_id].text
    assert NOTICE_SMOOTHED in result.draft.notices and NOTICE_SOME_KEPT in result.draft.notices
    assert result.draft.conflicts == draft.conflicts


def test_smoothing_falls_back_on_a_bad_citation_or_a_dead_model() -> None:
    from assistant.policy.smooth import NOTICE_UNREACHABLE, smooth_draft

    draft = _draft()
    with fake_openai_server() as fake:
        fake.script.content = "You can text us [7]. Nothing else is needed [9]."  # numbers that are not provisions
        result = smooth_draft(draft, corpus(), _model(fake.base_url))
        assert not result.smoothed and result.kept
        assert [c.text for c in result.draft.clauses] == [c.text for c in draft.clauses]
        fake.script.status = 500
        result = smooth_draft(draft, corpus(), _model(fake.base_url))
        assert result.unreachable and NOTICE_UNREACHABLE in result.draft.notices
        assert len(fake.script.requests) == len([c for c in draft.clauses if c.citations]) + 1  # stopped at once
    result = smooth_draft(draft, corpus(), _model(f"http://127.0.0.1:{closed_port()}/v1", timeout=2))
    assert result.unreachable and [c.text for c in result.draft.clauses] == [c.text for c in draft.clauses]


def test_what_the_clinic_typed_and_numbers_are_never_reworded() -> None:
    from assistant.policy.smooth import smooth_draft

    draft = _draft(after_hours="Dr Lee's answering service takes calls at night.", response_time="4h",
                   clinic="Riverside Counselling")
    with fake_openai_server() as fake:
        fake.script.content = "We will get back to you soon [1]."
        result = smooth_draft(draft, corpus(), _model(fake.base_url))
        prompts = " ".join(str(r["body"]) for r in fake.script.requests)
    assert "answering service" not in prompts
    assert any("Riverside Counselling" in c.text for c in draft.clauses), "the test needs a clause naming the clinic"
    for clause in result.draft.clauses:
        if any(t in clause.text for t in ("4 hours", "answering service", "Riverside Counselling")):
            assert clause.id not in result.smoothed


def test_the_service_drafts_deterministically_without_a_model_and_smooths_with_one() -> None:
    from assistant.web.staff.policy import PolicyService

    plain = PolicyService(Settings(_env_file=None, llm=None))
    assert plain.model is None
    first, second = (plain.draft(inputs(channels=["email"]), "alice")[1] for _ in range(2))
    assert first.clauses == second.clauses
    with fake_openai_server() as fake:
        fake.script.content = "You can choose how we keep in touch [1]."
        service = PolicyService(Settings(_env_file=None, llm=f"openai:{MODEL}", llm_base_url=fake.base_url))
        smoothed = service.draft(inputs(channels=["email"]), "alice")[1]
    assert any(c.text == "You can choose how we keep in touch." for c in smoothed.clauses)
    assert [c.citations for c in smoothed.clauses] == [c.citations for c in first.clauses]
