"""`lkjip-audit extract REPORT [-o DATASET_DIR]`: write the dataset read from a report.

The dataset is the documented format (docs/dataset-format.md), figures exactly as printed. Its
header comment lists what the reader could not place ("tidak terbaca / tidak dikenali") and how
sure each name match is, so that a person can review the transcription before relying on it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

from ..errors import InputError, Problem


def render_dataset(extraction) -> str:
    d = extraction.document
    lines = [f"# Dataset dibaca otomatis oleh lkjip-audit dari {Path(d.path).name} ({d.fmt}).",
             "# Angka ditulis persis seperti tercetak; `line` = " + {
                 "text": "baris berkas teks.",
                 "docx": "nomor paragraf / baris tabel berurutan dalam dokumen Word.",
                 "pdf": "nomor baris berurutan dalam PDF (halaman di `page`)."}.get(d.fmt, "lokasi."),
             f"# Tidak terbaca / tidak dikenali: {len(extraction.unplaced)}"]
    for u in extraction.unplaced:
        lines.append(f"#   {u.where} [{u.section}] {u.reason}: {u.text}")
    weak = [m for m in extraction.matches if m["score"] < 90]
    lines.append(f"# Pencocokan nama: {len(extraction.matches)} baris; skor < 90: {len(weak)}")
    for m in weak:
        lines.append(f"#   baris {m['line']}: '{m['label'][:70]}' -> {m['subject']} (skor {m['score']:g})")
    body = yaml.safe_dump(extraction.doc, allow_unicode=True, sort_keys=False, width=4096)
    return "\n".join(lines) + "\n" + body


def cmd_extract(args) -> int:
    from ..i18n import t
    from ..rulepack.loader import load_rules
    from .report import load_report

    ruleset = load_rules(args.rules, quick=True)  # only the concept vocabulary is needed: no GX import
    ds = load_report(args.report, ruleset.concepts)   # extraction + the dataset loader's checks
    text = render_dataset(ds.extraction)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    out = Path(args.output)
    if out.resolve() == Path(args.report).resolve():
        raise InputError(Problem(str(out), None, "menolak menimpa berkas masukan / refusing to overwrite the input"))
    if out.suffix.lower() in (".yaml", ".yml"):
        target = out
    else:
        if out.exists() and not out.is_dir():
            raise InputError(Problem(str(out), None, "bukan folder / not a folder"))
        out.mkdir(parents=True, exist_ok=True)
        target = out / "dataset.yaml"
    if target.resolve() == Path(args.report).resolve():
        raise InputError(Problem(str(target), None, "menolak menimpa berkas masukan"))
    if target.exists() and not getattr(args, "force", False):
        # a dataset there may be hand-checked work: never replace it silently
        raise InputError(Problem(str(target), None, t("exists_no_force")))
    from ..safeio import input_files, refuse_inputs, write_text  # never onto an input, even via a link

    refuse_inputs(target, input_files([args.report], args.rules))
    write_text(target, text)
    print(t("written_dataset", path=target), file=sys.stderr)
    return 0
