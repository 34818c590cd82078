"""Names and text in a report are data, not markup: every review renderer escapes what it prints.
A copy of the shipped dataset gets hostile names (edited in its YAML text) and a hostile printed
line; each format is read back and the payload must come out as text, never as markup/formula."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from conftest import REAL, ROOT
from lkjip_audit.cli import main

PAYLOAD = '<script>alert(1)</script> [bold red]X[/] =HYPERLINK("http://evil/","klik") \x1b[31mESC | `tick` "q" \'s\' &amp;'
ESC_SAFE = PAYLOAD.replace("\x1b", "\ufffd")  # what XML-based formats can hold instead of ESC


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
    ds = d / "ds"
    ds.mkdir()
    text = (REAL / "dataset.yaml").read_text(encoding="utf-8")
    quoted = json.dumps(PAYLOAD)  # a JSON string is a valid YAML double-quoted scalar
    for old, new in (('name: "Persentase penurunan PMKS"}', f"name: {quoted}}}"),
                     ('title: "Tabel 3.1.1 Pencapaian Kinerja 2020"', f"title: {quoted}"),
                     ("  instansi: Dinas Sosial Kota Blitar\n", f"  instansi: {quoted}\n")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (ds / "dataset.yaml").write_text(text, encoding="utf-8")
    source = "000_9436e2d9426b5c76.txt"
    lines = (REAL / source).read_text(encoding="utf-8").split("\n")
    assert lines[258].endswith("\t-831%")
    lines[258] = PAYLOAD + "\t" + lines[258]  # line 259 as printed now carries the payload too
    (ds / source).write_text("\n".join(lines), encoding="utf-8")
    outs = {ext: d / f"out.{ext}" for ext in ("html", "xlsx", "docx", "sarif", "xml")}
    argv = ["check", str(ds), "--quick"]
    for p in outs.values():
        argv += ["-o", str(p)]
    assert main(argv) == 1
    return outs


class Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.data = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.data.append(data)


def test_html_escapes_content_and_attributes(hostile):
    html = hostile["html"].read_text(encoding="utf-8")
    page = Tags()
    page.feed(html)
    assert page.tags.count("script") == 1  # only the report's own filter script
    assert not any(name.startswith("on") or name == "src" for name, _ in page.attrs)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = "".join(page.data)
    assert ESC_SAFE in text  # the name comes back as text (title, messages, line 259); ESC is no text
    assert "\x1b" not in html
    assert "&amp;amp;" in html  # "&amp;" in the data is escaped once more, not passed through
    # the printed line 259 is shown with its payload escaped and the figure marked
    assert "-831%</mark>" in html.split("&lt;script&gt;alert(1)&lt;/script&gt;", 2)[-1]


def test_xlsx_writes_text_never_a_formula(hostile):
    from openpyxl import load_workbook

    wb = load_workbook(hostile["xlsx"])
    cells = [c for ws in wb for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert any(ESC_SAFE in str(c.value) for c in cells)


def test_xlsx_cells_starting_like_a_formula_stay_text(tmp_path):
    from openpyxl import Workbook, load_workbook

    from lkjip_audit.reporters.xlsx_report import safe_text

    wb = Workbook()
    values = ['=HYPERLINK("http://evil/","x")', "+1+2", "-3", "@SUM(A1)", "\t=1", "\r=1", "ok"]
    for i, v in enumerate(values, start=1):
        safe_text(wb.active.cell(i, 1), v)
    wb.save(tmp_path / "t.xlsx")
    back = load_workbook(tmp_path / "t.xlsx").active
    for i, v in enumerate(values, start=1):
        c = back.cell(i, 1)
        assert c.value == v and c.data_type == "s"
        assert c.quotePrefix == (v != "ok")


def test_sarif_junit_and_lhr_keep_the_payload_as_data(hostile):
    import docx
    import jsonschema

    log = json.loads(hostile["sarif"].read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text())).validate(log)
    assert any(PAYLOAD in r["message"]["text"] for r in log["runs"][0]["results"])
    root = ET.parse(hostile["xml"]).getroot()  # parses: ESC and markup were serialised safely
    assert any(ESC_SAFE in (f.get("message") or "") for f in root.iter("failure"))
    assert root.find(".//script") is None
    d = docx.Document(str(hostile["docx"]))
    cells = "\n".join(c.text for t in d.tables for row in t.rows for c in row.cells)
    assert ESC_SAFE in cells
