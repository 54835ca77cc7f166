"""Read and validate the corpus folder, naming the file and line of every problem.

Nothing reaches the index unless the whole corpus validates, so a typo in one file can
never half-update what clients see.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from assistant.corpus.schema import BindingKind, Bindings, Code, CrisisResources, Guide, Kind, Policy
from assistant.errors import CorpusError  # noqa: F401  (re-exported where callers import it)

# Sub-folder -> model of each YAML file in it.
FOLDERS: dict[str, type[BaseModel]] = {
    "codes": Code,
    "guides": Guide,
    "policies": Policy,
    "crisis": CrisisResources,
}
MAX_FILE_BYTES = 2_000_000


@dataclass
class Corpus:
    codes: list[Code] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    crisis: CrisisResources | None = None
    bindings: Bindings | None = None  # corpus/bindings.yaml, when the corpus has one
    files: dict[str, str] = field(default_factory=dict)  # relative path -> sha256
    digest: str = ""

    def code(self, code_id: str) -> Code | None:
        return next((c for c in self.codes if c.code == code_id), None)


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    keys = [k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)]
    duplicates = {k for k in keys if keys.count(k) > 1}
    if duplicates:
        raise yaml.constructor.ConstructorError(None, None, f"duplicate key {sorted(duplicates)[0]!r}", node.start_mark)
    mapping: dict[str, Any] = {str(k): v for k, v in loader.construct_mapping(node, deep=True).items()}
    mapping["__line__"] = node.start_mark.line + 1
    mapping["__keylines__"] = {k.value: k.start_mark.line + 1 for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k not in ("__line__", "__keylines__")}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _line_of(data: Any, loc: Iterable[int | str]) -> int:
    """Best line for a pydantic error location: the deepest mapping (or key) on the path."""
    line = data.get("__line__", 1) if isinstance(data, dict) else 1
    node = data
    for part in loc:
        if isinstance(node, dict):
            line = node.get("__keylines__", {}).get(part, line)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        else:
            break
        if isinstance(node, dict):
            line = node.get("__line__", line)
    return line


def read_text(path: Path) -> str:
    """Read a corpus file as UTF-8 text, refusing binary and oversize files."""
    raw = path.read_bytes()
    if len(raw) > MAX_FILE_BYTES:
        raise CorpusError([f"{path}:1: file is larger than {MAX_FILE_BYTES} bytes"])
    if b"\x00" in raw:
        raise CorpusError([f"{path}:1: binary file (contains NUL bytes); expected UTF-8 YAML"])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise CorpusError([f"{path}:{line}: not valid UTF-8 (byte {exc.start})"]) from exc


def load_file(path: Path, model: type[BaseModel]) -> BaseModel:
    """Parse one YAML file into its model, or raise CorpusError with file:line messages."""
    text = read_text(path)
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        raise CorpusError([f"{path}:{line}: invalid YAML: {reason}"]) from exc
    if not isinstance(data, dict):
        raise CorpusError([f"{path}:1: expected a YAML mapping at the top level"])
    try:
        return model.model_validate(_strip_lines(data))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "(file)"
            problems.append(f"{path}:{_line_of(data, err['loc'])}: {where}: {err['msg']}")
        raise CorpusError(problems) from exc


def _files(corpus_dir: Path) -> list[tuple[Path, type[BaseModel]]]:
    found: list[tuple[Path, type[BaseModel]]] = []
    for folder, model in FOLDERS.items():
        base = corpus_dir / folder
        if base.is_dir():
            found += [(p, model) for p in sorted(base.iterdir()) if p.is_file() and not p.name.startswith(".")]
    return found


# Bump when assistant/corpus/chunks.py changes what a chunk holds: the digest then changes, so an index
# built by older code is stale (rebuilt by ingest, refused with the fixing command by the app).
CHUNK_FORMAT = 2  # 2: provisions carry the professions their code binds (bindings.yaml)


def corpus_digest(corpus_dir: Path) -> str:
    """Digest of the corpus files as ingestion sees them: cheap enough to check at app start."""
    digest = hashlib.sha256(f"chunk-format {CHUNK_FORMAT}\n".encode())
    for path, _ in _files(corpus_dir):
        if path.suffix in (".yaml", ".yml"):
            rel = path.relative_to(corpus_dir).as_posix()
            digest.update(f"{rel}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def check_references(corpus: Corpus) -> list[str]:
    """Cross-file checks: unique IDs, every guide cite names an existing provision, and every guide
    point shares a topic with each provision it cites (a point claims only what its sources say)."""
    problems: list[str] = []
    topics_of = {(c.code, p.section): set(p.topics) for c in corpus.codes for p in c.provisions if p.section}
    keys = set(topics_of)
    seen_codes: set[str] = set()
    for code in corpus.codes:
        if code.code in seen_codes:
            problems.append(f"codes: code {code.code} is defined twice")
        seen_codes.add(code.code)
    seen_guides: set[str] = set()
    for guide in corpus.guides:
        if guide.id in seen_guides:
            problems.append(f"guides/{guide.id}: guide id defined twice")
        seen_guides.add(guide.id)
        for number, point in enumerate(guide.points, start=1):
            for cite in point.cites:
                code_id, _, section = cite.partition(" ")
                key = (code_id, section.strip())
                if key not in keys:
                    problems.append(f"guides/{guide.id}: cite {cite!r} names no provision in the corpus")
                elif not topics_of[key] & set(point.topics):
                    problems.append(
                        f"guides/{guide.id}: point {number} cites {cite!r}, which shares no topic with the point"
                    )
    return problems


BINDINGS_FILE = "bindings.yaml"
# The binding kinds a corpus file of each kind can have (an association's code can bind as a
# regulator's rule where a regulator adopts it; nothing binds more strongly than that).
ALLOWED_BINDINGS: dict[Kind, set[BindingKind]] = {
    Kind.law: {BindingKind.law, BindingKind.guidance},
    Kind.regulator_standard: {BindingKind.regulator, BindingKind.guidance},
    Kind.code: {BindingKind.membership, BindingKind.regulator, BindingKind.guidance},
    Kind.guideline: {BindingKind.guidance},
}


def _binding_lines(path: Path) -> tuple[list[int], dict[str, int]]:
    """Line of each bindings entry and of each guidance_provisions key (for cross-file messages)."""
    data = yaml.load(read_text(path), Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    entries = [e.get("__line__", 1) if isinstance(e, dict) else 1 for e in data.get("bindings") or []]
    guidance = data.get("guidance_provisions") or {}
    return entries, dict(guidance.get("__keylines__", {})) if isinstance(guidance, dict) else {}


def check_bindings(bindings: Bindings, corpus: Corpus, path: Path) -> list[str]:
    """Cross-file checks of bindings.yaml against the codes, as 'file:line: message' strings."""
    from assistant.jurisdictions import country

    problems: list[str] = []
    entry_lines, guidance_lines = _binding_lines(path)
    for code_id, keys in bindings.guidance_provisions.items():
        line = guidance_lines.get(code_id, 1)
        code = corpus.code(code_id)
        if code is None:
            problems.append(f"{path}:{line}: guidance_provisions: {code_id} is not a code in the corpus")
            continue
        known = {p.key for p in code.provisions}
        problems += [f"{path}:{line}: guidance_provisions: {code_id} has no provision {k!r}" for k in keys
                     if k not in known]  # fmt: skip
    bound = {(b.jurisdiction, b.profession, b.code) for b in bindings.bindings}
    for number, entry in enumerate(bindings.bindings):
        where = f"{path}:{entry_lines[number] if number < len(entry_lines) else 1}: bindings.{number}"
        code = corpus.code(entry.code)
        if code is None:
            problems.append(f"{where}: {entry.code} is not a code in the corpus")
            continue
        if entry.binding not in ALLOWED_BINDINGS[code.kind]:
            allowed = ", ".join(sorted(k.value for k in ALLOWED_BINDINGS[code.kind]))
            problems.append(f"{where}: {entry.code} is a {code.kind.value} file, so it can bind only as {allowed}, "
                            f"not {entry.binding.value}")  # fmt: skip
        if entry.binding in (BindingKind.law, BindingKind.regulator) and code.jurisdiction not in (
            entry.jurisdiction,
            country(entry.jurisdiction),
        ):
            problems.append(f"{where}: {entry.code} ({code.jurisdiction}) cannot bind as {entry.binding.value} "
                            f"in {entry.jurisdiction}")  # fmt: skip
        if not code.in_force and entry.in_force:
            problems.append(f"{where}: {entry.code} is not in force in the corpus, so the entry needs in_force: false")
        for other in entry.via:
            if not any((j, entry.profession, other) in bound
                       for j in {entry.jurisdiction, country(entry.jurisdiction) or entry.jurisdiction}):  # fmt: skip
                problems.append(f"{where}: via {other}, which has no entry for {entry.profession} here")
    return problems


def load_bindings(path: Path, corpus: Corpus) -> Bindings:
    """corpus/bindings.yaml validated on its own (file:line) and against the corpus codes."""
    bindings = load_file(path, Bindings)
    assert isinstance(bindings, Bindings)
    problems = check_bindings(bindings, corpus, path)
    if problems:
        raise CorpusError(problems)
    return bindings


def load_corpus(corpus_dir: Path) -> Corpus:
    """Load and validate everything; raise one CorpusError listing every problem found."""
    if not corpus_dir.is_dir():
        raise CorpusError([f"{corpus_dir}: corpus folder not found"])
    corpus = Corpus()
    problems: list[str] = []
    for path, model in _files(corpus_dir):
        if path.suffix not in (".yaml", ".yml"):
            problems.append(f"{path}:1: unexpected file (corpus files are .yaml)")
            continue
        rel = path.relative_to(corpus_dir).as_posix()
        try:
            item = load_file(path, model)
        except CorpusError as exc:
            problems += exc.problems
            continue
        corpus.files[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        if isinstance(item, Code):
            corpus.codes.append(item)
        elif isinstance(item, Guide):
            corpus.guides.append(item)
        elif isinstance(item, Policy):
            corpus.policies.append(item)
        elif isinstance(item, CrisisResources):
            if corpus.crisis is not None:
                problems.append(f"{path}:1: only one crisis resources file is allowed")
            corpus.crisis = item
    if not problems:
        problems += check_references(corpus)
    if not corpus.codes and not problems:
        problems.append(f"{corpus_dir}/codes: no code files found")
    if not problems and (corpus_dir / BINDINGS_FILE).is_file():
        try:
            corpus.bindings = load_bindings(corpus_dir / BINDINGS_FILE, corpus)
        except CorpusError as exc:
            problems += exc.problems
    if problems:
        raise CorpusError(problems)
    corpus.digest = corpus_digest(corpus_dir)
    return corpus
