"""A dataset or rule pack with a mistake is reported as `file:line: what is wrong`, never run."""
from __future__ import annotations

import shutil

import pytest

from conftest import REAL, RULES
from editing import apply_edits, load_plain, write_dataset
from lkjip_audit.errors import InputError
from lkjip_audit.readers.dataset import load_dataset
from lkjip_audit.rulepack.expr import ExprError, compile_expr
from lkjip_audit.rulepack.loader import load_rules

CONCEPTS = {"capaian", "realisasi", "target", "anggaran"}


def _problems(fn, *a):
    with pytest.raises(InputError) as e:
        fn(*a)
    return [str(p) for p in e.value.problems]


def _write(tmp_path, text):
    f = tmp_path / "dataset.yaml"
    f.write_text(text, encoding="utf-8")
    return f


def test_unknown_subject_key_names_file_and_line(tmp_path, ruleset):
    text = (REAL / "dataset.yaml").read_text(encoding="utf-8").replace("subject: IKU1,", "subject: IKU9,", 1)
    f = _write(tmp_path, text)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "IKU9" in l)
    probs = _problems(load_dataset, f, ruleset.concepts)
    assert f"{f}:{line}: subjek 'IKU9' tidak dikenal (tidak ada di 'subjects')" in probs


def test_unknown_concept_and_column_and_key(tmp_path, ruleset):
    doc = load_plain("dinsos-kota-blitar-2020")
    doc["tables"][0]["columns"]["target"]["concept"] = "targett"
    doc["tables"][1]["rows"][0]["capaiann"] = "1%"
    doc["tables"][2]["colour"] = "red"
    folder = write_dataset(doc, tmp_path / "ds")
    probs = " | ".join(_problems(load_dataset, folder, ruleset.concepts))
    assert "kunci 'colour' tidak dikenal" in probs and "dataset.yaml:" in probs


def test_semantic_problems_are_all_reported(tmp_path, ruleset):
    doc = load_plain("dinsos-kota-blitar-2020")
    doc["tables"][0]["columns"]["target"]["concept"] = "targett"
    doc["tables"][1]["rows"][0]["capaiann"] = "1%"
    folder = write_dataset(doc, tmp_path / "ds")
    probs = " | ".join(_problems(load_dataset, folder, ruleset.concepts))
    assert "konsep 'targett' tidak dikenal" in probs
    assert "kolom 'capaiann' tidak dideklarasikan" in probs


def test_dataset_without_figures(tmp_path, ruleset):
    f = _write(tmp_path, "format: lkjip-dataset/1\nsubmission: {instansi: X, tahun: 2020}\nsubjects: {}\ntables: []\n")
    assert any("tidak memuat satu angka pun" in p for p in _problems(load_dataset, f, ruleset.concepts))


def test_unreadable_figure_is_a_finding_not_an_error(tmp_path, quick_ruleset):
    ruleset = quick_ruleset  # NUM001 is not a GX rule
    from lkjip_audit.engine.run import audit

    doc = apply_edits(load_plain("dinsos-kota-blitar-2020"),
                      [{"table": "bab3-3.1.1", "line": 259, "column": "realisasi", "text": "-7,31-8,00%"}])
    ds = load_dataset(write_dataset(doc, tmp_path / "ds"), ruleset.concepts)
    result = audit(ds, ruleset)
    [f] = [f for f in result.findings if f.rule.id == "NUM001"]
    assert f.locations[0].line == 259 and "rentang" in f.message()


def test_pandera_guards_the_fact_table(ruleset):
    from lkjip_audit.readers.facts import validate_facts

    ds = load_dataset(REAL, ruleset.concepts)
    bad = ds.facts.copy()
    bad.loc[3, "status"] = "ok"
    bad.loc[3, "value"] = None
    bad.loc[5, "line"] = 0
    probs = _problems(validate_facts, bad, ruleset.concepts, "x.yaml")
    assert any(f"tabel {bad.loc[3, 'table']}, baris {bad.loc[3, 'row']}" in p for p in probs)
    assert any("line" in p for p in probs)


@pytest.mark.parametrize("expr,needle", [
    ("capaian.real", "akses atribut"),
    ("capaian[0]", "subskrip"),
    ("capaian ** 2", "pangkat"),
    ("(lambda: 1)()", "lambda"),
    ("__import__('os')", "fungsi '__import__' tidak dikenal"),
    ("open('x')", "fungsi 'open' tidak dikenal"),
    ("capaiann / 2", "nama 'capaiann' tidak dikenal"),
    ("sum_of('uang', 'program')", "harus nama konsep"),
    ("sum_of('anggaran', 'dinas')", "harus nama jenis subjek"),
    ("[x for x in range(9)]", "comprehension"),
    ("1 +", "tidak sah"),
    ("1" * 600, "terlalu panjang"),
])
def test_expression_language_refuses_unsafe_or_unknown(expr, needle):
    with pytest.raises(ExprError) as e:
        compile_expr(expr, CONCEPTS, CONCEPTS)
    assert needle in str(e.value)


def test_expression_language_accepts_the_rule_vocabulary():
    e = compile_expr("(2 - realisasi / target) * 100 if polarity == 'lower' else capaian_prev", CONCEPTS, CONCEPTS)
    assert {"realisasi", "target", "polarity", "capaian_prev"} <= e.names


@pytest.mark.parametrize("old,new,needle", [
    ("    severity: error\n", "    severity: fatal\n", "nilai 'fatal' tidak sah"),
    ("    check: anggaran\n", "    check: anggaran\n    colour: red\n", "kunci 'colour' tidak dikenal"),
    ("    check: anggaran\n", "    check: uang\n", "konsep 'uang' tidak dikenal"),
    ("  - id: TOT002\n", "  - id: TOT001\n", "id aturan 'TOT001' sudah dipakai"),
    ("Belanja Langsung tertulis {found}", "Belanja Langsung tertulis {found.__class__}", "tidak diizinkan"),
    ("pack: total\n", "pack: total\nrules: [\n", "YAML tidak sah"),
])
def test_rule_pack_mistakes(tmp_path, old, new, needle):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    f = rules / "total.yaml"
    text = f.read_text(encoding="utf-8")
    assert old in text
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    probs = _problems(load_rules, rules)
    assert any(needle in p and p.startswith(f"{f}:") for p in probs), probs
