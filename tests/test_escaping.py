"""Report text is data in every output (issue 11): rich markup is printed as written and never
crashes the run, control and escape sequences never reach the terminal or an -o file, and in
Markdown a name cannot add a heading, close a code span, break a table cell or inject HTML."""
from __future__ import annotations

import json
import re
import shutil

import pytest

from conftest import REAL
from lkjip_audit.cli import main
from lkjip_audit.reporters.escape import md, md_code, md_line, one_line, plain

# YAML double-quoted escapes: \e = ESC, \a = BEL, \x9b = CSI (C1)
HOSTILE_OFFICE = r'"Dinas [bold red]Sosial[/] [link=http://x.invalid]Kota[/link] Blitar \e]0;judul\a\e[2J\x9b2J"'
HOSTILE_NAME = r'"Persentase penurunan PMKS\n# Judul palsu ` kode` | sel <script>x</script> [/]"'
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture()
def hostile(tmp_path):
    d = tmp_path / "ds"
    shutil.copytree(REAL, d)
    f = d / "dataset.yaml"
    text = f.read_text(encoding="utf-8")
    text = text.replace("  instansi: Dinas Sosial Kota Blitar\n", f"  instansi: {HOSTILE_OFFICE}\n", 1)
    old = 'name: "Persentase penurunan PMKS"}'
    assert old in text
    text = text.replace(old, f"name: {HOSTILE_NAME}}}", 1)
    f.write_text(text, encoding="utf-8")
    return d


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and "kesalahan internal" not in err
    return code, out, err


def test_terminal_prints_markup_as_written_and_no_control_codes(capsys, hostile):
    code, out, err = run(capsys, "check", hostile, "--quick")
    assert code == 1   # [/] used to crash the run with an internal error
    assert "[bold red]Sosial[/]" in out and "[link=http://x.invalid]" in out
    assert not CONTROL.search(out.replace("\n", "").replace("\t", "")), repr(CONTROL.search(out))


@pytest.mark.parametrize("fmt", ["table", "md", "json"])
def test_output_files_hold_no_raw_control_codes(capsys, tmp_path, hostile, fmt):
    out_file = tmp_path / f"hasil.{fmt}"
    code, out, err = run(capsys, "check", hostile, "--quick", "--format", fmt, "-o", out_file)
    assert code == 1
    text = out_file.read_text(encoding="utf-8")
    assert not CONTROL.search(text.replace("\n", "").replace("\t", ""))
    if fmt == "table":  # shown, not obeyed
        assert "\\x1b]0;judul\\x07\\x1b[2J\\x9b2J" in text
    if fmt == "json":   # JSON keeps the text exactly, as escapes
        doc = json.loads(text)
        assert "\x1b]0;judul\x07" in doc["submission"]["instansi"] and "\x9b" in doc["submission"]["instansi"]


def test_markdown_cannot_be_restructured_by_a_name(capsys, hostile):
    code, out, err = run(capsys, "check", hostile, "--quick", "--format", "md")
    lines = out.splitlines()
    assert not any(line.startswith("# Judul palsu") for line in lines)
    assert "<script>" not in out
    assert "\\<script\\>" in out
    # every table row keeps its five cells: no unescaped pipe from the name
    for line in lines:
        if line.startswith("| ") and "penurunan PMKS" in line:
            assert len(re.findall(r"(?<!\\)\|", line)) == 6, line


@pytest.mark.parametrize("text", ["a`b", "``", "x ` y", "`start", "end`", "a|b"])
def test_code_spans_cannot_be_closed_by_the_text(text):
    span = md_code(text)
    fence = re.match(r"`+", span).group(0)
    inner = span[len(fence):-len(fence)]
    assert span.endswith(fence)
    # the fence is longer than any run of backticks in the text, so the text cannot close it
    assert len(fence) > max((len(r) for r in re.findall(r"`+", text)), default=0)
    assert inner.strip(" ").replace("\\|", "|") == text


def test_escape_helpers():
    assert plain("a\x1b[2Jb\x07c\x9bd") == "a\\x1b[2Jb\\x07c\\x9bd"
    assert one_line("a\nb") == "a b" and one_line("abcdef", 4) == "abc…"
    assert md("# x") == "\\# x" and md("- x") == "- x" and md("-7,31%") == "-7,31%"
    assert md_line("- x") == "\\- x" and md_line("1. x") == "1\\. x" and md_line("---") == "\\---"
    assert md("a|b <i>") == "a\\|b \\<i\\>" and md("x\n# y") == "x \\# y"


def test_problems_quoting_hostile_input_reach_stderr_without_control_codes(capsys, tmp_path):
    d = tmp_path / "ds"
    d.mkdir()
    (d / "dataset.yaml").write_text('"k\\e]0;x\\a[/]": 1\n"k\\e]0;x\\a[/]": 2\n', encoding="utf-8")
    code, out, err = run(capsys, "check", d, "--quick")
    assert code == 2 and "ditulis dua kali" in err and "[/]" in err
    assert "\x1b" not in err and "\x07" not in err and "\\x1b]0;x\\x07" in err
