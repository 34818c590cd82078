"""The fast paths of dataset loading and checking give exactly what the slow ones give (issue 12).

- schemacheck: jsonschema-rs answers first; on a value JSON does not have (a YAML date, a number as
  key) it cannot answer and fastjsonschema/jsonschema decide, as before;
- yamlio: the one-recursion tree builder gives the same LDict/LList, lines and errors as PyYAML's
  generic construction (compared with a loader that uses PyYAML's own `construct_document`);
- engine.rows.plain_rows: the same rows as the frame-wide pandas conversion it replaced.
"""
from __future__ import annotations

import math
import textwrap
from pathlib import Path

import pandas as pd
import pytest
import yaml

from lkjip_audit import schemacheck, yamlio
from lkjip_audit.engine.rows import plain_rows
from lkjip_audit.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def _minimal() -> dict:
    return {"format": "lkjip-dataset/1", "submission": {"instansi": "Dinas X", "tahun": 2020},
            "subjects": {"iku": {"IKU1": {"name": "Persentase"}}},
            "tables": [{"id": "t1", "section": "bab3", "columns": {"target": {"concept": "target"}},
                        "rows": [{"line": 3, "subject": "IKU1", "target": "10"}]}]}


def test_rust_verdict_yes_for_a_valid_document():
    assert schemacheck.quick_verdict(_minimal(), "dataset.schema.json") is True
    assert schemacheck.check(_minimal(), "dataset.schema.json", "d.yaml") == []


@pytest.mark.parametrize("change, where", [
    (lambda d: d["submission"].__setitem__("tahun", True), "submission.tahun"),        # a bool is no integer
    (lambda d: d["submission"].__setitem__("tahun", 2020.5), "submission.tahun"),
    (lambda d: d["tables"][0]["rows"][0].__setitem__("line", 10 ** 40), "tables.0.rows.0.line"),
    (lambda d: d["subjects"]["iku"]["IKU1"].__setitem__("bobot", 1), "subjects.iku.IKU1"),  # strict keys
])
def test_rust_verdict_no_and_the_slow_path_names_the_place(change, where):
    doc = _minimal()
    change(doc)
    assert schemacheck.quick_verdict(doc, "dataset.schema.json") is False
    problems = schemacheck.check(doc, "dataset.schema.json", "d.yaml")
    assert problems and problems[0].message.startswith(where)


def test_values_json_does_not_have_fall_back_and_are_still_refused(tmp_path):
    import datetime

    doc = _minimal()
    doc["submission"]["instansi"] = datetime.date(2020, 1, 1)  # what YAML makes of `instansi: 2020-01-01`
    assert schemacheck.quick_verdict(doc, "dataset.schema.json") is None
    assert [p.message.split(":")[0] for p in schemacheck.check(doc, "dataset.schema.json", "d")] == ["submission.instansi"]
    doc = _minimal()
    doc["subjects"]["iku"][5] = {"name": "x"}  # a number as key
    assert schemacheck.quick_verdict(doc, "dataset.schema.json") is None
    assert schemacheck.check(doc, "dataset.schema.json", "d")


def test_a_yaml_date_in_a_dataset_is_reported_with_its_line(tmp_path):
    f = tmp_path / "dataset.yaml"
    f.write_text(textwrap.dedent("""\
        format: lkjip-dataset/1
        submission:
          instansi: 2020-01-01
          tahun: 2020
        subjects: {}
        tables: []
        """), encoding="utf-8")
    from lkjip_audit.readers.dataset import load_dataset

    with pytest.raises(InputError) as e:
        load_dataset(tmp_path, {})
    assert [(p.line, p.message.split(":")[0]) for p in e.value.problems] == [(3, "submission.instansi")]


class _PyYAMLPath(yamlio._LineLoader):
    """The same loader, building the tree with PyYAML's generic construct_document."""


_PyYAMLPath.construct_document = yaml.constructor.BaseConstructor.construct_document
_PyYAMLPath.resolve = yaml.resolver.BaseResolver.resolve


