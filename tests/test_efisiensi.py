"""Efisiensi E / NE (EFS002) and the efisiensi method of lkjip-audit.yaml: the category follows the
index of the declared method. Hand arithmetic in the comments."""
from __future__ import annotations

import json

from editing import apply_edits, load_plain, write_dataset
from lkjip_audit.cli import main

KATEGORI = {"table": "ringkasan-d-keuangan", "add_column": "kategori",
            "spec": {"concept": "kategori_efisiensi", "header": "KET"}, "cells": {68: "NE", 69: "NE", 70: "E"}}
# IKU2's printed index changed to 0,95 in both copies (its capaian / penyerapan is 102,56 / 97,49 = 1,05)
IKU2_INDEX = {"subject": "IKU2", "concept": "efisiensi", "text": "0,95"}


def _check(capsys, tmp_path, conf):
    folder = write_dataset(apply_edits(load_plain("dinsos-kota-blitar-2020"), [KATEGORI, IKU2_INDEX]), tmp_path / "ds")
    if conf:
        (folder / "lkjip-audit.yaml").write_text(conf, encoding="utf-8")
    code = main(["check", str(folder), "--quick", "--format", "json", "--select", "EFS002"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err, err
    found = [(x["subject"], x["found_text"], x["expected"]) for x in json.loads(out)["findings"]]
    assert code == (1 if found else 0)  # EFS002 is an error
    return found


def test_capaian_penyerapan_recomputes_the_index(capsys, tmp_path):
    # IKU2: 102,56 / 97,49 = 1,05 >= 1 -> E, printed NE; IKU1: -731 / 98,15 = -7,45 -> NE as printed;
    # S3: 140,90 / 97,99 = 1,44 -> E as printed
    assert _check(capsys, tmp_path, None) == [("IKU2", "NE", "E")]
    assert _check(capsys, tmp_path, "efisiensi_method: ie_te\n") == [("IKU2", "NE", "E")]


def test_declared_reads_the_reports_own_index(capsys, tmp_path):
    # declared: the printed 0,95 < 1 -> NE, as printed: no finding
    assert _check(capsys, tmp_path, "efisiensi_method: declared\n") == []
