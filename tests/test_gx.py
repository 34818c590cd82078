"""Great Expectations as a rule backend (rules/mutu_data.yaml, lkjip_audit/gx/)."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from conftest import REAL, ROOT, RULES
from editing import apply_edits, load_plain, write_dataset
from lkjip_audit.engine.run import audit
from lkjip_audit.errors import InputError
from lkjip_audit.readers.dataset import load_dataset
from lkjip_audit.rulepack.loader import RuleSet, load_rules

OVER_BUDGET = {"table": "lampiran4-pengukuran", "line": 612, "column": "realisasi_anggaran", "text": "900.000.000,00"}
NEGATIVE_COUNT = {"table": "lampiran2-rkt", "line": 501, "column": "target", "text": "-5 org"}
DUPLICATE_IKU = {"table": "bab4-kesimpulan", "line": 428, "column": "subject", "text": "IKU1"}


@pytest.fixture(autouse=True)
def _indonesian():
    """Each test starts in Indonesian: a CLI call in this process with --lang en sets the language
    for whatever test this xdist worker runs next (these tests read the Indonesian reasons)."""
    from lkjip_audit.i18n import set_lang

    set_lang("id")
    yield
    set_lang("id")


def _altered(tmp_path, *edits):
    return write_dataset(apply_edits(load_plain("dinsos-kota-blitar-2020"), list(edits)), tmp_path / "ds")


def _cli(*args, cwd=ROOT):
    """The command in this process (GX is imported once per test session, not once per call)."""
    import contextlib
    import io
    from types import SimpleNamespace

    from lkjip_audit.cli import main as cli_main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli_main([str(a) for a in args])
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def _found_lines(f):
    return sorted(loc.line for loc in f.locations if loc.role == "found")


def test_real_report_gets_no_gx_finding_and_every_expectation_runs(real_result):
    assert not [f for f in real_result.findings if f.rule.id.startswith("MUT")]
    assert not [k for k in real_result.stats.not_evaluable if k[0].startswith("MUT")]
    assert real_result.gx["expectations"] >= 10 and "gx_s" in real_result.timings


def test_altered_dataset_fires_the_matching_expectations_with_row_locations(tmp_path, ruleset):
    folder = _altered(tmp_path, OVER_BUDGET, NEGATIVE_COUNT, DUPLICATE_IKU)
    result = audit(load_dataset(folder, ruleset.concepts), ruleset)
    gx = {f.rule.id: f for f in result.findings if f.rule.id.startswith("MUT")}
    assert set(gx) == {"MUT001", "MUT002", "MUT004"}, [f.message() for f in gx.values()]

    over = gx["MUT001"]
    assert (over.subject, over.found, over.found_text) == ("IKU2", 900000000.0, "900.000.000,00")
    assert _found_lines(over) == [612]
    assert [loc.text for loc in over.locations if loc.role == "reference"] == ["845.666.150,00"]
    assert "845.666.150,00" in over.message("id") and over.locations[0].section == "Lampiran IV"

    neg = gx["MUT002"]
    assert (neg.subject, neg.found, neg.concept) == ("K16", -5.0, "target")
    assert _found_lines(neg) == [501] and neg.locations[0].table == "lampiran2-rkt"

    dup = gx["MUT004"]
    assert dup.subject == "IKU1" and _found_lines(dup) == [427, 428]
    assert {loc.row for loc in dup.locations} == {1, 2}
    # the formula rules still ran in the same audit
    assert any(f.rule.id == "CAP001" for f in result.findings)


def test_gx_findings_land_in_the_json_and_markdown_reports(tmp_path):
    folder = _altered(tmp_path, OVER_BUDGET)
    out = _cli("check", folder, "--format", "json")
    assert out.returncode == 1, out.stderr
    doc = json.loads(out.stdout)
    [f] = [f for f in doc["findings"] if f["rule"] == "MUT001"]
    assert f["found"] == 900000000.0 and f["expected_text"] == "≤ 845.666.150,00"
    assert [(loc["line"], loc["role"]) for loc in f["locations"]] == [(612, "found"), (612, "reference")]
    assert doc["summary"]["gx"]["expectations"] >= 10 and "timings" not in doc["summary"]
    md = _cli("check", folder, "--format", "md", "--lang", "en")
    assert "### MUT001: Budget spent does not exceed the budget" in md.stdout
    assert "Great Expectations:" in md.stdout


def test_terminal_reports_the_gx_time_and_timings_flag_adds_them_to_json(tmp_path):
    out = _cli("check", REAL)
    assert "waktu GX" in out.stdout and "impor great_expectations" in out.stdout
    doc = json.loads(_cli("check", REAL, "--format", "json", "--timings").stdout)
    assert doc["summary"]["timings"]["gx_s"] > 0


def _rules_dir(tmp_path, text: str):
    d = tmp_path / "rules"
    d.mkdir(parents=True)
    shutil.copy(RULES / "concepts.yaml", d / "concepts.yaml")
    (d / "x.yaml").write_text(text, encoding="utf-8")
    return d


RULE = """pack: x
rules:
  - id: XQ001
    kind: expectation
    title: {{id: t, en: t}}
    message: {{id: "m {{found}}", en: "m {{found}}"}}
    severity: error
    reference: uji coba
    table: {table}
    expectation: {expectation}
    args:
{args}
"""


def _rule(table="lampiran3-program", expectation="expect_column_values_to_be_between",
          args="      column: anggaran\n      min_value: 0\n"):
    return RULE.format(table=table, expectation=expectation, args=args)


def test_unknown_expectation_is_reported_with_file_and_line(tmp_path):
    d = _rules_dir(tmp_path, _rule(expectation="expect_column_values_to_be_betwen"))
    with pytest.raises(InputError) as e:
        load_rules(d)
    [p] = e.value.problems
    assert (p.file, p.line) == (str(d / "x.yaml"), 10)
    assert "expect_column_values_to_be_betwen" in p.message and "expect_column_values_to_be_between" in p.message


def test_unknown_or_invalid_argument_is_reported_at_its_line(tmp_path):
    d = _rules_dir(tmp_path, _rule(args="      column: anggaran\n      min_valu: 0\n"))
    with pytest.raises(InputError) as e:
        load_rules(d)
    [p] = e.value.problems
    assert p.line == 13 and "min_valu" in p.message and "min_value" in p.message
    d2 = _rules_dir(tmp_path / "b", _rule(args="      column: anggaran\n      min_value: nol\n"))
    with pytest.raises(InputError) as e:
        load_rules(d2)
    assert [p.line for p in e.value.problems] == [13]
    d3 = _rules_dir(tmp_path / "c", _rule(table="subjects.ikuu"))
    with pytest.raises(InputError) as e:
        load_rules(d3)
    assert "ikuu" in e.value.problems[0].message and e.value.problems[0].line == 9


def test_cli_rejects_a_bad_expectation_rule_with_exit_2(tmp_path):
    d = _rules_dir(tmp_path, _rule(args="      column: anggaran\n      bogus: 1\n"))
    out = _cli("check", REAL, "--rules", d)
    assert out.returncode == 2 and f"{d / 'x.yaml'}:13:" in out.stderr and "Traceback" not in out.stderr


def _run_rules(ruleset, text, tmp_path):
    d = _rules_dir(tmp_path, text)
    extra = load_rules(d).rules
    base = [r for r in ruleset.rules if r.id in ("CAP001", "MUT001")]
    return audit(load_dataset(REAL, ruleset.concepts), RuleSet(base + extra, ruleset.concepts, ruleset.packs))


@pytest.mark.parametrize("table,args,reason", [
    ("lampiran9-tidak-ada", "      column: anggaran\n      min_value: 0\n", "tabel 'lampiran9-tidak-ada' tidak ada"),
    ("lampiran3-program", "      column: pagu\n      min_value: 0\n", "kolom pagu tidak ada di tabel lampiran3-program"),
    ("'lampiran9-*'", "      column: anggaran\n      min_value: 0\n", "tabel 'lampiran9-*' tidak ada"),
    ("'lampiran*'", "      column: pagu\n      min_value: 0\n", "tidak ada tabel 'lampiran*' yang memuat kolom pagu"),
    # a row condition on a column the table lacks makes the expectation raise inside GX
    ("lampiran3-program", "      column: anggaran\n      min_value: 0\n      row_condition: 'tidak_ada == 1'\n",
     "ekspektasi GX gagal dijalankan"),
])
def test_missing_table_or_column_or_raising_expectation_is_a_message_and_the_rest_runs(
        ruleset, tmp_path, table, args, reason):
    result = _run_rules(ruleset, _rule(table=table, args=args), tmp_path)
    reasons = [why for (rule, _, why) in result.stats.not_evaluable if rule == "XQ001"]
    assert len(reasons) == 1 and reason in reasons[0], reasons
    assert [f.rule.id for f in result.findings] == ["CAP001"]  # the other rules ran as usual
    assert not [f for f in result.findings if f.rule.id == "XQ001"]


def test_a_table_level_expectation_reports_the_table(ruleset, tmp_path):
    text = _rule(expectation="expect_table_row_count_to_be_between", args="      min_value: 9\n")
    result = _run_rules(ruleset, text, tmp_path)
    [f] = [f for f in result.findings if f.rule.id == "XQ001"]
    assert f.found == 8 and f.locations[0].line == 591 and f.locations[0].table == "lampiran3-program"


QUICK = """
import sys
from lkjip_audit.cli import main
rc = main(["check", "datasets/dinsos-kota-blitar-2020", "--format", "json", "--output", sys.argv[1]{extra}])
print(rc, "great_expectations" in sys.modules)
"""


# (that a full check imports GX and runs mutu_data is what tests/test_golden.py compares: the
# shipped JSON report holds the mutu_data pack and summary.gx)
@pytest.mark.parametrize("extra,imported", [(', "--quick"', False)])
def test_quick_check_never_imports_great_expectations(tmp_path, extra, imported):
    out = subprocess.run([sys.executable, "-c", QUICK.format(extra=extra), str(tmp_path / "r.json")], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.stdout.split() == ["1", str(imported)], out.stderr
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert ("mutu_data" in doc["submission"]["rule_packs"]) is imported
    assert ("gx" in doc["summary"]) is imported


def test_gx_data_docs_writes_a_site_and_leaves_nothing_else(tmp_path):
    docs = tmp_path / "docs"
    out = _cli("check", REAL, "--gx-data-docs", docs, "--format", "json", cwd=tmp_path)
    assert out.returncode == 1, out.stderr
    index = docs / "index.html"
    assert index.exists() and "lampiran3-program" in index.read_text(encoding="utf-8")
    assert list((docs / "validations").iterdir())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]  # no gx/ project folder, no stray files
    bad = _cli("check", REAL, "--gx-data-docs", docs, "--quick")
    assert bad.returncode == 2 and "--quick" in bad.stderr
