"""Hostile rule packs: nothing a rule pack says reaches an evaluator unchecked (issue 11).

Every field that is evaluated (formulas, conditions, GX arguments, message templates) is checked
when the pack loads, and what cannot be proven safe is refused as `file:line: ...` (exit 2).
The known escapes are tried: dunder attributes through every evaluator, format strings, the
pandas query path of GX, YAML tricks.
"""
from __future__ import annotations

import re
import shutil
import time

import pytest

from conftest import REAL, RULES
from lkjip_audit.cli import main
from lkjip_audit.errors import InputError
from lkjip_audit.rulepack.loader import load_rules
from lkjip_audit.rulepack.messages import render


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "kesalahan internal" not in err and "internal error" not in err
    return code, out, err


def rules_copy(tmp_path, pack: str | None = None, old: str | None = None, new: str | None = None):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    if pack is not None:
        f = rules / pack
        text = f.read_text(encoding="utf-8")
        assert old in text, old
        f.write_text(text.replace(old, new, 1), encoding="utf-8")
    return rules


def problems_of(rules, check_gx=False, **kw) -> list[str]:
    with pytest.raises(InputError) as e:
        load_rules(rules, check_gx=check_gx, **kw)
    return [str(p) for p in e.value.problems]


CAP001_EXPECT = "    expect: capped(realisasi / target * 100)\n"


@pytest.mark.parametrize("expr,needle", [
    ("'-'*490+'1'", "teks"),
    ("realisasi*1j", "kompleks"),
    ("'a'*10000000000", "teks"),
    ("min()", "min() menerima"),
    ("max()", "max() menerima"),
    ("abs(realisasi, target)", "abs() menerima"),
    ("b'abc'", "bytes"),
    ("sum_of('anggaran', 'program', **key)", "argumen **"),
    ("realisasi * " + "9" * 40, "bilangan sebesar"),
    ("realisasi ** 2", "pangkat"),
    ("realisasi.__class__", "atribut"),
    ("(1).__class__.__subclasses__()", "tidak diizinkan"),
    ("key.__class__.__mro__", "atribut"),
    ("realisasi[0]", "subskrip"),
    ("(lambda: 1)()", "lambda"),
    ("[x for x in key]", "comprehension"),
    ("__import__('os').system('true')", "tidak diizinkan"),
    ("value('capaian', key, exec='1')", "tidak menerima"),
    ("f'{key}'", "f-string"),
    ("realisasi // target", "pembagian bulat"),
])
def test_unsafe_expressions_are_refused_with_file_and_line(tmp_path, expr, needle):
    rules = rules_copy(tmp_path, "capaian.yaml", CAP001_EXPECT, f'    expect: "{expr}"\n')
    probs = problems_of(rules)
    f = rules / "capaian.yaml"
    # the expect line of CAP001 is line 18 of the shipped pack (counted in the file)
    line = f.read_text(encoding="utf-8").splitlines().index(f'    expect: "{expr}"') + 1
    assert any(p.startswith(f"{f}:{line}:") and needle in p for p in probs), probs


@pytest.mark.parametrize("template,needle", [
    ("tertulis {found!z}", "tidak diizinkan"),
    ("tertulis {found!r}", "tidak diizinkan"),
    ("tertulis {found:{expected}}", "tanpa pasangan"),
    ("tertulis {found:>1999999999}", "tidak diizinkan"),
    ("tertulis {found.__class__.__init__.__globals__}", "tidak diizinkan"),
    ("tertulis {found[0]}", "tidak diizinkan"),
    ("tertulis {0}", "tidak diizinkan"),
    ("tertulis {}", "tidak diizinkan"),
    ("tertulis {found", "tanpa pasangan"),
    ("tertulis found}", "tanpa pasangan"),
    ("tertulis {nama_lain}", "tidak dikenal"),
])
def test_message_format_tricks_are_refused_at_load(tmp_path, template, needle):
    old = 'id: "Capaian {subject_name} tertulis {found}, padahal realisasi / target x 100% = {expected}."'
    rules = rules_copy(tmp_path, "capaian.yaml", old, f'id: "Capaian {template}"')
    probs = problems_of(rules)
    f = rules / "capaian.yaml"
    assert any(p.startswith(f"{f}:11:") and needle in p for p in probs), probs


def test_messages_are_rendered_by_name_only():
    # even a template that was never checked cannot format, convert or reach attributes
    params = {"found": "12,5%"}
    assert render("a {found} b {{x}}", params) == "a 12,5% b {x}"
    t0 = time.perf_counter()
    assert render("{found:>1999999999}{found!r}{found.__class__}", params) == \
        "{found:>1999999999}{found!r}{found.__class__}"
    assert time.perf_counter() - t0 < 0.5


