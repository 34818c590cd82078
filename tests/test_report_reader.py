"""Reading the submitted report itself (the text export of the real LKjIP): the extracted dataset
equals the hand-made one figure by figure, `check REPORT` gives the hand-made findings with the
report's lines, and any single altered figure gives a new error at the altered line."""
from __future__ import annotations

import json
from collections import Counter

import pandas as pd
import pytest

from conftest import REAL, SEED
from lkjip_audit.cli import main

# Facts the extractor legitimately cannot reproduce from the text export, as
# (concept, subject, period, text, line): none. The garbled Lampiran I matrix is read with the same
# reading the hand-made dataset documents (the tujuan block of line 463, the sasaran block of the
# rows 465/467/469, IKU1's row 463 skipped because its cells carry no "%"), and the rows it skips are
# listed as "tidak dikenali". Any regression shows up as a difference below.
EXPECTED_MISSING: list = []
EXPECTED_EXTRA: list = []


def _facts(df) -> Counter:
    return Counter((r.concept, r.subject, None if pd.isna(r.period) else int(r.period), r.text.strip(), int(r.line))
                   for r in df.itertuples())


def test_extracted_dataset_equals_the_hand_made_one_figure_by_figure(ruleset):
    from lkjip_audit.readers.dataset import load_dataset
    from lkjip_audit.readers.report import load_report

    hand = _facts(load_dataset(REAL, ruleset.concepts).facts)
    got = _facts(load_report(SEED, ruleset.concepts).facts)
    assert sorted((hand - got).elements()) == EXPECTED_MISSING
    assert sorted((got - hand).elements()) == EXPECTED_EXTRA
    assert sum(got.values()) == 305


def test_subjects_are_the_hand_made_ones(ruleset):
    from lkjip_audit.readers.dataset import load_dataset
    from lkjip_audit.readers.report import load_report

    hand = load_dataset(REAL, ruleset.concepts).subjects
    got = load_report(SEED, ruleset.concepts).subjects
    assert {k: v.kind for k, v in got.items()} == {k: v.kind for k, v in hand.items()}
    for key in ("IKU1", "IKU2", "IKU3", "IKU4"):
        for attr in ("sasaran", "program", "polarity", "formula"):
            assert got[key].attrs.get(attr) == hand[key].attrs.get(attr), (key, attr)
    for key in ("P1", "P4", "P7"):
        assert got[key].attrs["group"] == hand[key].attrs["group"]
    assert [got[f"K{i:02d}"].attrs["program"] for i in range(1, 50)] == \
           [hand[f"K{i:02d}"].attrs["program"] for i in range(1, 50)]


def _key(f) -> tuple:
    return (f["rule"], f["subject"], f["found"], f["expected"])


def test_check_report_gives_every_hand_made_finding_with_all_its_lines(capsys):
    assert main(["check", "--quick", str(REAL), "--format", "json"]) == 1
    hand = json.loads(capsys.readouterr().out)
    assert main(["check", "--quick", str(SEED), "--format", "json"]) == 1
    got = json.loads(capsys.readouterr().out)
    want = {_key(f): sorted(loc["line"] for loc in f["locations"]) for f in hand["findings"]}
    have = {_key(f): sorted(loc["line"] for loc in f["locations"]) for f in got["findings"]
            if not f["rule"].startswith("TKS")}
    assert have == want
    # and the text-level findings only a report file can give (rules/teks.yaml)
    text = {(f["rule"], tuple(sorted(loc["line"] for loc in f["locations"]))) for f in got["findings"]
            if f["rule"].startswith("TKS")}
    assert text == {("TKS001", (133,)), ("TKS002", (23,)), ("TKS002", (370,)), ("TKS002", (606,)),
                    ("TKS003", (28, 448, 577)), ("TKS003", (30,)), ("TKS003", (32,)), ("TKS006", (190,))}
    # the report-file run says where each place is and what it could not place
    cap = next(f for f in got["findings"] if f["rule"] == "CAP001")
    assert {loc["where"] for loc in cap["locations"]} >= {"baris 259", "baris 611"}
    assert got["summary"]["unplaced"] == len(got["unplaced"]) == 8
    assert {u["line"] for u in got["unplaced"]} == set(range(463, 471))
    assert all(u["reason"] and u["where"] for u in got["unplaced"])
    assert set(got["summary"]) >= set(hand["summary"])


