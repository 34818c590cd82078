"""Budgets after Permendagri 90/2019: kegiatan and sub-kegiatan rows with their own allocation,
spending and absorption (read from a report's budget table and from a dataset), sums up the
levels, the group's absorption as Σ realisasi / Σ anggaran (and the plain mean named when that is
what is printed), and belanja operasi + modal (+ tidak terduga + transfer where printed) = total.
Every expected figure is hand arithmetic on the printed numbers (in the comments)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from editing import apply_edits, load_plain, write_dataset
from lkjip_audit import config
from lkjip_audit.cli import main
from lkjip_audit.engine.run import audit
from lkjip_audit.readers.dataset import load_dataset
from lkjip_audit.readers.report import extract_file

ROOT = Path(__file__).resolve().parents[1]
POLMAN = ROOT / "tests" / "corpus" / "bpkad_kab_polewali_mandar_2022_pengukuran_subbid_anggaran.txt"
FIXTURE = "fixtures/anggaran-p90-2022"


def _edited_corpus(tmp_path, line: int, old: str, new: str) -> Path:
    lines = POLMAN.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    out = tmp_path / "polman.txt"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def _check(capsys, path, select="ANG,TOT", *extra):
    code = main(["check", str(path), "--quick", "--format", "json", "--select", select, *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, json.loads(out)


def test_report_budget_rows_are_placed_as_kegiatan_and_sub_kegiatan():
    # "Kegiatan :" (line 33) opens the kegiatan of line 34; "Sub-Kegiatan :" (line 35) the two
    # sub-kegiatan of lines 36 and 37, which belong to that kegiatan
    ex = extract_file(POLMAN)
    subjects = ex.doc["subjects"]
    assert "program" not in subjects
    (kkey, keg), = subjects["kegiatan"].items()
    assert keg["line"] == 34 and keg["name"] == "Koordinasi dan Penyusunan Rencana Anggaran Daerah"
    subs = subjects["subkegiatan"]
    assert sorted(v["line"] for v in subs.values()) == [36, 37]
    assert all(v["kegiatan"] == kkey for v in subs.values())
    (table,) = [t for t in ex.doc["tables"] if any(c["concept"] == "penyerapan" for c in t["columns"].values())]
    assert [r["subject"] for r in table["rows"]] == [kkey, *sorted(subs, key=lambda k: subs[k]["line"])]


def test_report_kegiatan_absorption_printed_as_plain_mean_is_named(capsys, tmp_path):
    # the kegiatan's 99.66 replaced by the plain mean of its sub-kegiatan, (99.62 + 99.80) / 2 = 99.71;
    # Σ realisasi / Σ anggaran = (805,369,584 + 195,603,374) / (808,430,200 + 195,992,600)
    # = 1,000,972,958 / 1,004,422,800 = 99.6565% -> 99.66
    code, doc = _check(capsys, _edited_corpus(tmp_path, 34, "99.66", "99.71"))
    assert code == 1
    by_rule = {f["rule"]: f for f in doc["findings"]}
    assert set(by_rule) == {"ANG008", "ANG012"}
    f = by_rule["ANG012"]
    assert f["found"] == pytest.approx(99.71) and f["expected"] == pytest.approx(99.6565, abs=0.001)
    assert "(99.62 + 99.80) / 2 = 99,71%" in f["why"] and "rata-rata biasa" in f["why"]
    assert [loc["line"] for loc in f["locations"] if loc["role"] == "found"] == [34]
    # ANG008 computes the kegiatan from its own row, with no remark on a mean
    assert "rata-rata" not in by_rule["ANG008"]["why"]


def test_report_sub_kegiatan_budgets_must_add_up_to_the_kegiatan(capsys, tmp_path):
    # SK1's allocation 808,430,200 misprinted 818,430,200: the kegiatan prints 1,004,422,800 while
    # 818,430,200 + 195,992,600 = 1,014,422,800 (ANG010); SK1's own absorption
    # 805,369,584 / 818,430,200 = 98.40% is not the printed 99.62 (ANG008); the kegiatan's 99.66 is
    # not (805,369,584 + 195,603,374) / 1,014,422,800 = 98.67% (ANG012). The sum corrects nothing
    # (which row is misprinted is not known), so the kegiatan's own 1,000,972,958 / 1,004,422,800
    # still agrees with its 99.66 (no ANG008 on the kegiatan).
    code, doc = _check(capsys, _edited_corpus(tmp_path, 36, "808,430,200", "818,430,200"))
    assert code == 1
    got = {(f["rule"], f["locations"][0]["line"]): f for f in doc["findings"]}
    assert set(got) == {("ANG010", 34), ("ANG008", 36), ("ANG012", 34)}
    assert got[("ANG010", 34)]["found"] == 1004422800 and got[("ANG010", 34)]["expected"] == 1014422800
    assert got[("ANG008", 36)]["expected"] == pytest.approx(98.404, abs=0.001)
    assert got[("ANG012", 34)]["expected"] == pytest.approx(98.674, abs=0.001)


def _fixture_audit(ruleset, tmp_path, edits=(), conf=None):
    folder = write_dataset(apply_edits(load_plain(FIXTURE), list(edits)), tmp_path / "ds")
    ds = load_dataset(folder, ruleset.concepts)
    if conf is not None:
        (folder / config.FILE_NAME).write_text(conf, encoding="utf-8")
        config.apply(ds, config.settings_for(ds, config.find_files(folder, None)))
    return audit(ds, ruleset)


def _fired(result, rule):
    return [f for f in result.findings if f.rule.id == rule]


def test_fixture_is_clean(quick_ruleset, tmp_path):
    assert _fixture_audit(quick_ruleset, tmp_path).findings == []


def test_programme_absorption_as_plain_mean_shows_both_computations(quick_ruleset, tmp_path):
    # P1 printed 92,50 = (87,00 + 98,00) / 2; Σ realisasi / Σ anggaran = 1.115.000.000 / 1.250.000.000 = 89,20%
    r = _fixture_audit(quick_ruleset, tmp_path,
                       [{"table": "bab3-anggaran-kegiatan", "line": 10, "column": "penyerapan", "text": "92,50"}])
    [f] = _fired(r, "ANG011")
    assert f.why["id"].startswith("1.115.000.000 / 1.250.000.000 × 100% = 89,20%")
    assert "(87,00 + 98,00) / 2 = 92,50%" in f.why["id"]
    assert "plain mean" in f.why["en"] and "rata-rata" not in f.why["en"]


def test_a_wrong_group_absorption_that_is_not_the_mean_gets_no_mean_remark(quick_ruleset, tmp_path):
    # P1 printed 90,00: neither 89,20 (weighted) nor 92,50 (plain mean)
    r = _fixture_audit(quick_ruleset, tmp_path,
                       [{"table": "bab3-anggaran-kegiatan", "line": 10, "column": "penyerapan", "text": "90,00"}])
    [f] = _fired(r, "ANG011")
    assert "rata-rata" not in f.why["id"] if isinstance(f.why, dict) else "rata-rata" not in f.why


def test_belanja_tidak_terduga_counts_where_printed(quick_ruleset, tmp_path):
    # a Belanja Tidak Terduga row of 50.000.000 is added: 1.100.000.000 + 150.000.000 + 50.000.000
    # = 1.300.000.000, against the printed total 1.250.000.000; the line shows no rule syntax
    doc = load_plain(FIXTURE)
    doc["tables"][1]["rows"].insert(2, {"line": 21, "subject": "TT", "label": "Belanja Tidak Terduga",
                                        "anggaran": "50.000.000", "realisasi_anggaran": "0"})
    folder = write_dataset(doc, tmp_path / "ds")
    r = audit(load_dataset(folder, quick_ruleset.concepts), quick_ruleset)
    [f] = _fired(r, "TOT006")
    assert f.expected == 1300000000 and f.found == 1250000000
    assert f.why == "1.100.000.000 + 150.000.000 + 50.000.000 = 1.300.000.000"
    assert not _fired(r, "TOT007")  # 1.000.000.000 + 115.000.000 + 0 = 1.115.000.000


def test_budget_structure_selects_operasi_modal_or_btl_bl(quick_ruleset, tmp_path):
    edits = [{"table": "bab3-jenis-belanja", "line": 21, "column": "anggaran", "text": "1.300.000.000"}]
    assert _fired(_fixture_audit(quick_ruleset, tmp_path / "a", edits, "budget_structure: operasi_modal\n"), "TOT006")
    assert not _fired(_fixture_audit(quick_ruleset, tmp_path / "b", edits, "budget_structure: btl_bl\n"), "TOT006")


def test_total_row_printed_as_plain_mean_of_the_programmes_is_named(quick_ruleset, tmp_path):
    # Blitar B.2 JUMLAH (line 408) printed 97,96% = (98,15 + 97,49 + 97,95 + 98,24) / 4 = 391,83 / 4;
    # Σ realisasi / Σ anggaran of the technical programmes = 20.096.269.225 / 20.483.638.350 = 98,11%
    edits = [{"table": "bab3-b2-jumlah", "line": 408, "column": "penyerapan", "text": "97,96%"}]
    folder = write_dataset(apply_edits(load_plain("dinsos-kota-blitar-2020"), edits), tmp_path / "ds")
    r = audit(load_dataset(folder, quick_ruleset.concepts), quick_ruleset)
    [f] = [f for f in _fired(r, "ANG001") if f.subject == "TEKNIS"]
    assert f.expected == pytest.approx(98.1089, abs=0.001)
    assert "(98,15 + 97,49 + 97,95 + 98,24) / 4 = 97,96%" in f.why["id"]
