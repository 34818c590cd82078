"""The report's own conventions, declared without Python: `lkjip-audit.yaml`.

Read from `--config FILE` (e.g. set once by an Inspektorat for its whole pemda) and then from
`lkjip-audit.yaml` beside the report or in the dataset folder, which overrides it key by key.
Strict: an unknown key or value is `file:line: what is wrong` (exit 2).

    indicators:                 # polarity and achievement convention per IKU
      - match: {key: IKU1}      #   or {name: "*kemiskinan*"} (a glob on the IKU name, case ignored)
        polarity: lower         #   higher | lower
        convention: ratio       #   inverse (2 - R/T) | ratio (T/R) | deviation ((T - (R - T)) / T)
    rounding: round             # round | truncate: how printed figures were cut
    rounding_tables: {"lampiran4-*": truncate}   # per table (glob on the table id)
    capaian_cap: none           # none | 100 | 120: capaian printed capped at this
    status_scale: tercapai_100  # tercapai_100 | permendagri_86_2017 | custom (then status_bands)
    status_bands: [{min: 100, label: Tercapai}, {min: 0, label: Tidak Tercapai}]
    sasaran_aggregation: mean   # mean | weighted (IKU attribute weight) | minimum
    efisiensi_method: capaian_penyerapan   # capaian_penyerapan | ie_te (TE = IE x 100%) | declared (not recomputed)
    budget_structure: btl_bl    # btl_bl (before 2021) | operasi_modal (Permendagri 90/2019)
    percent_change: points      # points | relative: "turun 2,5%" of a percentage (NAR002; else inferred)

Rules read the settings as names (`sasaran_aggregation == 'mean'`) and functions (`capped(x)`,
`band(capaian)`); docs/domain.md explains each convention.
"""
from __future__ import annotations

import fnmatch
from dataclasses import replace
from pathlib import Path

from .errors import InputError, Problem
from .yamlio import load_yaml

FILE_NAME = "lkjip-audit.yaml"
PERMENDAGRI_86_2017 = [(91, "Sangat Tinggi"), (76, "Tinggi"), (66, "Sedang"), (51, "Rendah"),
                       (float("-inf"), "Sangat Rendah")]
TERCAPAI_100 = [(100, "Tercapai"), (float("-inf"), "Tidak Tercapai")]
CHOICES = {
    "rounding": ("round", "truncate"),
    "capaian_cap": ("none", 100, 120),
    "status_scale": ("tercapai_100", "permendagri_86_2017", "custom"),
    "sasaran_aggregation": ("mean", "weighted", "minimum"),
    "efisiensi_method": ("capaian_penyerapan", "ie_te", "declared"),
    "budget_structure": ("btl_bl", "operasi_modal"),
    "percent_change": ("points", "relative"),
}
KEYS = set(CHOICES) | {"indicators", "rounding_tables", "status_bands"}
INDICATOR_KEYS = {"match", "polarity", "convention"}
POLARITIES = ("higher", "lower")
CONVENTIONS = ("inverse", "ratio", "deviation")


def defaults(dataset) -> dict:
    """Settings when nothing is declared: what the report's year implies."""
    return {"rounding": dataset.rounding, "rounding_tables": {}, "capaian_cap": "none",
            "status_scale": "tercapai_100", "status_bands": TERCAPAI_100, "sasaran_aggregation": "mean",
            "efisiensi_method": "capaian_penyerapan",
            "budget_structure": "btl_bl" if dataset.year < 2021 else "operasi_modal", "sources": {}}


def beside(dataset_path) -> Path:
    """Where the conventions of one report are: lkjip-audit.yaml in its dataset folder, or beside
    the report file (a dataset.yaml, a .txt/.docx/.pdf). It may not exist."""
    p = Path(dataset_path)
    return (p if p.is_dir() else p.parent) / FILE_NAME


def find_files(dataset_path: Path, config: Path | None) -> list[Path]:
    """--config FILE first (pemda-wide), then lkjip-audit.yaml beside the report / in the dataset folder."""
    out = []
    if config is not None:
        if not Path(config).is_file():
            raise InputError(Problem(str(config), None, "berkas konfigurasi tidak ada"))
        out.append(Path(config))
    here = beside(dataset_path)
    if here.is_file() and all(here.resolve() != o.resolve() for o in out):
        out.append(here)
    return out


