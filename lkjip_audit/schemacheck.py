"""JSON Schema validation of a loaded YAML document, reported as `file:line: message`.

Fast path, in three steps, each used only when the one before cannot answer:
1. jsonschema-rs (Rust) says yes or no in about 0.1 ms for a 50 KB dataset (fastjsonschema takes
   some 20 ms: it was most of the per-report cost in corpus mode, benchmarks/bench_corpus.py). It
   refuses values JSON does not have (a YAML date, a non-text key): then
2. the validator precompiled by fastjsonschema (tools/compile_schemas.py) says yes or no;
3. only when the answer is no is jsonschema imported to list every error with its line.
All three read the same schema file; a "yes" from 1 never skips a check (tests/test_schemacheck_fast.py).
"""
from __future__ import annotations

import importlib
import json
from functools import lru_cache
from pathlib import Path

from .errors import Problem
from .yamlio import LDict, line_at

SCHEMA_DIR = Path(__file__).parent / "schemas"


@lru_cache(maxsize=None)
def validator(name: str):
    from jsonschema import Draft202012Validator

    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


def _describe(err) -> tuple[str, list]:
    """An Indonesian sentence for the most common schema errors, plus the path to point at."""
    path = list(err.absolute_path)
    v, inst = err.validator, err.instance
    if v == "additionalProperties" and isinstance(inst, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = [k for k in inst if k not in allowed]
        if extra:
            return f"kunci '{extra[0]}' tidak dikenal; yang boleh: {', '.join(sorted(allowed))}", path + [extra[0]]
    if v == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        return f"kunci wajib '{missing}' tidak ada", path
    if v in ("enum", "const"):
        options = err.validator_value if v == "enum" else [err.validator_value]
        return f"nilai {inst!r} tidak sah; harus salah satu dari: {', '.join(map(str, options))}", path
    if v == "type":
        names = {"string": "teks", "integer": "bilangan bulat", "object": "mapping", "array": "daftar",
                 "boolean": "true/false", "null": "kosong"}
        want = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
        return f"nilai {inst!r} harus bertipe {' atau '.join(names.get(w, w) for w in want)}", path
    if v == "oneOf":
        return f"nilai {inst!r} harus berupa teks angka apa adanya atau {{text:, line:}}", path
    if v == "pattern":
        return f"nama {inst!r} tidak sah (huruf, angka, _ . -; diawali huruf)", path
    if v == "propertyNames":
        return f"nama kunci tidak sah: {err.message}", path
    if v == "minimum" or v == "maximum":
        return f"nilai {inst!r} di luar batas ({v} {err.validator_value})", path
    return err.message, path


@lru_cache(maxsize=None)
def rust_validator(name: str):
    """The schema compiled once per process by jsonschema-rs."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8")))


def quick_verdict(doc, schema_name: str) -> bool | None:
    """True/False from jsonschema-rs; None when it cannot take the document (a YAML date, an int key)."""
    try:
        return bool(rust_validator(schema_name).is_valid(doc))
    except (ValueError, TypeError, OverflowError, RecursionError):
        return None


def check(doc: LDict, schema_name: str, file: str) -> list[Problem]:
    verdict = quick_verdict(doc, schema_name)
    if verdict is True:
        return []
    if verdict is None:
        from fastjsonschema import JsonSchemaException  # imported only when jsonschema-rs cannot answer

        fast = importlib.import_module(f"lkjip_audit.schemas._{schema_name.split('.')[0]}_validator")
        try:
            fast.validate(doc)
            return []
        except JsonSchemaException:
            pass
    problems = []
    for err in validator(schema_name).iter_errors(doc):
        # report the deepest, most specific errors of a oneOf instead of the umbrella message
        if err.validator == "oneOf" and err.context and isinstance(err.instance, dict):
            err = min(err.context, key=lambda e: len(list(e.absolute_path)) * -1)
        msg, path = _describe(err)
        where = ".".join(str(p) for p in err.absolute_path)
        problems.append(Problem(file, line_at(doc, path), f"{where}: {msg}" if where else msg))
    problems.sort(key=lambda p: (p.line or 0))
    return problems
