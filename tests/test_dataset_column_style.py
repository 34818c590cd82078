"""Issue 8, item 5 (numbers): a dataset table of printed strings decides the dot per column
(numbers.column_style), as the report reader does, and says so on the figure. By hand: in a column
that prints "95.56", "97.32", "1.500", every value uses a point as its decimal mark, so "1.500" is
one and a half (not 1500); in a column of "90,5" and "88.4", the point is a decimal too, noted as
a column that mixes both; an Indonesian column keeps "1.500" = 1500."""
from __future__ import annotations

from lkjip_audit.readers.dataset import load_dataset

DATASET = """format: lkjip-dataset/1
submission: {instansi: Dinas Contoh Kota Contoh, tahun: 2022}
subjects:
  sasaran:
    S1: {line: 1, name: "Meningkatnya layanan"}
  iku:
    IKU1: {line: 2, sasaran: S1, name: "Indeks satu"}
    IKU2: {line: 3, sasaran: S1, name: "Indeks dua"}
    IKU3: {line: 4, sasaran: S1, name: "Indeks tiga"}
tables:
  - id: t1
    section: bab3
    title: "Tabel 3.1"
    line: 10
    columns:
      target: {concept: target, header: "Target"}
      realisasi: {concept: realisasi, header: "Realisasi"}
      capaian: {concept: capaian, header: "Capaian"}
    rows:
      - {line: 11, subject: IKU1, target: "95.56", realisasi: "1.500", capaian: "90,5"}
      - {line: 12, subject: IKU2, target: "97.32", realisasi: "1.500", capaian: "88.4"}
      - {line: 13, subject: IKU3, target: "1.500", realisasi: "1.500", capaian: "100"}
"""


def _facts(tmp_path, ruleset):
    f = tmp_path / "dataset.yaml"
    f.write_text(DATASET, encoding="utf-8")
    facts = load_dataset(f, ruleset.concepts).facts
    return {(r.subject, r.concept): r for r in facts.itertuples()}


def test_dot_decimals_are_decided_per_column_in_a_dataset(tmp_path, quick_ruleset):
    facts = _facts(tmp_path, quick_ruleset)
    # target column: 95.56, 97.32 -> point decimals; so its 1.500 is 1,5 and the figure says why
    assert facts[("IKU3", "target")].value == 1.5
    # (the target concept is in % and the cell has no % sign: noted too)
    assert facts[("IKU3", "target")].note.split("; ")[0] == "titik sebagai desimal (diputuskan per kolom)"
    assert facts[("IKU1", "target")].value == 95.56
    # realisasi column: only 1.500 -> Indonesian grouping, 1500, no note
    assert facts[("IKU1", "realisasi")].value == 1500.0
    assert "desimal" not in facts[("IKU1", "realisasi")].note     # only "tanpa tanda %"
    # capaian column: 90,5 (comma) and 88.4 (point): mixed, 88.4 read as 88,4 and noted
    assert facts[("IKU2", "capaian")].value == 88.4
    assert "kolom mencampur desimal titik dan koma" in facts[("IKU2", "capaian")].note
    assert facts[("IKU1", "capaian")].value == 90.5


def test_the_repair_note_reaches_the_finding_in_both_languages():
    from lkjip_audit.reporters.common import repaired

    assert repaired("titik sebagai desimal (diputuskan per kolom)", "en") == \
        "read with repair: point as decimal mark (decided per column)"
    assert repaired("titik sebagai desimal; kolom mencampur desimal titik dan koma", "en") == \
        "read with repair: point as decimal mark; the column mixes point and comma decimals"


def test_a_dot_decimal_after_the_cells_it_decides_still_decides_them(tmp_path, quick_ruleset):
    """The reader reads a table's cells before it has seen the whole column: a dot decimal in the
    last row (written as a cell with its own line) still makes the first row's "1.500" 1,5."""
    text = DATASET.replace('subject: IKU1, target: "95.56"', 'subject: IKU1, target: "1.500"').replace(
        'subject: IKU3, target: "1.500"', 'subject: IKU3, target: {text: "95.56", line: 14}')
    f = tmp_path / "dataset.yaml"
    f.write_text(text, encoding="utf-8")
    facts = {(r.subject, r.concept): r for r in load_dataset(f, quick_ruleset.concepts).facts.itertuples()}
    assert facts[("IKU1", "target")].value == 1.5 and facts[("IKU1", "target")].text == "1.500"
    assert facts[("IKU1", "target")].note.split("; ")[0] == "titik sebagai desimal (diputuskan per kolom)"
    assert facts[("IKU3", "target")].value == 95.56 and facts[("IKU3", "target")].line == 14
    # the other columns as before: realisasi Indonesian (1500), capaian mixed
    assert facts[("IKU1", "realisasi")].value == 1500.0
    assert "kolom mencampur desimal titik dan koma" in facts[("IKU2", "capaian")].note
