"""The engine's data: the element list, the clause templates and the conflict catalogue (YAML files in
``assistant/policy/data/``), validated on their own (file:line, as the corpus is) and against the corpus.

Every citation must name an existing provision, share a topic with its clause's element, and the
words in its ``says`` must be in that provision's paraphrase: the guides' rule "claim only what the
citation says", applied to templates.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from assistant.corpus.loader import Corpus, CorpusError, load_file
from assistant.corpus.schema import Provision, Strict, Topic
from assistant.policy.models import CHANNELS, Document

DATA_DIR = Path(__file__).resolve().parent / "data"
ELEMENT_IDS: tuple[str, ...] = (
    "channels", "purpose", "response-time", "after-hours", "emergency-instruction", "channel-security",
    "confidentiality-limits", "records", "risks-benefits", "technology-failure", "identity-verification",
    "withdraw-consent", "social-media", "fees", "jurisdiction",
)  # fmt: skip
CONDITION_VALUES: dict[str, tuple[Any, ...]] = {
    "channels": CHANNELS,
    "purpose": ("scheduling", "clinical"),
    "purpose_not": ("scheduling", "clinical"),
    "social_media": ("none", "professional-page", "personal"),
    "records": ("yes", "no"),
    "secure_messaging": (True, False),
    "written_consent": (True, False),
    "promise": (True, False),
}


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression: {exc}") from exc
    return value


class Element(Strict):
    description: str
    topics: list[Topic] = Field(min_length=1)
    phrases: list[str] = Field(min_length=1)

    @field_validator("phrases")
    @classmethod
    def _patterns(cls, values: list[str]) -> list[str]:
        return [_regex(v) for v in values]


class Elements(Strict):
    elements: dict[str, Element]

    @model_validator(mode="after")
    def _fixed_list(self) -> Elements:
        if tuple(self.elements) != ELEMENT_IDS:
            raise ValueError(f"elements must be exactly, in order: {', '.join(ELEMENT_IDS)}")
        return self


Conditions = dict[str, list[Any]]


def _conditions(value: Conditions) -> Conditions:
    for key, allowed in value.items():
        if key not in CONDITION_VALUES:
            raise ValueError(f"unknown condition {key!r}; use {', '.join(CONDITION_VALUES)}")
        bad = [v for v in allowed if v not in CONDITION_VALUES[key]]
        if bad or not allowed:
            raise ValueError(f"condition {key!r}: {bad or 'empty list'} not among {CONDITION_VALUES[key]}")
    return value


class TemplateCitation(Strict):
    cite: str = Field(pattern=r"^\S+ \S.*$", description="'CODE section' or 'CODE ~slug'")
    role: Literal["requires", "supports"]
    says: str = Field(min_length=8)
    when: Conditions = Field(default_factory=dict)

    _check_when = field_validator("when")(_conditions)

    @property
    def code(self) -> str:
        return self.cite.split(" ", 1)[0]

    @property
    def key(self) -> str:
        return self.cite.split(" ", 1)[1]


class Template(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    element: str
    documents: list[Document] = Field(min_length=1)
    when: Conditions = Field(default_factory=dict)
    text: str = Field(min_length=10)
    citations: list[TemplateCitation]

    _check_when = field_validator("when")(_conditions)

    @field_validator("element")
    @classmethod
    def _element(cls, value: str) -> str:
        if value not in ELEMENT_IDS:
            raise ValueError(f"unknown element {value!r}; use one of {', '.join(ELEMENT_IDS)}")
        return value


class Templates(Strict):
    templates: list[Template] = Field(min_length=1)

    @field_validator("templates")
    @classmethod
    def _unique(cls, templates: list[Template]) -> list[Template]:
        ids = [t.id for t in templates]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        if duplicates:
            raise ValueError(f"template ids repeated: {', '.join(duplicates)}")
        return templates


class ConflictProvision(TemplateCitation):
    role: Literal["requires", "supports"] = "requires"
    effect: Literal["forbids", "conditions"]
    reason: str = Field(min_length=10)


class SentencePatterns(Strict):
    match: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    document_unless: list[str] = Field(default_factory=list)

    @field_validator("match", "unless", "document_unless")
    @classmethod
    def _patterns(cls, values: list[str]) -> list[str]:
        return [_regex(v) for v in values]


class ConflictRule(Strict):
    id: str = Field(pattern=r"^[a-z0-9-]+$")
    choice: str
    clause: str
    when: Conditions
    provisions: list[ConflictProvision] = Field(min_length=1)
    sentences: SentencePatterns

    _check_when = field_validator("when")(_conditions)


class Catalogue(Strict):
    promise: str
    arrangement: str
    conflicts: list[ConflictRule] = Field(min_length=1)

    _check_patterns = field_validator("promise", "arrangement")(_regex)


class PolicyData:
    """The three data files, loaded together and checked against the corpus."""

    def __init__(self, elements: Elements, templates: Templates, catalogue: Catalogue):
        self.elements = elements.elements
        self.templates = templates.templates
        self.catalogue = catalogue

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> PolicyData:
        elements = load_file(data_dir / "elements.yaml", Elements)
        templates = load_file(data_dir / "templates.yaml", Templates)
        catalogue = load_file(data_dir / "conflicts.yaml", Catalogue)
        assert isinstance(elements, Elements) and isinstance(templates, Templates)
        assert isinstance(catalogue, Catalogue)
        return cls(elements, templates, catalogue)

    def template(self, template_id: str) -> Template | None:
        return next((t for t in self.templates if t.id == template_id), None)

    def problems(self, corpus: Corpus) -> list[str]:
        """Every citation names a provision, shares a topic with its element and says what it is cited for."""
        out: list[str] = []
        for template in self.templates:
            topics = set(self.elements[template.element].topics)
            for citation in template.citations:
                out += _citation_problems(corpus, f"templates/{template.id}", citation, topics)
        for rule in self.catalogue.conflicts:
            clause = self.template(rule.clause)
            if clause is None:
                out.append(f"conflicts/{rule.id}: clause {rule.clause!r} is not a template")
                continue
            topics = set(self.elements[clause.element].topics)
            for citation in rule.provisions:
                out += _citation_problems(corpus, f"conflicts/{rule.id}", citation, topics)
        return out


def _normalise(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def find_provision(corpus: Corpus, code_id: str, key: str) -> Provision | None:
    code = corpus.code(code_id)
    if code is None:
        return None
    return next((p for p in code.provisions if p.key == key or p.section == key), None)


def _citation_problems(corpus: Corpus, where: str, citation: TemplateCitation, topics: set[str]) -> list[str]:
    provision = find_provision(corpus, citation.code, citation.key)
    if provision is None:
        return [f"{where}: {citation.cite!r} names no provision in the corpus"]
    problems = []
    if not set(provision.topics) & topics:
        problems.append(f"{where}: {citation.cite!r} shares no topic with the clause's element")
    if _normalise(citation.says) not in _normalise(provision.text):
        problems.append(f"{where}: {citation.cite!r} does not say {citation.says!r}")
    return problems


@lru_cache(maxsize=4)
def _cached(data_dir: Path) -> PolicyData:
    return PolicyData.load(data_dir)


def policy_data(corpus: Corpus | None = None, data_dir: Path = DATA_DIR) -> PolicyData:
    """The engine's data; with a corpus, refused (CorpusError listing every problem) unless all citations hold."""
    data = _cached(data_dir)
    if corpus is not None:
        problems = data.problems(corpus)
        if problems:
            raise CorpusError(problems)
    return data
