"""Contact policies for clinics (issue 17): draft a cited contact policy and an electronic-communication
consent form from the codes that bind a clinic's professions, flag choices a binding code forbids or
conditions, and check an existing policy for missing elements and known conflicts.

Modules in the order a draft is made: ``models`` (inputs and outputs), ``data`` (elements, clause
templates and the conflict catalogue, all YAML in ``data/``), ``select`` (bindings.yaml -> the codes in
scope), ``draft``, ``check`` (an existing policy), ``render`` (Markdown, HTML, DOCX, JSON), ``adopt``
(the corpus policy format, for "use as this clinic's policy").
"""