def load(path: Path) -> tuple[dict, list[Problem]]:
    """One convention file: its settings (only the keys it declares) and its problems."""
    doc = load_yaml(path)
    name, problems, out = str(path), [], {}
    if doc is None:
        return {}, []
    if not isinstance(doc, dict):
        return {}, [Problem(name, 1, "berkas konvensi harus berupa mapping")]

    def bad(where, key, msg):
        line = where.line_of(key) if hasattr(where, "line_of") else None
        problems.append(Problem(name, line, msg))

    for key, value in doc.items():
        if key not in KEYS:
            bad(doc, key, f"kunci '{key}' tidak dikenal; yang boleh: {', '.join(sorted(KEYS))}")
            continue
        if key in CHOICES:
            if value not in CHOICES[key]:
                bad(doc, key, f"{key}: nilai '{value}' tidak dikenal; yang boleh: {', '.join(map(str, CHOICES[key]))}")
                continue
            out[key] = value
        elif key == "rounding_tables":
            if not isinstance(value, dict) or any(v not in CHOICES["rounding"] for v in value.values()):
                bad(doc, key, "rounding_tables: mapping tabel (glob) -> round | truncate")
                continue
            out[key] = dict(value)
        elif key == "status_bands":
            bands = _bands(value)
            if bands is None:
                bad(doc, key, "status_bands: daftar {min: angka, label: teks}, min menurun")
                continue
            out[key] = bands
        elif key == "indicators":
            out[key] = _indicators(value, name, problems)
        out.setdefault("sources", {})[key] = f"{name}:{doc.line_of(key)}"
    if out.get("status_scale") == "custom" and "status_bands" not in out:
        bad(doc, "status_scale", "status_scale: custom memerlukan status_bands")
    return out, problems


def _bands(value):
    if not isinstance(value, list) or not value:
        return None
    bands = []
    for b in value:
        if not isinstance(b, dict) or set(b) != {"min", "label"} or not isinstance(b["label"], str) \
                or isinstance(b["min"], bool) or not isinstance(b["min"], (int, float)):
            return None
        bands.append((float(b["min"]), b["label"]))
    if [m for m, _ in bands] != sorted((m for m, _ in bands), reverse=True):
        return None
    bands[-1] = (float("-inf"), bands[-1][1])  # the last band takes everything below
    return bands


def _indicators(value, name, problems):
    out = []
    if not isinstance(value, list):
        problems.append(Problem(name, getattr(value, "line", None), "indicators: daftar {match, polarity, convention}"))
        return out
    for i, item in enumerate(value):
        line = value.line_of(i) if hasattr(value, "line_of") else None
        if not isinstance(item, dict):
            problems.append(Problem(name, line, "indicators: setiap butir harus mapping"))
            continue
        for k in item:
            if k not in INDICATOR_KEYS:
                problems.append(Problem(name, item.line_of(k), f"indicators: kunci '{k}' tidak dikenal; yang boleh: "
                                        + ", ".join(sorted(INDICATOR_KEYS))))
        match = item.get("match")
        if not isinstance(match, dict) or len(match) != 1 or next(iter(match)) not in ("key", "name") \
                or not isinstance(next(iter(match.values())), str):
            problems.append(Problem(name, line, "indicators: match harus {key: IKU1} atau {name: \"*pola*\"}"))
            continue
        if item.get("polarity") not in (None, *POLARITIES):
            problems.append(Problem(name, item.line_of("polarity"), f"polarity: '{item['polarity']}' harus higher atau lower"))
            continue
        if item.get("convention") not in (None, *CONVENTIONS):
            problems.append(Problem(name, item.line_of("convention"),
                                    f"convention: '{item['convention']}' harus inverse, ratio atau deviation"))
            continue
        out.append({"match": dict(match), "polarity": item.get("polarity"), "convention": item.get("convention"),
                    "source": f"{name}:{line}"})
    return out


def settings_for(dataset, files: list[Path]) -> dict:
    """Defaults, overridden by each file in turn (all problems of all files at once)."""
    settings, problems = defaults(dataset), []
    indicators = []
    for f in files:
        s, p = load(f)
        problems.extend(p)
        indicators.extend(s.pop("indicators", []))
        sources = s.pop("sources", {})
        settings.update(s)
        settings["sources"].update(sources)
    if problems:
        raise InputError(problems)
    if settings["status_scale"] == "tercapai_100":
        settings["status_bands"] = TERCAPAI_100
    elif settings["status_scale"] == "permendagri_86_2017":
        settings["status_bands"] = PERMENDAGRI_86_2017
    settings["indicators"] = indicators
    return settings


def apply_for(dataset, path, config: Path | None):
    """A report's conventions, as every route reads them: --config FILE first, then lkjip-audit.yaml
    beside the report (find_files), applied to its dataset."""
    return apply(dataset, settings_for(dataset, find_files(path, config)))


def apply(dataset, settings: dict):
    """The dataset with the declared conventions: the rounding and each matching IKU's polarity and
    convention (the printed figures are untouched). Returns the same object, settings attached."""
    if settings.get("rounding") and settings["rounding"] != dataset.rounding:
        dataset.submission = {**dataset.submission, "rounding": settings["rounding"]}
    subjects = dict(dataset.subjects)
    for rule in settings.get("indicators", []):
        (how, pattern), = rule["match"].items()
        for key, s in subjects.items():
            if s.kind != "iku":
                continue
            hit = s.key == pattern if how == "key" else fnmatch.fnmatch(s.name.casefold(), pattern.casefold())
            if not hit:
                continue
            attrs = dict(s.attrs)
            for a in ("polarity", "convention"):
                if rule[a] is not None:
                    attrs[a] = rule[a]
            attrs["declared_in"] = rule["source"]
            subjects[key] = replace(s, attrs=attrs)
    dataset.subjects = subjects
    dataset.settings = settings
    return dataset


def rule_names(settings: dict) -> dict:
    """The names rule expressions read."""
    return {k: settings[k] for k in ("sasaran_aggregation", "efisiensi_method", "budget_structure")}
