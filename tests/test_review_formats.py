"""The review deliverables (HTML, Excel KKR, draft LHR, SARIF, JUnit) for the Blitar report and for
a report of another office (tests/fixtures/bpkad-polman-2022), read back. Expected figures are hand
arithmetic on what the reports print."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import REAL, ROOT
from lkjip_audit.cli import main

POLMAN = ROOT / "tests" / "fixtures" / "bpkad-polman-2022"
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
ALL = ("html", "xlsx", "docx", "sarif", "xml")


def _write_all(tmp_path, dataset, name, *extra) -> dict[str, Path]:
    outs = {ext: tmp_path / f"{name}.{ext}" for ext in ALL}
    argv = ["check", str(dataset), "--quick", *extra]
    for p in outs.values():
        argv += ["--output", str(p)]
    assert main(argv) == 1
    return outs


@pytest.fixture(scope="module")
def blitar(tmp_path_factory):
    return _write_all(tmp_path_factory.mktemp("blitar"), REAL, "blitar")


@pytest.fixture(scope="module")
def polman(tmp_path_factory):
    return _write_all(tmp_path_factory.mktemp("polman"), POLMAN, "polman")


class Page(HTMLParser):
    """Collects the findings (article.finding), the <mark> texts per finding, location rows and scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings, self.scripts, self.stack = [], [], []
        self.in_mark = self.in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.findings.append({"attrs": a, "marks": [], "lines": [], "text": ""})
        elif tag == "mark":
            self.in_mark = True
        elif tag == "tr" and "location" in (a.get("class") or "") and self.findings:
            self.findings[-1]["lines"].append(a.get("data-line"))
        elif tag == "script":
            self.in_script = True
            self.scripts.append(a)

    def handle_endtag(self, tag):
        if tag == "mark":
            self.in_mark = False
        elif tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_mark and self.findings:
            self.findings[-1]["marks"].append(data)
        if self.findings and not self.in_script:
            self.findings[-1]["text"] += data


def parse_html(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_html_blitar_findings_locations_and_highlighted_figures(blitar):
    html = blitar["html"].read_text(encoding="utf-8")
    page = parse_html(blitar["html"])
    # 7 errors + 5 warnings (tests/golden: KON001 x2, KON002, ANG002, CAP001 x2, CAP006; REN001 x3, REN002 x2)
    assert len(page.findings) == 12
    cap = [f for f in page.findings if f["attrs"]["data-rule"] == "CAP001" and "-731,00%" in f["text"]]
    assert len(cap) == 1
    # -7,31 / 1 x 100 = -731: printed -831 in the 7 places of README's table, each line highlighted
    assert sorted(cap[0]["lines"]) == sorted(["68", "259", "280", "401", "413", "427", "611"])
    assert "-731,00%" in cap[0]["text"]
    assert sorted(m.strip("()") for m in cap[0]["marks"]) == sorted(["-831,00%"] * 4 + ["-831%"] * 3)
    assert "Meningkatnya kesejahteraan PMKS" in cap[0]["text"]  # the printed row of line 259 shown
    assert "http://" not in html and "https://" not in html and "<link" not in html  # self-contained
    assert "@media print" in html and "size: A4" in html
    assert 'id="tidak-dievaluasi"' in html and "REN001" in html.split('id="tidak-dievaluasi"')[1]
    assert 'data-filter="severity"' in html and 'data-filter="rule"' in html and 'data-filter="section"' in html
    severities = [f["attrs"]["data-severity"] for f in page.findings]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)  # grouped by severity


def test_html_other_office_and_english(polman, tmp_path):
    page = parse_html(polman["html"])
    rules = sorted(f["attrs"]["data-rule"] for f in page.findings)
    assert rules == ["ANG001", "KON005"]
    ang = next(f for f in page.findings if f["attrs"]["data-rule"] == "ANG001")
    # 1.000.972.958 / 1.004.422.800 x 100 = 99,66 (printed 96.66 in line 11)
    assert ang["lines"] == ["11"] and ang["marks"] == ["96.66"] and "99,66%" in ang["text"]
    out = tmp_path / "en.html"
    assert main(["check", str(POLMAN), "--quick", "--lang", "en", "--output", str(out)]) == 1
    en = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in en and "Computation" in en and "Perhitungan" not in en


