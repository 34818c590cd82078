"""JSON report (`lkjip-findings/1`, documented in docs/report-format.md): stable keys, plain numbers."""
from __future__ import annotations

import json

from .common import report_dict
from .escape import json_text


def render(result, fail_on: str, lang: str | None = None) -> str:
    text = json.dumps(report_dict(result, fail_on, lang), ensure_ascii=False, indent=2) + "\n"
    return json_text(text)  # C1 controls and line separators as \u escapes, never raw
