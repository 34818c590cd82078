"""Check primitives over the report's text (rule packs with `requires: document`).

They run only when a report file was read (the Context's dataset carries the document model);
a plain dataset skips them without a word.

teks_tahun       the report year used consistently ("LKjIP ... Tahun 2019" in a 2020 report)
teks_nama        names of the instansi and of the head's office spelled consistently
                 ("Dinas Sosial Kota Bitar", "KERALA DINAS")
teks_penanda     the signatory (name, rank, NIP label) printed the same in every signature block
teks_nip         every NIP well-formed: 18 digits, birth date YYYYMMDD, appointment YYYYMM, sex 1/2
teks_bagian      sections required by PermenPAN-RB 53/2014 present (one finding listing every one missing)
teks_bagian_lingkup  a fragment or a document of another kind: said once, the sections it lacks listed
teks_penomoran   numbered lists without repeated or skipped numbers
"""
from __future__ import annotations

import re
from datetime import date

from .findings import Finding, Location

# ranks (pangkat) of civil servants, PP 99/2000: the rank under a signature must be one of them
PANGKAT = [
    "Pembina Utama", "Pembina Utama Madya", "Pembina Utama Muda", "Pembina Tingkat I", "Pembina",
    "Penata Tingkat I", "Penata", "Penata Muda Tingkat I", "Penata Muda",
    "Pengatur Tingkat I", "Pengatur", "Pengatur Muda Tingkat I", "Pengatur Muda",
    "Juru Tingkat I", "Juru", "Juru Muda Tingkat I", "Juru Muda",
]
REQUIRED_SECTIONS = [
    ("ringkasan", "Ringkasan Eksekutif", "Executive summary"),
    ("bab1", "BAB I Pendahuluan", "Chapter I Introduction"),
    ("bab2", "BAB II Perencanaan (dan Perjanjian) Kinerja", "Chapter II Performance planning"),
    ("bab3", "BAB III Akuntabilitas Kinerja", "Chapter III Performance accountability"),
    ("bab4", "BAB IV Penutup", "Chapter IV Closing"),
    ("lampiran_pk", "Lampiran Perjanjian Kinerja", "Annex: performance agreement"),
]
_NIP = re.compile(r"^\W*(NIP\w*)\s*\.?\s*:?\s*([\d ]{15,30})\s*$", re.I)
_REPORT_YEAR = re.compile(
    r"\b(?:LKjIP|LAKIP|Laporan\s+Kinerja(?:\s+Instansi\s+Pemerintah)?)\b(?:\s*\([A-Za-z]+\))?"
    r"((?:\s+(?:[A-Z][\w.,]*|dan|di|ke))*?)\s+[Tt]ahun\s+((?:19|20)\d\d)\b")
_INSTANSI = re.compile(r"\b(Dinas|Badan|Kantor|Inspektorat|Sekretariat|Satuan)\s+((?:[A-Z][\w]*\s+){1,4}?)"
                       r"(Kota|Kabupaten|Kab\.|Provinsi)\s+([A-Z][a-z]+)\b")
_JABATAN = re.compile(r"\b([A-Za-z]{4,8})\s+(DINAS|Dinas|BADAN|Badan)\b")
_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s+\S")


def _doc(ctx):
    return getattr(ctx.dataset, "document", None)


def _loc(ctx, line, text, role="found", label="") -> Location:
    from ..readers.dataset import SECTION_NAMES

    doc = _doc(ctx)
    section = doc.section_at(line) if doc is not None and hasattr(doc, "section_at") else ""
    return Location(SECTION_NAMES.get(section, section or "Teks"), "teks", "Teks laporan", None, label,
                    "", line, doc.page_of(line) if doc is not None else None, text, role)


def _finding(rule, found, expected, why, subject_name="") -> Finding:
    return Finding(rule=rule, subject=None, subject_name=subject_name, concept=None, period=None,
                   found=found, found_text=str(found), expected=expected, expected_interval=None, why=why)