def test_xlsx_kkr_read_back(blitar, polman):
    from openpyxl import load_workbook

    wb = load_workbook(blitar["xlsx"])
    assert wb.sheetnames == ["Temuan", "Kertas Kerja Reviu", "Ringkasan"]
    ws = wb["Temuan"]
    header = [c.value for c in ws[2]]
    assert header[:2] == ["No", "Kode"] and header[-3:] == ["Tanggapan OPD", "Tindak lanjut", "Status"]
    assert "Lokasi (bagian / tabel / baris / halaman)" in header
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0] is not None]
    assert len(rows) == 12  # 7 errors + 5 warnings, as in tests/golden
    cap = next(r for r in rows if r[1] == "CAP001")
    assert cap[header.index("Tertulis")] == "-831,00%" and cap[header.index("Seharusnya")] == "-731,00%"
    assert "baris 259" in cap[header.index("Lokasi (bagian / tabel / baris / halaman)")]
    assert all(r[-3:] == (None, None, None) for r in rows)  # left for the office
    assert ws.freeze_panes == "A3" and ws.auto_filter.ref.startswith("A2:")
    assert ws.data_validations.dataValidation and "Selesai" in ws.data_validations.dataValidation[0].formula1
    kkr = wb["Kertas Kerja Reviu"]
    steps = [r for r in kkr.iter_rows(min_row=3, values_only=True) if r[0]]
    assert {r[2] for r in steps} == {"otomatis", "manual"}
    linked = [kkr.cell(i, 6) for i in range(3, 3 + len(steps)) if kkr.cell(i, 6).hyperlink]
    assert len(linked) >= 4  # KON, CAP, ANG, REN steps have findings in this report
    for c in linked:
        sheet, cell = c.hyperlink.location.split("!")
        assert sheet == "'Temuan'" and ws[cell].value == int(c.value.split()[0].lstrip("#"))
        assert ws.cell(ws[cell].row, 2).value == c.value.split()[1].rstrip(",")  # the row of the first finding named
    summ = [r for r in wb["Ringkasan"].iter_rows(min_row=3, values_only=True) if r[0]]
    assert summ[-1] == ("Jumlah", 7, 5, 0, 12)
    other = load_workbook(polman["xlsx"])["Temuan"]
    assert sorted(r[1] for r in other.iter_rows(min_row=3, values_only=True) if r[0]) == ["ANG001", "KON005"]


def test_lhr_docx_draft(blitar, polman):
    import docx

    for path, n, rules in ((blitar["docx"], 12, {"CAP001", "KON001"}), (polman["docx"], 2, {"ANG001", "KON005"})):
        d = docx.Document(str(path))
        text = "\n".join(p.text for p in d.paragraphs)
        for part in ("Dasar Reviu", "Ruang Lingkup", "Hasil Reviu", "Saran"):
            assert part in text
        table = d.tables[0]
        assert len(table.rows) == 1 + n
        assert rules <= {row.cells[1].text.split()[0] for row in table.rows[1:]}


