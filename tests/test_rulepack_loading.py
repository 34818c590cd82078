"""What the rule pack loader says about a mistake, after round 9 made its clean path cheaper
(difflib imported only for a mistake, each parameter class's type hints worked out once, the
non-finite walk stepping over plain values): the same `file:line: message`, word for word."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, RULES
from lkjip_audit.errors import InputError
from lkjip_audit.rulepack.loader import load_rules


def _problems(tmp_path, name, old, new):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    f = rules / name
    text = f.read_text(encoding="utf-8")
    assert text.count(old) >= 1
    f.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_rules(rules, quick=True, check_gx=False)
    return f, [str(p) for p in e.value.problems]


def test_an_unknown_key_close_to_a_parameter_names_it(tmp_path):
    # rentang.yaml line 10 is RNG001's `check: capaian`; the misspelt key goes on line 11
    f, probs = _problems(tmp_path, "rentang.yaml", "    check: capaian\n", "    check: capaian\n    chek: capaian\n")
    assert f"{f}:11: RNG001: kunci 'chek' tidak dikenal untuk aturan berjenis 'rentang_target' " \
           "(maksud Anda 'check'?); yang boleh: check, state" in probs


def test_a_plain_parameter_of_the_wrong_value_says_what_it_must_be(tmp_path):
    f, probs = _problems(tmp_path, "lintas_tahun.yaml", "    threshold: 10\n", "    threshold: -1\n")
    assert any(p.startswith(f"{f}:133: ") and p.endswith("nilai 'threshold' tidak sah: -1 (harus number)")
               for p in probs), probs
    f, probs = _problems(tmp_path / "b", "rentang.yaml", "    check: status\n", "    check: jumlah\n")
    assert any(p.startswith(f"{f}:35: RNG003: ") and p.endswith("nilai 'check' tidak sah: 'jumlah' (harus capaian, status)")
               for p in probs), probs


def test_a_non_finite_number_deep_in_a_pack_is_found_on_its_line(tmp_path):
    # RNG001's title.en (line 13) becomes a list holding .inf on its own line (14)
    old = "      en: Achievement against a target range follows one convention"
    f, probs = _problems(tmp_path, "rentang.yaml", old, "      en:\n        - .inf\n        - x" + old[9:])
    assert f"{f}:14: bilangan inf tidak sah (harus bilangan terhingga, bukan .nan/.inf)" in probs


def test_a_clean_load_does_not_import_difflib():
    code = ("import sys\nfrom lkjip_audit.rulepack.loader import load_rules, shared_packs\n"
            "with shared_packs():\n"
            "    load_rules(quick=True, have={'document'}); load_rules(quick=True, have=set())\n"
            "print('difflib' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