def run_year(rule, ctx, out, stats):
    doc = _doc(ctx)
    year = ctx.year
    for line, text in sorted(doc.lines.items()):
        for m in _REPORT_YEAR.finditer(text):
            stats.checks += 1
            y = int(m.group(2))
            if y == year:
                continue
            if re.search(r"\d{4}\s*[-–]\s*$", text[:m.start(2)]) or re.match(r"\s*[-–]\s*\d{4}", text[m.end(2):]):
                continue  # a period (Renstra 2016 - 2021), not the report year
            quote = m.group(0)
            f = out.add((rule.id, line, quote), lambda: _finding(
                rule, quote, str(year),
                {"id": f"laporan tahun {year} menyebut dirinya '{quote}'", "en": f"a {year} report calls itself '{quote}'"}))
            out.add_location(f, _loc(ctx, line, quote))


def _fuzz():
    from rapidfuzz import fuzz

    return fuzz


def run_names(rule, ctx, out, stats):
    """Names of the instansi (and the head's title "Kepala Dinas") spelled as the report spells them."""
    fuzz = _fuzz()
    doc = _doc(ctx)
    expected = str(ctx.dataset.submission.get("instansi") or "")
    exp_norm = " ".join(expected.casefold().split())
    for line, text in sorted(doc.lines.items()):
        for m in _INSTANSI.finditer(text):
            stats.checks += 1
            name = " ".join(m.group(0).split())
            n = name.casefold()
            if not exp_norm or n == exp_norm:
                continue
            score = fuzz.ratio(n, exp_norm)
            if 85 <= score < 100 and m.group(1).casefold() == exp_norm.split()[0]:
                f = out.add((rule.id, "instansi", name), lambda: _finding(
                    rule, name, expected, {"id": f"'{name}' ditulis berbeda dari '{expected}' (kemiripan {score:.0f}%)",
                                           "en": f"'{name}' is spelled differently from '{expected}' ({score:.0f}% similar)"}))
                out.add_location(f, _loc(ctx, line, name))
        for m in _JABATAN.finditer(text):
            word = m.group(1)
            if word.casefold() == "kepala" or not word[0].isupper():
                continue
            stats.checks += 1
            score = fuzz.ratio(word.casefold(), "kepala")
            if score >= 66:
                want = "KEPALA" if word.isupper() else "Kepala"
                got = f"{word} {m.group(2)}"
                f = out.add((rule.id, "jabatan", got), lambda: _finding(
                    rule, got, f"{want} {m.group(2)}", {"id": f"'{got}': jabatan salah eja", "en": f"'{got}': title misspelled"}))
                out.add_location(f, _loc(ctx, line, got))


def signature_blocks(doc) -> list[dict]:
    """Signature blocks: a NIP line, the rank line above it and the name line above that."""
    lines = doc.lines
    keys = sorted(lines)
    pos = {k: i for i, k in enumerate(keys)}
    blocks = []
    for k in keys:
        m = _NIP.match(lines[k])
        if not m:
            continue
        above = [keys[j] for j in range(pos[k] - 1, max(-1, pos[k] - 6), -1) if lines[keys[j]].strip()]
        if len(above) < 2:
            continue
        rank_line, name_line = above[0], above[1]
        name = re.sub(r"^\W*(?:Nama\s*:\s*)", "", lines[name_line]).strip()
        blocks.append({"nip_line": k, "label": m.group(1), "nip": m.group(2).strip(), "digits": re.sub(r"\D", "", m.group(2)),
                       "rank_line": rank_line, "rank": lines[rank_line].strip(), "name_line": name_line, "name": name})
    return blocks


