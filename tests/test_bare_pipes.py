"""A pipe table written without its outer pipes (`a | b | c`, as GitHub Markdown allows) is a table;
a running title with one pipe stays text. Input: tests/fixtures/anggaran-p90-2022/laporan.txt, whose
README gives the hand arithmetic (every printed figure agrees)."""
import json
from pathlib import Path

from lkjip_audit.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "anggaran-p90-2022" / "laporan.txt"


def _check(path, tmp_path):
    out = tmp_path / "r.json"
    code = main(["check", str(path), "--quick", "--format", "json", "-o", str(out)])
    return code, json.loads(out.read_text(encoding="utf-8"))


def test_bare_pipe_tables_read_and_agree(tmp_path):
    code, report = _check(FIXTURE, tmp_path)
    # counted in laporan.txt: 6 budget rows x 3 figures (alokasi, realisasi, penyerapan) = 18, and the
    # belanja table's 3 rows (operasi, modal, total) x 2 figures = 6
    assert report["summary"]["facts"] == 24
    assert code == 0 and report["summary"]["by_severity"]["error"] == 0


def test_plain_mean_printed_for_a_programme_is_found(tmp_path):
    # P1's absorption is 1.115.000.000 / 1.250.000.000 = 89,20%; print the plain mean of its kegiatan
    # (87 + 98) / 2 = 92,50% instead
    text = FIXTURE.read_text(encoding="utf-8").replace("| 1.115.000.000 | 89,20", "| 1.115.000.000 | 92,50")
    assert text != FIXTURE.read_text(encoding="utf-8")
    changed = tmp_path / "laporan.txt"
    changed.write_text(text, encoding="utf-8")
    code, report = _check(changed, tmp_path)
    assert code == 1
    hits = [f for f in report["findings"] if f["severity"] == "error" and f["found_text"].startswith("92,50")]
    assert hits, [(f["rule"], f["found_text"]) for f in report["findings"]]
    assert abs(hits[0]["expected"] - 89.2) < 0.01


def test_running_title_with_one_pipe_stays_text(tmp_path):
    from lkjip_audit.readers.doc_text import read_text_document

    doc = read_text_document(Path("x.txt"), "LKjIP Pemerintah Kabupaten Tanah Datar | Tahun 2016 49\n"
                                            "Teks biasa.\n")
    assert not [b for b in doc.blocks if b.kind == "table"]
