"""The corpus rekap in HTML and Excel (issue 12 item 1), read back with html.parser and openpyxl."""
from __future__ import annotations

from html.parser import HTMLParser

from conftest import ROOT

from lkjip_audit.cli import main
from lkjip_audit.corpus.rekap import RENDERERS, Rekap


def _row(inp, instansi, tahun, errors, warnings, passed, status="checked", reason=None, top=()):
    return {"input": inp, "status": status, "reason": reason, "instansi": instansi, "tahun": tahun,
            "errors": errors, "warnings": warnings, "infos": 0, "unplaced": 0, "unreadable_figures": 0,
            "not_evaluated": 0, "top_rules": list(top), "passed": passed, "pages": None}


HOSTILE = Rekap([_row("a/<script>alert(1)</script>.txt", "Dinas <b>X</b>", 2021, 2, 1, False, top=[("CAP001", 2)]),
                 _row("b/=HYPERLINK(\"http://x\").txt", "=1+1", 2021, 0, 0, True),
                 _row("c/rusak.pdf", None, None, 0, 0, False, status="unreadable", reason="PDF <rusak>")], "error")


class Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows, self.tags, self._cell = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self._cell)
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data


def test_html_rekap_is_a_table_of_the_rows_with_every_value_escaped():
    p = Cells()
    p.feed(RENDERERS["html"](HOSTILE, "id"))
    assert "script" not in p.tags and "b" not in p.tags  # the names are text, not markup
    assert p.rows[0] == ["Laporan", "Instansi", "Tahun", "Kesalahan", "Peringatan", "Info", "Tak terbaca",
                         "Tak diperiksa", "Aturan teratas", "Hasil"]
    assert p.rows[1] == ["a/<script>alert(1)</script>.txt", "Dinas <b>X</b>", "2021", "2", "1", "0", "0", "0",
                         "CAP001×2", "GAGAL"]
    assert p.rows[2][0] == 'b/=HYPERLINK("http://x").txt' and p.rows[2][-1] == "LULUS"
    assert p.rows[3][-1] == "TIDAK TERBACA"
    assert len(p.rows) == 4


def test_xlsx_rekap_has_text_cells_never_formulas(tmp_path):
    from openpyxl import load_workbook

    f = tmp_path / "r.xlsx"
    f.write_bytes(RENDERERS["xlsx"](HOSTILE, "en"))
    ws = load_workbook(f).active
    assert ws.cell(1, 1).value == "3 reports: 1 passed, 1 failed, 1 unreadable (fail level: error)"
    assert [c.value for c in ws[2]][:10] == ["Report", "Office", "Year", "Errors", "Warnings", "Infos", "Unread",
                                             "Not evaluated", "Top rules", "Result"]
    assert [c.value for c in ws[3]][:10] == ["a/<script>alert(1)</script>.txt", "Dinas <b>X</b>", "2021", 2, 1, 0, "0",
                                             0, "CAP001×2", "FAILED"]
    assert ws.cell(4, 1).data_type == "s"
    assert ws.cell(4, 2).data_type == "s" and ws.cell(4, 2).quotePrefix  # "=1+1" stays text, never a formula
    assert ws.cell(4, 2).value == "=1+1"
    assert ws.cell(5, 10).value == "UNREADABLE" and ws.cell(5, 11).value == "PDF <rusak>"


def test_check_of_two_datasets_writes_both_rekaps(tmp_path, capsys):
    from openpyxl import load_workbook

    html, xlsx = tmp_path / "rekap.html", tmp_path / "rekap.xlsx"
    code = main(["check", str(ROOT / "datasets" / "dinsos-kota-blitar-2019"),
                 str(ROOT / "datasets" / "dinsos-kota-blitar-2020"), "--quick", "--no-cache",
                 "--output", str(html), "--output", str(xlsx)])
    assert code == 1  # the 2020 report has errors
    p = Cells()
    p.feed(html.read_text(encoding="utf-8"))
    assert [r[-1] for r in p.rows[1:]] == ["LULUS", "GAGAL"]
    ws = load_workbook(xlsx).active
    assert [ws.cell(r, 10).value for r in (3, 4)] == ["LULUS", "GAGAL"]
    assert ws.cell(4, 3).value == "2020"
