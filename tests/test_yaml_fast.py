"""yaml_fast (the pure-Python reader of plain YAML that load_yaml tries first) gives exactly what
the PyYAML path gives: the same LDict/LList tree, the same values and types under YAML 1.1, the
same `line`, `key_lines` and `item_lines`; and for anything outside its subset (or any error) it
answers None, so that PyYAML reads the text and reports its own errors with their lines.

Compared with `yaml.load(text, Loader=yamlio._LineLoader)`: the path load_yaml took before.
"""
from __future__ import annotations

import datetime
import math
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lkjip_audit import yaml_fast, yamlio
from lkjip_audit.errors import InputError

ROOT = Path(__file__).resolve().parents[1]


def _pyyaml(text: str):
    try:
        return "ok", yaml.load(text, Loader=yamlio._LineLoader)  # noqa: S506 - a SafeLoader subclass
    except (yamlio._DuplicateKey, yamlio._BadKey, yaml.YAMLError, RecursionError, ValueError, TypeError) as e:
        return "error", type(e).__name__


def _same(a, b) -> bool:
    """Equal trees: same types (True is not 1), values, lines of every node, key and item."""
    if type(a) is not type(b) or getattr(a, "line", None) != getattr(b, "line", None):
        return False
    if isinstance(a, dict):
        return (a.key_lines == b.key_lines and [(type(k), k) for k in a] == [(type(k), k) for k in b]
                and all(_same(a[k], b[k]) for k in a))
    if isinstance(a, list):
        return a.item_lines == b.item_lines and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def _agrees(text: str):
    """The fast path's answer: None, or a tree equal to PyYAML's (which then read the text)."""
    fast = yaml_fast.load(text)
    if fast is not None:
        slow = _pyyaml(text)
        assert slow[0] == "ok", (text, slow)
        assert _same(fast, slow[1]), text
        # what lets load_yaml skip the alias budget for short texts read here
        assert yamlio.expanded_size(fast) <= len(text)
    return fast


def _yaml_files():
    for folder in ("datasets", "tests", "rules", "lkjip_audit"):
        for pattern in ("*.yaml", "*.yml"):
            yield from (ROOT / folder).rglob(pattern)


def test_the_shipped_datasets_take_the_fast_path_and_agree():
    files = sorted((ROOT / "datasets").glob("*/dataset.yaml")) + sorted((ROOT / "tests").rglob("dataset.yaml"))
    assert len(files) >= 3
    for f in files:
        text = f.read_text(encoding="utf-8-sig")
        assert _agrees(text) is not None, f  # the speed-up reaches every dataset in the repo


def test_every_yaml_file_in_the_repo_agrees():
    files = sorted(set(_yaml_files()))
    fast = [f for f in files if _agrees(f.read_text(encoding="utf-8-sig")) is not None]
    assert len(files) >= 50 and len(fast) >= len(files) // 2


