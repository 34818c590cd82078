"""Money is exact (issue 11): a one-rupiah error on a 15- to 20-digit amount is found. A float
holds ~16 significant digits, so 10.000.021.434.874.461 and ...462 were the same number."""
from __future__ import annotations

import pytest

from editing import apply_edits, load_plain, write_dataset
from lkjip_audit.engine.interval import Interval, exact_number


def test_whole_amounts_are_read_exactly_from_their_digits():
    assert exact_number("Rp 21.434.874.461,-", 21434874461.0) == 21434874461
    n = exact_number("98.765.432.109.876.543.210", 9.876543210987654e19)
    assert n == 98765432109876543210 and type(n) is int
    assert exact_number("-1.500", -1500.0) == -1500
    assert exact_number("896.935.811,00", 896935811.0, 2) == 896935811
    assert exact_number("92,30", 92.3, 2) == 92.3                   # a fraction: the parsed float
    assert exact_number("1.000 (2)", 1000.0) == 1000.0              # digits that are not the number


def test_a_one_rupiah_difference_on_17_digits_is_found():
    parts = ["100.000.000.896.935.811", "1.234.567.890", "98.765"]
    # by hand: 100.000.000.896.935.811 + 1.234.567.890 = 100.000.002.131.503.701; + 98.765 = 100.000.002.131.602.466
    ivs = [Interval.exact(exact_number(p, float(p.replace(".", "")))) for p in parts]
    total = sum(ivs[1:], ivs[0])
    assert total.lo == total.hi == 100_000_002_131_602_466
    printed = Interval.exact(exact_number("100.000.002.131.602.467", 100_000_002_131_602_467.0))
    assert not total.overlaps(printed)   # printed one rupiah more than the sum
    assert total.overlaps(Interval.exact(100_000_002_131_602_466))
    # the float path could not tell them apart: this is what the test guards against
    assert float(100_000_002_131_602_466) == float(100_000_002_131_602_467)


@pytest.mark.parametrize("bl,finding", [("10.000.021.434.874.461", False), ("10.000.021.434.874.462", True)])
def test_total_rule_finds_one_rupiah_on_a_17_digit_budget(ruleset, tmp_path, bl, finding):
    """The real dataset with programme P1 and the Belanja Langsung total raised by 10^16 rupiah:
    the programmes still sum to BL exactly (TOT001 quiet); BL one rupiah more is a finding."""
    from lkjip_audit.engine.run import audit
    from lkjip_audit.readers.dataset import load_dataset
    from lkjip_audit.rulepack.loader import RuleSet

    doc = apply_edits(load_plain("dinsos-kota-blitar-2020"), [
        {"subject": "P1", "concept": "anggaran", "text": "10.000.000.896.935.811,00"},
        {"subject": "BL", "concept": "anggaran", "text": bl},
    ])
    folder = write_dataset(doc, tmp_path / "ds")
    rules = [r for r in ruleset.rules if r.id == "TOT001"]
    result = audit(load_dataset(folder, ruleset.concepts), RuleSet(rules, ruleset.concepts, ruleset.packs))
    assert bool([f for f in result.findings if f.rule.id == "TOT001"]) is finding
