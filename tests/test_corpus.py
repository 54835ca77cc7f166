"""The corpus schema and loader: the real corpus validates; every kind of bad file is caught."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.corpus.loader import CorpusError, load_corpus
from assistant.corpus.schema import CODE_IDS, TOPICS
from tests.conftest import CORPUS, FIXTURE_CORPUS

GOOD_PROVISION = """
  - section: "Z.1"
    section_status: read-in-text
    content_confidence: high
    source_url: https://www.apa.org/ethics/code
    read_on: 2026-12-06
    heading: A heading
    topics: [texting]
    text: A paraphrase that waits two years.
"""


def _corpus_copy(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


def _problems(corpus_dir: Path) -> str:
    with pytest.raises(CorpusError) as err:
        load_corpus(corpus_dir)
    return str(err.value)


def test_real_corpus_validates_and_covers_every_code_and_jurisdiction() -> None:
    corpus = load_corpus(CORPUS)
    assert {c.code for c in corpus.codes} == set(CODE_IDS)
    assert {c.jurisdiction.split("-")[0] for c in corpus.codes} == {"US", "CA", "GB", "IE", "AU", "NZ"}
    assert len(corpus.guides) >= 15
    assert len(corpus.policies) >= 2 and all(p.sample for p in corpus.policies)
    assert corpus.crisis is not None
    tagged = {t for c in corpus.codes for p in c.provisions for t in p.topics}
    assert tagged == set(TOPICS)


def test_every_provision_has_provenance_and_an_honest_section_status() -> None:
    for code in load_corpus(CORPUS).codes:
        for provision in code.provisions:
            assert provision.source_url and provision.read_on, (code.code, provision.heading)
            if provision.section is not None:  # a number is either read in the code's text or from the fact sheet
                assert provision.section_status in ("read-in-text", "fact-sheet"), (code.code, provision.section)
            else:
                assert provision.section_status == "not-numbered", (code.code, provision.heading)


def test_typed_positions_state_numbers_their_cited_paraphrase_contains() -> None:
    checked = 0
    for code in load_corpus(CORPUS).codes:
        for topic, position in code.typed_positions.items():
            cited = code.provision(position.cite)
            assert cited is not None and topic in cited.topics or position.cite, (code.code, topic)
            for number in position.numbers():
                checked += 1
                assert number in cited.text or position.min_years is not None, (code.code, topic, number)
    assert checked >= 10  # the waiting periods and caps the codes state


def test_guide_points_share_a_topic_with_every_provision_they_cite() -> None:
    corpus = load_corpus(CORPUS)
    topics = {f"{c.code} {p.section}": set(p.topics) for c in corpus.codes for p in c.provisions if p.section}
    for guide in corpus.guides:
        for point in guide.points:
            for cite in point.cites:
                assert topics[cite] & set(point.topics), (guide.id, point.text[:40], cite)


def test_every_guide_point_cites_an_existing_numbered_provision() -> None:
    corpus = load_corpus(CORPUS)
    keys = {f"{c.code} {p.section}" for c in corpus.codes for p in c.provisions if p.section}
    for guide in corpus.guides:
        for point in guide.points:
            assert set(point.cites) <= keys, (guide.id, point.cites)


def test_fixture_corpus_loads(tmp_path: Path) -> None:
    corpus = load_corpus(_corpus_copy(tmp_path))
    assert [c.code for c in corpus.codes] == ["ACA", "BACP"]
    assert corpus.digest


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("code: ACA\ntitle: [unclosed\n", "invalid YAML"),
        ("- just\n- a list\n", "expected a YAML mapping"),
        ("code: NOPE\n", "code"),
    ],
)
def test_malformed_code_file_is_named_with_line(tmp_path: Path, content: str, expected: str) -> None:
    corpus = _corpus_copy(tmp_path)
    (corpus / "codes" / "broken.yaml").write_text(content, encoding="utf-8")
    message = _problems(corpus)
    assert "broken.yaml:" in message and expected in message


def _code_with(provisions: str, extra: str = "") -> str:
    return (
        "code: APA\ntitle: T\nbody: B\nedition: '2017'\njurisdiction: US\n"
        "url: https://www.apa.org/ethics/code\nkind: code\nlast_checked: 2026-11-28\n"
        f"{extra}provisions:{provisions}"
    )


@pytest.mark.parametrize(
    ("provisions", "extra", "expected", "line"),
    [
        (GOOD_PROVISION.replace("A paraphrase that waits two years.", "''"), "", "must not be empty", 17),
        (GOOD_PROVISION.replace("[texting]", "[astrology]"), "", "topics", 16),
        (GOOD_PROVISION + GOOD_PROVISION, "", "duplicate section 'Z.1'", 9),
        (GOOD_PROVISION.replace("    content_confidence: high\n", ""), "", "content_confidence", 10),
        (GOOD_PROVISION + "    colour: blue\n", "", "Extra inputs are not permitted", 18),
        (GOOD_PROVISION, "jurisdiction_note: x\n", "Extra inputs", 9),
        (GOOD_PROVISION.replace('"Z.1"', "null"), "", "section_status is 'not-numbered'", 10),
        (GOOD_PROVISION.replace("read-in-text", "guessed"), "", "section_status", 11),
        (
            GOOD_PROVISION,
            "typed_positions:\n  texting: {cite: 'Z.1', min_years: 5}\n",
            "5 is not in the paraphrase of Z.1",
            1,  # a check across fields names the file
        ),
    ],
)
def test_bad_provision_fails_with_file_and_line(
    tmp_path: Path, provisions: str, extra: str, expected: str, line: int
) -> None:
    corpus = _corpus_copy(tmp_path)
    (corpus / "codes" / "apa.yaml").write_text(_code_with(provisions, extra), encoding="utf-8")
    message = _problems(corpus)
    assert expected in message
    assert f"apa.yaml:{line}:" in message, message


def test_unknown_jurisdiction_is_rejected(tmp_path: Path) -> None:
    corpus = _corpus_copy(tmp_path)
    text = _code_with(GOOD_PROVISION).replace("jurisdiction: US", "jurisdiction: Narnia")
    (corpus / "codes" / "apa.yaml").write_text(text, encoding="utf-8")
    assert "jurisdiction" in _problems(corpus)


def test_non_utf8_and_binary_files_are_rejected(tmp_path: Path) -> None:
    corpus = _corpus_copy(tmp_path)
    (corpus / "codes" / "latin1.yaml").write_bytes("code: ACA\ntitle: caf\xe9\n".encode("latin-1"))
    assert "latin1.yaml:2: not valid UTF-8" in _problems(corpus)
    (corpus / "codes" / "latin1.yaml").unlink()
    (corpus / "codes" / "blob.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert "blob.yaml:1: binary file" in _problems(corpus)


def test_guide_citing_missing_provision_fails(tmp_path: Path) -> None:
    corpus = _corpus_copy(tmp_path)
    guide = corpus / "guides" / "social-media.yaml"
    guide.write_text(guide.read_text().replace("ACA A.5.e", "ACA A.9.z"), encoding="utf-8")
    assert "cite 'ACA A.9.z' names no provision" in _problems(corpus)


def test_guide_point_citing_a_provision_on_another_topic_fails(tmp_path: Path) -> None:
    corpus = _corpus_copy(tmp_path)
    guide = corpus / "guides" / "social-media.yaml"
    guide.write_text(guide.read_text().replace("ACA A.5.e", "ACA H.2.a"), encoding="utf-8")
    assert "point 1 cites 'ACA H.2.a', which shares no topic with the point" in _problems(corpus)


def test_a_code_without_provisions_must_say_why(tmp_path: Path) -> None:
    corpus = _corpus_copy(tmp_path)
    (corpus / "codes" / "apa.yaml").write_text(_code_with(" []\n"), encoding="utf-8")
    assert "text_not_found" in _problems(corpus)
    (corpus / "codes" / "apa.yaml").write_text(_code_with(" []\n", "text_not_found: none readable\n"), encoding="utf-8")
    assert any(c.code == "APA" and not c.provisions for c in load_corpus(corpus).codes)


def test_crisis_line_without_what_it_was_checked_against_fails(tmp_path: Path) -> None:
    corpus = _corpus_copy(tmp_path)
    (corpus / "crisis").mkdir(exist_ok=True)
    (corpus / "crisis" / "resources.yaml").write_text(
        "regions:\n  - jurisdiction: US\n    name: United States\n    lines:\n"
        "      - need: emergency\n        name: Emergency\n        phone: '911'\n        hours: 24/7\n"
        "        twenty_four_seven: true\n        checked_on: 2026-12-06\n        status: verified\n",
        encoding="utf-8",
    )
    message = _problems(corpus)
    assert "resources.yaml:5:" in message and "checked_against" in message


def test_duplicate_yaml_key_fails(tmp_path: Path) -> None:
    corpus = _corpus_copy(tmp_path)
    (corpus / "codes" / "apa.yaml").write_text(_code_with(GOOD_PROVISION, "title: again\n"), encoding="utf-8")
    assert "duplicate key 'title'" in _problems(corpus)


def test_client_wordings_are_indexed_but_never_shown_as_the_code(tmp_path: Path) -> None:
    from assistant.corpus.chunks import corpus_chunks

    corpus_dir = _corpus_copy(tmp_path)
    code_file = next((corpus_dir / "codes").glob("*.yaml"))
    text = code_file.read_text()
    marker = "    topics: ["
    assert marker in text
    code_file.write_text(
        text.replace(marker, '    asked_as: ["can she whatsapp me at midnight"]\n' + marker, 1)
    )
    docs = corpus_chunks(load_corpus(corpus_dir))
    asked = [d for d in docs if "whatsapp me at midnight" in d.page_content]
    assert len(asked) == 1
    assert "whatsapp" not in asked[0].metadata["excerpt"]  # citations show the paraphrase only


def test_a_new_chunk_format_makes_an_older_index_stale(monkeypatch) -> None:
    """Code that changes what a chunk holds must not be served from an index built by older code."""
    from assistant.corpus import loader

    before = loader.corpus_digest(CORPUS)
    monkeypatch.setattr(loader, "CHUNK_FORMAT", loader.CHUNK_FORMAT + 1)
    assert loader.corpus_digest(CORPUS) != before