# Texts the fast path reads itself (asserted), each compared with PyYAML.
FAST = {
    "YAML 1.1 plain scalars": (
        "a: yes\nb: No\nc: on\nd: OFF\ne: ~\nf: null\ng: 0o17\nh: 017\ni: 0x1F\nj: 1_000\nk: .5\n"
        "l: 1e3\nm: 1.5e3\nn: -.inf\no: .NaN\np: 1:20\nq: 1:20.5\nr: 2020-01-01\n"
        "s: 2001-12-14t21:59:43.10-05:00\nt: 2001-12-14 21:59:43.10\nu: +12\nv: -0\nw: 0b101\nx: 007\n"
        "y: 98,15\nz: -7,31%\naa: 12.5%\nab: 0\nac: 00\nad: 1.\nae: +.5\naf: Y\nag: n\n"),
    "plain keys that resolve": "2: a\nyes: b\n~: c\n2020-01-01: d\n1.5: e\n0x10: f\nNo: g\n",
    "quoted scalars": (
        "a: 'it''s'\nb: \"say \\\"hi\\\"\"\nc: \"tab\\tnl\\nx\\x41u\\u00e9U\\U0001F600\"\nd: ''\ne: \"\"\n"
        "f: \"\\0\\a\\b\\v\\f\\r\\e\\ \\/\\N\\_\\L\\P\\\\\"\ng: '123'\nh: \"yes\"\ni: '#no comment'\n"
        "\"quoted key\": 1\n'single key': 2\n\"1\": int-looking quoted key\n"),
    "comments": "# head\na: 1 # tail\n  # indented comment\nb: x#y\nc: 'q' # after quote\nd: [1, 2] # after flow\n"
                "e:  # empty with comment\nf: {g: 1}  # two spaces\n#last",
    "empty values": "a:\nb:\n  - \n  -\n  - x\nc: ~\nd: {}\ne: []\nf:\n",
    "flow collections": (
        "a: {x: 1, y: [1, 2, {z: 3}], 'q': \"w\"}\nb: [a, b c, 'd', \"e\", -1, 2020-01-01]\n"
        "c: {x:   1 ,  y :  2}\nd: [ ]\ne: { }\nf: [[1, 2], [3]]\ng: {a: {b: {c: []}}}\n"),
    "multi-line flow": "a: {b: 1,\n  c: [1,\n    2],\n  # inside\n  d: 'x'}\ne: [\n  1, 2\n  ]\nf: 1\n",
    "block nesting": (
        "a:\n  b:\n    c: 1\n    d:\n      - x\n      - y: 1\n        z: 2\n      - - n1\n        - n2\n"
        "      -\n        k: v\n  e: 2\nf:\n- indentless\n- seq\ng: 3\n"),
    "compact nesting": "- a: 1\n  b: 2\n- - x\n  - y\n- c:\n  - z\n  d: 4\n- [1, 2]\n- {k: v}\n- 'q'\n-\n",
    "odd indentation": "a:\n   b: 1\n   c:\n         - 1\n         -   2\nd:    5\n",
    "crlf": "a: 1\r\nb:\r\n  - x\r\n  - {y: 2}\r\n",
    "no final newline": "a: 1\nb: [1, 2]",
    "non-ascii": "nama: Dinas Sosial – Kota Blitar\nket: \"Tercapai ✓\"\nnbsp: a\xa0b\nemoji: 😀\n",
    "punctuation in plain": "a: Rp 1.000.000,-\nb: http://x.id/a?b=c\nc: a:b\nd: (x) [y] {z}, w\ne: x - y\nf: -x\n"
                            "g: 50%\nh: a' b\" c\n",
    "spaces": "a:    x   y  \nb: 'x'   \n  \n\nc: 1\n",
    "root sequence": "- 1\n- 2\n",
    "root indented": "  a: 1\n  b: 2\n",
    "hyphen keys": "-1: a\n-x: b\n",
    "long key": "k" * 900 + ": v\n",
    "long keys in flows": "a: {" + "k" * 990 + ": v}\nb: {" + "k" * 900 + "   : v}\n",
}


@pytest.mark.parametrize("name", sorted(FAST))
def test_fast_path_reads_and_agrees(name):
    assert _agrees(FAST[name]) is not None


# Texts left to PyYAML (asserted: the fast path answers None), errors included.
FALLBACK = {
    "literal block scalar": "a: |\n  x\n  y\n",
    "folded block scalar": "a: >-\n  x\n  y\nb: 1\n",
    "block scalar keep": "a: |+\n  x\n\nb: 1\n",
    "anchor and alias": "a: &x 1\nb: *x\n",
    "billion laughs": "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
    "merge key": "a: {x: 1}\nb:\n  <<: {y: 2}\n",
    "tag": "a: !!str 1\n",
    "unknown tag": "a: !foo x\n",
    "value key '='": "a: =\n",
    "directive": "%YAML 1.1\n---\na: 1\n",
    "document start": "---\na: 1\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "document end": "a: 1\n...\n",
    "multi-line plain": "a: one\n  two\nb: 1\n",
    "multi-line double quoted": "a: \"one\n  two\"\n",
    "multi-line single quoted": "a: 'one\n  two'\n",
    "complex key": "? [1, 2]\n: x\n",
    "flow key": "{a: 1}: x\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "duplicate key in flow": "a: {x: 1, x: 2}\n",
    "true and 1 are one key": "1: a\ntrue: b\n",
    "tab indentation": "a:\n\tb: 1\n",
    "tab in value": "a: x\ty\n",
    "lone CR": "a: 1\rb: 2\n",
    "BOM inside": "a: \ufeffx\n",
    "NUL": "a: \x00\n",
    "NEL line break": "a: 1\x85b: 2\n",
    "line separator": "a: x\u2028y\n",
    "bad indentation": "a:\n    b: 1\n  c: 2\n",
    "mapping value in plain": "a: b: c\n",
    "plain colon at end": "a: b:\n",
    "seq in map value line": "a: - b\n",
    "key then scalar line": "a:\n  just text\n",
    "root scalar": "just text\n",
    "root flow": "{a: 1}\n",
    "empty document": "# only a comment\n\n",
    "trailing comma": "a: [1, 2, ]\n",
    "empty flow entry": "a: [1, , 2]\n",
    "flow pair in sequence": "a: [x: 1]\n",
    "flow key without space": "a: {b:1}\n",
    "flow plain with colon": "a: {b: 1:20}\n",
    "flow plain with question mark": "a: [x?y]\n",
    "flow comment without space": "a: [1]#c\n",
    "unclosed flow": "a: [1, 2\n",
    "unclosed quote": "a: 'x\n",
    "flow continuation at the block's indentation": "a: {b: 1,\nc: 2}\n",
    "invalid escape": "a: \"\\q\"\n",
    "surrogate escape": "a: \"\\ud800\"\n",
    "reserved indicator": "a: @x\nb: `y\n",
    "bad date": "a: 2020-13-45\n",
    "very long key": "k" * 1100 + ": v\n",
    "key's colon too far": "k" * 990 + " " * 40 + ": v\n",
    "quoted key's colon too far": '"' + "k" * 990 + '"' + " " * 40 + ": v\n",
    "flow key's colon too far": "a: {" + "k" * 990 + " " * 40 + ": v}\n",
    "deeper line after value": "a: 1\n  b: 2\n",
    "sequence after mapping entry": "a: 1\n- b\n",
}


