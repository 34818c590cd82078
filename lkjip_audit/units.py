"""Units of an indicator's figures (satuan): a target and realisasi are in the indicator's own unit
(`iku.unit` in a dataset, the Satuan column of a report), not always a percentage. A Rupiah,
orang, dokumen, hari or indeks target gets no percentage-only check (MUT003's 0-100% range) and is
never printed with a % sign; the ratios computed from it (capaian) stay percentages."""
from __future__ import annotations

# the concepts measured in the indicator's unit (the others have their concept's unit)
INDICATOR_CONCEPTS = frozenset({"target", "realisasi", "target_renstra", "target_akhir_renstra"})

_ALIASES = {"%": "%", "persen": "%", "persentase": "%", "prosen": "%", "rp": "Rp", "rp.": "Rp",
            "rupiah": "Rp", "juta rupiah": "Rp", "miliar rupiah": "Rp"}


def normalize(unit: str | None) -> str | None:
    """The unit as the facts carry it: "%" for persen, "Rp" for rupiah, other words lower-case."""
    if unit is None:
        return None
    text = " ".join(str(unit).split()).casefold()
    if not text:
        return None
    return _ALIASES.get(text, text)


def indicator_unit(concept: str, attrs: dict) -> str | None:
    """The declared unit of an indicator's figure, or None (then the concept's default applies)."""
    if concept not in INDICATOR_CONCEPTS:
        return None
    return normalize(attrs.get("unit"))
