"""kinds `teks_*`: checks over the report's text (packs with `requires: document`; run when a report
file was read, skipped silently for a plain dataset). One family, one module; the checks themselves
live in engine/document_checks.py.

teks_tahun      Passing: "LKjIP ... Tahun 2020" in the 2020 report.  Failing: "... Tahun 2019".
teks_nama       Passing: "Dinas Sosial Kota Blitar" everywhere.       Failing: "Dinas Sosial Kota Bitar".
teks_penanda    Passing: one signatory name / rank / NIP label.       Failing: two spellings of the name.
teks_nip        Passing: an 18-digit NIP with a valid birth date.     Failing: 17 digits.
teks_bagian     Passing: BAB I..IV, Ringkasan, Lampiran PK present.   Failing: no BAB IV.
teks_bagian_lingkup  Passing: a whole LKjIP.                      Failing (info): a Kata Pengantar alone.
teks_penomoran  Passing: 1. 2. 3.                                    Failing: 7. 8. 8.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import RuleKind


def _check(name: str):
    """The check `name` of engine/document_checks.py, imported when a report is checked, not at
    start-up (a run of datasets never needs it, nor the patterns that module compiles)."""
    def run(*args):
        from .. import document_checks

        return getattr(document_checks, name)(*args)

    run.__name__ = name
    return run


@dataclass
class Params:
    """The keys of a `teks_*` rule: none beyond the common ones."""


_SUMMARY = {
    "teks_tahun": ("tahun laporan dipakai konsisten", "the report year used consistently", _check("run_year")),
    "teks_nama": ("nama instansi dan jabatan dieja konsisten", "office and title names spelled consistently", _check("run_names")),
    "teks_penanda": ("penanda tangan sama di setiap blok tanda tangan", "the same signatory in every signature block", _check("run_signatory")),
    "teks_nip": ("setiap NIP berbentuk benar", "every NIP well-formed", _check("run_nip")),
    "teks_bagian": ("bagian wajib (PermenPAN-RB 53/2014) ada", "required sections (PermenPAN-RB 53/2014) present", _check("run_sections")),
    "teks_bagian_lingkup": ("potongan / dokumen lain disebut, bagian wajib yang tidak ada didaftar",
                            "a fragment / another kind of document named, the sections it lacks listed", _check("run_sections_scope")),
    "teks_penomoran": ("daftar bernomor tanpa nomor ganda atau terlewat", "numbered lists without repeated or skipped numbers", _check("run_numbering")),
}

# the section checks offer {missing} (the required sections not found) and {document} (what the
# document is: a fragment, a reviu memo ...), both in the chosen language
_PLACEHOLDERS = {"teks_bagian": frozenset({"missing"}), "teks_bagian_lingkup": frozenset({"missing", "document"})}

KINDS = tuple(RuleKind(name, Params, run, requires="document", summary={"id": i, "en": e}, doc=__doc__,
                       placeholders=_PLACEHOLDERS.get(name, frozenset()))
              for name, (i, e, run) in _SUMMARY.items())
