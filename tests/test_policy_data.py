"""The policy engine's data: every template citation exists, shares a topic with its clause and says
what the clause claims; templates read at a general-audience level; broken data is refused with file:line."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from assistant.corpus.loader import CorpusError
from assistant.policy.data import DATA_DIR, ELEMENT_IDS, PolicyData, find_provision, policy_data
from assistant.policy.draft import draft_policy
from tests.helpers.policy import corpus, inputs, reading_grade


def test_every_citation_exists_shares_a_topic_and_says_what_the_clause_claims() -> None:
    data = PolicyData.load()
    assert data.problems(corpus()) == []
    checked = 0
    for template in data.templates:
        topics = set(data.elements[template.element].topics)
        for citation in template.citations:
            provision = find_provision(corpus(), citation.code, citation.key)
            assert provision is not None, citation.cite
            assert set(provision.topics) & topics, (template.id, citation.cite)
            assert " ".join(citation.says.lower().split()) in " ".join(provision.text.lower().split())
            checked += 1
    assert checked >= 100


def test_every_element_has_a_template_and_the_list_is_the_fixed_one() -> None:
    data = policy_data()
    assert tuple(data.elements) == ELEMENT_IDS
    assert {t.element for t in data.templates} == set(ELEMENT_IDS)


def test_conflict_catalogue_covers_the_issue_cases_and_its_provisions_exist() -> None:
    data = policy_data(corpus())  # raises if any conflict provision is missing or says something else
    cited = {(r.id, p.cite) for r in data.catalogue.conflicts for p in r.provisions}
    assert ("social-personal-connections", "ACA A.5.e") in cited
    assert {r.id for r in data.catalogue.conflicts} >= {
        "social-personal-connections", "clinical-texting-without-security", "after-hours-promise", "records-not-kept",
    }  # fmt: skip


@pytest.mark.parametrize("template_id", [t.id for t in PolicyData.load().templates])
def test_each_template_reads_at_a_general_audience_level(template_id: str) -> None:
    template = PolicyData.load().template(template_id)
    assert template is not None
    text = re.sub(r"\{[a-z_]+\}", "email", template.text.split("\n\n")[0])  # placeholders as a plain word
    assert reading_grade(text) <= 9.0, (template_id, round(reading_grade(text), 1))


@pytest.mark.parametrize(
    "values",
    [
        {"channels": ["texting", "email", "phone", "video", "portal"], "purpose": ["scheduling", "clinical"],
         "professions": ["counselling", "social-work", "psychology"]},
        {"jurisdictions": ["CA-ON"], "professions": ["psychotherapy"], "channels": ["email", "video"]},
        {"jurisdictions": ["GB"], "channels": ["none"], "social_media": "professional-page"},
    ],
)  # fmt: skip
def test_both_documents_read_at_about_a_health_leaflet_level(values: dict) -> None:
    draft = draft_policy(inputs(**values), corpus())
    for name in ("policy", "consent"):
        clauses = draft.document(name)
        if clauses:
            text = " ".join(c.text.split("\n\n")[0] for c in clauses)
            assert reading_grade(text) <= 8.0, (name, round(reading_grade(text), 1))


def _data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_a_citation_whose_words_are_not_in_the_paraphrase_is_refused(tmp_path: Path) -> None:
    target = _data_copy(tmp_path)
    path = target / "templates.yaml"
    path.write_text(path.read_text().replace('says: "forbidden from having a personal relationship with a current '
                                             'client through social media"}',
                                             'says: "may befriend clients online"}', 1), encoding="utf-8")  # fmt: skip
    problems = PolicyData.load(target).problems(corpus())
    assert any("'ACA A.5.e' does not say 'may befriend clients online'" in p for p in problems)


def test_a_citation_of_a_missing_or_off_topic_provision_is_refused(tmp_path: Path) -> None:
    target = _data_copy(tmp_path)
    path = target / "templates.yaml"
    text = path.read_text().replace('cite: "ACA H.6.c"', 'cite: "ACA Z.99"', 1)
    text = text.replace('cite: "NASW 1.03(i)", role: requires, says: "consent before looking them up online"',
                        'cite: "NASW 1.15", role: requires, says: "keep services going"', 1)  # fmt: skip
    path.write_text(text, encoding="utf-8")
    problems = PolicyData.load(target).problems(corpus())
    assert any("'ACA Z.99' names no provision in the corpus" in p for p in problems)
    assert any("'NASW 1.15' shares no topic with the clause's element" in p for p in problems)


def test_schema_errors_in_the_templates_name_file_and_line(tmp_path: Path) -> None:
    target = _data_copy(tmp_path)
    path = target / "templates.yaml"
    lines = path.read_text().splitlines(keepends=True)
    number = next(n for n, line in enumerate(lines) if "element: channels" in line)
    lines[number] = lines[number].replace("channels", "carrier-pigeons")
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        PolicyData.load(target)
    assert f"templates.yaml:{number + 1}:" in str(err.value) and "unknown element 'carrier-pigeons'" in str(err.value)
