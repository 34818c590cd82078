"""The real report as an office's PDF often is (issue 8): A4 portrait, narrow figure columns in which
long figures and names wrap ("20.483.638.3" / "50", "REALISA" / "SI"), tables over page breaks
with the header repeated, every second table on a landscape page, and one scanned page (no text
layer) inside. Built with fpdf2 (tests/build_docs.py), not with the reader's code.

Done-when of issue 8: the same error findings as the text, at least 95% of the text's figures,
no unreadable-number finding for a number a person can read, and the scanned page named."""
from __future__ import annotations

import json

import pytest

from build_docs import build_pdf_narrow
from conftest import SEED
from lkjip_audit.cli import main


def _check(capsys, path):
    code = main(["check", str(path), "--quick", "--format", "json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, err
    return code, json.loads(out)


@pytest.fixture(scope="module")
def narrow_pdf(tmp_path_factory):
    out = tmp_path_factory.mktemp("narrow") / "lkjip_narrow.pdf"
    # block 40 is in BAB I (text only): a scanned page there hides no table the text version has
    return build_pdf_narrow(SEED.read_text(encoding="utf-8"), out, landscape_every=2, scanned_page_at=40)


def _errors(doc):
    return sorted((f["rule"], f["subject"], f["found_text"]) for f in doc["findings"] if f["severity"] == "error")


def test_narrow_pdf_gives_the_errors_of_the_text(capsys, narrow_pdf):
    _, text = _check(capsys, SEED)
    code, pdf = _check(capsys, narrow_pdf)
    assert code == 1
    assert _errors(pdf) == _errors(text)
    # 305 figures in the text (the hand-made dataset); at least 95% of them read from the PDF
    assert text["summary"]["facts"] == 305
    assert pdf["summary"]["facts"] >= 0.95 * 305
    # wrapped numbers are joined by their digit grouping, never reported unreadable
    assert pdf["summary"]["unreadable"] == 0
    assert not [f for f in pdf["findings"] if f["rule"] == "NUM001"]
    # the scanned page is named, with what to do
    pages = [u for u in pdf["unplaced"] if u["kind"] == "halaman"]
    assert len(pages) == 1 and "tanpa lapisan teks" in pages[0]["reason"] and "OCR" in pages[0]["reason"]
