"""pdfplumber pages read faster, with the very same objects (speed only; doc_pdf.py uses these).

Measured (cProfile and CPU time, the Blitar report built as PDF: benchmarks/bench_extract.py
--against), most of a page's time went to pdfplumber steps doing more work than the result needs:

1. Characters: pdfminer made an LTChar per character, then pdfplumber's `Page.process_object` turned
   it into a dict, running `resolve_all` over each of its ~17 attributes (floats and strings that
   hold no PDF reference) and decoding the colour-space name once per character. `fast_objects(page)`
   interprets the page with `_CharDevice`, whose `render_string_horizontal` makes each character's
   dict directly, with the same arithmetic in the same order as pdfminer (PDFTextDevice,
   PDFLayoutAnalyzer.render_char, LTChar, apply_matrix_rect) and pdfplumber (tag_cur_item,
   process_object); what a font says of a character (text, width, name) is asked once per
   document, and what is the same for a whole string (matrix, colours, tag) once per string.
   Vertical writing and every other object (rects, lines, curves, images) go pdfplumber's own way.
   The page's objects are then gathered as `Page.parse_objects` gathers them (no layout analysis).
2. `Table.extract` tested every character of the page against every row of the table;
   `extract_table` computes each centre once and lets a row look only at the characters in the
   table (a cell lies inside its table and its row: no character is lost, their order is kept).
3. The text outside the ruled tables was found by one `outside_bbox` crop per table, each copying
   every object of the page; `outside_tables` is one filter with the same test (an object
   overlapping none of the tables), and refuses a table box outside the page as the crop did.

tests/test_pdf_pages.py compares every object, table cell and outside line with stock pdfplumber's.
pdfplumber and pdfminer.six are pinned (pyproject.toml): this module follows their code of those
versions.
"""
from __future__ import annotations

from pdfminer.layout import LTContainer
from pdfminer.pdfdevice import logger as log
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfplumber.page import PDFPageAggregatorWithMarkedContent, Page, fix_fontname_bytes, test_proposed_bbox
from pdfplumber.table import Table
from pdfplumber.utils import extract_text, resolve_all, resolve_and_decode
from pdfplumber.utils.exceptions import PdfminerException

_PLAIN = frozenset({float, int, str, bool, type(None)})


def _value(v):
    """resolve_all(v), without the walk when v cannot hold a reference (the same value)."""
    tv = type(v)
    if tv in _PLAIN:
        return v
    if tv is tuple and all(type(x) in _PLAIN for x in v):
        return v
    return resolve_all(v)


class _Char:
    """A character already in pdfplumber's dict form (made by _CharDevice)."""

    __slots__ = ("attr",)

    def __init__(self, attr: dict):
        self.attr = attr


