"""docs/symact.ipynb runs from top to bottom and shows the rich displays (LaTeX, HTML, SVG)."""
from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "symact.ipynb"


def test_notebook_executes_and_shows_rich_displays():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []  # executed afresh, not the committed outputs
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    kinds = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert out.output_type != "error", out
            kinds.update(out.get("data", {}))
    assert {"text/latex", "text/html", "image/svg+xml"} <= kinds
    html = [o["data"]["text/html"] for c in nb.cells for o in c.get("outputs", []) if "text/html" in o.get("data", {})]
    assert any("<code>range_has_both_signs</code>" in h for h in html)  # the property report
    assert any("failures of <code>" in h for h in html)  # the audit report with its failures
    claims = [h for h in html if "<code>sigmoid_deriv_le_quarter</code>" in h]   # the claim, then its outcome
    assert len(claims) == 2 and ">as expected<" not in claims[0] and ">proved<" in claims[1]
