"""Run a rule set over a dataset: the one entry point the CLI, tests and benchmarks use."""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from .context import Context
from .findings import SEVERITY_ORDER, Finding, FindingSet
from .primitives import PRIMITIVES, Stats


@dataclass
class AuditResult:
    dataset: object
    ruleset: object
    findings: list[Finding]
    stats: Stats
    timings: dict = field(default_factory=dict)

    def counts(self) -> dict:
        c = {s: 0 for s in SEVERITY_ORDER}
        for f in self.findings:
            c[f.severity] += 1
        return c

    def at_or_above(self, level: str) -> list[Finding]:
        return [f for f in self.findings if SEVERITY_ORDER[f.severity] <= SEVERITY_ORDER[level]]


def audit(dataset, ruleset) -> AuditResult:
    t0 = time.perf_counter()
    if getattr(dataset, "document", None) is None and any(r.requires == "document" for r in ruleset.rules):
        ruleset = _without_document_rules(ruleset)
    ctx = Context(dataset, ruleset.concepts)
    out, stats = FindingSet(), Stats()
    for rule in ruleset.rules:
        PRIMITIVES[rule.kind](rule, ctx, out, stats)
    findings = out.sorted()
    return AuditResult(dataset, ruleset, findings, stats, {"evaluate_s": time.perf_counter() - t0})


def _without_document_rules(ruleset):
    """A plain dataset has no document text: packs that need it are left out, silently."""
    from ..rulepack.loader import RuleSet

    doc_packs = {r.pack for r in ruleset.rules if r.requires == "document"}
    return RuleSet([r for r in ruleset.rules if r.requires != "document"], ruleset.concepts,
                   [p for p in ruleset.packs if p not in doc_packs])
