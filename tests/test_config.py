"""The report's conventions in lkjip-audit.yaml: one test per key, strictness (file:line), where the
file is found, and --rules overlays. Expected values are hand arithmetic on the printed figures."""
from __future__ import annotations

import pytest

from conftest import REAL
from editing import apply_edits, load_plain, write_dataset
from lkjip_audit import config
from lkjip_audit.cli import main
from lkjip_audit.engine.run import audit
from lkjip_audit.errors import InputError
from lkjip_audit.readers.dataset import load_dataset


def _audit(quick_ruleset, tmp_path, conf: str, edits=()):
    folder = write_dataset(apply_edits(load_plain("dinsos-kota-blitar-2020"), list(edits)), tmp_path / "ds")
    (folder / config.FILE_NAME).write_text(conf, encoding="utf-8")
    ds = load_dataset(folder, quick_ruleset.concepts)
    config.apply(ds, config.settings_for(ds, config.find_files(folder, None)))
    return audit(ds, quick_ruleset)


def _fired(result, rule, subject=None):
    return [f for f in result.findings if f.rule.id == rule and (subject is None or f.subject == subject)]


def test_indicators_by_name_pattern_declare_polarity_and_convention(quick_ruleset, tmp_path):
    """IKU2 declared lower-is-better, T/R: 90 / 92,30 x 100% = 97,51%, printed 102,56% -> CAP003."""
    r = _audit(quick_ruleset, tmp_path, "indicators:\n  - match: {name: '*rehabilitasi sosial*'}\n"
                                  "    polarity: lower\n    convention: ratio\n")
    [f] = _fired(r, "CAP003", "IKU2")
    assert f.expected == pytest.approx(90 / 92.30 * 100, abs=0.01)
    assert not _fired(r, "CAP001", "IKU2")


def test_indicators_by_key_with_the_deviation_convention(quick_ruleset, tmp_path):
    """(T - (R - T)) / T = (90 - 2,30) / 90 = 97,44%: CAP002 expects it for IKU2."""
    r = _audit(quick_ruleset, tmp_path, "indicators:\n  - match: {key: IKU2}\n    polarity: lower\n    convention: deviation\n")
    [f] = _fired(r, "CAP002", "IKU2")
    assert f.expected == pytest.approx((90 - (92.30 - 90)) / 90 * 100, abs=0.01)


def test_rounding_truncate_makes_printed_figures_half_open_upwards(quick_ruleset, tmp_path):
    """Truncated, 99% stands for [99, 100): with realisasi 99,9 / target 100 the capaian 99% agrees."""
    edits = [{"subject": "IKU3", "concept": "realisasi", "text": "99,9%"},
             {"subject": "IKU3", "concept": "capaian", "text": "99%"}]
    assert _fired(_audit(quick_ruleset, tmp_path / "a", "rounding: round\n", edits), "CAP001", "IKU3")
    assert not _fired(_audit(quick_ruleset, tmp_path / "b", "rounding: truncate\n", edits), "CAP001", "IKU3")


def test_rounding_tables_apply_to_the_matching_tables_only(quick_ruleset, tmp_path):
    edits = [{"subject": "IKU3", "concept": "realisasi", "text": "99,9%"},
             {"subject": "IKU3", "concept": "capaian", "text": "99%"}]
    r = _audit(quick_ruleset, tmp_path, "rounding_tables: {'lampiran4-*': truncate}\n", edits)
    lines = {loc.line for f in _fired(r, "CAP001", "IKU3") for loc in f.locations}
    assert 613 not in lines and 336 in lines  # Lampiran IV truncates, BAB III rounds


@pytest.mark.parametrize("cap,expected", [("none", 181.8), ("100", 100.0), ("120", 120.0)])
def test_capaian_cap(quick_ruleset, tmp_path, cap, expected):
    """IKU4: 18,18 / 10 x 100% = 181,8%; capped at 100 or 120 when the report caps."""
    r = _audit(quick_ruleset, tmp_path, f"capaian_cap: {cap}\n")
    got = [f for f in _fired(r, "CAP001", "IKU4") if 61 in {loc.line for loc in f.locations}]
    if cap == "none":
        assert not got  # 181,80% agrees
    else:
        assert got and got[0].expected == pytest.approx(expected)


def test_status_scale_permendagri_86_2017(quick_ruleset, tmp_path):
    """IKU2 capaian 102,56% is 'Sangat Tinggi' (>= 91); the printed 'Tercapai' is not that scale."""
    r = _audit(quick_ruleset, tmp_path, "status_scale: permendagri_86_2017\n")
    assert any(f.expected == "Sangat Tinggi" for f in _fired(r, "STA001", "IKU2"))
    r = _audit(quick_ruleset, tmp_path / "b", "status_scale: permendagri_86_2017\n",
               [{"subject": s, "concept": "status", "text": "Sangat Tinggi"} for s in ("IKU2", "IKU3", "IKU4")])
    assert not [f for f in _fired(r, "STA001") if f.subject != "IKU1"]


def test_status_bands_custom(quick_ruleset, tmp_path):
    conf = ("status_scale: custom\nstatus_bands:\n  - {min: 150, label: Melampaui}\n"
            "  - {min: 100, label: Tercapai}\n  - {min: 0, label: Tidak Tercapai}\n")
    r = _audit(quick_ruleset, tmp_path, conf)
    assert [f.expected for f in _fired(r, "STA001", "IKU4")] == ["Melampaui"]  # 181,8 >= 150
    assert not _fired(r, "STA001", "IKU2")  # 102,56: Tercapai, as printed