def _load(text, loader):
    try:
        return "ok", yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclasses
    except (yamlio._DuplicateKey, yamlio._BadKey) as e:
        return type(e).__name__, e.line
    except yaml.YAMLError as e:
        return "YAMLError", str(e).splitlines()[0]


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if getattr(a, "line", None) != getattr(b, "line", None):
        return False
    if isinstance(a, dict):
        return getattr(a, "key_lines", None) == getattr(b, "key_lines", None) and list(a) == list(b) \
            and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return getattr(a, "item_lines", None) == getattr(b, "item_lines", None) and len(a) == len(b) \
            and all(_same(x, y) for x, y in zip(a, b))
    return a == b or (isinstance(a, float) and math.isnan(a) and math.isnan(b))


TEXTS = {
    "aliases": "a: &x {b: 1, c: [1, 2]}\nd: *x\n",
    "merge": "base: &b {x: 1, y: 2}\nder:\n  <<: *b\n  z: 3\n",
    "merge duplicate": "base: &b {x: 1, y: 2}\nder:\n  <<: *b\n  y: 3\n",
    "duplicate": "a: 1\nb: 2\na: 3\n",
    "list as key": "? [1, 2]\n: x\n",
    "recursive alias": "a: &x [1, *x]\n",
    "recursive map": "a: &x {b: *x}\n",
    "omap and set": "a: !!omap [{x: 1}, {y: 2}]\nb: !!set {x, y}\n",
    "python tag": "a: !!python/object:os.system {}\n",
    "unknown tag": "a: !foo bar\n",
    "YAML 1.1 scalars": "a: 2020-01-01\nb: yes\nc: 0o17\nd: 1_000\ne: .nan\nf: ~\ng: !!binary aGVsbG8=\nh: 1:20\n"
                        "i: !!str 123\nj: !!int '7'\nk: 1.5e3\nl: '98,15'\n",
}


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_tree_builder_same_as_pyyaml(name):
    fast, slow = _load(TEXTS[name], yamlio._LineLoader), _load(TEXTS[name], _PyYAMLPath)
    assert fast[0] == slow[0]
    assert _same(fast[1], slow[1]) if fast[0] == "ok" else fast == slow


def test_tree_builder_same_as_pyyaml_on_the_shipped_files():
    files = sorted((ROOT / "datasets").glob("*/dataset.yaml")) + sorted((ROOT / "lkjip_audit" / "rules").glob("*.yaml"))
    assert len(files) >= 3
    for f in files:
        text = f.read_text(encoding="utf-8")
        fast, slow = _load(text, yamlio._LineLoader), _load(text, _PyYAMLPath)
        assert fast[0] == slow[0] == "ok" and _same(fast[1], slow[1]), f


def test_tree_builder_lines_by_hand():
    doc = yaml.load("a:\n  b: 1\n  c:\n    - x\n    - {d: 2}\n", Loader=yamlio._LineLoader)  # noqa: S506
    assert (doc.line, doc.line_of("a"), doc["a"].line_of("c")) == (1, 1, 3)
    assert doc["a"]["c"].item_lines == [4, 5] and doc["a"]["c"][1].line_of("d") == 5


def test_aliases_stay_shared():
    doc = yaml.load("a: &x [1, 2]\nb: *x\nc: *x\n", Loader=yamlio._LineLoader)  # noqa: S506
    assert doc["a"] is doc["b"] is doc["c"]


def test_plain_rows_same_as_the_frame_wide_conversion():
    df = pd.DataFrame({
        "text": pd.Series(["10", None, "x"], dtype="str"),
        "value": [1.5, float("nan"), 3.0],
        "decimals": pd.array([2, None, 0], dtype="Int64"),
        "exact": [True, False, True],
        "obj": ["a", None, 3],
        "flag": pd.array([True, None, False], dtype="boolean"),
        "count": [1, 2, 3],
    })
    old = list(df.astype(object).where(df.notna(), None).itertuples(index=False))
    new = plain_rows(df)
    assert [tuple(r) for r in new] == [("10", 1.5, 2, True, "a", True, 1), (None, None, None, False, None, None, 2),
                                       ("x", 3.0, 0, True, 3, False, 3)]
    for a, b in zip(old, new):
        assert a._fields == b._fields
        assert [type(x) for x in a] == [type(y) for y in b]
        assert tuple(a) == tuple(b)
    assert plain_rows(df.iloc[0:0]) == []
