"""Turn the validated corpus into retrieval chunks that follow its structure.

One provision, one guide answer or one policy section per chunk (split only when long),
each carrying the metadata a citation and a filter need. IDs are stable keys, and a
content hash tells the indexer whether a chunk changed.
"""

from __future__ import annotations

import hashlib
import json

from langchain_core.documents import Document
from langchain_text_splitters import RecursiveCharacterTextSplitter

from assistant.corpus.loader import Corpus
from assistant.corpus.schema import Code, Guide, Policy, Provision

MAX_CHUNK_CHARS = 1500
_splitter = RecursiveCharacterTextSplitter(chunk_size=1200, chunk_overlap=120)


def _topic_flags(topics: list[str]) -> dict[str, bool]:
    return {f"topic_{t}": True for t in topics}


def _with_hash(doc: Document) -> Document:
    payload = json.dumps([doc.page_content, doc.metadata], sort_keys=True, ensure_ascii=False)
    doc.metadata["content_hash"] = hashlib.sha256(payload.encode()).hexdigest()[:16]
    return doc


def _split(doc_id: str, text: str, metadata: dict) -> list[Document]:
    parts = [text] if len(text) <= MAX_CHUNK_CHARS else _splitter.split_text(text)
    docs = []
    for i, part in enumerate(parts):
        suffix = "" if len(parts) == 1 else f"#{i}"
        docs.append(_with_hash(Document(id=doc_id + suffix, page_content=part, metadata=dict(metadata))))
    return docs


def provision_chunks(code: Code, provision: Provision, professions: tuple[str, ...] = ()) -> list[Document]:
    """Chunks of one provision; ``professions`` are those the code binds or guides (bindings.yaml),
    so a question about a counsellor can prefer a counsellors' code."""
    topics = ", ".join(t.replace("-", " ") for t in provision.topics)
    text = f"{provision.heading}. {provision.text.strip()} (Topics: {topics}.)"
    if provision.asked_as:
        text += " Asked as: " + " ".join(provision.asked_as)
    metadata = {
        "doc_type": "provision",
        "code": code.code,
        "title": code.title,
        "body": code.body,
        "edition": code.edition,
        "jurisdiction": code.jurisdiction,
        "kind": code.kind.value,
        "professions": ",".join(professions),
        "section": provision.section or "",
        "key": provision.key,
        "heading": provision.heading,
        "topics": ",".join(provision.topics),
        "section_status": provision.section_status.value,
        "content_confidence": provision.content_confidence.value,
        "in_force": code.in_force,
        "positions": json.dumps(provision.positions, ensure_ascii=False),
        "url": str(code.url),  # the code's official page; source_url (where it was read) is provenance only
        "source_url": str(provision.source_url),
        "code_typed_positions": json.dumps(
            {t: p.model_dump(exclude_none=True) for t, p in code.typed_positions.items()}, ensure_ascii=False
        ),
        "code_not_addressed": json.dumps(
            {t: {"source_url": str(a.source_url), "read_on": str(a.read_on)} for t, a in code.not_addressed.items()}
        ),
        "read_on": provision.read_on.isoformat(),
        "code_url": str(code.url),
        "excerpt": provision.text.strip(),
        "last_checked": code.last_checked.isoformat(),
        **_topic_flags(provision.topics),
    }
    return _split(f"{code.code}:{provision.key}", text, metadata)


def guide_chunks(guide: Guide) -> list[Document]:
    asked = " ".join(guide.also_asked)
    text = f"{guide.question} {asked}\n{guide.short_answer.strip()}"
    metadata = {
        "doc_type": "guide",
        "code": "GUIDE",
        "guide_id": guide.id,
        "title": guide.question,
        "jurisdiction": "",
        "kind": "guide",
        "section": "",
        "key": guide.id,
        "heading": guide.question,
        "topics": ",".join(guide.topics),
        "short_answer": guide.short_answer.strip(),
        "points": json.dumps([p.model_dump() for p in guide.points], ensure_ascii=False),
        "url": "",
        "excerpt": guide.short_answer.strip(),
        "last_checked": guide.last_checked.isoformat(),
        **_topic_flags(guide.topics),
    }
    return _split(f"guide:{guide.id}", text, metadata)


def policy_chunks(policy: Policy) -> list[Document]:
    docs: list[Document] = []
    label = f"{policy.clinic} (sample policy)" if policy.sample else policy.clinic
    for section in policy.sections:
        text = f"{section.heading}. {section.text.strip()}"
        metadata = {
            "doc_type": "policy",
            "code": f"POLICY:{policy.id}",
            "policy_id": policy.id,
            "title": f"{label}: {policy.title}",
            "body": policy.clinic,
            "edition": policy.last_checked.isoformat(),
            "jurisdiction": policy.jurisdiction,
            "kind": "policy",
            "section": "",
            "key": section.heading,
            "heading": section.heading,
            "topics": ",".join(section.topics),
            "url": str(policy.url or ""),
            "excerpt": section.text.strip(),
            "last_checked": policy.last_checked.isoformat(),
            **_topic_flags(section.topics),
        }
        docs += _split(f"policy:{policy.id}:{section.heading}", text, metadata)
    return docs


def corpus_chunks(corpus: Corpus) -> list[Document]:
    """Every chunk of the corpus, in a stable order."""
    docs: list[Document] = []
    for code in corpus.codes:
        professions = code_professions(corpus, code.code)
        for provision in code.provisions:
            docs += provision_chunks(code, provision, professions)
    for guide in corpus.guides:
        docs += guide_chunks(guide)
    for policy in corpus.policies:
        docs += policy_chunks(policy)
    return docs


def code_professions(corpus: Corpus, code_id: str) -> tuple[str, ...]:
    """The professions a code binds or guides anywhere, in bindings.yaml order (none without the file)."""
    if corpus.bindings is None:
        return ()
    found = (b.profession for b in corpus.bindings.bindings if b.code == code_id and b.in_force)
    return tuple(dict.fromkeys(found))
