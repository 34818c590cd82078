"""Load and validate rule packs (`rules/*.yaml`) before anything runs.

Every mistake is collected and reported as `file:line: message`: unknown keys (strict, like
soda-core), missing fields, duplicate ids, unknown concepts or subject kinds, expressions outside
the safe language, message placeholders that do not exist.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .. import schemacheck
from ..errors import InputError, Problem
from ..i18n import pick, t
from ..yamlio import load_yaml
from .concepts import Concept, load_concepts
from . import messages, strict
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

    def __post_init__(self):
        # `rule.check`, `rule.where` ... are plain instance attributes, set here once: the engine
        # reads them for every fact, and Python 3.11 does not specialise attribute reads on a class
        # with a __getattr__ hook (which this class had, reading `params` on first use): -0,12 M
        # instructions per report (docs/performance.md, round 9). Parameters are never changed
        # once loaded. A key this rule's kind does not have answers its _PARAM_DEFAULTS value.
        attrs = dict(_PARAM_DEFAULTS)
        params = self.params
        if params is not None:
            attrs.update((name, getattr(params, name)) for name in params.__dataclass_fields__)
        for name in self.__dataclass_fields__:  # a parameter never hides one of the rule's own keys
            attrs.pop(name, None)
        self.__dict__.update(attrs)

    def title_in(self, lang=None) -> str:
        return pick(self.title, lang)


# what a rule of a kind without these keys answers (the engine may ask any rule)
_PARAM_DEFAULTS = {"for_each": (), "where": None, "check": None, "expect": None, "condition": None,
                   "concepts": (), "scope": "each", "decides": False}


@dataclass
class RuleSet:
    """The rules loaded for a run, with the concepts and the packs they came from."""
    rules: list[Rule]
    concepts: dict[str, Concept]
    packs: list[str]
    requires: dict = field(default_factory=dict)  # pack -> what it requires ("previous", "document")
    deciders: list | None = None  # formula rules that decide a figure (all loaded ones, even when --select narrows)

    def __post_init__(self):
        if self.deciders is None:
            self.deciders = [r for r in self.rules if r.kind == "formula"]


def default_rules_dir() -> Path:
    """The shipped packs: `lkjip_audit/rules` (package data of the wheel; in a source checkout a
    symlink to the top-level `rules/`, which is the path printed)."""
    return (Path(__file__).resolve().parents[1] / "rules").resolve()


_SHARED: dict | None = None  # what `shared_packs()` keeps: read, parsed and validated files


@contextmanager
def shared_packs():
    """Inside the block, load_rules reads, parses and validates each file once, however many times
    it is called: corpus mode loads the packs for datasets and again for report files (a superset),
    one after the other at start-up, which parsed and checked every shared pack twice (~0.1 s). Only
    for that moment: outside the block every call reads the files afresh."""
    global _SHARED
    outer = _SHARED is not None
    if not outer:
        _SHARED = {}
    try:
        yield
    finally:
        if not outer:
            _SHARED = None


def _once(key, make):
    """`make()`, or what it gave for `key` earlier in this `shared_packs()` block (a failure is not kept)."""
    if _SHARED is None:
        return make()
    if key not in _SHARED:
        _SHARED[key] = make()
    return _SHARED[key]


def _read_pack(f: Path):
    from .. import limits

    limits.check_regular_file(f)  # a FIFO or a device in the folder never blocks the run
    return load_yaml(f)


def load_rules(rules_dir: Path | None = None, select=None, quick: bool = False, have=None,
               overlays=(), defaults: bool = True, check_gx: bool = True) -> RuleSet:
    """Load the concept vocabulary and every rule pack in `rules_dir` (all problems at once), then
    each overlay folder: its packs are added, a rule with the id of a loaded rule replaces it, its
    concepts.yaml (optional) adds concepts. `defaults=False` (--no-default-rules): start empty.
    `quick`: skip the packs holding `expectation` rules (so great_expectations is not imported).
    `have`: what this run offers ("previous", "document"); packs requiring anything else are not
    out of the run. None: every pack (`rules`, tests). Both filters look at the parsed YAML, never
    at the raw text (a key or value can be written with YAML escapes).
    `check_gx`: check expectation arguments against GX itself (imports GX, ~2 s); `rules` lists
    without it, a check that runs GX always checks them."""
    base = Path(rules_dir or default_rules_dir())
    folders = ([base] if defaults else []) + [Path(o) for o in overlays]
    for d in folders:
        if not d.is_dir():
            raise InputError(Problem(str(d), None, t("file_missing")))
    # concepts: the shipped vocabulary always (a rule cannot run without it), overlays add to it
    concepts = dict(_once(("concepts", str(base / CONCEPTS_FILE)), lambda: load_concepts(base / CONCEPTS_FILE)))
    for d in folders[1:] if defaults else folders:
        if (d / CONCEPTS_FILE).is_file() and d != base:
            concepts.update(_once(("concepts", str(d / CONCEPTS_FILE)), lambda: load_concepts(d / CONCEPTS_FILE)))
    # what load_pack reads of the concepts (a pack checked against other concepts is checked again)
    vocabulary = (frozenset(concepts), frozenset(n for n, c in concepts.items() if c.periodic), check_gx)
    rules: list[Rule] = []
    problems: list[Problem] = []
    seen: dict[str, tuple] = {}
    requires: dict[str, str] = {}
    packs: list[str] = []
    for n, d in enumerate(folders):
        files = sorted(p for p in d.glob("*.yaml") if p.name != CONCEPTS_FILE)
        if not files and (defaults and n == 0):
            raise InputError(Problem(str(d), None, t("rules_none")))
        for f in files:
            try:
                doc = _once(("yaml", str(f)), lambda: _read_pack(f))
            except InputError as e:
                problems.extend(e.problems)
                continue
            if quick and _has_expectations(doc):
                continue
            if have is not None and (doc.get("requires") if isinstance(doc, dict) else None) not in (None, *have):
                continue
            try:
                pack_rules = _once(("pack", str(f), vocabulary),
                                   lambda: load_pack(f, concepts, doc=doc, check_gx=check_gx))
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
        _check_select(select, rules)
        rules = [r for r in rules if any(r.id.startswith(s) for s in select)]
    return RuleSet(rules, concepts, packs, requires, deciders)


def _check_select(select, rules) -> None:
    """Every --select prefix must pick at least one rule; otherwise exit 2 naming the close ids."""
    import difflib

    ids = sorted({r.id for r in rules})
    prefixes = sorted({i[:3] for i in ids})
    for s in select:
        if s and any(i.startswith(s) for i in ids):
            continue
        close = difflib.get_close_matches(s.upper(), prefixes + ids, n=4, cutoff=0.5)
        hint = t("did_you_mean", close=", ".join(close)) if close else ""
        raise InputError(Problem("--select", None, t("select_none", select=s or "''", hint=hint)))


def _has_expectations(doc) -> bool:
    """Whether a parsed pack holds `kind: expectation` rules."""
    rules = doc.get("rules") if isinstance(doc, dict) else None
    return isinstance(rules, list) and any(isinstance(r, dict) and r.get("kind") == "expectation" for r in rules)


def load_pack(path: Path, concepts: dict[str, Concept], doc=None, check_gx: bool = True) -> list[Rule]:
    from ..engine import kinds as kind_registry

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
        params = _params(kind, spec, bad, names, periodic, check_gx)
        allowed = kind.all_placeholders | kind_registry.REQUIRES_PLACEHOLDERS.get(requires, frozenset())
        for lang, text in spec["message"].items():
            for msg in messages.check(text, set(allowed)):  # `{name}` placeholders only (rulepack/messages.py)
                bad(("message", lang), msg)
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


def _params(kind, spec, bad, names, periodic, check_gx: bool = True):
    """Build the kind's parameter dataclass from the rule's keys (strict: an unknown key, a missing
    key, a value of the wrong type or an unknown concept is `file:line: ...`)."""
    import dataclasses

    from ..engine.kinds import COMMON_KEYS, field_schema, type_ok

    fields = {f.name: f for f in dataclasses.fields(kind.params)}
    ok = True
    for key in spec:
        if key not in fields and key not in COMMON_KEYS:
            import difflib  # only for a mistake: a clean start-up does not import it (~3 M instructions)

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
        kind.validate(spec, bad, check_gx=check_gx)
    if not ok:
        return None
    return kind.params(**values)