def test_sarif_validates_against_the_2_1_0_schema(blitar, polman):
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    for path, n in ((blitar["sarif"], 12), (polman["sarif"], 2)):
        log = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft4Validator(schema).validate(log)
        results = log["runs"][0]["results"]
        assert len(results) == n
    log = json.loads(polman["sarif"].read_text(encoding="utf-8"))
    ang = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "ANG001")
    loc = ang["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("bpkad-polman-2022/laporan.txt")
    assert loc["region"]["startLine"] == 11 and loc["region"]["snippet"]["text"] == "96.66"
    line11 = (POLMAN / "laporan.txt").read_text(encoding="utf-8").split("\n")[10]
    assert line11[loc["region"]["startColumn"] - 1:loc["region"]["endColumn"] - 1] == "96.66"


def test_junit_read_back(blitar, polman):
    root = ET.parse(blitar["xml"]).getroot()
    failures = root.findall(".//failure")
    assert len(failures) == 7 and root.get("failures") == "7"  # the 7 errors fail; warnings do not
    cap = [c for c in root.iter("testcase") if c.get("name").startswith("CAP001")]
    assert len(cap) == 1 and cap[0].find("failure") is not None
    assert "-731,00%" in cap[0].find("failure").text
    other = ET.parse(polman["xml"]).getroot()
    assert sorted(c.get("name")[:6] for c in other.iter("testcase") if c.find("failure") is not None) == ["ANG001", "KON005"]


def test_output_format_inference_and_refusals(tmp_path, capsys):
    # unknown extension without --format, binary formats to stdout, an output named twice: exit 2
    assert main(["check", str(POLMAN), "--quick", "--output", str(tmp_path / "x.weird")]) == 2
    assert main(["check", str(POLMAN), "--quick", "--format", "xlsx"]) == 2
    twice = tmp_path / "a.html"
    assert main(["check", str(POLMAN), "--quick", "-o", str(twice), "-o", str(twice)]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and ".weird" in err
    assert not list(tmp_path.iterdir())  # refused before anything was written
    # --format given: applies to the output whatever its extension
    out = tmp_path / "report.txt"
    assert main(["check", str(POLMAN), "--quick", "--format", "sarif", "-o", str(out)]) == 1
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_output_never_overwrites_an_input_even_through_links(tmp_path, capsys):
    ds = tmp_path / "ds"
    ds.mkdir()
    for name in ("dataset.yaml", "laporan.txt"):
        (ds / name).write_bytes((POLMAN / name).read_bytes())
    before = (ds / "dataset.yaml").read_bytes()
    sym = tmp_path / "alias.html"
    sym.symlink_to(ds / "dataset.yaml")
    hard = tmp_path / "hard.xml"
    hard.hardlink_to(ds / "laporan.txt")
    for out in (sym, hard, ds / "laporan.txt"):
        assert main(["check", str(ds), "--quick", "--format", "html", "-o", str(out)]) == 2
    assert (ds / "dataset.yaml").read_bytes() == before
    assert "menolak menimpa" in capsys.readouterr().err


def test_html_of_a_report_file_lists_what_was_not_placed(tmp_path):
    """Read from its text, the Blitar report has the 8 garbled rows of the Lampiran I matrix
    that could not be placed (README); the HTML lists them with their place."""
    from conftest import SEED

    out = tmp_path / "seed.html"
    assert main(["check", str(SEED), "--quick", "-o", str(out)]) == 1
    html = out.read_text(encoding="utf-8")
    section = html.split('id="tidak-terbaca"')[1].split("</section>")[0]
    assert section.count('<tr class="unplaced">') == 8
    assert "<td>baris 463</td><td>Lampiran I</td>" in section


def test_several_outputs_check_the_report_once(tmp_path, monkeypatch):
    import lkjip_audit.engine.run as run

    calls = []
    real = run.audit
    monkeypatch.setattr(run, "audit", lambda *a, **k: calls.append(1) or real(*a, **k))
    outs = [tmp_path / f"r.{ext}" for ext in ("html", "xlsx", "json", "md", "sarif")]
    argv = ["check", str(POLMAN), "--quick"]
    for p in outs:
        argv += ["--output", str(p)]
    assert main(argv) == 1
    assert calls == [1] and all(p.stat().st_size > 0 for p in outs)
    assert json.loads(outs[2].read_text(encoding="utf-8"))["summary"]["findings"] == 2


def test_fields_other_helpers_add_to_a_finding_are_rendered(tmp_path):
    """A field the review model does not know (e.g. a root-cause link) reaches every format."""
    from conftest import RULES
    from lkjip_audit.engine.findings import Finding
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.dataset import load_dataset
    from lkjip_audit.reporters.formats import render
    from lkjip_audit.rulepack.loader import load_rules

    ruleset = load_rules(RULES, quick=True)
    real_result = audit(load_dataset(POLMAN, ruleset.concepts), ruleset)

    original = Finding.as_dict

    def with_cause(self, lang=None):
        return {**original(self, lang), "caused_by": "CAP001 IKU1 (akar masalah)"}

    Finding.as_dict = with_cause
    try:
        html, sarif = render("html", real_result, "error", "id"), render("sarif", real_result, "error", "id")
        junit = render("junit", real_result, "error", "id")
    finally:
        Finding.as_dict = original
    assert "<dt>caused_by</dt><dd><code>CAP001 IKU1 (akar masalah)</code></dd>" in html
    assert json.loads(sarif)["runs"][0]["results"][0]["properties"]["caused_by"] == "CAP001 IKU1 (akar masalah)"
    assert "caused_by: CAP001 IKU1 (akar masalah)" in junit
