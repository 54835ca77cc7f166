"""corpus/bindings.yaml: the real file validates; every kind of mistake is named with its file and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assistant.corpus.loader import CorpusError, load_corpus
from assistant.corpus.schema import BindingKind
from tests.conftest import CORPUS, FIXTURE_CORPUS

HEADER = "reviewed_on: 2026-12-06\n"
ENTRY = """  - jurisdiction: {jurisdiction}
    profession: {profession}
    code: {code}
    binding: {binding}
    checked: true
    condition: Members.
    source: a source
"""


def _entry(jurisdiction: str = "US", profession: str = "counselling", code: str = "ACA", binding: str = "membership",
           extra: str = "") -> str:  # fmt: skip
    return ENTRY.format(jurisdiction=jurisdiction, profession=profession, code=code, binding=binding) + extra


def _problems(tmp_path: Path, text: str) -> str:
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    (target / "bindings.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CorpusError) as err:
        load_corpus(target)
    return str(err.value)


def test_real_bindings_validate_and_every_binding_code_has_an_entry() -> None:
    corpus = load_corpus(CORPUS)
    assert corpus.bindings is not None
    listed = {b.code for b in corpus.bindings.bindings}
    # Every code in the corpus is placed (BPS, CASW ... have no provisions but still bind their members).
    assert listed == {c.code for c in corpus.codes}
    for entry in corpus.bindings.bindings:
        code = corpus.code(entry.code)
        assert code is not None
        if code.kind.value == "guideline":
            assert entry.binding is BindingKind.guidance, entry.code
    guidance_only = {b.code for b in corpus.bindings.bindings if b.binding is BindingKind.guidance}
    assert {"APA-TELE", "AHPRA-TH", "IACP-ONLINE"} <= guidance_only


def test_fixture_corpus_with_a_good_bindings_file_loads(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, target)
    (target / "bindings.yaml").write_text(HEADER + "bindings:\n" + _entry(), encoding="utf-8")
    corpus = load_corpus(target)
    assert corpus.bindings is not None and corpus.bindings.bindings[0].code == "ACA"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (_entry(binding="statute"), "bindings.yaml:6: bindings.0.binding"),
        (_entry(profession="astrology"), "bindings.yaml:4: bindings.0.profession"),
        (_entry(code="XYZ"), "bindings.yaml:5: bindings.0.code"),
        (_entry(jurisdiction="Narnia"), "unknown jurisdiction"),
        (_entry() + "    surprise: 1\n", "bindings.0.surprise: Extra inputs are not permitted"),
        (_entry() + _entry(), "entry 2 repeats US / counselling / ACA"),
        (_entry(extra="    via: [NASW]\n"), "only_if_registered and via are for law and regulator entries"),
    ],
)
def test_schema_mistakes_name_file_and_line(tmp_path: Path, body: str, expected: str) -> None:
    assert expected in _problems(tmp_path, HEADER + "bindings:\n" + body)


def test_a_guideline_cannot_bind_as_membership(tmp_path: Path) -> None:
    # The fixture's BACP file is a code; make a bindings entry claim a regulator binding outside its country.
    problems = _problems(tmp_path, HEADER + "bindings:\n" + _entry("US", "counselling", "BACP", "regulator"))
    assert "BACP (GB) cannot bind as regulator in US" in problems
    assert "bindings.yaml:3:" in problems


def test_a_code_missing_from_the_corpus_and_a_missing_guidance_provision_are_named(tmp_path: Path) -> None:
    text = HEADER + "guidance_provisions:\n  ACA: [Z.9]\n  NASW: ['1.01']\nbindings:\n" + _entry(code="NASW")
    problems = _problems(tmp_path, text)
    assert "bindings.yaml:3: guidance_provisions: ACA has no provision 'Z.9'" in problems
    assert "bindings.yaml:4: guidance_provisions: NASW is not a code in the corpus" in problems
    assert "bindings.yaml:6: bindings.0: NASW is not a code in the corpus" in problems


def test_via_must_name_a_code_bound_here(tmp_path: Path) -> None:
    body = _entry("US", "counselling", "ACA", "regulator", extra="    via: [BACP]\n")
    assert "via BACP, which has no entry for counselling here" in _problems(tmp_path, HEADER + "bindings:\n" + body)


def test_broken_yaml_is_named_with_its_line(tmp_path: Path) -> None:
    assert "bindings.yaml:4: invalid YAML" in _problems(tmp_path, HEADER + "bindings:\n  - [unclosed\n")
