"""Regenerate the review deliverables of the shipped report in reports/: the HTML report and the
Excel working paper (KKR), from one check (run from the project root):

    python tools/render_reports.py

which runs `lkjip-audit check datasets/dinsos-kota-blitar-2020 --output reports/dinsos-kota-blitar-2020.html
--output reports/dinsos-kota-blitar-2020.xlsx`. tests/test_review_reports.py fails when they are stale.
The screenshot reports/dinsos-kota-blitar-2020.html.png is written by tests/test_html_browser.py
(headless Chromium)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATASET = "datasets/dinsos-kota-blitar-2020"
OUTPUTS = ("reports/dinsos-kota-blitar-2020.html", "reports/dinsos-kota-blitar-2020.xlsx")


def argv() -> list[str]:
    args = ["check", DATASET]
    for out in OUTPUTS:
        args += ["--output", out]
    return args


if __name__ == "__main__":
    import os

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    from lkjip_audit.cli import main

    code = main(argv())
    sys.exit(0 if code in (0, 1) else code)
