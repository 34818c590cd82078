"""Task wrappers for tests/test_corpus_dask.py, shipped to the Dask workers by value."""
from __future__ import annotations

import os
from pathlib import Path


def dies_once(marker: str):
    """A per-report task that kills its worker process the first time it meets the 2020 report."""

    def task(item, opts):
        from lkjip_audit.corpus.task import check_item

        m = Path(marker)
        if "2020" in item.display and not m.exists():
            m.write_text("died", encoding="utf-8")
            os._exit(3)
        return check_item(item, opts)

    return task