# one alteration per category of the issue, on real lines of the seed: (line, printed, altered)
ALTERATIONS = {
    "budget line (Lampiran III)": (595, "17.823.573.700,00", "17.823.573.900,00"),
    "budget (BAB III B.2)": (406, "1.535.764.500", "1.535.764.900"),
    "realisasi (Tabel 3.2.1)": (300, "92,30%", "93,30%"),
    "realisasi anggaran (Lampiran IV)": (612, "824.412.750,00", "824.412.950,00"),
    "count in the narrative (PMKS 2019)": (280, "11.372 jiwa", "11.472 jiwa"),
    "count in the narrative (dilayani)": (322, "11.263 jiwa", "11.363 jiwa"),
    "count in the narrative (peserta)": (362, "132 orang", "142 orang"),
    "count of achieved indicators": (424, "3 indikator TERCAPAI", "2 indikator TERCAPAI"),
    "capaian in BAB IV": (428, "102,56%", "103,56%"),
    "share of budget": (392, "4,13%", "5,13%"),
    "efisiensi": (414, "1,05", "1,25"),
    "penyerapan": (406, "97,95%", "96,95%"),
    "status word": (428, "Tercapai", "Tidak Tercapai"),
    "target in the PK": (587, "90%", "95%"),
}


@pytest.fixture(scope="module")
def baseline(quick_ruleset):
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.report import load_report

    ruleset = quick_ruleset  # the reader is under test, not GX
    return {(f.rule.id, f.subject, f.found, f.expected) for f in audit(load_report(SEED, ruleset.concepts), ruleset).findings}


@pytest.mark.parametrize("what", list(ALTERATIONS))
def test_any_single_altered_figure_gives_a_new_error_at_the_altered_line(what, quick_ruleset, baseline, seed_text, tmp_path):
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.report import load_report

    ruleset = quick_ruleset
    line, old, new = ALTERATIONS[what]
    lines = seed_text.split("\n")
    assert lines[line - 1].count(old) == 1, (line, old)
    lines[line - 1] = lines[line - 1].replace(old, new)
    report = tmp_path / "altered.txt"
    report.write_text("\n".join(lines), encoding="utf-8")
    result = audit(load_report(report, ruleset.concepts), ruleset)
    new_errors = [f for f in result.findings if f.severity == "error"
                  and (f.rule.id, f.subject, f.found, f.expected) not in baseline]
    assert new_errors, what
    assert any(line in {loc.line for loc in f.locations} for f in new_errors), \
        [(f.rule.id, sorted(loc.line for loc in f.locations)) for f in new_errors]


def test_extract_writes_a_dataset_that_checks_like_the_report(capsys, tmp_path):
    out = tmp_path / "ds"
    assert main(["extract", str(SEED), "-o", str(out)]) == 0
    capsys.readouterr()
    text = (out / "dataset.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Dataset dibaca otomatis") and "Tidak terbaca / tidak dikenali: 8" in text
    assert "nama dicocokkan: P6" in text          # how sure a fuzzy name match is
    assert main(["check", "--quick", str(out), "--format", "json"]) == 1
    from_dataset = json.loads(capsys.readouterr().out)
    assert main(["check", "--quick", str(REAL), "--format", "json"]) == 1
    hand = json.loads(capsys.readouterr().out)
    assert sorted(map(_key, from_dataset["findings"])) == sorted(map(_key, hand["findings"]))
    assert "unplaced" not in from_dataset   # a dataset run has no document: no reader keys


def test_extract_refuses_to_overwrite_its_input(capsys, tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["extract", str(report), "-o", str(report)]) == 2
    assert "menolak" in capsys.readouterr().err
