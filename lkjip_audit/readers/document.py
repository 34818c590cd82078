"""The common document model every report reader produces (text/Markdown, DOCX, PDF).

A document is a list of blocks in reading order: headings, paragraphs and tables. Every block
keeps its provenance:

* `line`  a 1-based running number that the dataset's `line:` fields use. For text/Markdown it is
  the line of the file; for DOCX the running number of the body paragraph / table row; for PDF the
  running number of the text line / table row over the whole document.
* `page`  the PDF page (None for text and DOCX).
* `where` how a person finds the place in the original ("baris 259", "paragraf 17",
  "tabel 4 baris 2", "halaman 5 baris 12").
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Row:
    cells: list[str]
    line: int
    page: int | None = None
    where: str = ""
    unplaced: str = ""        # why this row's figures could not be lined up with the columns
    raw_numbers: list[str] = field(default_factory=list)
    level: str | None = None  # budget rows: program | kegiatan | subkegiatan from a group line (budget_levels.py)


@dataclass
class Block:
    kind: str                 # heading | paragraph | table
    text: str = ""            # heading / paragraph text (markup removed)
    line: int = 0
    page: int | None = None
    where: str = ""
    level: int = 0            # heading level (1..6; 0 for a bold-only line)
    rows: list[Row] = field(default_factory=list)  # table rows, in order
    raw: str = ""             # the text as it stands in the source (before markup was removed)
    hint: dict | None = None  # columns already known (flattened tables: flat_tables.py)


@dataclass
class Document:
    path: str
    fmt: str                  # text | docx | pdf
    blocks: list[Block]
    lines: dict[int, str] = field(default_factory=dict)   # line -> its full text (for text checks)
    where: dict[int, str] = field(default_factory=dict)   # line -> human provenance
    pages: dict[int, int] = field(default_factory=dict)   # line -> page (PDF)
    sections: dict[str, int] = field(default_factory=dict)  # section -> first line (set by the extractor)
    bounds: list[tuple[int, str]] = field(default_factory=list)  # (line where a section starts, section)
    pages_without_text: list[int] = field(default_factory=list)  # PDF pages with no text layer (scanned)

    def describe(self, line: int | None) -> str | None:
        if line is None:
            return None
        return self.where.get(int(line))

    def page_of(self, line: int | None) -> int | None:
        return None if line is None else self.pages.get(int(line))

    def section_at(self, line: int) -> str:
        current = ""
        for start, section in self.bounds:
            if start > line:
                break
            current = section
        return current

    def text(self) -> str:
        return "\n".join(self.lines[k] for k in sorted(self.lines))

    def register(self, line: int, text: str, where: str, page: int | None = None) -> None:
        self.lines[line] = text
        self.where[line] = where
        if page is not None:
            self.pages[line] = page
