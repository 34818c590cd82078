"""Under --lang en the tool's own words for a place and for an unread office are English; the report's
own words (its table titles, its office name) stay as printed."""
import json
from pathlib import Path

from lkjip_audit.cli import main
from lkjip_audit.engine.findings import Location
from lkjip_audit.reporters.common import office_text, source_text

CORPUS = Path(__file__).parent / "corpus"


def test_unread_office_and_source_in_english():
    sub = {"instansi": "(instansi tidak terbaca)", "source": "LKjIP 2020 (dibaca dari pdf)"}
    assert office_text(sub, "en") == "(office not read)"
    assert source_text(sub, "en") == "LKjIP 2020 (read from pdf)"
    assert office_text(sub, "id") == "(instansi tidak terbaca)"
    # a real office name is the report's own words: never translated
    assert office_text({"instansi": "Dinas Sosial Kota Blitar"}, "en") == "Dinas Sosial Kota Blitar"


def test_tool_place_words_in_english_report_titles_kept():
    made = Location("BAB III", "teks", "Teks laporan", None, "", "", 12, None, "(akhir dokumen)", "found")
    assert (made.as_dict("en")["title"], made.as_dict("en")["text"]) == ("Report text", "(end of document)")
    assert made.as_dict()["title"] == "Teks laporan"
    printed = Location("BAB III", "t1", "Tabel 3.1 Capaian", 1, "", "", 40, None, "73,30", "found")
    assert printed.as_dict("en")["title"] == "Tabel 3.1 Capaian"


def test_inline_formula_place_in_english(tmp_path, capsys):
    # Tanah Datar 2015, line 38: "= 11 / 15 100 = 70,30" (11 / 15 x 100 = 73,33): NAR001 at a place in the text
    out = tmp_path / "r.json"
    code = main(["check", str(CORPUS / "pemkab_tanah_datar_2015_bab3.txt"), "--quick", "--lang", "en",
                 "--format", "json", "-o", str(out)])
    assert code == 1
    report = json.loads(out.read_text(encoding="utf-8"))
    nar = [f for f in report["findings"] if f["rule"] == "NAR001"]
    assert nar and {loc["title"] for loc in nar[0]["locations"]} == {"Report text"}
    titles = {loc["title"] for f in report["findings"] for loc in f["locations"]}
    assert "Teks laporan" not in titles and "Narasi" not in titles and "Narrative" in titles


def test_fragment_without_headings_says_so(tmp_path):
    # Tanah Datar 2016 is two pages of BAB III text with no chapter heading in it: the fragment note must not
    # claim "sections present: -" and then list BAB III as missing without saying why
    for lang, expected in (("id", "tidak ada judul bagian yang terbaca"), ("en", "no section heading read")):
        out = tmp_path / f"r-{lang}.json"
        main(["check", str(CORPUS / "pemkab_tanah_datar_2016_bab3.txt"), "--quick", "--lang", lang,
              "--format", "json", "-o", str(out)])
        report = json.loads(out.read_text(encoding="utf-8"))
        tks = [f for f in report["findings"] if f["rule"] == "TKS007"]
        assert len(tks) == 1 and expected in tks[0]["message"], tks