def run_signatory(rule, ctx, out, stats):
    fuzz = _fuzz()
    doc = _doc(ctx)
    blocks = signature_blocks(doc)
    by_person: dict[str, list[dict]] = {}
    for b in blocks:
        by_person.setdefault(b["digits"][:8] or b["name"], []).append(b)
    for person in by_person.values():
        for what, line_key in (("name", "name_line"), ("rank", "rank_line"), ("label", "nip_line")):
            stats.checks += 1
            if what == "rank":
                ranks = {r.casefold(): r for r in PANGKAT}
                for b in person:
                    if b["rank"].casefold() not in ranks:
                        best = max(PANGKAT, key=lambda r: fuzz.ratio(r.casefold(), b["rank"].casefold()))
                        f = out.add((rule.id, "rank", b["rank"]), lambda: _finding(
                            rule, b["rank"], best, {"id": f"pangkat '{b['rank']}' tidak dikenal (PP 99/2000); maksudnya '{best}'?",
                                                    "en": f"rank '{b['rank']}' is not a civil-service rank; '{best}'?"}, b["name"]))
                        out.add_location(f, _loc(ctx, b["rank_line"], b["rank"]))
                continue
            if what == "label":
                for b in person:
                    if b["label"].upper() != "NIP":
                        f = out.add((rule.id, "label", b["label"]), lambda: _finding(
                            rule, b["label"], "NIP", {"id": f"label '{b['label']}' seharusnya 'NIP'", "en": f"label '{b['label']}' should be 'NIP'"}, b["name"]))
                        out.add_location(f, _loc(ctx, b["nip_line"], f"{b['label']} {b['nip']}"))
                continue
            distinct = {}
            for b in person:
                distinct.setdefault(b["name"], []).append(b)
            if len(distinct) > 1:
                # which spelling is right cannot be told from the report: every one is listed
                names = " / ".join(distinct)
                f = out.add((rule.id, "name", person[0]["digits"]), lambda: _finding(
                    rule, names, None, {"id": f"nama penanda tangan (NIP {person[0]['nip']}) ditulis {len(distinct)} cara: {names}",
                                        "en": f"the signatory (NIP {person[0]['nip']}) is spelled {len(distinct)} ways: {names}"},
                    person[0]["name"]))
                for n, bs in distinct.items():
                    for b in bs:
                        out.add_location(f, _loc(ctx, b["name_line"], n))
        # the same person named elsewhere ("Nama : Drs. Ec. PRIYO INSTANTO") is covered by its own block


def nip_problem(digits: str) -> str | None:
    if len(digits) != 18:
        return f"{len(digits)} angka, seharusnya 18"
    try:
        born = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return f"tanggal lahir {digits[0:8]} tidak sah"
    ay, am = int(digits[8:12]), int(digits[12:14])
    if not (1 <= am <= 12) or ay < born.year + 15 or ay > date.today().year:
        return f"TMT pengangkatan {digits[8:14]} tidak sah"
    if digits[14] not in "12":
        return f"kode jenis kelamin {digits[14]} bukan 1/2"
    return None


def run_nip(rule, ctx, out, stats):
    doc = _doc(ctx)
    for line, text in sorted(doc.lines.items()):
        for m in re.finditer(r"\bNIP\w*\s*\.?\s*:?\s*(\d[\d ]{10,30}\d)", text, re.I):
            stats.checks += 1
            digits = re.sub(r"\D", "", m.group(1))
            problem = nip_problem(digits)
            if problem:
                f = out.add((rule.id, line, digits), lambda: _finding(
                    rule, m.group(1), "NIP 18 angka", {"id": f"NIP {m.group(1)}: {problem}", "en": f"NIP {m.group(1)}: {problem}"}))
                out.add_location(f, _loc(ctx, line, m.group(1)))


def _present_sections(ctx, doc) -> set[str]:
    present = set(getattr(doc, "sections", {}) or {})
    if any(t.get("id", "").startswith("lampiran") and "pk" in t.get("id", "") for t in ctx.dataset.tables) or \
            re.search(r"perjanjian\s+kinerja", " ".join(doc.lines.get(k, "") for k in sorted(doc.lines)
                                                        if doc.section_at(k).startswith("lampiran")), re.I):
        present.add("lampiran_pk")
    return present


# what a document that is not an LKjIP is, in the auditor's words (readers/sections.document_kind)
DOC_KIND = {"kinerja": ("dokumen pengukuran / ikhtisar kinerja", "a performance measurement / summary document"),
            "reviu": ("nota dinas / laporan hasil reviu Inspektorat", "an Inspektorat review memo / review report")}


def section_scope(ctx, present: set[str]) -> str:
    """lkjip: a whole LKjIP, whose missing sections are errors (TKS005); fragment: a piece of one
    (no indicator table read, or fewer than two of BAB I-IV found); other: not an LKjIP at all
    (a reviu nota dinas, an ikhtisar kinerja). The last two get one info finding (TKS007)."""
    extraction = getattr(ctx.dataset, "extraction", None)
    kind = (getattr(extraction, "kind", None) or {}).get("kind", "lkjip")
    if kind in DOC_KIND:
        return "other"
    if getattr(extraction, "text_only", False) or len(present & {"bab1", "bab2", "bab3", "bab4"}) < 2:
        return "fragment"
    return "lkjip"


