"""`history` in corpus mode gives, for every consecutive pair, what `check YEAR --previous YEAR-1`
gives, and its trend table shows the figure the single check decides is right (issue 12, point 5).

Expected values come from the README's documented behaviour of the shipped report and from hand
arithmetic: the capaian of "Persentase penurunan PMKS" 2020 is -7,31 / 1 x 100 = -731%; the report
prints -731,00% once (Ringkasan C) and -831% seven times; CAP001 decides that -731% is right."""
from __future__ import annotations

import json

from conftest import DATASETS, REAL
from lkjip_audit.cli import main

PREV = DATASETS / "dinsos-kota-blitar-2019"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "internal error" not in out + err
    return code, out, err


def _pmks_2020_capaian(trend: dict) -> dict:
    row = next(r for r in trend["indicators"] if r["keys"].get("2020") == "IKU1")
    return row["years"]["2020"]["capaian"]


def test_history_trend_shows_the_capaian_the_formula_decides(capsys):
    """The trend of `history` was built without the formula rules that decide which copy is right:
    the majority (-831% x7) was shown as the figure and the right -731% as the odd one out."""
    code, out, _ = run(capsys, "history", PREV, REAL, "--quick", "--format", "json")
    assert code == 1
    cell = _pmks_2020_capaian(json.loads(out)["trend"])
    assert cell["text"] == "-731,00%"
    assert cell["variants"] == [{"text": "-831,00%", "count": 7}]
    assert cell["findings"] == ["CAP001", "KON001"]


def test_history_terminal_trend_marks_the_wrong_copies(capsys):
    """README: the trend table marks a figure with a finding, with its other printed values
    (`-731,00% / -831,00% ×7 [CAP001, KON001]`)."""
    code, out, _ = run(capsys, "history", PREV, REAL, "--quick")
    assert code == 1
    assert "-731,00% / -831,00% ×7 [CAP001, KON001]" in out
    assert "-831,00% / -731,00% ×1" not in out
