"""Markdown report, rendered from a Jinja2 template (reporters/templates/report.md.j2)."""
from __future__ import annotations

from pathlib import Path

from ..i18n import get_lang
from . import escape
from .common import SEVERITY_LABEL, group_locations, lines_text, repaired, report_dict, words


def render(result, fail_on: str, lang: str | None = None) -> str:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    lang = lang or get_lang()
    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                      undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = escape.md        # report and rule text: no heading, link, HTML or cell break
    env.filters["line"] = escape.md_line   # ... at the start of a line
    env.filters["code"] = escape.md_code   # inline code the text cannot close
    from .trend import cell_text

    env.globals["trend_cell"] = cell_text
    env.filters["group_locations"] = group_locations  # one row per place, its report lines listed
    env.filters["lines_text"] = lines_text
    env.globals.update(repaired=repaired, lang=lang)
    return env.get_template("report.md.j2").render(
        r=report_dict(result, fail_on, lang), w=words(lang), sev=SEVERITY_LABEL[lang])