def _missing(present: set[str]) -> tuple[list[str], list[str]]:
    gone = [(i, e) for key, i, e in REQUIRED_SECTIONS if key not in present]
    return [i for i, _ in gone], [e for _, e in gone]


def run_sections(rule, ctx, out, stats):
    """One finding listing every required section missing from a whole LKjIP."""
    doc = _doc(ctx)
    present = _present_sections(ctx, doc)
    stats.checks += 1
    if section_scope(ctx, present) != "lkjip":
        return
    ids, ens = _missing(present)
    if not ids:
        return
    last = max(doc.lines) if doc.lines else 1
    f = out.add((rule.id,), lambda: _finding(
        rule, "(tidak ada)", "; ".join(ids),
        {"id": f"{len(ids)} dari {len(REQUIRED_SECTIONS)} bagian wajib tidak ada",
         "en": f"{len(ids)} of {len(REQUIRED_SECTIONS)} required sections missing"}))
    f.extra["missing"] = {"id": "; ".join(ids), "en": "; ".join(ens)}
    out.add_location(f, _loc(ctx, last, "(akhir dokumen)", label="; ".join(ids)))


def run_sections_scope(rule, ctx, out, stats):
    """A fragment or a document of another kind: one info finding saying so and listing the
    LKjIP sections it does not hold, instead of an error per missing chapter."""
    from ..readers.dataset import SECTION_NAMES

    doc = _doc(ctx)
    present = _present_sections(ctx, doc)
    stats.checks += 1
    scope = section_scope(ctx, present)
    if scope == "lkjip":
        return
    ids, ens = _missing(present)
    found = [SECTION_NAMES.get(k, k) for k in getattr(doc, "sections", {}) or {} if k not in ("sampul", "daftar_isi")]
    found_txt = ", ".join(found)
    if scope == "other":
        kind = ((getattr(ctx.dataset, "extraction", None)).kind or {}).get("kind")
        what_id, what_en = DOC_KIND[kind]
        document = {"id": f"{what_id}, bukan LKjIP", "en": f"{what_en}, not an LKjIP"}
    else:
        document = {"id": f"potongan LKjIP (bagian yang ada: {found_txt})" if found
                    else "potongan LKjIP (tidak ada judul bagian yang terbaca)",
                    "en": f"a fragment of an LKjIP (sections present: {found_txt})" if found
                    else "a fragment of an LKjIP (no section heading read)"}
    why = {"id": f"{len(ids)} dari {len(REQUIRED_SECTIONS)} bagian wajib LKjIP tidak ada di dokumen ini",
           "en": f"{len(ids)} of {len(REQUIRED_SECTIONS)} required LKjIP sections are not in this document"}
    last = max(doc.lines) if doc.lines else 1
    f = out.add((rule.id,), lambda: _finding(rule, scope, "; ".join(ids), why))
    f.extra.update(document=document, missing={"id": "; ".join(ids) or "-", "en": "; ".join(ens) or "-"})
    out.add_location(f, _loc(ctx, last, "(akhir dokumen)", label=scope))


def run_numbering(rule, ctx, out, stats):
    doc = _doc(ctx)
    run: list[tuple[int, int, str]] = []

    def flush():
        for (n0, _, _), (n1, line, text) in zip(run, run[1:]):
            stats.checks += 1
            if n1 == n0 + 1 or n1 == 1:
                continue
            what = "diulang" if n1 == n0 else ("terlewat" if n1 > n0 + 1 else "mundur")
            f = out.add((rule.id, line), lambda: _finding(
                rule, f"{n1}.", f"{n0 + 1}.", {"id": f"penomoran {what}: setelah {n0}. tertulis {n1}.",
                                               "en": f"numbering {'repeated' if n1 == n0 else 'skipped' if n1 > n0 + 1 else 'goes back'}: {n1}. after {n0}."}))
            out.add_location(f, _loc(ctx, line, text[:60]))
        run.clear()

    for b in doc.blocks:
        if b.kind != "paragraph":
            flush()
            continue
        m = _NUMBERED.match(b.text)
        if not m:
            flush()
            continue
        run.append((int(m.group(1)), b.line, b.text))
    flush()
