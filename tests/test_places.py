"""How the places of a finding are printed (issue 9 item 5: "one line per place, not eleven identical
rows") and a figure read with repair saying so in the finding (issue 8/9: a repaired reading is never
silent)."""
from __future__ import annotations

import json

from conftest import ROOT

from lkjip_audit.cli import main
from lkjip_audit.reporters.common import group_locations, lines_text

DATASET = ROOT / "datasets" / "dinsos-kota-blitar-2020"


def _loc(line, text="90%", title="Tabel 3.2.1", role="found", note=None):
    d = {"section": "BAB III", "table": "t", "title": title, "row": line, "label": "", "column": "c",
         "line": line, "page": None, "text": text, "role": role}
    if note:
        d["note"] = note
    return d


def test_same_text_in_the_same_table_is_one_line_listing_its_report_lines():
    groups = group_locations([_loc(101), _loc(102), _loc(103), _loc(104, title="Narasi"),
                              _loc(105, text="90,00%"), _loc(106, role="reference"),
                              _loc(107, note="tanda catatan kaki")])
    # 101-103 share text, role and table: one line; 104 (other table), 105 (other text),
    # 106 (other role), 107 (read with repair) are places of their own
    assert [lines_text(g) for g in groups] == ["101, 102, 103", "104", "105", "106", "107"]


def test_terminal_prints_one_line_per_distinct_place_of_REN001(capsys):
    # golden file: REN001 IKU2 at lines 48 59 238 300 309 322 405 428 500 587 612, every one in a
    # table of its own (Ringkasan B, Ringkasan C, BAB II B, Tabel 3.2.1, Tabel 3.2.2, Narasi, B.2,
    # BAB IV A, Lampiran II, Lampiran III, Lampiran IV): 11 distinct places, 11 lines
    code = main(["check", str(DATASET), "--quick"])
    assert code == 1
    out = capsys.readouterr().out.splitlines()
    start = next(i for i, l in enumerate(out) if "rehabilitasi sosial tahun 2020 tertulis 90%" in l)
    places = []
    for line in out[start + 2:]:
        if not line.startswith("      "):
            break
        places.append(line)
    assert len(places) == 11
    lines = [int(p.split()[2]) for p in places]
    assert lines == [48, 59, 238, 300, 309, 322, 405, 428, 500, 587, 612]
    assert len({p.split("  ")[-1] for p in places}) == 11  # no two lines name the same table


TITLE = "LKjIP Dinas Sosial Kabupaten Contoh Tahun 2021"
REPORT = [TITLE, "", "BAB III AKUNTABILITAS KINERJA", "", "Tabel 3.1 Capaian Indikator Kinerja Utama", "",
          "\t".join(["No", "Indikator Kinerja", "Target", "Realisasi", "Capaian"]),
          "\t".join(["1", "Persentase anak terlantar yang tertangani", "80%", "72%", "90%"]),
          # 250 / 200 = 125%; printed 120,00* (a footnote mark on the capaian)
          "\t".join(["2", "Jumlah lansia yang dibina", "200", "250", "120,00%*"])]


def _cap_location(report: dict) -> dict:
    cap = [f for f in report["findings"] if f["rule"].startswith("CAP")]
    assert len(cap) == 1
    assert cap[0]["found"] == 120.0 and round(cap[0]["expected"], 6) == 125.0
    return cap[0]["locations"][0]


def test_a_finding_on_a_figure_read_with_repair_says_so(capsys, tmp_path):
    f = tmp_path / "lkjip.txt"
    f.write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    main(["check", str(f), "--quick", "--format", "json", "--select", "CAP"])
    loc = _cap_location(json.loads(capsys.readouterr().out))
    assert loc["text"] == "120,00%*"
    assert "catatan kaki" in loc["note"]
    main(["check", str(f), "--quick", "--format", "md", "--select", "CAP"])
    assert "(dibaca dengan perbaikan: tanda catatan kaki)" in capsys.readouterr().out
    main(["check", str(f), "--quick", "--select", "CAP"])
    assert "(dibaca dengan perbaikan: tanda catatan kaki)" in capsys.readouterr().out
    main(["check", str(f), "--quick", "--select", "CAP", "--lang", "en"])
    assert "(read with repair: footnote mark removed)" in capsys.readouterr().out
    main(["check", str(f), "--quick", "--format", "md", "--select", "CAP", "--lang", "en"])
    assert "(read with repair: footnote mark removed)" in capsys.readouterr().out


def test_a_figure_read_as_printed_has_no_note(capsys, tmp_path):
    f = tmp_path / "lkjip.txt"
    f.write_text("\n".join(REPORT[:-1] + [REPORT[-1].replace("120,00%*", "120,00%")]) + "\n", encoding="utf-8")
    main(["check", str(f), "--quick", "--format", "json", "--select", "CAP"])
    assert "note" not in _cap_location(json.loads(capsys.readouterr().out))


def test_html_report_says_a_figure_was_read_with_repair(tmp_path):
    from html.parser import HTMLParser

    f = tmp_path / "lkjip.txt"
    f.write_text("\n".join(REPORT) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    main(["check", str(f), "--quick", "--select", "CAP", "--output", str(out)])

    class Repairs(HTMLParser):
        def __init__(self):
            super().__init__()
            self.inside, self.found = False, []

        def handle_starttag(self, tag, attrs):
            self.inside = ("class", "repair") in attrs

        def handle_endtag(self, tag):
            self.inside = False

        def handle_data(self, data):
            if self.inside:
                self.found.append(data)

    p = Repairs()
    p.feed(out.read_text(encoding="utf-8"))
    assert p.found == ["(dibaca dengan perbaikan: tanda catatan kaki)"]
