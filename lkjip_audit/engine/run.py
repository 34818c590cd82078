"""Run a rule set over a dataset: the one entry point the CLI, tests and benchmarks use."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from . import kinds
from .context import Context
from .findings import SEVERITY_ORDER, Finding, FindingSet
from .primitives import Stats


@dataclass
class AuditResult:
    dataset: object
    ruleset: object
    findings: list[Finding]
    stats: Stats
    timings: dict = field(default_factory=dict)
    previous: object = None   # the previous year's dataset (check --previous), else None
    crossyear: dict | None = None  # subject matches and trend table (engine/pair.py)
    gx: dict | None = None  # {expectations, tables} when expectation rules ran

    def counts(self) -> dict:
        c = {s: 0 for s in SEVERITY_ORDER}
        for f in self.findings:
            c[f.severity] += 1
        return c

    def at_or_above(self, level: str) -> list[Finding]:
        return [f for f in self.findings if SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[level]]


def audit(dataset, ruleset, previous=None, gx_data_docs=None, settings=None) -> AuditResult:
    """Check `dataset`; with `previous` (last year's dataset of the same office) the packs that
    require it (`requires: previous`, e.g. rules/lintas_tahun.yaml) run too; without it they are
    left out entirely, so a plain check is unchanged. `gx_data_docs`: a folder for GX's Data Docs
    site of this run (expectation rules only). `settings`: names the report's conventions give the
    rule expressions (lkjip_audit/config.py)."""
    t0 = time.perf_counter()
    ruleset = _with_requirements_met(ruleset, previous=previous is not None,
                                     document=getattr(dataset, "document", None) is not None)
    settings = settings if settings is not None else getattr(dataset, "settings", None)
    pair = None
    if previous is not None:
        from .pair import PairContext

        pair = PairContext(dataset, previous, ruleset.concepts, ruleset.deciders, settings)
        ctx = pair.current
    else:
        ctx = Context(dataset, ruleset.concepts, ruleset.deciders, settings=settings)
    registry = kinds.registry()
    for name in dict.fromkeys(r.kind for r in ruleset.rules):  # e.g. inference: before any rule reads a subject
        if registry[name].prepare is not None:
            registry[name].prepare(ctx)
    out, stats = FindingSet(), Stats()
    batched: dict[str, list] = {}
    for rule in ruleset.rules:
        kind = registry[rule.kind]
        if kind.batched:
            batched.setdefault(rule.kind, []).append(rule)
            continue
        kind.run(rule, pair if kind.requires == "previous" else ctx, out, stats)
    timings, gx_info = {}, None
    if batched.get("expectation"):
        from ..gx.runner import run_expectations  # imports great_expectations

        t1 = time.perf_counter()
        gx_info = run_expectations(batched["expectation"], ctx, out, stats, gx_data_docs)
        timings["gx_s"] = time.perf_counter() - t1
        from .. import gx as gx_package

        timings["gx_import_s"] = gx_package.import_seconds or 0.0  # paid once, when the pack loaded
    if pair is not None:
        pair.tag_locations(out)
    findings = out.sorted()
    result = AuditResult(dataset, ruleset, findings, stats, {"evaluate_s": time.perf_counter() - t0, **timings})
    result.gx = gx_info
    if pair is not None:
        result.previous, result.crossyear = previous, pair.summary(finding_marks(findings, str(dataset.path)))
    if not batched.get("expectation"):  # GX work deferred to the chunk's end (gx/batch.py) still reads the context
        for c in (ctx,) if pair is None else (pair.current, pair.previous):
            c.release()
    return result


def finding_marks(findings, current: str) -> dict:
    """(dataset, subject, concept, period) -> ids of the rules whose findings are about that figure
    (warnings and errors); a finding without a dataset is about the `current` report."""
    marks: dict = {}
    for f in findings:
        if f.severity == "info" or f.concept is None:
            continue
        datasets = {loc.dataset for loc in f.locations if loc.role == "found"} or {None}
        for ds in datasets:
            marks.setdefault((ds or current, f.subject, f.concept, f.period), set()).add(f.rule.id)
    return marks


def _with_requirements_met(ruleset, **have):
    """Packs that need what this run lacks (`requires: previous` without --previous, `requires:
    document` for a plain dataset) are left out entirely and silently: a plain check is unchanged."""
    from ..rulepack.loader import RuleSet

    def ok(req):
        return not req or have.get(req, False)

    if all(ok(r.requires) for r in ruleset.rules):
        return ruleset
    return RuleSet([r for r in ruleset.rules if ok(r.requires)], ruleset.concepts,
                   [p for p in ruleset.packs if ok(ruleset.requires.get(p))], ruleset.requires,
                   [r for r in ruleset.deciders if ok(r.requires)])