def test_an_assert_rule_cannot_print_a_found_value_it_does_not_have(tmp_path):
    # CAP004 is an `assert` rule: it has no printed figure, so {found} would always be empty
    rules = rules_copy(tmp_path)
    f = rules / "capaian.yaml"
    text = f.read_text(encoding="utf-8")
    start = text.index("  - id: CAP004")
    msg = text.index("      id: ", text.index("    message:", start))
    text = text[:msg] + "      id: \"{found} tidak jelas\"\n" + text[text.index("\n", msg) + 1:]
    f.write_text(text, encoding="utf-8")
    line = text[:msg].count("\n") + 1
    probs = problems_of(rules)
    assert any(p.startswith(f"{f}:{line}:") and "{found}" in p for p in probs), probs


@pytest.mark.parametrize("old,new,needle", [
    ("    exact: false\n", '    exact: "no"\n', "'exact' harus true atau false"),
    ("    periodic: true\n", "    periodic: maybe\n", "'periodic' harus true atau false"),
])
def test_concept_flags_must_be_real_booleans(tmp_path, old, new, needle):
    rules = rules_copy(tmp_path, "concepts.yaml", old, new)
    probs = problems_of(rules)
    assert any(p.startswith(f"{rules / 'concepts.yaml'}:") and needle in p for p in probs), probs


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
def test_threshold_must_be_a_finite_number(tmp_path, value):
    text = (RULES / "lintas_tahun.yaml").read_text(encoding="utf-8")
    m = re.search(r"^    threshold: .*$", text, re.M)
    rules = rules_copy(tmp_path, "lintas_tahun.yaml", m.group(0), f"    threshold: {value}")
    line = text[:m.start()].count("\n") + 1
    probs = problems_of(rules)
    assert any(p.startswith(f"{rules / 'lintas_tahun.yaml'}:{line}:") for p in probs), probs


# -- GX: the pandas query path ---------------------------------------------------------------
EXPLOIT = 'value.__class__.__init__.__globals__["sys"].modules["os"].system("touch {marker}")'


def _pack_with_row_condition(tmp_path, condition: str):
    rules = rules_copy(tmp_path)
    f = rules / "mutu_data.yaml"
    text = f.read_text(encoding="utf-8")
    anchor = "    args:\n      column_A: anggaran\n"
    assert anchor in text
    cond = condition.replace("'", "''")
    text = text.replace(anchor, f"    args:\n      row_condition: '{cond}'\n      column_A: anggaran\n", 1)
    f.write_text(text, encoding="utf-8")
    line = text[:text.index("      row_condition: ")].count("\n") + 1
    return rules, f, line


@pytest.mark.parametrize("condition,needle", [
    (EXPLOIT, "tidak diizinkan"),
    ("anggaran.__class__ == 1", "atribut"),
    ("__builtins__ == 1", "nama"),
    ("@pd == 1", "tidak sah"),
    ("anggaran > ", "tidak sah"),
    ("anggaran.isnull()", "tidak diizinkan"),
    ("anggaran @ realisasi_anggaran", "operator"),
])
def test_row_condition_outside_the_small_language_is_refused_at_load(tmp_path, condition, needle):
    marker = tmp_path / "pwned"
    rules, f, line = _pack_with_row_condition(tmp_path, condition.format(marker=marker))
    probs = problems_of(rules)  # refused without importing GX
    assert any(p.startswith(f"{f}:{line}:") and needle in p for p in probs), probs
    assert not marker.exists()


def test_row_condition_exploit_never_runs_in_a_check(capsys, tmp_path):
    """The whole command with GX: exit 2 at load, and the shell command never ran."""
    marker = tmp_path / "pwned"
    rules, f, line = _pack_with_row_condition(tmp_path, EXPLOIT.format(marker=marker))
    code, out, err = run(capsys, "check", REAL, "--rules", rules, "--select", "MUT001")
    assert code == 2 and f"{f}:{line}:" in err
    assert not marker.exists()


def test_gx_build_refuses_an_unchecked_row_condition():
    """Defence in depth: even a rule that skipped the loader cannot hand GX a query."""
    from lkjip_audit.gx.spec import build

    with pytest.raises(ValueError, match="row_condition"):
        build("expect_column_values_to_not_be_null", {"column": "x", "row_condition": "x.__class__ == 1"})


@pytest.mark.parametrize("regex", ["(a+)+$", "(a|aa)*b", "(.*a){20}", "^(\\d+)*$", "(x+x+)+y"])
def test_catastrophic_regexes_are_refused_at_load(tmp_path, regex):
    rules = rules_copy(tmp_path)
    f = rules / "mutu_data.yaml"
    rule = f"""
  - id: MUT099
    kind: expectation
    title: {{id: Pola, en: Pattern}}
    message: {{id: "{{subject_name}} {{found}}", en: "{{subject_name}} {{found}}"}}
    severity: warning
    reference: uji
    table: "*"
    expectation: expect_column_values_to_match_regex
    args: {{column: label, regex: '{regex}'}}
"""
    f.write_text(f.read_text(encoding="utf-8") + rule, encoding="utf-8")
    line = f.read_text(encoding="utf-8").splitlines().index(f"    args: {{column: label, regex: '{regex}'}}") + 1
    probs = problems_of(rules)
    assert any(p.startswith(f"{f}:{line}:") and "bersarang" in p for p in probs), probs


