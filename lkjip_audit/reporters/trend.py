"""The cross-year parts of a report: the previous report, the subject matches and the per-IKU
trend table (years as columns; rows target / realisasi / capaian)."""
from __future__ import annotations

TEXT = {
    "id": {"trend": "Tren per IKU", "previous": "Laporan tahun sebelumnya", "partial": "sebagian",
           "restated": "* dikutip kembali dalam laporan tahun berikutnya", "matches": "Pencocokan subjek antartahun",
           "target": "target", "realisasi": "realisasi", "capaian": "capaian", "method": {"key": "kunci", "name": "nama"},
           "none": "tidak cocok", "history": "Riwayat"},
    "en": {"trend": "Trend per key indicator", "previous": "Previous year's report", "partial": "partial",
           "restated": "* restated in the following year's report", "matches": "Subjects matched across years",
           "target": "target", "realisasi": "actual", "capaian": "achievement", "method": {"key": "key", "name": "name"},
           "none": "unmatched", "history": "History"},
}


def crossyear_dict(result) -> dict:
    """Keys added to the JSON report only when a previous report was given (a plain check's report
    is unchanged)."""
    cy = result.crossyear
    return {"previous": cy["previous"], "matches": cy["matches"], "trend": cy["trend"]}


def cell_text(cell) -> str:
    if cell is None:
        return "-"
    marks = ""
    if cell.get("findings"):  # a figure with a finding: the other printed values and the rules
        others = "".join(f" / {v['text']} ×{v['count']}" for v in cell.get("variants", ()))
        marks = f"{others} [{', '.join(cell['findings'])}]"
    return cell["text"] + ("*" if cell["restated"] else "") + marks


def trend_rows(trend: dict, lang: str):
    """(title, header, rows) per indicator, shared by the terminal and Markdown reports."""
    w = TEXT[lang]
    years = [str(y) for y in trend["years"]]
    for ind in trend["indicators"]:
        keys = " / ".join(f"{y}: {k}" for y, k in ind["keys"].items())
        rows = [[w[c]] + [cell_text(ind["years"][y][c]) for y in years] for c in trend["concepts"]]
        yield f"{ind['name']} ({keys})", [""] + years, rows


def render_previous(previous: dict, console, lang: str) -> None:
    """The line naming last year's report a pair was checked against (also in `history`)."""
    from rich.text import Text

    from .escape import one_line

    w = TEXT[lang]
    part = f" [{w['partial']}]" if previous.get("partial") else ""
    console.print(Text(f"\n{w['previous']}: {one_line(previous['instansi'])} {one_line(previous['tahun'])} "
                       f"({one_line(previous['dataset'])}){part}", style="bold"))


def render_terminal(trend: dict, console, lang: str, previous: dict | None = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from .escape import one_line

    w = TEXT[lang]
    if previous is not None:
        render_previous(previous, console, lang)
    console.print(Text(f"\n{w['trend']}", style="bold"))
    any_restated = False
    for title, header, rows in trend_rows(trend, lang):
        # every string as Text: a name holding "[bold]" or "[/]" is printed, never parsed as markup
        table = Table(title=Text(one_line(title)), title_justify="left", show_edge=False, pad_edge=False)
        for i, h in enumerate(header):
            table.add_column(Text(one_line(h)), justify="left" if i == 0 else "right")
        for r in rows:
            any_restated |= any("*" in c for c in r[1:])
            table.add_row(*(Text(one_line(c)) for c in r))
        console.print(table)
    if any_restated:
        console.print(Text(w["restated"], style="dim"))
