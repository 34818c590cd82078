"""Great Expectations (GX Core 1.x) as a rule backend: data-quality expectations on the report's tables.

views.py   wide DataFrames built from the fact table (one per dataset table), the long fact table
           itself (`facts`) and one per subject kind (`subjects.iku`, ...). No GX import.
spec.py    checks an `expectation` rule (GX name and arguments) when its pack loads.
runner.py  one ephemeral GX context per process, one suite per view, results mapped to findings.
batch.py   corpus mode: the views of many reports concatenated with a report column, each suite
           validated once for them all, the unexpected rows split back per report.

great_expectations is imported only by spec.py and runner.py, and only when a selected rule pack
holds expectation rules (`lkjip-audit check --quick` skips those packs).
"""
from __future__ import annotations

import os
import sys
import time

# seconds the first `import great_expectations` of this process took (None: not imported by us)
import_seconds: float | None = None


def import_gx():
    """Import great_expectations with analytics off (no network) and return the module."""
    global import_seconds
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    t0 = time.perf_counter()
    fresh = "great_expectations" not in sys.modules
    import great_expectations as gx

    if fresh and import_seconds is None:
        import_seconds = time.perf_counter() - t0
    return gx
