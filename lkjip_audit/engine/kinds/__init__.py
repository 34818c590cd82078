"""The registry of rule kinds (`kind:` of a rule). Rules are data; kinds are code.

Each kind is one module of this package that describes itself with a `RuleKind`:
its parameter dataclass (the keys a rule of that kind may have; the rule-pack schema fragment and
the documentation are generated from it), the message placeholders it offers, what it requires
(`document`: the report file was read; `previous`: last year's report was given), its run function
and its docstring (with a passing and a failing example). The registry below lists the kinds
explicitly, in the manner of yamllint's rule registry: adding a kind is writing its module, adding
it to `_MODULES` and writing its tests.
"""
from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass, field
from typing import Callable, Literal

# placeholders every finding offers (engine/findings.py Finding.message)
COMMON_PLACEHOLDERS = frozenset({"subject", "subject_name", "concept", "period", "found", "expected", "why",
                                 "count", "table"})
# placeholders a pack's requirement adds to every rule in it (cross-year: both reports' names)
REQUIRES_PLACEHOLDERS = {"previous": frozenset({"previous", "current", "previous_found", "change", "threshold", "score"}),
                         "document": frozenset()}
# keys every rule has, whatever its kind (checked by lkjip_audit/schemas/rulepack.schema.json)
COMMON_KEYS = ("id", "kind", "title", "message", "description", "severity", "reference")


def expr(required: bool = False, doc: str = ""):
    """A parameter holding an expression of the rule language (compiled when the pack loads)."""
    if required:
        return field(metadata={"role": "expr", "doc": doc})
    return field(default=None, metadata={"role": "expr", "doc": doc})


def concept(required: bool = False, doc: str = ""):
    """A parameter naming one concept of rules/concepts.yaml."""
    if required:
        return field(metadata={"role": "concept", "doc": doc})
    return field(default=None, metadata={"role": "concept", "doc": doc})


def concepts(required: bool = False, doc: str = ""):
    """A parameter naming one or more concepts."""
    if required:
        return field(metadata={"role": "concepts", "doc": doc})
    return field(default=(), metadata={"role": "concepts", "doc": doc})


def subject_kinds(required: bool = False, doc: str = ""):
    """A parameter naming subject kinds (iku, sasaran, ...): `for_each`."""
    if required:
        return field(metadata={"role": "kinds", "doc": doc})
    return field(default=(), metadata={"role": "kinds", "doc": doc})


def param(default=dataclasses.MISSING, doc: str = "", **schema):
    """A plain parameter (number, text, choice, mapping); `schema` adds JSON Schema keywords."""
    if default is dataclasses.MISSING:
        return field(metadata={"role": "plain", "doc": doc, "schema": schema})
    if isinstance(default, (dict, list)):
        return field(default_factory=lambda: type(default)(default), metadata={"role": "plain", "doc": doc, "schema": schema})
    return field(default=default, metadata={"role": "plain", "doc": doc, "schema": schema})


@dataclass(frozen=True)
class RuleKind:
    """One kind of rule: its parameters, placeholders, requirement and run function.

    (Every dataclass here has a docstring, so `dataclass()` does not write one from
    `inspect.signature`: ~0,2 M instructions a class at start-up, round 9.)"""
    name: str
    params: type                     # a dataclass: the keys a rule of this kind may have
    run: Callable                    # run(rule, ctx, out, stats); ctx is a PairContext when requires == previous
    placeholders: frozenset = frozenset()  # message placeholders beyond COMMON_PLACEHOLDERS
    omits: frozenset = frozenset()   # common placeholders this kind has no value for (would print empty)
    requires: str | None = None      # "document" | "previous" | None
    summary: dict = field(default_factory=dict)  # {"id": ..., "en": ...}: one line for docs/rules.md
    doc: str = ""                    # the module docstring: what it checks, a passing and a failing example
    batched: bool = False            # run by audit() in one batch (expectation: one GX suite per table)
    validate: Callable | None = None  # validate(spec, bad): load-time checks beyond the parameter types
    prepare: Callable | None = None   # prepare(ctx): once before any rule runs, when a rule of this kind is loaded

    @property
    def all_placeholders(self) -> frozenset:
        return (COMMON_PLACEHOLDERS | self.placeholders) - self.omits

    def fields(self) -> list[dataclasses.Field]:
        return list(dataclasses.fields(self.params))

    def required(self) -> list[str]:
        return [f.name for f in self.fields()
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]

    def schema_fragment(self) -> dict:
        """The JSON Schema of this kind's keys, generated from its parameter dataclass."""
        props = {f.name: field_schema(f, self.params) for f in self.fields()}
        return {"type": "object", "properties": props, "required": self.required()}


