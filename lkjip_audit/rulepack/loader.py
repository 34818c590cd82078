"""Load and validate rule packs (`rules/*.yaml`) before anything runs.

Every mistake is collected and reported as `file:line: message`: unknown keys (strict, like
soda-core), missing fields, duplicate ids, unknown concepts or subject kinds, expressions outside
the safe language, message placeholders that do not exist.
"""
from __future__ import annotations

import string
from dataclasses import dataclass, field
from pathlib import Path

from .. import schemacheck
from ..errors import InputError, Problem
from ..i18n import pick, t
from ..yamlio import load_yaml
from .concepts import Concept, load_concepts
from .expr import KINDS, Expr, ExprError, compile_expr

CONCEPTS_FILE = "concepts.yaml"
SEVERITIES = ("error", "warning", "info")
PLACEHOLDERS = {"subject", "subject_name", "concept", "period", "found", "expected", "why",
                "variants", "count", "reference", "reason", "table"}
NEEDS = {"formula": ("check", "expect"), "copies": ("concepts",), "assert": ("condition",), "readable": ()}
# primitives over the report's text (engine/document_checks.py): packs with `requires: document`
NEEDS.update({k: () for k in ("teks_tahun", "teks_nama", "teks_penanda", "teks_nip", "teks_bagian", "teks_penomoran")})


@dataclass
class Rule:
    id: str
    title: dict
    message: dict
    severity: str
    reference: str
    kind: str
    file: str
    line: int
    for_each: tuple[str, ...] = ()
    where: Expr | None = None
    check: str | None = None
    expect: Expr | None = None
    condition: Expr | None = None
    scope: str = "each"
    concepts: tuple[str, ...] = ()
    pack: str = ""
    description: dict = field(default_factory=dict)
    requires: str | None = None  # "document": runs only when a report file (not a dataset) was read

    def title_in(self, lang=None) -> str:
        return pick(self.title, lang)


@dataclass
class RuleSet:
    rules: list[Rule]
    concepts: dict[str, Concept]
    packs: list[str]


def default_rules_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "rules"


def load_rules(rules_dir: Path | None = None, select=None) -> RuleSet:
    """Load the concept vocabulary and every rule pack in `rules_dir` (all problems at once)."""
    rules_dir = Path(rules_dir or default_rules_dir())
    if not rules_dir.is_dir():
        raise InputError(Problem(str(rules_dir), None, t("file_missing")))
    concepts = load_concepts(rules_dir / CONCEPTS_FILE)
    files = sorted(p for p in rules_dir.glob("*.yaml") if p.name != CONCEPTS_FILE)
    if not files:
        raise InputError(Problem(str(rules_dir), None, t("rules_none")))
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for f in files:
        try:
            pack_rules = load_pack(f, concepts)
        except InputError as e:
            problems.extend(e.problems)
            continue
        for r in pack_rules:
            if r.id in seen:
                problems.append(Problem(r.file, r.line, t("rule_dup_id", id=r.id, where=seen[r.id])))
            seen[r.id] = f"{r.file}:{r.line}"
            rules.append(r)
    if problems:
        raise InputError(problems)
    if select:
        rules = [r for r in rules if any(r.id.startswith(s) for s in select)]
    return RuleSet(rules, concepts, [f.stem for f in files])


def load_pack(path: Path, concepts: dict[str, Concept]) -> list[Rule]:
    name = str(path)
    doc = load_yaml(path)
    problems = schemacheck.check(doc, "rulepack.schema.json", name)
    if problems:
        raise InputError(problems)
    names = set(concepts)
    periodic = {n for n, c in concepts.items() if c.periodic}
    out = []
    for spec in doc["rules"]:
        line = spec.line
        kind = spec.get("kind", "formula")

        def bad(key, msg):
            problems.append(Problem(name, spec.line_of(key), f"{spec['id']}: {msg}"))

        for need in NEEDS[kind]:
            if need not in spec:
                bad("id", f"aturan berjenis '{kind}' wajib punya '{need}'")
        for_each = spec.get("for_each", ())
        for_each = (for_each,) if isinstance(for_each, str) else tuple(for_each)
        for k in for_each:
            if k not in KINDS:
                bad("for_each", t("unknown_kind", kind=k))
        for c in ([spec["check"]] if "check" in spec else []) + list(spec.get("concepts", [])):
            if c not in names:
                bad("check" if "check" in spec else "concepts", t("unknown_concept", concept=c))
        compiled = {}
        for key in ("where", "expect", "condition"):
            if key in spec:
                try:
                    compiled[key] = compile_expr(spec[key], names, periodic)
                except ExprError as e:
                    bad(key, str(e))
        for lang, text in spec["message"].items():
            try:
                fields = list(string.Formatter().parse(text))
            except ValueError as e:
                bad("message", f"pesan tidak sah: {e}")
                fields = []
            for _, field_name, _, _ in fields:
                if field_name is not None and field_name not in PLACEHOLDERS:
                    bad("message", t("placeholder", name=field_name, allowed=", ".join(sorted(PLACEHOLDERS))))
        out.append(Rule(
            id=spec["id"], title=dict(spec["title"]), message=dict(spec["message"]),
            severity=spec["severity"], reference=spec["reference"], kind=kind, file=name, line=line,
            for_each=for_each, where=compiled.get("where"), check=spec.get("check"),
            expect=compiled.get("expect"), condition=compiled.get("condition"),
            scope=spec.get("scope", "each"), concepts=tuple(spec.get("concepts", ())),
            pack=str(doc.get("pack", path.stem)), description=dict(spec.get("description") or {}),
            requires=doc.get("requires"),
        ))
    if problems:
        raise InputError(problems)
    return out