@pytest.mark.parametrize("how,expected", [("mean", None), ("minimum", 100.0), ("weighted", (3 * 100 + 181.8) / 4)])
def test_sasaran_aggregation(quick_ruleset, tmp_path, how, expected):
    """S3 prints 140,90% = (100 + 181,80) / 2; minimum 100; weighted 3:1 (IKU3 weight 3) 120,45."""
    r = _audit(quick_ruleset, tmp_path, f"sasaran_aggregation: {how}\n", [{"subject": "IKU3", "attrs": {"weight": 3}}])
    got = _fired(r, "CAP005", "S3")
    if expected is None:
        assert not got
    else:
        assert got and got[0].expected == pytest.approx(expected, abs=0.06)


def test_efisiensi_method_declared_is_not_recomputed(quick_ruleset, tmp_path):
    assert _fired(_audit(quick_ruleset, tmp_path / "a", "efisiensi_method: capaian_penyerapan\n"), "ANG002", "IKU1")
    assert not _fired(_audit(quick_ruleset, tmp_path / "b", "efisiensi_method: declared\n"), "ANG002")


def test_budget_structure_btl_bl_checks_apbd_operasi_modal_does_not(quick_ruleset, tmp_path):
    """BTL + BL = APBD holds only before Permendagri 90/2019 (belanja operasi/modal after 2021)."""
    edits = [{"subject": "APBD", "concept": "anggaran", "text": "Rp. 24.434.942.000,00"}]
    assert _fired(_audit(quick_ruleset, tmp_path / "a", "budget_structure: btl_bl\n", edits), "TOT004")
    assert not _fired(_audit(quick_ruleset, tmp_path / "b", "budget_structure: operasi_modal\n", edits), "TOT004")


def test_lower_is_better_printed_as_t_over_r_is_inferred_and_stated(quick_ruleset, tmp_path):
    """Nothing declared; IKU2 lower-is-better printing 90 / 92,30 = 97,51%: no capaian error, one
    info line naming T/R with the evidence."""
    r = _audit(quick_ruleset, tmp_path, "rounding: round\n", [{"subject": "IKU2", "attrs": {"polarity": "lower", "convention": None}},
                                       {"subject": "IKU2", "concept": "capaian", "text": "97,51%"}])
    assert not [f for f in r.findings if f.rule.id.startswith("CAP") and f.subject == "IKU2" and f.severity == "error"]
    [info] = _fired(r, "CAP007", "IKU2")
    assert info.severity == "info" and "T/R" in info.message("id") and "90 / 92,30" in info.why["id"]


# -- strictness and where the file comes from -----------------------------------------------------
def test_unknown_key_and_value_are_file_line_errors(tmp_path):
    f = tmp_path / "lkjip-audit.yaml"
    f.write_text("capaian_cap: 110\nstatus_skala: x\nindicators:\n  - match: {key: IKU1}\n    polarity: up\n",
                 encoding="utf-8")
    settings, problems = config.load(f)
    text = "\n".join(map(str, problems))
    assert f"{f}:1:" in text and "110" in text
    assert f"{f}:2:" in text and "status_skala" in text
    assert f"{f}:5:" in text and "polarity" in text


def test_report_file_overrides_the_pemda_wide_config(capsys, tmp_path, quick_ruleset):
    import shutil

    folder = tmp_path / "ds"
    shutil.copytree(REAL, folder)
    pemda = tmp_path / "pemda.yaml"
    pemda.write_text("efisiensi_method: declared\ncapaian_cap: 100\n", encoding="utf-8")
    ds = load_dataset(folder, quick_ruleset.concepts)
    s = config.settings_for(ds, config.find_files(folder, pemda))
    assert s["efisiensi_method"] == "declared" and s["capaian_cap"] == 100
    (folder / "lkjip-audit.yaml").write_text("capaian_cap: none\n", encoding="utf-8")
    s = config.settings_for(ds, config.find_files(folder, pemda))
    assert s["efisiensi_method"] == "declared" and s["capaian_cap"] == "none"
    (folder / "lkjip-audit.yaml").write_text("capaian_cap: 7\n", encoding="utf-8")
    code = main(["check", str(folder), "--quick", "--config", str(pemda)])
    err = capsys.readouterr().err
    assert code == 2 and "lkjip-audit.yaml:1:" in err and "Traceback" not in err


def test_rules_overlay_adds_packs_and_overrides_by_id(capsys, tmp_path):
    over = tmp_path / "over"
    over.mkdir()
    (over / "mine.yaml").write_text(
        "pack: mine\nrules:\n  - id: ANG002\n    title: {id: a, en: a}\n    message: {id: 'x {found}', en: 'x {found}'}\n"
        "    severity: warning\n    reference: docs/domain.md\n    check: efisiensi\n    for_each: iku\n"
        "    expect: capaian / penyerapan * 100\n", encoding="utf-8")
    code = main(["check", str(REAL), "--quick", "--rules", str(over), "--format", "json", "--select", "ANG,CAP001"])
    import json

    doc = json.loads(capsys.readouterr().out)
    ang = [f for f in doc["findings"] if f["rule"] == "ANG002"]
    assert ang and all(f["severity"] == "warning" for f in ang)        # overridden by id
    assert any(f["rule"] == "CAP001" for f in doc["findings"]) and code == 1  # the shipped packs still run
    code = main(["check", str(REAL), "--quick", "--rules", str(over), "--no-default-rules", "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert {f["rule"] for f in doc["findings"]} == {"ANG002"} and code == 0
