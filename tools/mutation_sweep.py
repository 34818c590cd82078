"""Alter every printed figure of the real report, one at a time, and count how many alterations the
tool catches: a NEW error-level finding whose locations include the altered line. Prints the
coverage per table and the figures no rule reaches. Asserts nothing (the test suite holds a
representative sample: tests/test_report_reader.py).

Each figure of the hand-made dataset (its printed text, at its report line) is changed in the
report text by adding 1 to its last digit (9 -> 8), then the report is extracted and checked
in-process with the quick rule set (no GX pack).

Run: .venv/bin/python tools/mutation_sweep.py [--limit N]
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
REPORT = ROOT / "datasets" / "dinsos-kota-blitar-2020" / "000_9436e2d9426b5c76.txt"


def bump_last_digit(text: str) -> str | None:
    m = list(re.finditer(r"\d", text))
    if not m:
        return None
    i = m[-1].start()
    d = text[i]
    return text[:i] + ("8" if d == "9" else str(int(d) + 1)) + text[i + 1:]


def _key(f):
    """A finding is new when its rule, subject, found or expected value differ from the unaltered run."""
    return f.rule.id, f.subject, str(f.found), str(f.expected)


def main() -> int:
    from lkjip_audit.engine.run import audit
    from lkjip_audit.errors import InputError
    from lkjip_audit.readers.dataset import load_dataset
    from lkjip_audit.readers.report import load_report
    from lkjip_audit.rulepack.loader import load_rules

    p = argparse.ArgumentParser()
    p.add_argument("--limit", type=int, default=0)
    limit = p.parse_args().limit
    rules = load_rules(ROOT / "rules", quick=True)
    facts = load_dataset(ROOT / "datasets" / "dinsos-kota-blitar-2020", rules.concepts).facts
    lines = REPORT.read_text(encoding="utf-8").split("\n")
    base = audit(load_report(REPORT, rules.concepts), rules)
    seen_before = {_key(f) for f in base.findings}

    numeric = facts[facts["value"].notna()]
    # one alteration per distinct (line, printed text): the same text twice on a line is one figure
    targets = numeric.drop_duplicates(["line", "text"])[["line", "text", "table", "concept"]]
    if limit:
        targets = targets.head(limit)
    caught, missed, skipped = Counter(), [], 0
    total = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for t in targets.itertuples(index=False):
            old_line = lines[t.line - 1]
            new_text = bump_last_digit(t.text)
            if new_text is None or old_line.count(t.text) != 1:
                skipped += 1  # ambiguous on its line: not altered
                continue
            altered = list(lines)
            altered[t.line - 1] = old_line.replace(t.text, new_text, 1)
            path = Path(tmp) / REPORT.name
            path.write_text("\n".join(altered), encoding="utf-8")
            total[t.table] += 1
            try:
                result = audit(load_report(path, rules.concepts), rules)
            except InputError:
                missed.append((t.table, t.line, t.text, new_text, "bad input"))
                continue
            new = [f for f in result.findings if f.severity == "error"
                   and _key(f) not in seen_before
                   and any(loc.line == t.line for loc in f.locations)]
            if new:
                caught[t.table] += 1
            else:
                missed.append((t.table, t.line, t.text, new_text, t.concept))
    n = sum(total.values())
    print(f"{sum(caught.values())} of {n} single-figure alterations caught "
          f"({100 * sum(caught.values()) / max(n, 1):.0f}%); {skipped} figures not altered "
          f"(the same text twice on one line)")
    for table in sorted(total):
        print(f"  {table:<32} {caught[table]:>3} / {total[table]:<3}")
    print("not caught (table, line, printed -> altered, concept):")
    for m in missed:
        print("  ", *m)
    return 0


if __name__ == "__main__":
    sys.exit(main())
