"""argparse's own words (usage, errors, help headings) in Indonesian under `--lang id`.

argparse looks its messages up through gettext at the moment it uses them; this replaces that
lookup, for this process, with a small Indonesian table (English stays argparse's own).
"""
from __future__ import annotations

import argparse

ID = {
    "usage: ": "cara pakai: ",
    "positional arguments": "argumen posisi",
    "options": "opsi",
    "optional arguments": "opsi",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "the following arguments are required: %s": "argumen berikut wajib diberikan: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan tidak sah: %(value)r (pilih salah satu dari %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(type)s tidak sah: %(value)r",
    "expected one argument": "butuh satu argumen",
    "expected at least one argument": "butuh paling sedikit satu argumen",
    "expected at most one argument": "butuh paling banyak satu argumen",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: galat: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s": "opsi ambigu: %(option)s bisa berarti %(matches)s",
    "not allowed with argument %s": "tidak boleh bersama argumen %s",
    "one of the arguments %s is required": "salah satu argumen %s wajib diberikan",
}
ID_PLURAL = {"expected %s argument": "butuh %s argumen", "expected %s arguments": "butuh %s argumen"}

_original = (argparse._, argparse.ngettext)


def localise_argparse(lang: str) -> None:
    if lang != "id":
        argparse._, argparse.ngettext = _original
        return
    # the gettext look-up (a catalogue search per call) only for a message with no Indonesian text
    argparse._ = lambda msg: ID[msg] if msg in ID else _original[0](msg)
    argparse.ngettext = lambda s, p, n: ID_PLURAL[k] if (k := s if n == 1 else p) in ID_PLURAL \
        else _original[1](s, p, n)
