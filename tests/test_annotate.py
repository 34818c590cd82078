"""`lkjip-audit annotate`: Word comments / PDF highlights at the printed figures the findings name,
on the real report built as DOCX and as PDF; the report text never changes and the input is never
written."""
from __future__ import annotations

import hashlib
import json
import re

import pytest

from build_docs import build_docx, build_pdf
from lkjip_audit.cli import main

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_text):
    d = tmp_path_factory.mktemp("annotate")
    return {"docx": build_docx(seed_text, d / "lkjip.docx"), "pdf": build_pdf(seed_text, d / "lkjip.pdf"), "dir": d}


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _findings(capsys, path) -> list[dict]:
    assert main(["check", str(path), "--quick", "--format", "json"]) == 1
    return json.loads(capsys.readouterr().out)["findings"]


def _text(path) -> list[str]:
    import docx

    d = docx.Document(str(path))
    return [p.text for p in d.paragraphs] + [c.text for t in d.tables for row in t.rows for c in row.cells]


def _anchored(path) -> dict[str, str]:
    """comment id -> the text between its commentRangeStart and commentRangeEnd, in document order."""
    import docx

    body = docx.Document(str(path)).element.body
    open_ids, got = set(), {}
    for el in body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            got.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "t":
            for i in open_ids:
                got[i] += el.text or ""
    return got


def test_docx_comment_at_each_printed_figure_text_unchanged(built, capsys):
    import docx

    src, out = built["docx"], built["dir"] / "lkjip-reviu.docx"
    before = _sha(src)
    findings = _findings(capsys, src)
    assert main(["annotate", str(src), "-o", str(out), "--quick"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "tidak ditemukan" not in err  # every place was located
    assert _sha(src) == before
    assert _text(out) == _text(src)  # the report's text is the same, paragraph by paragraph, cell by cell
    comments = list(docx.Document(str(out)).comments)
    wanted = sum(max(1, sum(loc["role"] == "found" for loc in f["locations"])) for f in findings)
    assert len(comments) == wanted
    for no, f in enumerate(findings, start=1):  # one comment (or more) per located finding
        assert any(c.text.startswith(f"#{no} {f['rule']}:") for c in comments), f["rule"]
    anchors = _anchored(out)
    by_text = {c.comment_id: c.text for c in comments}
    # Ringkasan C prints -731,00% and seven other places -831 (KON001); the formula -7,31 / 1 x 100 = -731
    # decides, so the comments sit on the seven -831 copies and suggest -731,00%, never on -731,00%
    kon = [i for i, t in by_text.items() if re.match(r"#\d+ KON001:", t) and "Seharusnya: -731,00%" in t]
    assert len(kon) == 7 and {anchors[str(i)].strip("()") for i in kon} <= {"-831%", "-831,00%"}
    # CAP001: -7,31 / 1 x 100 = -731; the comment sits on each printed -831 and suggests -731,00%
    cap = [i for i, t in by_text.items() if re.match(r"#\d+ CAP001:", t) and "Seharusnya: -731,00%" in t]
    assert len(cap) == 7
    assert {anchors[str(i)].strip("()") for i in cap} <= {"-831%", "-831,00%"}


def test_pdf_highlight_annotations_counted_and_sarif_names_pages(built, capsys):
    import jsonschema
    from pypdf import PdfReader

    from conftest import ROOT

    src, out = built["pdf"], built["dir"] / "lkjip-reviu.pdf"
    before = _sha(src)
    report, sarif = built["dir"] / "pdf.json", built["dir"] / "pdf.sarif"
    assert main(["check", str(src), "--quick", "-o", str(report), "-o", str(sarif)]) == 1  # one reading, two files
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    # SARIF of a PDF: no line region (the running number is no line of the file); page and place as properties
    log = json.loads(sarif.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(json.loads((ROOT / "tests/schemas/sarif-schema-2.1.0.json").read_text())).validate(log)
    places = [loc["physicalLocation"] for r in log["runs"][0]["results"] for loc in r["locations"]]
    assert places and all("region" not in p and p["properties"]["page"] >= 1 for p in places)
    assert all(p["properties"]["where"].startswith("halaman ") for p in places)
    assert all(p["artifactLocation"]["uri"].endswith("lkjip.pdf") for p in places)
    assert main(["annotate", str(src), "-o", str(out), "--quick"]) == 1
    assert "tidak ditemukan" not in capsys.readouterr().err
    assert _sha(src) == before
    annots = [a.get_object() for page in PdfReader(str(out)).pages for a in (page.get("/Annots") or [])]
    highlights = [a for a in annots if a["/Subtype"] == "/Highlight"]
    assert len(highlights) == sum(max(1, sum(loc["role"] == "found" for loc in f["locations"])) for f in findings)
    contents = [str(a["/Contents"]) for a in highlights]
    assert sum(bool(re.match(r"#\d+ CAP001:", c)) and "Seharusnya: -731,00%" in c for c in contents) == 7
    src_text = [p.extract_text() for p in PdfReader(str(src)).pages]
    assert [p.extract_text() for p in PdfReader(str(out)).pages] == src_text


def test_annotate_refuses_to_write_its_input(built, capsys, tmp_path):
    src = built["docx"]
    before = _sha(src)
    link = tmp_path / "link.docx"
    link.symlink_to(src)
    hard = tmp_path / "hard.docx"
    hard.hardlink_to(src)
    for out in (src, link, hard, tmp_path / "copy.pdf"):
        assert main(["annotate", str(src), "-o", str(out), "--quick"]) == 2
    assert main(["annotate", str(tmp_path / "laporan.txt"), "-o", str(tmp_path / "x.txt")]) == 2
    err = capsys.readouterr().err
    assert "menolak menimpa" in err and "Traceback" not in err
    assert _sha(src) == before and not (tmp_path / "copy.pdf").exists()


@pytest.mark.parametrize("ext", ["docx", "pdf"])
def test_another_office_report_gets_its_one_comment(tmp_path, capsys, ext):
    """BPKAD Polewali Mandar (hand-made, tests/fixtures/bpkad-polman-2022/lkjip.md): one finding,
    CAP001, capaian printed 79,32% while 93 / 95,56 x 100 = 97,32."""
    from conftest import ROOT

    text = (ROOT / "tests/fixtures/bpkad-polman-2022/lkjip.md").read_text(encoding="utf-8")
    src = (build_docx if ext == "docx" else build_pdf)(text, tmp_path / f"polman.{ext}")
    out = tmp_path / f"polman-reviu.{ext}"
    assert main(["annotate", str(src), "-o", str(out), "--quick"]) == 1
    assert "tidak ditemukan" not in capsys.readouterr().err
    if ext == "docx":
        import docx

        comments = list(docx.Document(str(out)).comments)
        assert len(comments) == 1 and comments[0].text.startswith("#1 CAP001:")
        assert "Seharusnya: 97,32%" in comments[0].text
        assert list(_anchored(out).values()) == ["79,32%"]
        assert _text(out) == _text(src)
    else:
        from pypdf import PdfReader

        annots = [a.get_object() for p in PdfReader(str(out)).pages for a in (p.get("/Annots") or [])]
        assert len(annots) == 1 and "Seharusnya: 97,32%" in str(annots[0]["/Contents"])

