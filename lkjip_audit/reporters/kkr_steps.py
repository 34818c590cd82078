"""The steps of the reviu of an LKjIP (PermenPAN-RB 53/2014 on the LKjIP format and the reviu
guidance that goes with it), as the Kertas Kerja Reviu lists them, with the rule-id prefixes that
check a step automatically. A step with no prefix (or whose rules did not run) is left to the
reviewer as manual."""
from __future__ import annotations

# (no, {id:, en:} step, rule-id prefixes that check it)
STEPS = [
    ("1", {"id": "Identitas dokumen: tahun laporan, nama instansi, penandatangan dan NIP ditulis benar dan seragam",
           "en": "Document identity: report year, office name, signatory and NIP written correctly and consistently"},
     ("TKS001", "TKS002", "TKS003", "TKS004")),
    ("2", {"id": "Sistematika LKjIP sesuai PermenPAN-RB 53/2014 (Ringkasan Eksekutif, Bab I-IV, Lampiran)",
           "en": "LKjIP structure as PermenPAN-RB 53/2014 requires (executive summary, chapters I-IV, annexes)"},
     ("TKS005", "TKS006")),
    ("3", {"id": "Ringkasan Eksekutif menyajikan tujuan/sasaran, capaian IKU, realisasi anggaran dan kendala secara ringkas",
           "en": "The executive summary states the objectives, key indicator results, budget realisation and obstacles"},
     ()),
    ("4", {"id": "Target IKU di LKjIP sama dengan Perjanjian Kinerja dan Renstra",
           "en": "Key indicator targets in the LKjIP equal those of the performance agreement and the Renstra"},
     ("REN",)),
    ("5", {"id": "Capaian kinerja dihitung benar dari realisasi dan target (termasuk indikator yang makin kecil makin baik)",
           "en": "Performance achievement computed correctly from realisation and target (lower-is-better included)"},
     ("CAP", "RLS")),
    ("6", {"id": "Status tercapai / tidak tercapai sesuai capaiannya", "en": "Achieved / not achieved follows the achievement"},
     ("STA",)),
    ("7", {"id": "Angka yang sama disajikan sama di semua bagian laporan", "en": "The same figure is printed the same in every section"},
     ("KON",)),
    ("8", {"id": "Jumlah, total dan proporsi anggaran dijumlahkan dengan benar", "en": "Sums, totals and budget shares add up"},
     ("TOT",)),
    ("9", {"id": "Realisasi anggaran, penyerapan dan efisiensi penggunaan sumber daya dihitung benar",
           "en": "Budget realisation, absorption and resource efficiency computed correctly"},
     ("ANG",)),
    ("10", {"id": "Keandalan data: angka terbaca, nilai dalam rentang wajar, sel wajib terisi",
            "en": "Data reliability: figures readable, values within plausible ranges, required cells filled"},
     ("NUM", "MUT")),
    ("11", {"id": "Perbandingan realisasi dan capaian dengan tahun sebelumnya", "en": "Comparison of realisation and achievement with the previous year"},
     ("LTH",)),
    ("12", {"id": "Perbandingan dengan target jangka menengah (akhir Renstra) dan dengan standar nasional",
            "en": "Comparison with the medium-term (Renstra end) target and with national standards"},
     ()),
    ("13", {"id": "Analisis penyebab keberhasilan/kegagalan dan alternatif solusi yang telah dilakukan",
            "en": "Analysis of the causes of success/failure and of the solutions taken"},
     ()),
    ("14", {"id": "Analisis program/kegiatan yang menunjang keberhasilan atau kegagalan pencapaian kinerja",
            "en": "Analysis of the programmes/activities behind the achievement or its failure"},
     ()),
    ("15", {"id": "Data kinerja didukung dokumen sumber yang sah (uji petik ke bukti)",
            "en": "Performance data backed by valid source documents (sample tested against evidence)"},
     ()),
    ("16", {"id": "Bab IV memuat kesimpulan dan langkah perbaikan tahun berikutnya",
            "en": "Chapter IV holds conclusions and next year's improvement steps"},
     ()),
]


def step_rules(prefixes: tuple, rule_ids: list[str]) -> list[str]:
    return [r for r in rule_ids if r.startswith(prefixes)] if prefixes else []
