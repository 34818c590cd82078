"""Load and validate rule packs (`rules/*.yaml`) before anything runs.

Every mistake is collected and reported as `file:line: message`: unknown keys (strict, like
soda-core), missing fields, duplicate ids, unknown concepts or subject kinds, expressions outside
the safe language, message placeholders that do not exist.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import schemacheck
from ..errors import InputError, Problem
from ..i18n import pick, t
from ..yamlio import load_yaml
from .concepts import Concept, load_concepts
from ..gx import guard as gx_guard
from . import messages, strict
from .expr import KINDS, Expr, ExprError, compile_expr

CONCEPTS_FILE = "concepts.yaml"
SEVERITIES = ("error", "warning", "info")
PLACEHOLDERS = {"subject", "subject_name", "concept", "period", "found", "expected", "why",
                "variants", "count", "reference", "reason", "table"}
NEEDS = {"formula": ("check", "expect"), "copies": ("concepts",), "assert": ("condition",), "readable": (),
         "expectation": ("table", "expectation")}
# cross-year rules (engine/crossyear.py): only in packs with `requires: previous`
# what a kind of rule has no value for: an `assert` finding has no printed figure, so `{found}`
# would always come out empty
NO_PLACEHOLDERS = {"assert": {"found", "expected", "concept", "period", "variants"}}
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
    """The shipped packs: `lkjip_audit/rules` (package data of the wheel; in a source checkout a
    symlink to the top-level `rules/`, which is the path printed)."""
    return (Path(__file__).resolve().parents[1] / "rules").resolve()


def load_rules(rules_dir: Path | None = None, select=None, quick: bool = False, have=None,
               check_gx: bool = True) -> RuleSet:
    """Load the concept vocabulary and every rule pack in `rules_dir` (all problems at once).
    `quick`: skip the packs holding `expectation` rules (so great_expectations is not imported).
    `have`: what this run offers ("previous", "document"); packs requiring anything else are left
    out of the run. None: every pack (`rules`, tests). Both filters look at the parsed YAML, never
    at the raw text (a key or value can be written with YAML escapes).
    `check_gx`: check expectation arguments against GX itself (imports GX, ~2 s); `rules` lists
    without it, a check that runs GX always checks them."""
    from .. import limits

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
    requires: dict[str, str] = {}
    loaded = []
    for f in files:
        try:
            limits.check_regular_file(f)
            doc = load_yaml(f)
        except InputError as e:
            problems.extend(e.problems)
            continue
        if quick and _has_expectations(doc):
            continue
        need = doc.get("requires")
        if have is not None and need not in (None, *have):
            continue
        loaded.append(f)
        try:
            pack_rules = load_pack(f, concepts, doc=doc, check_gx=check_gx)
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
        _check_select(select, rules)
        rules = [r for r in rules if any(r.id.startswith(s) for s in select)]
    return RuleSet(rules, concepts, [f.stem for f in loaded], requires)


def _check_select(select, rules) -> None:
    """Every --select prefix must pick at least one rule; otherwise exit 2 naming the close ids."""
    import difflib

    ids = sorted({r.id for r in rules})
    prefixes = sorted({i[:3] for i in ids})
    for s in select:
        if s and any(i.startswith(s) for i in ids):
            continue
        close = difflib.get_close_matches(s.upper(), prefixes + ids, n=4, cutoff=0.5)
        hint = t("select_hint", close=", ".join(close)) if close else ""
        raise InputError(Problem("--select", None, t("select_none", select=s or "''", hint=hint)))


def _has_expectations(doc) -> bool:
    """Whether a parsed pack holds `kind: expectation` rules."""
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


def load_pack(path: Path, concepts: dict[str, Concept], doc=None, check_gx: bool = True) -> list[Rule]:
    name = str(path)
    if doc is None:
        doc = load_yaml(path)
    problems = strict.check_pack(doc, name) + schemacheck.check(doc, "rulepack.schema.json", name)
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
            for key, msg in gx_guard.check_args(spec.get("args") or {}, spec["expectation"]):
                bad(("args", key) if key in (spec.get("args") or {}) and hasattr(spec["args"], "line_of")
                    else "args" if "args" in spec else "id", msg)
            if check_gx:
                _check_expectation(spec, bad)
        compiled = {}
        for key in ("where", "expect", "condition"):
            if key in spec:
                try:
                    compiled[key] = compile_expr(spec[key], names, periodic)
                except ExprError as e:
                    bad(key, str(e))
        usable = allowed_placeholders - NO_PLACEHOLDERS.get(kind, set())
        for lang, text in spec["message"].items():
            for msg in messages.check(text, usable):
                bad(("message", lang), msg)
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
