"""Units per indicator and per column: a target in Rupiah, orang, dokumen, hari or indeks is not a
percentage. The unit comes from `iku.unit` in a dataset and from the Satuan column of a report; the
percentage-only check (MUT003, 0-100%) leaves such a target alone and no message prints it with a
% sign. Expected figures are hand arithmetic on the printed numbers."""
from __future__ import annotations

import json
from pathlib import Path

from editing import apply_edits, load_plain, write_dataset
from lkjip_audit.cli import main
from lkjip_audit.engine.run import audit
from lkjip_audit.readers.dataset import load_dataset
from lkjip_audit.readers.report import extract_file, load_report

ROOT = Path(__file__).resolve().parents[1]
POLMAN = ROOT / "tests" / "corpus" / "bpkad_kab_polewali_mandar_2022_pengukuran_subbid_anggaran.txt"
LINE20 = "persen 95.56 93 93 97.32"


def _polman(tmp_path, new: str) -> Path:
    lines = POLMAN.read_text(encoding="utf-8").split("\n")
    assert LINE20 in lines[19]
    lines[19] = lines[19].replace(LINE20, new)
    out = tmp_path / "polman.txt"
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def test_satuan_column_gives_each_indicator_its_unit(quick_ruleset):
    # the page prints "persen" for the first indicator and "dokumen" for the other two
    ex = extract_file(POLMAN)
    assert [v.get("unit") for v in ex.doc["subjects"]["iku"].values()] == ["persen", "dokumen", "dokumen"]
    ds = load_report(POLMAN, quick_ruleset.concepts)
    units = {(f.subject, f.concept): f.unit for f in ds.facts.itertuples() if f.concept in ("target", "realisasi")}
    assert units[("IKU1", "target")] == "%" and units[("IKU2", "target")] == "dokumen"
    assert units[("IKU3", "realisasi")] == "dokumen"


def test_rupiah_target_from_the_satuan_column_is_not_a_percentage(quick_ruleset, tmp_path):
    # "rupiah 5000000 4866000 4866000 97.32": 4.866.000 / 5.000.000 x 100% = 97,32%, as printed
    ds = load_report(_polman(tmp_path, "rupiah 5000000 4866000 4866000 97.32"), quick_ruleset.concepts)
    (target,) = [f for f in ds.facts.itertuples() if f.subject == "IKU1" and f.concept == "target"]
    assert target.unit == "Rp" and target.value == 5000000
    assert not [f for f in audit(ds, quick_ruleset).findings if f.subject == "IKU1"]


def _mut003(capsys, path) -> list:
    code = main(["check", str(path), "--format", "json", "--select", "MUT003"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and code in (0, 1)
    return [f for f in json.loads(out)["findings"] if f["rule"] == "MUT003"]


def test_percentage_range_check_skips_a_rupiah_target(capsys, tmp_path):
    # GX under test: MUT003 (0 <= x <= 100 for a target in %) flags 5000000 "persen", not 5000000 "rupiah"
    assert _mut003(capsys, _polman(tmp_path, "persen 5000000 4866000 4866000 97.32"))
    assert not _mut003(capsys, _polman(tmp_path, "rupiah 5000000 4866000 4866000 97.32"))


def _blitar_iku2(quick_ruleset, tmp_path, unit):
    # IKU2's targets printed as plain numbers "90" (no % sign); the Renstra matrix says 85 for 2020
    edits = [{"subject": "IKU2", "concept": "target", "text": "90"}]
    if unit:
        edits.insert(0, {"subject": "IKU2", "attrs": {"unit": unit}})
    ds = load_dataset(write_dataset(apply_edits(load_plain("dinsos-kota-blitar-2020"), edits), tmp_path), quick_ruleset.concepts)
    return ds, audit(ds, quick_ruleset)


def test_iku_unit_in_a_dataset_is_the_unit_of_its_target(quick_ruleset, tmp_path):
    ds, result = _blitar_iku2(quick_ruleset, tmp_path / "orang", "orang")
    assert {f.unit for f in ds.facts.itertuples() if f.subject == "IKU2" and f.concept == "target"} == {"orang"}
    [ren] = [f for f in result.findings if f.rule.id == "REN001" and f.subject == "IKU2" and f.period == 2020]
    assert ren.message("id").endswith("mencantumkan 85.") and "%" not in ren.expected_text()
    # without the declared unit the same figure is a percentage: "85%"
    _, plain = _blitar_iku2(quick_ruleset, tmp_path / "plain", None)
    [ren] = [f for f in plain.findings if f.rule.id == "REN001" and f.subject == "IKU2" and f.period == 2020]
    assert ren.expected_text() == "85%"
