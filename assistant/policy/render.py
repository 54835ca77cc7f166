"""A draft (or a check) as Markdown, print-friendly HTML (every value escaped), DOCX (python-docx) or JSON.

Both documents open with the disclaimer (general information, not legal advice, the privacy laws not
checked); each clause shows whether a binding code requires it or it is good practice, with its
citations; conflicts sit next to their clause and in a list before the documents; a table shows which
code asks for what.
"""

from __future__ import annotations

import html
import io
import json

from assistant.policy.models import CheckResult, Citation, Clause, Conflict, Draft

TITLES = {"policy": "Contact policy", "consent": "Consent to electronic communication"}
INTROS = {
    "policy": "How and when you can contact us between sessions, and what we do with what you send.",
    "consent": "Please read this before you agree to contact by text, email, phone, video or our portal.",
}
ELEMENT_TITLES = {
    "channels": "How you can contact us", "purpose": "What contact is for", "response-time": "When we reply",
    "after-hours": "Outside working hours and during absences", "emergency-instruction": "In an emergency",
    "channel-security": "Privacy and security", "confidentiality-limits": "Limits of confidentiality",
    "records": "Records", "risks-benefits": "Benefits and risks", "technology-failure": "If technology fails",
    "identity-verification": "Checking who and where you are", "withdraw-consent": "Your choice and consent",
    "social-media": "Social media", "fees": "Fees", "jurisdiction": "Where we can work with you",
}  # fmt: skip


def cite_label(citation: Citation) -> str:
    return f"{citation.code} {citation.section}" if citation.section else f"{citation.code} ({citation.heading})"


def kind_label(clause: Clause) -> str:
    if clause.kind == "required":
        return "Required by " + ", ".join(clause.required_by)
    return "Recommended: good practice" + ("" if clause.citations else " (no code in scope addresses it)")


def conflict_line(conflict: Conflict) -> str:
    where = f"{conflict.code} {conflict.section}" if conflict.section else conflict.code
    return f"{conflict.choice} — {where} {conflict.effect} this: {conflict.reason}"


def _conflicts_for(draft: Draft, clause_id: str) -> list[Conflict]:
    return [c for c in draft.conflicts if c.clause == clause_id]


def _grouped(clauses: list[Clause]) -> list[tuple[str, list[Clause]]]:
    groups: dict[str, list[Clause]] = {}
    for clause in clauses:
        groups.setdefault(clause.element, []).append(clause)
    return list(groups.items())


def to_json(draft: Draft) -> str:
    body = draft.model_dump(mode="json")
    body["by_code"] = {
        code: [{"clause": c.id, "element": c.element, "sections": s} for c, s in items]
        for code, items in draft.by_code().items()
    }
    return json.dumps(body, ensure_ascii=False, indent=2)


def to_markdown(draft: Draft) -> str:
    i = draft.inputs
    out = [f"# {TITLES['policy']} and consent form — {i.clinic}", "", f"> {draft.disclaimer}", ""]
    out.append(f"Drafted {draft.drafted_on.isoformat()} for {', '.join(i.jurisdictions)} · "
               f"{', '.join(i.professions)} · corpus {draft.corpus_digest[:12]}")  # fmt: skip
    out.append("")
    if draft.conflicts:
        out += ["## Conflicts to resolve before use", ""]
        out += [f"- ⚠ {conflict_line(c)}" for c in draft.conflicts]
        out.append("")
    for name in ("policy", "consent"):
        out += [f"## {TITLES[name]}", "", f"*{INTROS[name]}*", "", f"> {draft.disclaimer}", ""]
        for element, clauses in _grouped(draft.document(name)):
            out += [f"### {ELEMENT_TITLES[element]}", ""]
            for clause in clauses:
                out += [clause.text, ""]
                sources = "; ".join(f"[{cite_label(c)}]({c.url})" for c in clause.citations)
                tail = f" · Sources: {sources}" if sources else ""
                out.append(f"<sub>{clause.id} · {kind_label(clause)}{tail}</sub>")
                out.append("")
                out += [f"> ⚠ **Conflict:** {conflict_line(c)}" for c in _conflicts_for(draft, clause.id)]
                if _conflicts_for(draft, clause.id):
                    out.append("")
    out += ["## Which code asks for what", "", "| code | binds as | clauses (sections) |", "|---|---|---|"]
    binding = {b.code: b for b in draft.bindings}
    for code, items in draft.by_code().items():
        b = binding.get(code)
        how = (b.binding + (" (assumed)" if b.assumed else "") + ("" if b.checked else " (unconfirmed)")) if b else ""
        cells = "; ".join(f"{c.id} ({', '.join(s or 'unnumbered' for s in sections)})" for c, sections in items)
        out.append(f"| {code} | {how} | {cells} |")
    out.append("")
    if draft.notices:
        out += ["## Notes for staff", ""] + [f"- {n}" for n in draft.notices] + [""]
    return "\n".join(out)


_CSS = """
body { font: 16px/1.5 Georgia, serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1, h2, h3 { font-family: Helvetica, Arial, sans-serif; } h2 { border-bottom: 1px solid #999; margin-top: 2.5rem; }
.disclaimer { border: 1px solid #999; padding: .5rem .75rem; background: #f6f6f6; }
.meta, .cites { font-size: .8rem; color: #444; } .conflict { border-left: 4px solid #b00; padding-left: .5rem; }
table { border-collapse: collapse; font-size: .85rem; } td, th { border: 1px solid #bbb; padding: .25rem .4rem; }
@media print { .no-print { display: none; } h2 { break-before: page; } a { color: inherit; text-decoration: none; } }
"""