def test_quick_filter_reads_the_parsed_yaml_not_the_raw_text(tmp_path):
    """`kind: "expect\\x61tion"` is `expectation` once parsed: --quick must skip that pack too
    (and with it GX and its pandas query path)."""
    rules = rules_copy(tmp_path)
    f = rules / "mutu_data.yaml"
    f.write_text(f.read_text(encoding="utf-8").replace("kind: expectation", 'kind: "expect\\x61tion"')
                 .replace("expectation: expect_", '"expect\\x61tion": expect_'), encoding="utf-8")
    assert "expectation" not in re.sub(r"#.*", "", f.read_text(encoding="utf-8")).replace("expectations", "")
    quick = load_rules(rules, quick=True, check_gx=False)
    assert "mutu_data" not in quick.packs
    assert not [r for r in quick.rules if r.kind == "expectation"]
    full = load_rules(rules, check_gx=False)
    assert "mutu_data" in full.packs and len([r for r in full.rules if r.kind == "expectation"]) == 10


# -- YAML tricks ----------------------------------------------------------------------------------
def alias_bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    prev = "a"
    for i in range(levels):
        name = f"n{i}"
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
        prev = name
    return "\n".join(lines) + "\n"


def test_alias_bomb_in_a_rule_pack_is_refused_quickly(capsys, tmp_path):
    rules = rules_copy(tmp_path)
    bomb = rules / "bom.yaml"
    bomb.write_text("pack: bom\n" + alias_bomb(), encoding="utf-8")
    assert len(bomb.read_bytes()) < 30_000   # 9^10 = 3.5 billion strings once expanded
    t0 = time.perf_counter()
    code, out, err = run(capsys, "rules", "--rules", rules)
    assert code == 2 and f"{bomb}: alias YAML" in err
    assert time.perf_counter() - t0 < 20


def test_alias_bomb_in_a_dataset_is_refused_quickly(capsys, tmp_path):
    ds = tmp_path / "ds"
    ds.mkdir()
    (ds / "dataset.yaml").write_text(alias_bomb(), encoding="utf-8")
    t0 = time.perf_counter()
    code, out, err = run(capsys, "check", ds, "--quick")
    assert code == 2 and "alias YAML" in err
    assert time.perf_counter() - t0 < 20


def test_a_few_ordinary_aliases_still_load(tmp_path):
    from lkjip_audit.yamlio import load_yaml

    f = tmp_path / "x.yaml"
    f.write_text("base: &b {unit: '%'}\nx: *b\ny: *b\n", encoding="utf-8")
    assert load_yaml(f)["y"] == {"unit": "%"}


@pytest.mark.parametrize("text,line", [
    ("a: 1\n? [x, y]\n: 2\n", 2),
    ("a: 1\nb: 2\n? {x: 1}\n: 3\n", 3),
])
def test_unhashable_keys_are_file_line_problems(capsys, tmp_path, text, line):
    ds = tmp_path / "ds"
    ds.mkdir()
    (ds / "dataset.yaml").write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check", ds, "--quick")
    assert code == 2 and f"{ds / 'dataset.yaml'}:{line}: kunci mapping" in err


def test_a_line_number_must_be_a_plausible_line(capsys, tmp_path):
    ds = tmp_path / "ds"
    ds.mkdir()
    text = (REAL / "dataset.yaml").read_text(encoding="utf-8")
    first = re.search(r"\{line: (\d+), subject: IKU1", text)
    text = text[:first.start(1)] + "1.0e+23" + text[first.end(1):]
    (ds / "dataset.yaml").write_text(text, encoding="utf-8")
    line = text[:first.start()].count("\n") + 1
    code, out, err = run(capsys, "check", ds, "--quick")
    assert code == 2 and f"dataset.yaml:{line}:" in err and "di luar batas" in err
    assert "99999999999999991611392" not in err


@pytest.mark.parametrize("expr", ["name * 1000000", "key + key", "-polarity"])
def test_arithmetic_on_text_attributes_is_refused(tmp_path, expr):
    rules = rules_copy(tmp_path, "capaian.yaml", CAP001_EXPECT, f'    expect: "{expr}"\n')
    assert any(":18:" in p and "teks" in p for p in problems_of(rules))


def test_a_value_of_the_wrong_type_at_run_time_is_not_evaluable_not_a_crash(capsys, tmp_path):
    """`realisasi > 'a'` passes the load-time checks (a comparison) but cannot be computed."""
    rules = rules_copy(tmp_path, "capaian.yaml", CAP001_EXPECT, '    expect: "realisasi if realisasi > \'a\' else target"\n')
    code, out, err = run(capsys, "check", REAL, "--quick", "--rules", rules, "--select", "CAP001", "--format", "json")
    assert code == 0
    import json

    doc = json.loads(out)
    assert any(n["rule"] == "CAP001" and "dapat dihitung" in n["reason"] for n in doc["not_evaluated"])