class _CharDevice(PDFPageAggregatorWithMarkedContent):
    """pdfplumber's device, whose characters are made straight into pdfplumber's dicts: the same
    arithmetic as pdfminer's PDFLayoutAnalyzer.render_char + LTChar.__init__, pdfplumber's
    tag_cur_item and Page.process_object, without the LTChar object and the attribute walk in
    between. Vertical writing (rare) takes pdfminer's own way."""

    def __init__(self, page: Page):
        super().__init__(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
        self._names: dict = page.pdf.__dict__.setdefault("_lkjip_cs_names", {})
        self._glyphs: dict = page.pdf.__dict__.setdefault("_lkjip_glyphs", {})
        self._height = page.height
        self._mb_x0, self._mb_top = page.mediabox[:2]
        self._doctop0 = page.initial_doctop
        self._number = page.page_number

    def _glyph(self, font, cid: int) -> tuple:
        """(text, width, font name) of one character of a font: what the font says never changes."""
        try:
            text = font.to_unichr(cid)
            assert isinstance(text, str), str(type(text))
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        width = font.char_width(cid)
        fontname = _value(font.fontname)
        if isinstance(fontname, bytes):  # pragma: no cover - rare byte-encoded font names
            fontname = fix_fontname_bytes(fontname)
        known = self._glyphs[(font, cid)] = (text, width, fontname)
        return known

    def _ncs(self, ncs) -> str:
        name = ncs.name
        if type(name) is not str:
            return resolve_and_decode(name)
        if name not in self._names:
            self._names[name] = resolve_and_decode(name)
        return self._names[name]

    def render_string_horizontal(self, seq, matrix, pos, font, fontsize, scaling, charspace, wordspace, rise,
                                 dxscale, ncs, graphicstate):
        """PDFTextDevice.render_string_horizontal with render_char inside the loop: what is the same for
        every character of the string (matrix, colours, tag, descent) is worked out once."""
        (x, y) = pos
        needcharspace = False
        (a, b, c, d, e, f) = matrix
        upright = a * d * scaling > 0 and b * c <= 0
        descent = font.get_descent() * fontsize
        by0, by1 = descent + rise, descent + rise + fontsize
        mcid, tag = self.cur_mcid, self.cur_tag
        mcid = mcid if type(mcid) in _PLAIN else resolve_all(mcid)
        tag = tag if type(tag) in _PLAIN else resolve_all(tag)
        ncs_name = self._ncs(ncs)
        gs = graphicstate
        stroking = gs.scolor if isinstance(gs.scolor, tuple) else (gs.scolor,)
        non_stroking = gs.ncolor if isinstance(gs.ncolor, tuple) else (gs.ncolor,)
        height, mb_top, mb_x0, doctop0, number = self._height, self._mb_top, self._mb_x0, self._doctop0, self._number
        glyphs = self._glyphs
        add = self.cur_item.add
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    te, tf = x * a + y * c + e, x * b + y * d + f        # translate_matrix(matrix, (x, y))
                    text, textwidth, fontname = glyphs.get((font, cid)) or self._glyph(font, cid)
                    adv = textwidth * fontsize * scaling
                    # LTChar: apply_matrix_rect(matrix, (0, by0, adv, by1)), the same operations in order
                    left1, bottom1 = a * 0 + c * by0 + te, b * 0 + d * by0 + tf
                    right1, bottom2 = a * adv + c * by0 + te, b * adv + d * by0 + tf
                    right2, top1 = a * adv + c * by1 + te, b * adv + d * by1 + tf
                    left2, top2 = a * 0 + c * by1 + te, b * 0 + d * by1 + tf
                    x0, y0 = min(left1, left2, right1, right2), min(bottom1, bottom2, top1, top2)
                    x1, y1 = max(left1, left2, right1, right2), max(bottom1, bottom2, top1, top2)
                    if x1 < x0:
                        (x0, x1) = (x1, x0)
                    if y1 < y0:
                        (y0, y1) = (y1, y0)
                    top = (height - y1) + mb_top
                    attr = {"matrix": (a, b, c, d, te, tf), "fontname": fontname, "adv": adv, "upright": upright,
                            "x0": x0, "y0": y0, "x1": x1, "y1": y1, "width": x1 - x0, "height": y1 - y0,
                            "size": y1 - y0, "mcid": mcid, "tag": tag, "object_type": "char", "page_number": number,
                            "ncs": ncs_name, "text": text, "stroking_color": stroking,
                            "non_stroking_color": non_stroking, "top": top, "bottom": (height - y0) + mb_top,
                            "doctop": doctop0 + top}
                    if mb_x0 != 0:
                        attr["x0"] = x0 + mb_x0
                        attr["x1"] = x1 + mb_x0
                    add(_Char(attr))
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
            else:
                log.warning("Cannot render horizontal string because %r is not a valid int, float or bytes.", obj)
        return (x, y)


def fast_objects(page: Page) -> Page:
    """Interpret `page` now with _CharDevice (what `page.layout` does with pdfplumber's device) and
    let it turn the result into pdfplumber's objects: the same keys, values and order."""
    if page.pdf.laparams is not None or page.pdf.unicode_norm is not None:
        return page                     # layout analysis / normalisation: pdfplumber's own way
    original = Page.process_object.__get__(page)

    def process_object(obj):
        if type(obj) is _Char:
            return obj.attr
        return original(obj)

    device = _CharDevice(page)
    interpreter = PDFPageInterpreter(page.pdf.rsrcmgr, device)
    try:
        interpreter.process_page(page.page_obj)
    except Exception as e:  # noqa: BLE001 - as pdfplumber's Page.layout
        raise PdfminerException(e) from None
    page._layout = device.get_result()
    page.process_object = process_object
    objects: dict[str, list[dict]] = {}
    _collect(page._layout._objs, process_object, objects)
    page._objects = objects
    return page


def _collect(items, process_object, objects: dict) -> None:
    """pdfplumber's Page.parse_objects without layout analysis: the objects by kind, in the order of
    the page (the insides of a form XObject where it is drawn), no "anno"."""
    for obj in items:
        if type(obj) is _Char:
            kind, attr = "char", obj.attr
        elif isinstance(obj, LTContainer):
            _collect(obj._objs, process_object, objects)
            continue
        else:
            attr = process_object(obj)
            kind = attr["object_type"]
            if kind == "anno":
                continue
        bucket = objects.get(kind)
        if bucket is None:
            objects[kind] = bucket = []
        bucket.append(attr)


def extract_table(table: Table, chars: list[dict]) -> list[list[str | None]]:
    """table.extract() (pdfplumber's Table.extract, no options), given the page's characters: each
    character's centre is computed once, and a row looks only at the characters in the table."""
    tx0, ttop, tx1, tbottom = table.bbox
    mids = []
    for ch in chars:
        v_mid = (ch["top"] + ch["bottom"]) / 2
        h_mid = (ch["x0"] + ch["x1"]) / 2
        if h_mid >= tx0 and h_mid < tx1 and v_mid >= ttop and v_mid < tbottom:
            mids.append((v_mid, h_mid, ch))
    out = []
    for row in table.rows:
        x0, top, x1, bottom = row.bbox
        row_chars = [m for m in mids if m[1] >= x0 and m[1] < x1 and m[0] >= top and m[0] < bottom]
        arr: list[str | None] = []
        for cell in row.cells:
            if cell is None:
                arr.append(None)
                continue
            x0, top, x1, bottom = cell
            cell_chars = [m[2] for m in row_chars if m[1] >= x0 and m[1] < x1 and m[0] >= top and m[0] < bottom]
            arr.append(extract_text(cell_chars) if cell_chars else "")
        out.append(arr)
    return out


def outside_tables(page: Page, tables: list[Table]) -> Page:
    """page.outside_bbox(t1.bbox).outside_bbox(t2.bbox)... as one filter (same objects, same order)."""
    if not tables:
        return page
    boxes = [t.bbox for t in tables]
    for b in boxes:
        test_proposed_bbox(b, page.bbox)     # what each crop checked (a box outside the page: ValueError)

    def keep(obj) -> bool:         # utils.get_bbox_overlap(obj_to_bbox(obj), box) is None for every box
        a_left, a_top, a_right, a_bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        for b_left, b_top, b_right, b_bottom in boxes:
            o_width = min(a_right, b_right) - max(a_left, b_left)
            o_height = min(a_bottom, b_bottom) - max(a_top, b_top)
            if o_height >= 0 and o_width >= 0 and o_height + o_width > 0:
                return False
        return True

    return page.filter(keep)
