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
from .expr import KINDS, ExprError, compile_expr

CONCEPTS_FILE = "concepts.yaml"
SEVERITIES = ("error", "warning", "info")


@dataclass
class Rule:
    """One rule: the keys every rule has, and `params`, its kind's parameter dataclass (see
    engine/kinds/). `rule.check`, `rule.for_each`, ... read the parameters."""
    id: str
    title: dict
    message: dict
    severity: str
    reference: str
    kind: str
    file: str
    line: int
    params: object = None
    pack: str = ""
    description: dict = field(default_factory=dict)
    requires: str | None = None   # "previous": only with --previous; "document": only when a report file was read

    def __getattr__(self, name):
        params = self.__dict__.get("params")
        if params is not None and name in getattr(params, "__dataclass_fields__", {}):
            return getattr(params, name)
        if name in _PARAM_DEFAULTS:  # a key this rule's kind does not have
            return _PARAM_DEFAULTS[name]
        raise AttributeError(name)

    def title_in(self, lang=None) -> str:
        return pick(self.title, lang)


# what a rule of a kind without these keys answers (the engine may ask any rule)
_PARAM_DEFAULTS = {"for_each": (), "where": None, "check": None, "expect": None, "condition": None,
                   "concepts": (), "scope": "each", "decides": False}


@dataclass
class RuleSet:
    rules: list[Rule]
    concepts: dict[str, Concept]
    packs: list[str]
    requires: dict = field(default_factory=dict)  # pack -> what it requires ("previous", "document")
    deciders: list | None = None  # formula rules that decide a figure (all loaded ones, even when --select narrows)

    def __post_init__(self):
        if self.deciders is None:
            self.deciders = [r for r in self.rules if r.kind == "formula"]


def default_rules_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "rules"


def load_rules(rules_dir: Path | None = None, select=None, quick: bool = False, have=None,
               overlays=(), defaults: bool = True) -> RuleSet:
    """Load the concept vocabulary and every rule pack in `rules_dir` (all problems at once), then
    each overlay folder: its packs are added, a rule with the id of a loaded rule replaces it, its
    concepts.yaml (optional) adds concepts. `defaults=False` (--no-default-rules): start empty.
    `quick`: skip the packs holding `expectation` rules (so great_expectations is not imported).
    `have`: what this run offers ("previous", "document"); packs requiring anything else are not
    even read (they would be left out of the run anyway). None: read every pack (`rules`, tests)."""
    base = Path(rules_dir or default_rules_dir())
    folders = ([base] if defaults else []) + [Path(o) for o in overlays]
    for d in folders:
        if not d.is_dir():
            raise InputError(Problem(str(d), None, t("file_missing")))
    # concepts: the shipped vocabulary always (a rule cannot run without it), overlays add to it
    concepts = dict(load_concepts(base / CONCEPTS_FILE))
    for d in folders[1:] if defaults else folders:
        if (d / CONCEPTS_FILE).is_file() and d != base:
            concepts.update(load_concepts(d / CONCEPTS_FILE))
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, tuple] = {}
    requires: dict[str, str] = {}
    packs: list[str] = []
    for n, d in enumerate(folders):
        files = sorted(p for p in d.glob("*.yaml") if p.name != CONCEPTS_FILE)
        if not files and (defaults and n == 0):
            raise InputError(Problem(str(d), None, t("rules_none")))
        if quick:
            files = [f for f in files if not _has_expectations(f)]
        if have is not None:
            files = [f for f in files if _pack_requirement(f) in (None, *have)]
        for f in files:
            try:
                pack_rules = load_pack(f, concepts)
            except InputError as e:
                problems.extend(e.problems)
                continue
            for r in pack_rules:
                if r.id in seen:
                    where, folder = seen[r.id]
                    if folder == n:
                        problems.append(Problem(r.file, r.line, t("rule_dup_id", id=r.id, where=where)))
                    else:  # an overlay replaces the rule of that id
                        rules = [x for x in rules if x.id != r.id]
                seen[r.id] = (f"{r.file}:{r.line}", n)
                rules.append(r)
                if r.requires:
                    requires[f.stem] = r.requires
            if f.stem not in packs:
                packs.append(f.stem)
    if problems:
        raise InputError(problems)
    deciders = [r for r in rules if r.kind == "formula"]
    if select:
        rules = [r for r in rules if any(r.id.startswith(s) for s in select)]
    return RuleSet(rules, concepts, packs, requires, deciders)


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


