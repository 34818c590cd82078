"""Load and validate rule packs (`rules/*.yaml`) before anything runs.

Every mistake is collected and reported as `file:line: message`: unknown keys (strict, like
soda-core), missing fields, duplicate ids, unknown concepts or subject kinds, expressions outside
the safe language, message placeholders that do not exist.
"""
from __future__ import annotations

import re
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
NEEDS = {"formula": ("check", "expect"), "copies": ("concepts",), "assert": ("condition",), "readable": (),
         "expectation": ("table", "expectation")}
# cross-year rules (engine/crossyear.py): only in packs with `requires: previous`
CROSSYEAR_PLACEHOLDERS = {"previous", "current", "previous_found", "change", "threshold", "score"}
NEEDS.update({"continuity": ("for_each",), "change": ("concepts", "threshold")})
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
    requires: str | None = None   # "previous": only with --previous; "document": only when a report file was read
    threshold: float | None = None
    mode: str = "relative"
    min_score: float = 70.0
    attributes: tuple[str, ...] = ()
    # kind `expectation` (Great Expectations, lkjip_audit/gx/): the view, the GX name, its arguments
    table: str | None = None
    expectation: str | None = None
    args: dict = field(default_factory=dict)

    def title_in(self, lang=None) -> str:
        return pick(self.title, lang)


@dataclass
class RuleSet:
    rules: list[Rule]
    concepts: dict[str, Concept]
    packs: list[str]
    requires: dict = field(default_factory=dict)  # pack -> what it requires ("previous", "document")


def default_rules_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "rules"


def load_rules(rules_dir: Path | None = None, select=None, quick: bool = False, have=None) -> RuleSet:
    """Load the concept vocabulary and every rule pack in `rules_dir` (all problems at once).
    `quick`: skip the packs holding `expectation` rules (so great_expectations is not imported).
    `have`: what this run offers ("previous", "document"); packs requiring anything else are not
    even read (they would be left out of the run anyway). None: read every pack (`rules`, tests)."""
    rules_dir = Path(rules_dir or default_rules_dir())
    if not rules_dir.is_dir():
        raise InputError(Problem(str(rules_dir), None, t("file_missing")))
    concepts = load_concepts(rules_dir / CONCEPTS_FILE)
    files = sorted(p for p in rules_dir.glob("*.yaml") if p.name != CONCEPTS_FILE)
    if not files:
        raise InputError(Problem(str(rules_dir), None, t("rules_none")))
    if quick:
        files = [f for f in files if not _has_expectations(f)]
    if have is not None:
        files = [f for f in files if _pack_requirement(f) in (None, *have)]
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    requires: dict[str, str] = {}
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
            if r.requires:
                requires[f.stem] = r.requires
    if problems:
        raise InputError(problems)
    if select:
        rules = [r for r in rules if any(r.id.startswith(s) for s in select)]
    return RuleSet(rules, concepts, [f.stem for f in files], requires)


_REQUIRES = re.compile(r"^requires:\s*([A-Za-z_]+)\s*(?:#.*)?$", re.M)


def _pack_requirement(path: Path) -> str | None:
    """A pack's top-level `requires:` value, read without parsing the YAML (None when absent)."""
    try:
        m = _REQUIRES.search(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return None
    return m.group(1) if m else None


def _has_expectations(path: Path) -> bool:
    """Whether a pack holds `kind: expectation` rules (read without GX; a broken file is kept, so
    that its problems are still reported)."""
    try:
        if "expectation" not in path.read_text(encoding="utf-8-sig"):
            return False  # the common case, without parsing the YAML a second time
        doc = load_yaml(path)
    except (InputError, OSError, UnicodeDecodeError):
        return False
    rules = doc.get("rules") if isinstance(doc, dict) else None
    return isinstance(rules, list) and any(isinstance(r, dict) and r.get("kind") == "expectation" for r in rules)


def _check_expectation(spec, bad) -> None:
    """An expectation rule: its view name, GX expectation name and arguments (imports GX)."""
    from ..gx import spec as gx_spec

    problem = gx_spec.check_table(spec["table"])
    if problem:
        bad("table", problem)
    args = spec.get("args") or {}
    for key, msg in gx_spec.check(spec["expectation"], args):
        if key == "expectation":
            bad("expectation", msg)
        elif key is not None and hasattr(args, "line_of"):
            bad(("args", key), msg)
        else:
            bad("args" if "args" in spec else "expectation", msg)


def load_pack(path: Path, concepts: dict[str, Concept]) -> list[Rule]:
    name = str(path)
    doc = load_yaml(path)
    problems = schemacheck.check(doc, "rulepack.schema.json", name)
    if problems:
        raise InputError(problems)
    names = set(concepts)
    periodic = {n for n, c in concepts.items() if c.periodic}
    out = []
    requires = doc.get("requires")
    allowed_placeholders = PLACEHOLDERS | (CROSSYEAR_PLACEHOLDERS if requires == "previous" else set())
    for spec in doc["rules"]:
        line = spec.line
        kind = spec.get("kind", "formula")

        def bad(key, msg):
            if isinstance(key, tuple):  # (mapping key, key inside it): point at the inner line
                line_no = spec[key[0]].line_of(key[1])
            else:
                line_no = spec.line_of(key)
            problems.append(Problem(name, line_no, f"{spec['id']}: {msg}"))

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
        if kind == "expectation" and all(k in spec for k in NEEDS[kind]):
            _check_expectation(spec, bad)
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
                if field_name is not None and field_name not in allowed_placeholders:
                    bad("message", t("placeholder", name=field_name, allowed=", ".join(sorted(allowed_placeholders))))
        if kind in ("continuity", "change") and requires != "previous":
            bad("kind", f"aturan berjenis '{kind}' hanya boleh dalam paket dengan 'requires: previous'")
        out.append(Rule(
            id=spec["id"], title=dict(spec["title"]), message=dict(spec["message"]),
            severity=spec["severity"], reference=spec["reference"], kind=kind, file=name, line=line,
            for_each=for_each, where=compiled.get("where"), check=spec.get("check"),
            expect=compiled.get("expect"), condition=compiled.get("condition"),
            scope=spec.get("scope", "each"), concepts=tuple(spec.get("concepts", ())),
            pack=str(doc.get("pack", path.stem)), description=dict(spec.get("description") or {}),
            requires=requires, threshold=spec.get("threshold"), mode=spec.get("mode", "relative"),
            min_score=float(spec.get("min_score", 70.0)), attributes=tuple(spec.get("attributes", ())),
            table=spec.get("table"), expectation=spec.get("expectation"), args=dict(spec.get("args") or {}),
        ))
    if problems:
        raise InputError(problems)
    return out
