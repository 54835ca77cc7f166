"""Building the snapshots (shared by the generator and the test)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import yaml

from assistant.config import ROOT

GOLDEN = Path(__file__).resolve().parent
FROZEN_CORPUS = GOLDEN / "corpus"
QUESTION_SETS = ("eval/questions.yaml", "eval/questions_holdout.yaml")
COMPARE_SET = "eval/compare.yaml"
# Every labelled message in the repo, except sets sealed for a final measurement (never read).
SEALED = {"crisis_blind22.yaml", "questions_blind_q.yaml"}


def rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: rounded(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [rounded(v) for v in value]
    return value


def labelled_files() -> list[Path]:
    data = ROOT / "assistant" / "crisis" / "data"
    files = sorted((ROOT / "eval").glob("crisis*.yaml")) + sorted(data.glob("*.yaml"))
    return [f for f in files if f.name not in SEALED]


def crisis_snapshot(detector) -> dict[str, list[dict]]:
    """file -> the detector's full assessment of each item, in order (texts are not stored)."""
    out: dict[str, list[dict]] = {}
    for path in labelled_files():
        items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        rows = []
        for item in items:
            history = [
                h if isinstance(h, dict) else {"role": "user", "content": str(h)} for h in item.get("history") or ()
            ]
            a = detector.assess(str(item["text"]), history)
            rows.append(
                {
                    "tier": a.tier.value,
                    "category": a.category.value if a.category else None,
                    "third_person": a.third_person,
                    "asks_for_means": a.asks_for_means,
                    "reasons": list(a.reasons),
                    "language": a.language,
                    "needs": list(a.needs),
                }
            )
        out[str(path.relative_to(ROOT))] = rows
    return out


def batch_snapshot(assistant) -> dict[str, list[dict]]:
    """eval question set -> one `ask --batch --json` line per question, timings removed."""
    from assistant.cli.ask import run_batch

    out: dict[str, list[dict]] = {}
    for name in QUESTION_SETS:
        items = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
        lines = "".join(
            json.dumps(
                {"question": i["question"], "jurisdiction": i.get("jurisdiction"), "history": i.get("history") or []}
            )
            + "\n"
            for i in items
        )
        sink = io.StringIO()
        run_batch(assistant, io.StringIO(lines), sink)
        replies = [json.loads(line) for line in sink.getvalue().splitlines()]
        for reply in replies:
            reply.pop("timings_ms", None)
        out[name] = rounded(replies)
    return out


def compare_snapshot(kb, embeddings) -> list[dict]:
    """Every eval-compare case's comparison JSON, elapsed time removed."""
    from assistant.compare import compare

    items = yaml.safe_load((ROOT / COMPARE_SET).read_text(encoding="utf-8"))
    out = []
    for item in items:
        result = compare(
            kb, embeddings, item.get("query") or item.get("topic", ""),
            jurisdictions=item.get("jurisdictions") or (), codes=item.get("codes") or (),
        )  # fmt: skip
        data = result.model_dump(mode="json")
        data.pop("elapsed_ms", None)
        out.append({"id": item.get("id"), "comparison": rounded(data)})
    return out


def openapi_snapshot(app) -> dict:
    from fastapi.testclient import TestClient

    return TestClient(app).get("/api/openapi.json").json()


def write(name: str, data: Any) -> None:
    (GOLDEN / name).write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


def read(name: str) -> Any:
    return json.loads((GOLDEN / name).read_text(encoding="utf-8"))