@pytest.mark.parametrize("name", sorted(FALLBACK))
def test_fast_path_leaves_the_rest_to_pyyaml(name):
    assert yaml_fast.load(FALLBACK[name]) is None


def test_load_yaml_still_reports_pyyaml_errors_with_their_lines(tmp_path):
    f = tmp_path / "d.yaml"
    f.write_text("a: 1\nb:\n  c: 2\n  c: 3\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        yamlio.load_yaml(f)
    assert [p.line for p in e.value.problems] == [4]
    f.write_text("a: 1\nb: [1, 2\nc: 3\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        yamlio.load_yaml(f)
    assert e.value.problems[0].line is not None


def test_lines_by_hand():
    doc = yaml_fast.load("# c\na:\n  b: 1\n\n  c:\n    - x\n    - {d: 2}\n    -\n      e: [3,\n        4]\n")
    assert (doc.line, doc.line_of("a"), doc["a"].line, doc["a"].line_of("c")) == (2, 2, 3, 5)
    seq = doc["a"]["c"]
    assert (seq.line, seq.item_lines, seq[1].line, seq[2].line) == (6, [6, 7, 9], 7, 9)
    assert (seq[2]["e"].line, seq[2]["e"].item_lines) == (9, [9, 10])


def test_values_by_hand():
    doc = yaml_fast.load("a: yes\nb: '1'\nc: 1_000\nd: 2020-01-02\ne: ~\nf: 1:20\ng: \"\\x41\"\n")
    assert doc == {"a": True, "b": "1", "c": 1000, "d": datetime.date(2020, 1, 2), "e": None, "f": 80, "g": "A"}


# -- generated documents ---------------------------------------------------------------------
_WORDS = ["yes", "No", "on", "off", "~", "null", "true", "0o17", "0x1F", "1_000", ".5", "1e3", "1.5e3",
          "-.inf", ".NaN", "1:20", "2020-01-01", "2001-12-14t21:59:43.10-05:00", "+12", "-0", "007",
          "0b101", "=", "<<", "", "-", "a b", "x:y", "x: y", "#x", "x #y", "a#b", "-7,31%", "98,15",
          "Rp 1.000,-", "IKU1", "line", "[x]", "{y}", "a,b", "?x", "'q'", '"d"', "é", "a\\b", "  sp  "]
_CHARS = st.sampled_from(list("ab1 0-:#.,'\"\\_~yYnN%@!&*[]{}?|>") + ["\xa0", "é", "\t"])
_SCALAR = st.one_of(st.sampled_from(_WORDS), st.text(alphabet=_CHARS, max_size=8), st.integers(-5, 2000).map(str))


def _nest(kids):
    return st.one_of(st.lists(kids, max_size=4), st.dictionaries(_SCALAR, kids, max_size=4))


_TREE = st.recursive(_SCALAR, _nest, max_leaves=12)


def _scalar(data, s: str, careful) -> str:
    """`careful`: False (any style), "medium" (plain only for the tricky words), True (plain only
    for identifiers)."""
    if careful == "medium" and (s in _WORDS or s.isidentifier()):
        style = data.draw(st.sampled_from(["plain", "plain", "double", "single"]))
    elif careful:
        style = "plain" if careful is True and s.isidentifier() else data.draw(st.sampled_from(["double", "single"]))
    else:
        style = data.draw(st.sampled_from(["plain", "plain", "double", "single"]))
    if style == "plain":
        return s
    if style == "single":
        return "'" + s.replace("'", "''") + "'"
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def _flow(data, tree, careful: bool, indent: int) -> str:
    if isinstance(tree, str):
        return _scalar(data, tree, careful)
    brk = "\n" + " " * (indent + 2) if data.draw(st.integers(0, 4)) == 0 else " "
    if isinstance(tree, list):
        return "[" + ("," + brk).join(_flow(data, x, careful, indent) for x in tree) + "]"
    return "{" + ("," + brk).join(_scalar(data, k, careful) + ": " + _flow(data, v, careful, indent)
                                  for k, v in tree.items()) + "}"


def _block(data, tree, careful: bool, indent: int, out: list) -> None:
    """Append the lines of a block collection (a list or a dict) at `indent`."""
    step = data.draw(st.integers(1, 4))
    pad = " " * indent
    items = tree if isinstance(tree, list) else list(tree.items())
    for item in items:
        head = pad + "- " if isinstance(tree, list) else pad + _scalar(data, item[0], careful) + ":"
        value = item if isinstance(tree, list) else item[1]
        if isinstance(tree, dict):
            head += " "
        if isinstance(value, (list, dict)) and value and data.draw(st.booleans()):
            out.append(head.rstrip() + (" # c" if data.draw(st.integers(0, 5)) == 0 else ""))
            _block(data, value, careful, indent + step, out)
        else:
            text = _flow(data, value, careful, indent) if isinstance(value, (list, dict)) else _scalar(data, value, careful)
            out.append(head + text + (" # c" if data.draw(st.integers(0, 5)) == 0 else ""))
        if data.draw(st.integers(0, 6)) == 0:
            out.append(data.draw(st.sampled_from(["", "# comment", "   ", "  # indented"])))


def _document(data, careful: bool) -> str:
    tree = data.draw(st.dictionaries(_SCALAR, _TREE, min_size=1, max_size=5))
    out: list = []
    _block(data, tree, careful, data.draw(st.integers(0, 2)), out)
    text = "\n".join(out) + data.draw(st.sampled_from(["\n", "", "\n\n"]))
    return text.replace("\n", "\r\n") if data.draw(st.integers(0, 5)) == 0 else text


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_generated_documents_agree(data):
    _agrees(_document(data, careful=False))


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_generated_documents_of_tricky_words_agree(data):
    _agrees(_document(data, careful="medium"))


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.data())
def test_generated_careful_documents_take_the_fast_path(data):
    """Quoted text, identifier-like plain words, unique keys: inside the subset, so read fast."""
    text = _document(data, careful=True)
    slow = _pyyaml(text)
    if slow[0] == "ok" and "\t" not in text and "\xa0" not in text:
        assert _agrees(text) is not None, text
    else:
        _agrees(text)


_LINES = st.sampled_from(["a: 1", "b:", "- x", "-", "  c: 2", "    - y", "  - {k: v}", "d: [1,", "  2]", "e: 'q'",
                          "f: \"w\"", "# c", "", "  ", "g: {x: 1}", "- h: 1", "  i: |", "    text", "j: x: y",
                          "k: &a 1", "l: *a", "---", "m: x #c", "  n: {a: [1, {b: 2}]}", "o: -", "p:  ", "- - z",
                          "q: 'a''b'", "r: \"\\t\"", "s: {t: 1, t: 2}", "1: u", "true: v", "? w", ": v", "x:y"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINES, min_size=1, max_size=12))
def test_line_soup_agrees_or_falls_back(lines):
    _agrees("\n".join(lines) + "\n")


# -- hostile input, on the fast path, in a subprocess (a crash would be a failure) ----------
_HOSTILE = r"""
import sys, time
sys.setrecursionlimit(1000)
from lkjip_audit import yaml_fast
n = 100_000
cases = {
    "deep flow": "a: " + "[" * n + "]" * n + "\n",
    "deep flow maps": "a: " + "{a: " * n + "1" + "}" * n + "\n",
    "deep compact sequence": "- " * n + "x\n",
    "deep block": "".join(" " * i + "k:\n" for i in range(3000)) + " " * 3000 + "k: 1\n",
    "huge plain": "a: " + "x" * 5_000_000 + "\n",
    "huge quoted": "a: '" + "x" * 5_000_000 + "'\n",
    "long flow without colon": "a: {" + "a" * 2_000_000 + "}\n",
    "long flow of words": "a: {" + "a " * 1_000_000 + "}\n",
    "long flow of commas": "a: {" + "a, " * 500_000 + "}\n",
    "long unclosed quotes": "a: {" + '"x, ' * 500_000 + "}\n",
    "many lines": "a:\n" + "  - {line: 1, label: 'x'}\n" * 100_000,
    "NUL": "a: \x00\n" * 1000,
}
for name, text in cases.items():
    t = time.process_time()
    result = yaml_fast.load(text)
    print(name, result is None, round(time.process_time() - t, 2), flush=True)
"""


def test_hostile_input_never_crashes_nor_hangs():
    p = subprocess.run([sys.executable, "-c", _HOSTILE], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr[-2000:]
    got = {line.rsplit(" ", 2)[0]: line.rsplit(" ", 2)[1:] for line in p.stdout.splitlines()}
    assert len(got) == 12, p.stdout
    # read fast: the big but plain ones; left to PyYAML: too deep, unreadable, or errors
    assert {k for k, (none, _) in got.items() if none == "False"} == {"huge plain", "huge quoted", "many lines"}, \
        p.stdout
    assert all(float(seconds) < 20 for _, seconds in got.values()), p.stdout


@pytest.mark.parametrize("text", ["a: " + "[" * 5000 + "]" * 5000 + "\n", "- " * 3000 + "x\n",
                                  "".join(" " * i + "k:\n" for i in range(1200)) + "x: 1\n"])
def test_load_yaml_on_deep_nesting_gives_the_same_message_as_before(tmp_path, monkeypatch, text):
    f = tmp_path / "d.yaml"
    f.write_text(text, encoding="utf-8")

    def problems():
        try:
            return "ok", yamlio.load_yaml(f)
        except InputError as e:
            return "error", e.problems

    now = problems()
    monkeypatch.setattr(yaml_fast, "load", lambda text: None)  # the PyYAML path alone, as before
    before = problems()
    assert now[0] == before[0] and (now[1] == before[1] if now[0] == "error" else _same(now[1], before[1]))


def test_a_dataset_with_a_comment_after_a_row(tmp_path):
    text = textwrap.dedent("""\
        rows:
          - {line: 1, target: "10%"}  # printed twice
          - {line: 2, target: '5%'}
        """)
    doc = _agrees(text)
    assert doc is not None and doc["rows"].item_lines == [2, 3] and doc["rows"][0]["target"] == "10%"


def test_load_yaml_reads_the_shipped_dataset_without_pyyaml(monkeypatch):
    def no_pyyaml(*args, **kwargs):
        raise AssertionError("PyYAML's path was taken")

    monkeypatch.setattr(yamlio.yaml, "load", no_pyyaml)
    doc = yamlio.load_yaml(ROOT / "datasets" / "dinsos-kota-blitar-2020" / "dataset.yaml")
    # format: is the first key, on line 13 after the header comment; tahun: 2020 is an int
    assert (doc.line, doc.line_of("format"), doc["submission"]["tahun"]) == (13, 13, 2020)


# -- this round's paths: rows cut at their quotes, `key: "text"` lines, lazy key_lines, one memo --
ROWS = {
    "quotes holding separators": '- {a: "x, b: y", c: "{z}", d: "#1", e: ""}\n',
    "plain words and integers": "- {line: 47, subject: IKU1, x: a.b, y: 1.5, z: 1e3, w: 007, v: 0, u: _p}\n",
    "YAML 1.1 words as values": "- {a: yes, b: null, c: No, d: on, e: true}\n",
    "YAML 1.1 words as keys": "- {yes: 1, null: 2}\n- {on: 3}\n",
    "hyphen and dot words": "- {a: x-y, b: 1.000.000, c: -1}\n",
    "a run of rows": "".join(f'  - {{line: {i}, label: "r, {i}: x", target: "{i}%"}}\n' for i in range(1, 30)),
    "rows under a key": 'rows:\n  - {a: 1}\n  - {a: "2"}\n  # c\n  - {a: x}  # after\n',
    "key: row lines": 'subj:\n  K01: {line: 1, name: "a, b"}\n  K02: {line: 2, program: P1}\n  K03: {x: "q"}  # c\n',
    "key: text lines": 'a: "x"\nb: "x # not a comment"\nc: "x" # a comment\nd: ""\ne: "yes"\nf: "1"\n',
}
ROWS_FALLBACK = {  # the row path leaves these; answered by the reader's other paths or PyYAML
    "duplicate key in a row": "- {a: 1, a: 2}\n",
    "duplicate key, quoted": '- {a: "1", b: 2, a: "3"}\n',
    "text after a quote": '- {a: "x"y, b: 1}\n',
    "odd quotes": '- {a: "x, b: 1}\n',
    "escape in a row": '- {a: "x\\"y", b: 1}\n',
}


def test_row_reader_by_hand():
    from lkjip_audit import yaml_rows

    values = yaml_fast._Values()
    m = yaml_rows.row('{line: 47, subject: IKU1, label: "a, b: c", target: "1%", ok: yes}', 9, values)
    assert m == {"line": 47, "subject": "IKU1", "label": "a, b: c", "target": "1%", "ok": True}
    assert (m.line, m.line_of("target"), m.key_lines) == (9, 9, dict.fromkeys(m, 9))
    # not its form: None (the reader's other patterns read it), or a key twice: PyYAML's path
    assert yaml_rows.row('{line:  47}', 1, values) is None
    assert yaml_rows.row('{a: "x"y}', 1, values) is None
    with pytest.raises(yaml_fast._Unsupported):
        yaml_rows.row('{a: 1, a: "2"}', 1, values)


def test_row_key_lines_are_made_when_asked_and_survive_copies():
    import copy
    import pickle

    doc = yaml_fast.load("rows:\n  - {a: 1, b: x}\n  - {c: 2}\n")
    row = doc["rows"][1]
    assert row._key_lines is None and row.line_of("c") == 3 and row.line_of("missing") == 3
    for twin in (pickle.loads(pickle.dumps(doc)), copy.deepcopy(doc)):
        assert _same(twin, doc) and twin["rows"][0].key_lines == {"a": 2, "b": 2}
    assert row.key_lines == {"c": 3} and row._key_lines == {"c": 3}  # made once, then kept
    empty, seq = yamlio.LDict(), yamlio.LList()  # made without lines: line 0, as before
    assert (empty.line, empty.line_of("x"), empty.key_lines, seq.line) == (0, 0, {}, 0)
    assert not hasattr(empty, "__dict__")


def test_the_scalar_memo_is_shared_bounded_and_changes_nothing(monkeypatch):
    monkeypatch.setattr(yaml_fast, "_VALUES", yaml_fast._Values())
    first = _agrees("a: {x: yes, y: '1', z: 1_000}\nb: IKU1\n")
    again = _agrees("- {x: yes, z: 1_000}\n- IKU1\n")  # the same scalars, from the memo
    assert first["a"]["x"] is True and again[0] == {"x": True, "z": 1000} and again[1] == "IKU1"
    assert {"yes", "1_000", "IKU1"} <= set(yaml_fast._VALUES)
    long = "w" * (yaml_fast._MEMO_LEN + 1)
    assert _agrees(f"k: {long}\n")["k"] == long and long not in yaml_fast._VALUES
    monkeypatch.setattr(yaml_fast, "_MEMO_MAX", 3)
    yaml_fast.load("a: 1\nb: 2\nc: 3\nd: 4\n")
    assert len(yaml_fast._VALUES) == 8  # this document's, kept until the next load
    yaml_fast.load("e: 5\n")
    assert set(yaml_fast._VALUES) == {"e", "5"}  # past the bound: started afresh


# -- runs of row lines read at once (yaml_rows.run), multi-line flows found from the last line ----
RUNS = {
    "a table of rows": "rows:\n" + "".join(f'  - {{line: {i}, subject: IKU{i}, label: "a, b: {i}", target: "{i}%"}}\n'
                                          for i in range(1, 8)),
    "rows of different keys": '- {a: 1, b: "x"}\n- {c: yes}\n- {a: 2, b: "y", d: null}\n- {e: ""}\n',
    "rows with comments after them": '- {a: 1}  # one\n- {b: "x"} # two, three: four\n- {c: 3}\n',
    "comment lines and blank lines inside a run": '- {a: 1}\n# c\n\n- {a: 2}\n   # indented\n- {a: 3}\n',
    "a run, then other items": '- {a: 1}\n- {a: 2}\n- x\n- {a: 3}\n- [1, 2]\n- {a: 4, b: 5}\n',
    "entries written as rows": 'subj:\n  K01: {line: 1, name: "a, b"}\n  K02: {line: 2}  # c\n  K03: {x: "q", y: on}\n'
                               '  other: 1\n  K04: {z: 1}\n',
    "entries whose keys resolve": "m:\n  yes: {a: 1}\n  null: {b: 2}\n  x1: {c: 3}\n  2020: {d: 4}\n",
    "a row with a quoted value holding a brace and a hash": '- {a: "} # x"}\n- {b: "{y}"}\n',
    "a run beside multi-line flows": 'a:\n  K1: {x: 1,\n       y: 2}\n  K2: {x: 3}\n  K3: {x: 4}\n  K4: [1,\n    2]\n'
                                     'b:\n  - {z: 1}\n  - {z: [1,\n      2]}\n  - {z: 3}\nc: {k: 1,\n  l: 2}\n',
    "long keys in a run": "- {" + "k" * 990 + ": v}\n- {" + "j" * 990 + ": w}\n",
}
RUNS_FALLBACK = {  # left by the run: read line by line, or by PyYAML
    "duplicate key in a row of a run": "- {a: 1}\n- {b: 1, b: 2}\n",
    "duplicate entry key across a run": "m:\n  K1: {a: 1}\n  K1: {a: 2}\n",
    "duplicate entry key before a run": "m:\n  K1: 1\n  K1: {a: 2}\n  K2: {a: 3}\n",
    "keys that are one key in a run row": "- {a: 1}\n- {yes: 1, true: 2}\n",
    "a key too long in a run": "- {a: 1}\n- {" + "k" * 1100 + ": v}\n",
    "quotes in a comment after a row": '- {a: 1}  # "q"\n- {b: "x"}\n',
    "an odd quote in a comment after a row": '- {a: 1}  # it"s\n- {b: "x"}\n',
    "a quote over two row lines": '- {a: "x\n- {b: y"}\n',
    "a comment without a space": "- {a: 1}#c\n- {b: 2}\n",
    "text after a row": "- {a: 1} x\n- {b: 2}\n",
    "an escape in a run": '- {a: "x"}\n- {b: "\\t"}\n',
}


READ_BY_ROWS = {**{f"row: {k}": v for k, v in ROWS.items()}, **{f"run: {k}": v for k, v in RUNS.items()}}
LEFT_BY_ROWS = {**{f"row: {k}": v for k, v in ROWS_FALLBACK.items()},
                **{f"run: {k}": v for k, v in RUNS_FALLBACK.items()}}


@pytest.mark.parametrize("name", sorted(READ_BY_ROWS))
def test_rows_runs_and_text_lines_agree_with_pyyaml(name):
    assert _agrees(READ_BY_ROWS[name]) is not None


@pytest.mark.parametrize("name", sorted(LEFT_BY_ROWS))
def test_unusual_rows_and_runs_agree_or_fall_back(name):
    _agrees(LEFT_BY_ROWS[name])


def test_runs_by_hand():
    doc = yaml_fast.load('t:\n  - {line: 5, x: "a, b"}  # c\n  # between\n  - {line: 6, x: yes}\nm:\n  K1: {a: 1}\n'
                         '  K2: {b: "q"}\n')
    rows = doc["t"]
    assert rows == [{"line": 5, "x": "a, b"}, {"line": 6, "x": True}] and rows.item_lines == [2, 4]
    assert (rows[0].line, rows[1].line, rows[1].key_lines) == (2, 4, {"line": 4, "x": 4})
    assert doc["m"] == {"K1": {"a": 1}, "K2": {"b": "q"}} and doc["m"].key_lines == {"K1": 6, "K2": 7}
    assert (doc["m"]["K2"].line, doc["m"]["K2"].line_of("b")) == (7, 7)


def test_lines_of_multi_line_flows_after_one_another():
    text = "a:\n  x: {p: 1,\n    q: 2}\n  # c\n  y: [1,\n\n    2]\nb: {r: [3,\n  4], s: 5}\n"
    doc = _agrees(text)
    assert (doc["a"]["x"].key_lines, doc["a"]["y"].item_lines) == ({"p": 2, "q": 3}, [5, 7])
    assert (doc["b"].key_lines, doc["b"]["r"].item_lines) == ({"r": 8, "s": 9}, [8, 9])


def test_the_shipped_dataset_is_read_mostly_in_runs(monkeypatch):
    from lkjip_audit import yaml_rows

    read = []

    def run(lines, i, j, values, entries):
        rows = yaml_rows.run(lines, i, j, values, entries)
        read.append(0 if rows is None else len(rows))
        return rows

    monkeypatch.setattr(yaml_fast, "_run", run)
    for name in ("a table of rows", "entries written as rows", "rows with comments after them"):
        read.clear()
        assert _agrees(RUNS[name]) is not None and max(read) >= 3, name
    read.clear()
    text = (ROOT / "datasets" / "dinsos-kota-blitar-2020" / "dataset.yaml").read_text(encoding="utf-8")
    assert _agrees(text) is not None and 0 not in read and sum(read) > 300  # 309 rows in 66 runs


# flow mappings of scalars over several lines, read in one pass (_FLAT_MAP_LINES)
FLOWS = {
    "breaks after commas": 'a:\n  K1: {line: 1, x: "p, q: r",\n       y: yes,\n\n       "z": \'w\'}\n  K2: {b: 2}\n',
    "breaks around braces and before commas": "a: {\n  x: 1\n  , y: 2\n  }\nb: [{\n  c: ~}]\n",
    "in a sequence": "- {a: 1,\n   b: 2}\n- {c: 3}\n",
    "a key at the limit": "a: {x: 1,\n  " + "k" * 990 + ": v}\n",
}
FLOWS_FALLBACK = {
    "duplicate key on the next line": "a: {x: 1,\n  x: 2}\n",
    "a key too long on the next line": "a: {x: 1,\n  " + "k" * 1100 + ": v}\n",
    "a plain scalar over two lines": "a: {x: 1\n  2, y: 3}\n",
    "a comment inside": "a: {x: 1, # c\n  y: 2}\n",
    "a trailing comma": "a: {x: 1,\n  }\n",
    "the next line at the block's indentation": "a: {x: 1,\ny: 2}\n",
}


@pytest.mark.parametrize("name", sorted(FLOWS))
def test_flat_maps_over_several_lines_agree(name):
    assert _agrees(FLOWS[name]) is not None


@pytest.mark.parametrize("name", sorted(FLOWS_FALLBACK))
def test_unusual_flat_maps_over_several_lines_agree_or_fall_back(name):
    _agrees(FLOWS_FALLBACK[name])


def test_flat_map_over_several_lines_by_hand():
    doc = yaml_fast.load('# c\nm:\n  K1: {a: 1, b: "x, y",\n\n       c: on}\n')
    k1 = doc["m"]["K1"]
    assert k1 == {"a": 1, "b": "x, y", "c": True} and (k1.line, k1.key_lines) == (3, {"a": 3, "b": 3, "c": 5})


# `key: word` and `key: "text"` lines read by str methods; the other forms by the line pattern
KEY_LINES = {
    "words": "a: word\nb: 101\nc: 007\nd: 1e3\ne: NULL\nf: yes\ng: Off\nh: 0\ni: 2020\n_j: x_y\nT1: ab12\n",
    "texts": 'a: "text: with, separators # and a hash"\nb: ""\nc: "yes"\nd: "1"\ne: "  spaced  "\n',
    "keys that resolve": "yes: 1\nnull: 2\nTrue_: 3\nOff: x\n",
    "near misses": 'a: "x" "y"\nb: "x\\"y"\nc:  two spaces\nd: "x" # c\nk-y: v\nключ: v\n"q": w\ne: x.y\nf: -1\ng: é\n',
    # a plain word with - . / _ inside, read by str methods: what the resolver makes of each
    "words with - . /": ("a: bab3-3.1.2\nb: lkjip-dataset/1\nc: 000_9436e2d9426b5c76.txt\nd: 1.5\ne: 2020-01-02\n"
                         "f: 1_000\ng: 0.5.1\nh: 1-2\ni: x.\nj: a/\nk: 2020-13-45x\nl: 1e-3\nm: 3.\nn: 0x1F\n"),
    "bare keys": "a:\n  b:\n    c: 1\n  d:\n  - x\ne:\nf: 2\nyes:\n  g: 3\nnull:\n",
    "keys after a dash": "- id: x-1\n  b: 2\n- c:\n    d: 1\n- e: [1]\n- ключ: v\n- 'q': w\n",
}
KEY_LINES_FALLBACK = {
    "duplicate word key": "a: 1\na: 2\n",
    "duplicate text key": 'a: "1"\nb: 2\na: "3"\n',
    "one and true": "1: a\nTrue: b\n",
    "two quoted texts": 'a: "x" "y"\n',
    "a lone quote": 'a: "\n',
    "a deeper line after a word": "a: word\n  b: 1\n",
    "a word then a colon": "a: x-y: z\n",
    "a word then a hash": "a: x-y#z\nb: x.y #z\n",
    "a word starting with a dash or a dot": "a: -x.y\nb: .5\nc: -\nd: ./x\n",
    "duplicate bare key": "a:\n  b: 1\na:\n",
    "a bare key then a deeper scalar": "a:\n  text\n",
    "a date that is no date": "a: 2020-13-45\n",
    "a dash, a key, a colon in its value": "- x: y: z\n",
}


@pytest.mark.parametrize("name", sorted(KEY_LINES))
def test_key_lines_agree(name):
    fast = _agrees(KEY_LINES[name])
    assert fast is not None or name == "near misses"  # (those may leave the fast path: compared all the same)


@pytest.mark.parametrize("name", sorted(KEY_LINES_FALLBACK))
def test_unusual_key_lines_agree_or_fall_back(name):
    _agrees(KEY_LINES_FALLBACK[name])


def test_key_lines_by_hand():
    doc = yaml_fast.load('# c\na: word\nb: "x: y, z"\nyes: 007\nc: ""\n')
    assert doc == {"a": "word", "b": "x: y, z", True: 7, "c": ""} and doc.key_lines == {"a": 2, "b": 3, True: 4, "c": 5}


# A plain scalar whose first character starts no implicit tag of PyYAML's resolver is taken as text
# by the memo without asking the resolver: every printable ASCII first character (alone, before a
# word, a number, a dot) compared with PyYAML, the memo empty each time (keys and values, rows too).
_FIRSTS = [chr(c) for c in range(0x21, 0x7F) if chr(c) not in "\"'#,:[]{}|>%@`&*!?-"] + ["\xe9", "\u0130"]


@pytest.mark.parametrize("first", _FIRSTS)
def test_plain_scalars_by_first_character_agree_with_an_empty_memo(first, monkeypatch):
    for tail in ("", "x1", "1", ".5", "ull", "rue", "es", "0"):
        word = first + tail
        monkeypatch.setattr(yaml_fast, "_VALUES", yaml_fast._Values())
        fast = _agrees(f"xq: {word}\n{word}: 1\nlq: [{word}]\nrq:\n  - {{{word}: {word}}}\n")
        assert fast is not None or first == "=", word  # ('=' alone is the value key: PyYAML's path)
