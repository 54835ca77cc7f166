"""axe-core (from npm, pinned in package-lock.json; `make axe` installs it) injected into a page by the browser
tests. Locally a missing node_modules/axe-core skips the checks; in CI (``CI`` set) it fails them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

AXE = Path(__file__).resolve().parent.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")

RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {iframes: false, resultTypes: ["violations"]})
  .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
     nodes: v.nodes.map(n => ({target: n.target.join(" "), html: n.html.slice(0, 160),
                               summary: (n.failureSummary || "").slice(0, 300)}))}))))
  .catch(e => done([{id: "axe-error", impact: "critical", help: String(e), nodes: []}]));
"""


def require_axe() -> str:
    if AXE.exists():
        return AXE.read_text(encoding="utf-8")
    message = "needs axe-core in node_modules (run `make axe`)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def axe_violations(driver, excluded: dict[str, tuple[str, ...]] | None = None) -> list[dict]:
    """Serious and critical violations in the current document (frame), minus ``excluded``: rule id ->
    selector fragments of nodes we cannot fix (each with its reason where the test lists it)."""
    source = require_axe()
    driver.set_script_timeout(60)
    if not driver.execute_script("return typeof window.axe !== 'undefined'"):
        driver.execute_script(source)
    found = driver.execute_async_script(RUN)
    out = []
    for violation in found:
        if violation["impact"] not in BLOCKING:
            continue
        skip = (excluded or {}).get(violation["id"], ())
        nodes = [n for n in violation["nodes"] if not any(s in n["target"] for s in skip)]
        if nodes or not violation["nodes"]:
            out.append({**violation, "nodes": nodes})
    return out


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['impact']} {v['id']} ({v['help']}): " + "; ".join(f"{n['target']} {n['summary']}" for n in v["nodes"][:6])
        for v in violations
    )
