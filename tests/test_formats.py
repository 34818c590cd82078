"""The same report as a Word file and as a PDF (built here from the text export) gives the same
findings as the text, with paragraph / table-row (DOCX) and page (PDF) provenance."""
from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pytest

from build_docs import build_docx, build_image_pdf, build_pdf
from conftest import SEED
from lkjip_audit.cli import main


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_text):
    d = tmp_path_factory.mktemp("formats")
    return {"docx": build_docx(seed_text, d / "lkjip.docx"), "pdf": build_pdf(seed_text, d / "lkjip.pdf")}


def _check(capsys, path) -> dict:
    code = main(["check", "--quick", str(path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 1, err
    assert "Traceback" not in out + err
    return json.loads(out)


@pytest.fixture(scope="module")
def text_report():
    import io
    from contextlib import redirect_stdout

    buf = io.StringIO()
    with redirect_stdout(buf):
        assert main(["check", "--quick", str(SEED), "--format", "json"]) == 1
    return json.loads(buf.getvalue())


def _key(f):
    return (f["rule"], f["subject"], str(f["found"]), str(f["expected"]))


def test_docx_gives_the_same_findings_with_paragraph_and_table_provenance(capsys, built, text_report):
    got = _check(capsys, built["docx"])
    assert got["submission"]["report_format"] == "docx"
    want = {_key(f): sorted(loc["line"] for loc in f["locations"]) for f in text_report["findings"]}
    have = {_key(f): sorted(loc["line"] for loc in f["locations"]) for f in got["findings"]}
    # one Word paragraph or table row per text line: the running numbers equal the text lines
    assert have == want
    wheres = [loc["where"] for f in got["findings"] for loc in f["locations"]]
    assert all(w.startswith(("paragraf ", "tabel ")) for w in wheres), wheres
    cap = next(f for f in got["findings"] if f["rule"] == "CAP001")
    assert any(loc["where"].startswith("tabel ") and " baris " in loc["where"] for loc in cap["locations"])
    assert any(loc["where"].startswith("paragraf ") for loc in cap["locations"])  # the narrative
    assert got["summary"]["unplaced"] == text_report["summary"]["unplaced"]


def test_pdf_gives_the_same_findings_with_page_provenance(capsys, built, text_report):
    got = _check(capsys, built["pdf"])
    assert got["submission"]["report_format"] == "pdf"
    want = Counter((_key(f), len(f["locations"])) for f in text_report["findings"])
    have = Counter((_key(f), len(f["locations"])) for f in got["findings"])
    assert have == want
    for f in got["findings"]:
        for loc in f["locations"]:
            assert loc["page"] and loc["page"] >= 1 and loc["where"].startswith(f"halaman {loc['page']} ")
    assert got["summary"]["facts"] == text_report["summary"]["facts"]
    assert got["summary"]["unplaced"] == text_report["summary"]["unplaced"]


def test_pdf_facts_equal_the_text_facts_and_a_table_crosses_a_page_break(ruleset, built):
    from lkjip_audit.readers.report import load_report

    def facts(df):
        return Counter((r.concept, r.subject, None if pd.isna(r.period) else int(r.period), r.text.strip())
                       for r in df.itertuples())

    pdf = load_report(built["pdf"], ruleset.concepts)
    assert facts(pdf.facts) == facts(load_report(SEED, ruleset.concepts).facts)
    pages = pdf.facts.groupby("table")["page"].nunique()
    assert pages.max() >= 2, "no table continued over a page break in the built PDF"


def test_pdf_without_text_layer_is_refused_clearly(capsys, tmp_path):
    pdf = build_image_pdf(tmp_path / "scan.pdf")
    assert main(["check", str(pdf)]) == 2
    out, err = capsys.readouterr()
    assert "tanpa lapisan teks" in err and "OCR" in err and "Traceback" not in out + err


@pytest.mark.parametrize("name,data", [("broken.docx", b"PK\x03\x04not a real zip"), ("broken.pdf", b"%PDF-1.4 garbage"),
                                       ("empty.docx", b"")])
def test_broken_docx_and_pdf_give_one_clear_message(capsys, tmp_path, name, data):
    f = tmp_path / name
    f.write_bytes(data)
    assert main(["check", str(f)]) == 2
    out, err = capsys.readouterr()
    assert str(f) in err and "Traceback" not in out + err