def to_html(draft: Draft) -> str:
    e = html.escape
    i = draft.inputs
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{e(TITLES['policy'])} — {e(i.clinic)}</title><style>{_CSS}</style></head><body>",
           f"<h1>{e(TITLES['policy'])} and consent form — {e(i.clinic)}</h1>",
           f'<p class="disclaimer">{e(draft.disclaimer)}</p>',
           f'<p class="meta">Drafted {e(draft.drafted_on.isoformat())} for {e(", ".join(i.jurisdictions))} · '
           f"{e(', '.join(i.professions))}</p>"]  # fmt: skip
    if draft.conflicts:
        out.append('<section class="no-print"><h2>Conflicts to resolve before use</h2><ul>')
        out += [f'<li class="conflict">{e(conflict_line(c))}</li>' for c in draft.conflicts]
        out.append("</ul></section>")
    for name in ("policy", "consent"):
        out += [f"<h2>{e(TITLES[name])}</h2>", f"<p><em>{e(INTROS[name])}</em></p>",
                f'<p class="disclaimer">{e(draft.disclaimer)}</p>']  # fmt: skip
        for element, clauses in _grouped(draft.document(name)):
            out.append(f"<h3>{e(ELEMENT_TITLES[element])}</h3>")
            for clause in clauses:
                text = "<br>".join(e(line) for line in clause.text.split("\n"))
                out.append(f'<p id="{e(clause.id)}">{text}</p>')
                links = "; ".join(f'<a href="{e(c.url, quote=True)}">{e(cite_label(c))}</a>' for c in clause.citations)
                out.append(f'<p class="cites">{e(kind_label(clause))}{" · Sources: " + links if links else ""}</p>')
                out += [f'<p class="conflict no-print">⚠ {e(conflict_line(c))}</p>'
                        for c in _conflicts_for(draft, clause.id)]  # fmt: skip
    out.append('<section class="no-print"><h2>Which code asks for what</h2><table>'
               "<tr><th>code</th><th>clauses (sections)</th></tr>")  # fmt: skip
    for code, items in draft.by_code().items():
        cells = "; ".join(f"{c.id} ({', '.join(s or 'unnumbered' for s in sections)})" for c, sections in items)
        out.append(f"<tr><td>{e(code)}</td><td>{e(cells)}</td></tr>")
    out.append("</table>")
    if draft.notices:
        out += ["<h2>Notes for staff</h2><ul>"] + [f"<li>{e(n)}</li>" for n in draft.notices] + ["</ul>"]
    out.append("</section></body></html>")
    return "\n".join(out)


def to_docx(draft: Draft) -> bytes:
    """The two documents as one Word file (python-docx), returned as bytes: nothing is written to disk."""
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    i = draft.inputs
    doc.add_heading(f"{TITLES['policy']} and consent form — {i.clinic}", level=0)
    doc.add_paragraph().add_run(draft.disclaimer).italic = True
    if draft.conflicts:
        doc.add_heading("Conflicts to resolve before use", level=1)
        for conflict in draft.conflicts:
            doc.add_paragraph(conflict_line(conflict), style="List Bullet")
    for name in ("policy", "consent"):
        doc.add_heading(TITLES[name], level=1)
        doc.add_paragraph(INTROS[name])
        doc.add_paragraph(draft.disclaimer)
        for element, clauses in _grouped(draft.document(name)):
            doc.add_heading(ELEMENT_TITLES[element], level=2)
            for clause in clauses:
                doc.add_paragraph(clause.text)
                sources = "; ".join(f"{cite_label(c)} <{c.url}>" for c in clause.citations)
                note = doc.add_paragraph()
                run = note.add_run(f"{kind_label(clause)}{' · Sources: ' + sources if sources else ''}")
                run.italic = True
                run.font.size = Pt(8)
                for conflict in _conflicts_for(draft, clause.id):
                    doc.add_paragraph(f"Conflict: {conflict_line(conflict)}").runs[0].bold = True
    doc.add_heading("Which code asks for what", level=1)
    table = doc.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text, table.rows[0].cells[1].text = "code", "clauses (sections)"
    for code, items in draft.by_code().items():
        row = table.add_row().cells
        row[0].text = code
        row[1].text = "; ".join(f"{c.id} ({', '.join(s or 'unnumbered' for s in sections)})" for c, sections in items)
    if draft.notices:
        doc.add_heading("Notes for staff", level=1)
        for notice in draft.notices:
            doc.add_paragraph(notice, style="List Bullet")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def check_to_json(result: CheckResult) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2)


def check_to_markdown(result: CheckResult) -> str:
    out = ["# Policy check", "", f"> {result.disclaimer}", "", f"{result.sentences} sentences read.", ""]
    out += ["| element | required | covered | how | sources |", "|---|---|---|---|---|"]
    for item in result.elements:
        sources = "; ".join(cite_label(c) for c in item.citations)
        req = "yes (" + ", ".join(item.required_by) + ")" if item.required else "recommended"
        where = f" (sentence {item.sentence})" if item.sentence else ""
        out.append(f"| {item.element} | {req} | {'yes' if item.covered else 'NO'} | {item.how}{where} | {sources} |")
    out.append("")
    out.append("Missing required elements: " + (", ".join(result.missing_required) or "none"))
    out.append("")
    if result.conflicts:
        out += ["## Sentences matching known conflicts", ""]
        for c in result.conflicts:
            where = f"{c.code} {c.section}" if c.section else c.code
            out.append(f"- sentence {c.sentence}: “{c.text}” — {c.choice}; {where}: {c.reason}")
        out.append("")
    if result.notices:
        out += ["## Notes", ""] + [f"- {n}" for n in result.notices] + [""]
    return "\n".join(out)