from ...rulepack.expr import KINDS as _SUBJECT_KINDS  # noqa: E402


def field_schema(f: dataclasses.Field, owner: type) -> dict:
    role = f.metadata.get("role", "plain")
    doc = f.metadata.get("doc", "")
    if role == "expr":
        out = {"type": "string", "description": doc or "expression of the rule language"}
    elif role == "concept":
        out = {"type": "string", "description": doc or "a concept of rules/concepts.yaml"}
    elif role == "concepts":
        out = {"type": "array", "items": {"type": "string"}, "minItems": 1, "description": doc}
    elif role == "kinds":
        one = {"enum": list(_SUBJECT_KINDS)}
        out = {"oneOf": [one, {"type": "array", "items": one, "minItems": 1}], "description": doc}
    else:
        hint = _hints(owner)[f.name]
        out = _type_schema(hint)
        out.update(f.metadata.get("schema") or {})
        if doc:
            out["description"] = doc
    if f.default is not dataclasses.MISSING and f.default not in (None, ()):
        out["default"] = f.default
    return out


@functools.cache
def _hints(owner: type) -> dict:
    """A parameter class's type hints, worked out once per class: typing.get_type_hints compiles and
    evaluates every annotation of the class, and the loader asks for one field of a class at a
    time, for every plain parameter of every rule (~4,7 M instructions a start-up, round 9)."""
    return typing.get_type_hints(owner)


def _type_schema(hint) -> dict:
    origin = typing.get_origin(hint)
    if origin is Literal:
        return {"enum": list(typing.get_args(hint))}
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return _type_schema(args[0]) if len(args) == 1 else {}
    if hint is bool:
        return {"type": "boolean"}
    if hint in (int, float):
        return {"type": "number"}
    if hint is str:
        return {"type": "string"}
    if hint is dict or origin is dict:
        return {"type": "object"}
    if origin in (tuple, list):
        return {"type": "array", "items": {"type": "string"}}
    return {}


def type_ok(value, schema: dict) -> bool:
    """Whether a YAML value fits a generated fragment (plain parameters only)."""
    if "enum" in schema:
        return value in schema["enum"]
    t = schema.get("type")
    if t == "boolean":
        return isinstance(value, bool)
    if t == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and "exclusiveMinimum" in schema:
            ok = value > schema["exclusiveMinimum"]
        if ok and "minimum" in schema:
            ok = value >= schema["minimum"]
        if ok and "maximum" in schema:
            ok = value <= schema["maximum"]
        return ok
    if t == "string":
        import re

        return isinstance(value, str) and len(value) >= schema.get("minLength", 0) \
            and ("pattern" not in schema or re.search(schema["pattern"], value) is not None)
    if t == "object":
        return isinstance(value, dict)
    if t == "array":
        return isinstance(value, list)
    return True


# -- the registry ---------------------------------------------------------------------------------
def _modules():
    from . import (assertion, change, continuity, copies, efisiensi, expectation, formula, inference, perubahan_teks,
                   readable, rentang, rumus_teks, teks)

    return (formula, copies, assertion, readable, expectation, continuity, change, teks, inference, rumus_teks,
            perubahan_teks, rentang, efisiensi)


_REGISTRY: dict[str, RuleKind] | None = None


def registry() -> dict[str, RuleKind]:
    """Every kind, by name (a module may define a family of kinds in `KINDS`)."""
    global _REGISTRY
    if _REGISTRY is None:
        out: dict[str, RuleKind] = {}
        for module in _modules():
            for kind in getattr(module, "KINDS", None) or (module.KIND,):
                assert kind.name not in out, f"rule kind {kind.name} registered twice"
                out[kind.name] = kind
        _REGISTRY = out
    return _REGISTRY


def get(name: str) -> RuleKind | None:
    return registry().get(name)
