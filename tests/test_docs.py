"""The project stands alone: docs/rules.md is generated from the registry and the packs and is
current; every rule cites a regulation or docs/domain.md; nothing points outside the repository."""
from __future__ import annotations

import importlib.util
import re

from conftest import ROOT


def _generator():
    spec = importlib.util.spec_from_file_location("gen_rules_doc", ROOT / "tools" / "gen_rules_doc.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rules_md_is_current():
    shipped = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert shipped == _generator().render(), "docs/rules.md is stale: run tools/gen_rules_doc.py"


def test_rules_md_lists_every_kind_key_and_rule(ruleset):
    from lkjip_audit.engine.kinds import registry

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for name, kind in registry().items():
        assert f"### `{name}`" in text
        for f in kind.fields():
            assert f"| `{f.name}` |" in text
    for r in ruleset.rules:
        assert f"| {r.id} |" in text


REGULATION = re.compile(r"Perpres|PermenPAN|Permendagri|\bPP \d|docs/domain\.md", re.I)


def test_every_rule_cites_a_regulation_or_the_domain_document(ruleset):
    bad = [f"{r.id}: {r.reference}" for r in ruleset.rules if not REGULATION.search(r.reference)]
    assert not bad, bad


def test_nothing_points_outside_the_repository():
    files = [*ROOT.glob("rules/*.yaml"), *ROOT.glob("datasets/*/dataset.yaml"), *ROOT.glob("docs/*.md"),
             *ROOT.glob("lkjip_audit/**/*.py"), ROOT / "README.md"]
    bad = [str(p.relative_to(ROOT)) for p in files
           if re.search(r"DOMAIN\.md|/work/|\.\./shared", p.read_text(encoding="utf-8"))]
    assert not bad, bad
