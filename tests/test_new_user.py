"""What a new user meets first (issue 11): --select that picks nothing, a report with --previous,
report files with unknown extensions, Indonesian argparse and `rules` headers, the messages of
extract and history, the terminal at 80 columns, and `rules` without Great Expectations."""
from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from rich.console import Console

from conftest import DATASETS, REAL, ROOT, SEED
from lkjip_audit.cli import main

PREV = DATASETS / "dinsos-kota-blitar-2019"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "kesalahan internal" not in err
    return code, out, err


@pytest.mark.parametrize("select,close", [("XYZ", None), ("cap", "CAP"), ("CAP,TOTT", "TOT"), ("CAP0011", "CAP001")])
def test_select_matching_no_rule_is_a_usage_error_naming_close_ids(capsys, select, close):
    code, out, err = run(capsys, "check", REAL, "--quick", "--select", select)
    assert code == 2 and "tidak ada aturan dengan awalan ini" in err and "LULUS" not in out
    if close:
        assert "maksudnya" in err and close in err


def test_report_file_with_previous_runs_the_cross_year_rules(capsys):
    code, out, err = run(capsys, "check", SEED, "--previous", PREV, "--quick", "--format", "json")
    doc = json.loads(out)
    assert "lintas_tahun" in doc["submission"]["rule_packs"] and "trend" in doc
    # the cross-year finding of the README (the PMKS indicator moved from 3,25% to -7,31%) is there
    lth009 = [f for f in doc["findings"] if f["rule"] == "LTH009"]
    assert lth009 and "3,25" in lth009[0]["message"] and "-7,31" in lth009[0]["message"]
    assert doc["trend"]["years"] == [2019, 2020]


@pytest.mark.parametrize("suffix", [".doc", ".csv", ""])
def test_report_text_with_an_unknown_extension_is_read_as_a_report(capsys, tmp_path, suffix):
    f = tmp_path / f"laporan{suffix}"
    shutil.copyfile(SEED, f)
    code, out, err = run(capsys, "check", f, "--quick", "--select", "CAP001")
    assert code == 1 and "CAP001" in out and "YAML" not in err


def test_argparse_speaks_indonesian(capsys):
    with pytest.raises(SystemExit) as e:
        main(["check"])
    err = capsys.readouterr().err
    assert e.value.code == 2 and "cara pakai:" in err and "argumen berikut wajib diberikan" in err
    with pytest.raises(SystemExit):
        main(["check", str(REAL), "--format", "xml"])
    assert "pilihan tidak sah" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["check", "--lang", "en"])
    assert "the following arguments are required" in capsys.readouterr().err


def test_rules_table_headers_follow_the_language(capsys):
    code, out, _ = run(capsys, "rules")
    assert code == 0 and all(h in out for h in ("tingkat", "jenis", "judul", "acuan"))
    code, out, _ = run(capsys, "rules", "--lang", "en")
    assert code == 0 and all(h in out for h in ("severity", "kind", "title", "reference"))


def test_rules_does_not_import_great_expectations():
    code = ("import sys; from lkjip_audit.cli import main; rc = main(['rules']); "
            "print('GX' if 'great_expectations' in sys.modules else 'noGX', rc)")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                       env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert p.stdout.strip().endswith("noGX 0"), p.stdout + p.stderr


def test_extract_says_it_wrote_a_dataset(capsys, tmp_path):
    code, out, err = run(capsys, "extract", SEED, "-o", tmp_path / "baru")
    assert code == 0 and "dataset ditulis ke" in err and "laporan ditulis" not in err
    assert (tmp_path / "baru" / "dataset.yaml").is_file()


def test_history_title_names_the_span_of_years(capsys):
    code, out, err = run(capsys, "history", PREV, REAL, "--quick")
    first = out.splitlines()[0]
    assert "riwayat" in first and "2019-2020" in first


def test_80_columns_keep_table_names_whole_and_unplaced_lines_short():
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.report import load_report
    from lkjip_audit.reporters import terminal
    from lkjip_audit.rulepack.loader import load_rules

    quick = load_rules(None, quick=True, have={"document"})
    seed_result = audit(load_report(SEED, quick.concepts), quick)
    buf = io.StringIO()
    console = Console(file=buf, width=80, force_terminal=True, color_system=None)
    terminal.render(seed_result, "error", console, "id")
    lines = buf.getvalue().splitlines()
    assert max(len(x) for x in lines) <= 80
    # every table name printed for CAP001 is whole (it has its own line when it does not fit)
    assert any("Tabel 3.1.1" in x for x in lines)
    assert not any(x.rstrip().endswith("…") and "Tabel" in x and "Tabel 3" not in x for x in lines)


def test_history_has_quick_and_it_never_imports_great_expectations(tmp_path):
    """`history` over many years used to run GX for every year with no way out; --quick skips it."""
    for year in range(2014, 2020):   # six copies of the 2019 dataset, one per year, plus 2020
        text = (PREV / "dataset.yaml").read_text(encoding="utf-8")
        assert "tahun: 2019" in text
        d = tmp_path / f"y{year}"
        d.mkdir()
        (d / "dataset.yaml").write_text(text.replace("tahun: 2019", f"tahun: {year}", 1), encoding="utf-8")
    shutil.copytree(REAL, tmp_path / "y2020")
    code = ("import sys; from lkjip_audit.cli import main; rc = main(['history', sys.argv[1], '--quick', "
            "'--format', 'json', '-o', sys.argv[2]]); print('GX' if 'great_expectations' in sys.modules else 'noGX', rc)")
    p = subprocess.run([sys.executable, "-c", code, str(tmp_path), str(tmp_path / "h.json")], capture_output=True,
                       text=True, cwd=ROOT, timeout=300, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert p.stdout.strip().split()[0] == "noGX", p.stdout + p.stderr
    doc = json.loads((tmp_path / "h.json").read_text(encoding="utf-8"))
    assert doc["history"]["years"] == list(range(2014, 2021))
