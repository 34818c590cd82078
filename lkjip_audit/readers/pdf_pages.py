"""pdfplumber pages read faster, with the very same objects (speed only; doc_pdf.py uses these).

Measured with cProfile on the Blitar report built as PDF (benchmarks/bench_extract.py), most of a
page's time went to three pdfplumber steps that do more work than the result needs:

1. `Page.process_object` turns every pdfminer character into a dict, running `resolve_all` over
   each of its ~17 attributes (floats and strings that hold no PDF reference) and decoding the
   colour-space name once per character. `fast_objects(page)` builds the same dict for a plain
   `LTChar` with those values taken as they are (a value that may hold a reference still goes
   through `resolve_all`) and the decoded colour-space names remembered per document; every other
   object (rects, lines, curves, images) still goes through pdfplumber's own code.
2. `Table.extract` tests every character of the page against every row of the table;
   `extract_table` hands it only the characters whose centre lies in the table (a cell is inside
   its table, so no row loses a character, and their order is kept).
3. Text outside the ruled tables was found by one `outside_bbox` crop per table, each copying every
   object of the page; `outside_tables` is one filter with the same test (an object overlapping
   none of the tables), and refuses a table box outside the page as the crop did.
"""
from __future__ import annotations

from pdfminer.layout import LTChar
from pdfplumber.page import ALL_ATTRS, Page, test_proposed_bbox
from pdfplumber.table import Table
from pdfplumber.utils import resolve_all, resolve_and_decode
from pdfplumber.utils.geometry import get_bbox_overlap, obj_to_bbox

_PLAIN = frozenset({float, int, str, bool, type(None)})


def _value(v):
    """resolve_all(v), without the walk when v cannot hold a reference (the same value)."""
    tv = type(v)
    if tv in _PLAIN:
        return v
    if tv is tuple and all(type(x) in _PLAIN for x in v):
        return v
    return resolve_all(v)


def fast_objects(page: Page) -> Page:
    """Make `page` build its character dicts the quick way (same keys, same values, same order)."""
    names: dict = page.pdf.__dict__.setdefault("_lkjip_cs_names", {})
    norm = page.pdf.unicode_norm
    original = Page.process_object.__get__(page)
    mb_x0, mb_top = page.mediabox[:2]
    height = page.height
    doctop0 = page.initial_doctop
    number = page.page_number

    def process_object(obj):
        if type(obj) is not LTChar or norm is not None:
            return original(obj)
        attr = {k: _value(v) for k, v in obj.__dict__.items() if k in ALL_ATTRS}
        attr["object_type"] = "char"
        attr["page_number"] = number
        for cs in ("ncs", "scs"):
            if hasattr(obj, cs):
                name = getattr(obj, cs).name
                if type(name) is not str:
                    attr[cs] = resolve_and_decode(name)
                else:
                    if name not in names:
                        names[name] = resolve_and_decode(name)
                    attr[cs] = names[name]
        attr["text"] = obj.get_text()
        gs = obj.graphicstate
        attr["stroking_color"] = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        attr["non_stroking_color"] = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        if isinstance(attr["fontname"], bytes):  # pragma: no cover - rare: let pdfplumber do it
            return original(obj)
        if "y0" in attr:
            attr["top"] = (height - attr["y1"]) + mb_top
            attr["bottom"] = (height - attr["y0"]) + mb_top
            attr["doctop"] = doctop0 + attr["top"]
        if "x0" in attr and mb_x0 != 0:
            attr["x0"] = attr["x0"] + mb_x0
            attr["x1"] = attr["x1"] + mb_x0
        return attr

    page.process_object = process_object
    return page


class _Chars:
    """What Table.extract reads from its page: the characters."""

    def __init__(self, chars: list[dict]):
        self.chars = chars


def _centre_in(c: dict, x0: float, top: float, x1: float, bottom: float) -> bool:
    v_mid = (c["top"] + c["bottom"]) / 2
    h_mid = (c["x0"] + c["x1"]) / 2
    return h_mid >= x0 and h_mid < x1 and v_mid >= top and v_mid < bottom


def extract_table(table: Table, chars: list[dict]) -> list[list[str | None]]:
    """table.extract(), given only the page's characters whose centre lies in the table."""
    x0, top, x1, bottom = table.bbox
    inside = [c for c in chars if _centre_in(c, x0, top, x1, bottom)]
    return Table(_Chars(inside), table.cells).extract()


def outside_tables(page: Page, tables: list[Table]) -> Page:
    """page.outside_bbox(t1.bbox).outside_bbox(t2.bbox)... as one filter (same objects, same order)."""
    if not tables:
        return page
    boxes = [t.bbox for t in tables]
    for b in boxes:
        test_proposed_bbox(b, page.bbox)     # what each crop checked (a box outside the page: ValueError)

    def keep(obj) -> bool:
        box = obj_to_bbox(obj)
        return all(get_bbox_overlap(box, b) is None for b in boxes)

    return page.filter(keep)
