"""Messages of the tool itself, Indonesian first (English with --lang en)."""
from __future__ import annotations

LANGS = ("id", "en")
_lang = "id"

MESSAGES: dict[str, dict[str, str]] = {
    "file_missing": {"id": "berkas atau folder tidak ditemukan", "en": "file or folder not found"},
    "file_empty": {"id": "berkas kosong", "en": "file is empty"},
    "file_binary": {"id": "bukan berkas teks UTF-8 (berkas biner?)", "en": "not a UTF-8 text file (binary file?)"},
    "yaml_syntax": {"id": "YAML tidak sah: {detail}", "en": "invalid YAML: {detail}"},
    "yaml_duplicate": {"id": "kunci '{key}' ditulis dua kali", "en": "key '{key}' appears twice"},
    "not_mapping": {"id": "isi berkas harus berupa mapping YAML", "en": "the file must hold a YAML mapping"},
    "schema": {"id": "{path}: {detail}", "en": "{path}: {detail}"},
    "unknown_subject": {"id": "subjek '{key}' tidak dikenal (tidak ada di 'subjects')", "en": "unknown subject '{key}' (not in 'subjects')"},
    "subject_kind": {"id": "subjek '{key}' berjenis {actual}, seharusnya {expected}", "en": "subject '{key}' is a {actual}, expected a {expected}"},
    "duplicate_subject": {"id": "kunci subjek '{key}' sudah dipakai untuk jenis {kind}", "en": "subject key '{key}' already used for kind {kind}"},
    "unknown_concept": {"id": "konsep '{concept}' tidak dikenal (lihat rules/concepts.yaml)", "en": "unknown concept '{concept}' (see rules/concepts.yaml)"},
    "unknown_column": {"id": "kolom '{column}' tidak dideklarasikan di 'columns' tabel ini", "en": "column '{column}' is not declared in this table's 'columns'"},
    "row_no_subject": {"id": "baris tanpa 'subject' padahal kolom '{column}' membutuhkannya", "en": "row has no 'subject' but column '{column}' needs one"},
    "row_missing_key": {"id": "kolom '{column}' milik subjek berjenis {kind}, tetapi baris tidak memberi kunci '{kind}'", "en": "column '{column}' belongs to a {kind}, but the row gives no '{kind}' key"},
    "duplicate_table": {"id": "id tabel '{id}' dipakai dua kali", "en": "table id '{id}' used twice"},
    "dataset_empty": {"id": "dataset tidak memuat satu angka pun", "en": "the dataset holds no figure at all"},
    "no_dataset_file": {"id": "folder tidak memuat dataset.yaml", "en": "the folder holds no dataset.yaml"},
    "facts_invalid": {"id": "tabel fakta tidak sah ({check}): tabel {table}, baris {row}", "en": "invalid fact table ({check}): table {table}, row {row}"},
    # rule packs
    "rules_none": {"id": "tidak ada paket aturan (*.yaml) di folder ini", "en": "no rule pack (*.yaml) in this folder"},
    "rule_dup_id": {"id": "id aturan '{id}' sudah dipakai di {where}", "en": "rule id '{id}' already used at {where}"},
    "expr_syntax": {"id": "ekspresi '{expr}' tidak sah: {detail}", "en": "invalid expression '{expr}': {detail}"},
    "expr_node": {"id": "ekspresi '{expr}': {what} tidak diizinkan", "en": "expression '{expr}': {what} is not allowed"},
    "expr_name": {"id": "ekspresi '{expr}': nama '{name}' tidak dikenal (bukan konsep, atribut subjek, atau fungsi)", "en": "expression '{expr}': unknown name '{name}' (not a concept, subject attribute or function)"},
    "expr_func": {"id": "ekspresi '{expr}': fungsi '{name}' tidak dikenal", "en": "expression '{expr}': unknown function '{name}'"},
    "expr_too_long": {"id": "ekspresi terlalu panjang ({n} karakter, maksimum {max})", "en": "expression too long ({n} characters, max {max})"},
    "placeholder": {"id": "pesan memakai '{{{name}}}' yang tidak dikenal; yang boleh: {allowed}", "en": "message uses unknown '{{{name}}}'; allowed: {allowed}"},
    "unknown_kind": {"id": "jenis subjek '{kind}' tidak dikenal", "en": "unknown subject kind '{kind}'"},
    # Great Expectations backend (lkjip_audit/gx/)
    'gx_no_table': {'id': "tabel '{table}' tidak ada di dataset", 'en': "table '{table}' is not in the dataset"},
    'gx_no_column': {'id': 'kolom {cols} tidak ada di tabel {table} (kolom yang ada: {have})', 'en': 'column {cols} not in table {table} (its columns: {have})'},
    'gx_no_match': {'id': "tidak ada tabel '{table}' yang memuat kolom {cols}", 'en': "no table matching '{table}' holds column(s) {cols}"},
    'gx_raised': {'id': 'ekspektasi GX gagal dijalankan: {detail}', 'en': 'GX expectation raised: {detail}'},
    'gx_unknown': {'id': "ekspektasi GX '{name}' tidak dikenal{hint}", 'en': "unknown GX expectation '{name}'{hint}"},
    'did_you_mean': {'id': ' (maksudnya {close}?)', 'en': ' (did you mean {close}?)'},
    'gx_unknown_arg': {'id': "argumen '{arg}' tidak dikenal untuk {name}; yang boleh: {allowed}", 'en': "unknown argument '{arg}' for {name}; allowed: {allowed}"},
    'gx_reserved': {'id': "argumen '{arg}' diatur oleh lkjip-audit, tidak boleh ditulis di aturan", 'en': "argument '{arg}' is set by lkjip-audit and may not be given in a rule"},
    'gx_invalid': {'id': 'argumen {name} tidak sah: {detail}', 'en': 'invalid arguments of {name}: {detail}'},
    'gx_view': {'id': "tabel '{table}' tidak sah: jenis subjek '{kind}' tidak dikenal", 'en': "invalid table '{table}': unknown subject kind '{kind}'"},
    # CLI
    "usage_lang": {"id": "bahasa harus id atau en", "en": "language must be id or en"},
    "exists_no_force": {"id": "berkas sudah ada dan tidak ditimpa (pakai --force untuk menimpanya)",
                        "en": "the file exists and was not overwritten (use --force to replace it)"},
    "written": {"id": "laporan ditulis ke {path}", "en": "report written to {path}"},
    # cross-year (check --previous, history)
    "xy_office": {"id": "laporan instansi lain: '{previous}' di sini, '{current}' di {cur_path}; laporan instansi berbeda tidak dibandingkan (pakai --allow-different-office bila memang disengaja)",
                  "en": "another office's report: '{previous}' here, '{current}' in {cur_path}; reports of different offices are not compared (use --allow-different-office if this is intended)"},
    "xy_same_year": {"id": "tahun yang sama ({year}) dengan {cur_path}: tidak ada yang dapat dibandingkan antartahun",
                     "en": "the same year ({year}) as {cur_path}: nothing to compare across years"},
    "xy_order": {"id": "laporan 'sebelumnya' tahun {previous} lebih baru daripada laporan yang diperiksa ({current}, {cur_path}); tukar urutannya",
                 "en": "the 'previous' report ({previous}) is newer than the checked report ({current}, {cur_path}); swap them"},
    "xy_history_short": {"id": "riwayat membutuhkan paling sedikit dua dataset", "en": "a history needs at least two datasets"},
}


def set_lang(lang: str) -> None:
    global _lang
    _lang = lang if lang in LANGS else "id"


def get_lang() -> str:
    return _lang


def t(msg_id: str, **kw) -> str:
    msg = MESSAGES[msg_id]
    return msg.get(_lang, msg["id"]).format(**kw)


def pick(text: dict | str | None, lang: str | None = None) -> str:
    """Pick the language from a {id:, en:} mapping (rule titles, messages); Indonesian by default."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang or _lang) or text.get("id") or next(iter(text.values()), "")


# -- unsafe / unusable input and output (issue 11) ----------------------------------------------
from .i18n_safety import SAFETY_MESSAGES  # noqa: E402

MESSAGES.update(SAFETY_MESSAGES)
