"""The terminal report (rich): findings grouped by severity, then by section, and a summary line."""
from __future__ import annotations

from itertools import groupby

from rich.console import Console
from rich.text import Text

from ..i18n import get_lang
from .common import SEVERITY_LABEL, group_locations, lines_text, office_text, repaired, summary, words
from .escape import clean_tree, one_line

STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _finding_text(f, lang, w, document=None, width: int = 160) -> Text:
    """One finding as styled text: rule and title, message, computation, one line per location.
    (Plain Text, not nested Panels/Tables: rich renders it ~4x faster, and it copies cleanly.)"""
    d = f.as_dict(lang)
    if document is not None:
        from ..readers.reasons_en import where_text

        for loc in d["locations"]:
            loc["where"] = where_text(document.describe(loc["line"]), lang)
    d = clean_tree(d)  # report and rule text: no control codes (rich markup is never parsed: Text only)
    out = Text("  ")
    out.append(f"{f.rule.id}", style=STYLE[f.severity])
    out.append(f"  {d['title']}\n", style="bold")
    out.append(f"    {d['message']}\n")
    if d["why"]:
        out.append(f"    {w['why']}: {d['why']}\n", style="dim")
    # locations never wrap: one line each, cut at the terminal's edge
    locs = Text(no_wrap=True, overflow="ellipsis")
    for loc in group_locations(d["locations"]):  # one line per place, however many rows print it
        role = w["role_" + loc["role"]]
        style = "" if loc["role"] == "found" else "dim"
        if any(loc["wheres"]):
            place = f"{one_line(lines_text(loc)):<9}"
        else:
            place = f"{w['line'].lower()} {one_line(lines_text(loc)):>4}"
        head = f"      {role:<11} {place}  {one_line(loc['text'], 40):<10} "
        tail = f"{one_line(loc['section'])} / {one_line(loc['title'])}" \
            + (f"  [LKjIP {loc['tahun']}: {one_line(loc['dataset'])}]" if loc.get("dataset") else "") \
            + (f"  ({one_line(repaired(loc['note'], lang))})" if loc.get("note") else "")
        if len(head) + len(tail) > width:  # a narrow terminal: the table's name on a line of its own
            locs.append(head.rstrip() + "\n" + " " * 8 + one_line(tail, max(width - 9, 20)) + "\n", style=style)
        else:
            locs.append(head + tail + "\n", style=style)
    return out, locs


def _section_order(f) -> int:
    from ..readers.dataset import SECTION_NAMES

    order = list(SECTION_NAMES.values())
    section = f.locations[0].section if f.locations else ""
    return order.index(section) if section in order else len(order)


def _reading_header(result, console: Console, lang: str) -> None:
    """A report file was read: what the document is, and what the reading could not give."""
    extraction = getattr(result.dataset, "extraction", None)
    if extraction is None:
        return
    from ..readers.messages import document_info, note_text

    console.print(Text(one_line(document_info(extraction.kind or {}, lang)["text"]), style="dim"))
    for note in getattr(extraction, "notes", None) or []:
        console.print(Text("! " + one_line(note_text(note, lang)), style="cyan"), soft_wrap=True)


def render(result, fail_on: str, console: Console, lang: str | None = None, show_trend: bool = True) -> None:
    lang = lang or get_lang()
    w, sev = words(lang), SEVERITY_LABEL[lang]
    sub = result.dataset.submission
    console.rule(Text(f"lkjip-audit: {one_line(office_text(sub, lang))} {one_line(sub.get('tahun'))}"))
    _reading_header(result, console, lang)
    if not result.findings:
        console.print(w["no_findings"])
    for level, items in groupby(result.findings, key=lambda f: f.severity):
        items = list(items)
        console.print(Text(f"\n{sev[level]} ({len(items)})", style=STYLE[level]))
        by_section = sorted(items, key=lambda f: _section_order(f))
        for _, group in groupby(by_section, key=_section_order):
            group = list(group)
            section = group[0].locations[0].section if group[0].locations else ""
            console.print(Text(f"  {one_line(section)}", style="bold"))
            for f in group:
                text, locs = _finding_text(f, lang, w, getattr(result.dataset, "document", None),
                                           console.width if console.is_terminal else 10 ** 6)
                console.print(text, end="")
                if console.is_terminal:
                    console.print(locs, end="", no_wrap=True, overflow="ellipsis", crop=True)
                else:
                    console.print(locs, end="")
    if getattr(result, "crossyear", None) is not None:
        from .trend import render_previous, render_terminal

        if show_trend:
            render_terminal(result.crossyear["trend"], console, lang, result.crossyear["previous"])
        else:  # history: one trend table at the end, but each pair still names last year's report
            render_previous(result.crossyear["previous"], console, lang)
    extraction = getattr(result.dataset, "extraction", None)
    if extraction is not None:
        console.print(Text(f"\n{w['unplaced']} ({len(extraction.unplaced)})", style="magenta"))
        from ..readers.reasons_en import reason_text, where_text

        for u in extraction.unplaced:
            # one line each, the report's text cut to what fits (the JSON report has it whole)
            line = (f"      {one_line(where_text(u.where, lang)):<22} {one_line(u.section):<10} "
                    f"{one_line(reason_text(u.reason, lang))}: {one_line(u.text)}")
            console.print(Text(one_line(line, console.width if console.is_terminal else 200)), soft_wrap=True)
    s = summary(result, fail_on)
    verdict = Text(w["passed"] if s["passed"] else w["failed"], style="bold green" if s["passed"] else "bold red")
    line = Text.assemble(
        verdict, " ",
        f"{s['by_severity']['error']} {sev['error'].lower()}, {s['by_severity']['warning']} "
        f"{sev['warning'].lower()}, {s['by_severity']['info']} {sev['info'].lower()}; "
        f"{s['rules_run']} {w['rules']}, {s['checks_evaluated']} {w['checks']}, "
        f"{s['not_evaluable']} {w['not_evaluable']}, {s['facts']} {w['facts']} "
        f"({s['unreadable']} {w['unreadable']}); {w['fail_on']}: {fail_on}"
        + (f"; {len(extraction.unplaced)} {w['unplaced']}" if extraction is not None else ""))
    console.print(line)
    if "gx" in s:  # the GX part of the check and what it cost (terminal only: JSON/MD stay reproducible)
        from ..numbers import format_id

        gx_line = w["gx"].format(**s["gx"])
        if "gx_s" in result.timings:
            gx_line += "; " + w["gx_time"].format(seconds=format_id(result.timings["gx_s"], 2),
                                                  imported=format_id(result.timings.get("gx_import_s", 0.0), 2))
        console.print(Text(gx_line, style="dim"))