def load_pack(path: Path, concepts: dict[str, Concept]) -> list[Rule]:
    from ..engine import kinds as kind_registry

    name = str(path)
    doc = load_yaml(path)
    problems = schemacheck.check(doc, "rulepack.schema.json", name)
    if problems:
        raise InputError(problems)
    names = set(concepts)
    periodic = {n for n, c in concepts.items() if c.periodic}
    out = []
    requires = doc.get("requires")
    registry = kind_registry.registry()
    for spec in doc["rules"]:
        line = spec.line
        kind_name = spec.get("kind", "formula")

        def bad(key, msg):
            if isinstance(key, tuple):  # (mapping key, key inside it): point at the inner line
                line_no = spec[key[0]].line_of(key[1])
            else:
                line_no = spec.line_of(key)
            problems.append(Problem(name, line_no, f"{spec['id']}: {msg}"))

        kind = registry.get(kind_name)
        if kind is None:
            bad("kind", f"jenis aturan '{kind_name}' tidak dikenal; yang ada: {', '.join(sorted(registry))}")
            continue
        params = _params(kind, spec, bad, names, periodic)
        for lang, text in spec["message"].items():
            try:
                fields = list(string.Formatter().parse(text))
            except ValueError as e:
                bad("message", f"pesan tidak sah: {e}")
                fields = []
            allowed = kind.all_placeholders | kind_registry.REQUIRES_PLACEHOLDERS.get(requires, frozenset())
            for _, field_name, _, _ in fields:
                if field_name is not None and field_name not in allowed:
                    bad("message", t("placeholder", name=field_name, allowed=", ".join(sorted(allowed))))
        if kind.requires and requires != kind.requires:
            bad("kind", f"aturan berjenis '{kind_name}' hanya boleh dalam paket dengan 'requires: {kind.requires}'")
        if params is None:
            continue
        out.append(Rule(
            id=spec["id"], title=dict(spec["title"]), message=dict(spec["message"]),
            severity=spec["severity"], reference=spec["reference"], kind=kind_name, file=name, line=line,
            params=params, pack=str(doc.get("pack", path.stem)), description=dict(spec.get("description") or {}),
            requires=requires))
    if problems:
        raise InputError(problems)
    return out


def _params(kind, spec, bad, names, periodic):
    """Build the kind's parameter dataclass from the rule's keys (strict: an unknown key, a missing
    key, a value of the wrong type or an unknown concept is `file:line: ...`)."""
    import dataclasses
    import difflib

    from ..engine.kinds import COMMON_KEYS, field_schema, type_ok

    fields = {f.name: f for f in dataclasses.fields(kind.params)}
    ok = True
    for key in spec:
        if key not in fields and key not in COMMON_KEYS:
            close = difflib.get_close_matches(key, list(fields), n=1)
            hint = f" (maksud Anda '{close[0]}'?)" if close else ""
            bad(key, f"kunci '{key}' tidak dikenal untuk aturan berjenis '{kind.name}'{hint}; "
                     f"yang boleh: {', '.join(sorted(fields)) or '-'}")
            ok = False
    for need in kind.required():
        if need not in spec:
            bad("id", f"aturan berjenis '{kind.name}' wajib punya '{need}'")
            ok = False
    values = {}
    for fname, f in fields.items():
        if fname not in spec:
            continue
        raw, role = spec[fname], f.metadata.get("role", "plain")
        if role == "expr":
            try:
                values[fname] = compile_expr(raw, names, periodic)
            except ExprError as e:
                bad(fname, str(e))
                ok = False
        elif role in ("concept", "concepts"):
            items = [raw] if role == "concept" else raw
            if not isinstance(items, list) or not items or not all(isinstance(c, str) for c in items):
                bad(fname, f"'{fname}' harus berupa nama konsep" + (" (daftar)" if role == "concepts" else ""))
                ok = False
                continue
            for c in items:
                if c not in names:
                    bad(fname, t("unknown_concept", concept=c))
                    ok = False
            values[fname] = raw if role == "concept" else tuple(raw)
        elif role == "kinds":
            items = (raw,) if isinstance(raw, str) else tuple(raw) if isinstance(raw, list) else None
            if not items:
                bad(fname, f"'{fname}' harus berupa jenis subjek atau daftarnya")
                ok = False
                continue
            for k in items:
                if k not in KINDS:
                    bad(fname, t("unknown_kind", kind=k))
                    ok = False
            values[fname] = items
        else:
            schema = field_schema(f, kind.params)
            if not type_ok(raw, schema):
                want = ", ".join(map(str, schema["enum"])) if "enum" in schema else schema.get("type", "?")
                bad(fname, f"nilai '{fname}' tidak sah: {raw!r} (harus {want})")
                ok = False
                continue
            values[fname] = tuple(raw) if isinstance(raw, list) else (dict(raw) if isinstance(raw, dict) else raw)
    if ok and kind.validate is not None:
        kind.validate(spec, bad)
    if not ok:
        return None
    return kind.params(**values)
