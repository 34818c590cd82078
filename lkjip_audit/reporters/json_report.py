"""JSON report (`lkjip-findings/1`, documented in docs/report-format.md): stable keys, plain numbers."""
from __future__ import annotations

import json

from .common import report_dict


def render(result, fail_on: str, lang: str | None = None) -> str:
    return json.dumps(report_dict(result, fail_on, lang), ensure_ascii=False, indent=2) + "\n"
