"""reports/ holds the HTML report and the Excel KKR of the shipped report; they must equal a fresh
run of `python tools/render_reports.py` (HTML: the same text; KKR: the same cell values)."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_shipped_html_and_kkr_are_up_to_date(tmp_path):
    from openpyxl import load_workbook

    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    out = subprocess.run([sys.executable, "-m", "lkjip_audit", "check", "datasets/dinsos-kota-blitar-2020",
                          "--output", str(html), "--output", str(xlsx)], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 1, out.stderr
    assert out.stdout == ""  # both reports written, nothing else printed
    stale = "reports/ is stale: regenerate with `python tools/render_reports.py`"
    shipped = ROOT / "reports" / "dinsos-kota-blitar-2020"
    assert html.read_text(encoding="utf-8") == shipped.with_suffix(".html").read_text(encoding="utf-8"), stale
    fresh, old = load_workbook(xlsx), load_workbook(shipped.with_suffix(".xlsx"))
    assert fresh.sheetnames == old.sheetnames, stale
    for name in fresh.sheetnames:
        values = lambda wb: [[c.value for c in row] for row in wb[name].iter_rows()]  # noqa: E731
        assert values(fresh) == values(old), stale
