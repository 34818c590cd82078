"""The flow collections of yaml_fast's reader (`{...}` and `[...]`, on one line or over several):
the methods of its _Reader that read them, kept apart so that each module stays short. A one-line
flow mapping or sequence of scalars is read at C speed (str.split, one regex split); others token by
token, each key and item with its line."""
from __future__ import annotations

from .yaml_grammar import (_FLAT_ITEM, _FLAT_MAP, _FLAT_MAP_LINES, _FLAT_PAIR, _FLAT_SEQ, _FLOW_KEY, _FLOW_WS,
                           _MAX_KEY, _ROW_PAIR, _SIMPLE_ROW)
from .yaml_grammar import Unsupported as _Unsupported
from .yaml_rows import row as _row
from .yamlio import LDict, LList


class Flows:
    """Mixed into yaml_fast._Reader: needs its `text`, `values` (the scalar memo), `mark` and key()."""

    def line_of(self, pos: int) -> int:
        """The line of text[pos], counted from the last line line_start() found (flows are read
        forwards) or from the start."""
        no, off = self.mark
        if pos < off:
            no, off = 1, 0
        return no + self.text.count("\n", off, pos)

    def line_start(self, no: int) -> int:
        """The offset of line `no` in the text (only flows written over several lines need it),
        found from the last one asked for: every line's offset would cost more than the flows."""
        no0, off = self.mark
        if no < no0:
            no0, off = 1, 0
        find = self.text.index
        while no0 < no:
            off = find("\n", off) + 1
            no0 += 1
        self.mark = (no, off)
        return off

    def flow(self, pos: int):
        """The flow node starting at text[pos]; returns (value, position after it)."""
        text = self.text
        c = text[pos]
        if c == "{":
            flat = _FLAT_MAP_LINES.match(text, pos)
            if flat is not None:
                src = flat.group()
                if "\n" in src:
                    return self.flat_map_lines(src, self.line_of(pos)), flat.end()
                return self.flat_map(src, self.line_of(pos)), flat.end()  # never None
            m = LDict()
            m.line = self.line_of(pos)
            key_lines = m.key_lines = {}
            pos = _FLOW_WS.match(text, pos + 1).end()
            if text[pos] == "}":
                return m, pos + 1
            while True:
                km = _FLOW_KEY.match(text, pos)
                if km is None:
                    raise _Unsupported
                key = self.key(km, pos)
                if key in m:
                    raise _Unsupported
                key_line = self.line_of(pos)
                pos = _FLOW_WS.match(text, km.end()).end()
                m[key], pos = self.flow(pos)
                key_lines[key] = key_line
                pos = _FLOW_WS.match(text, pos).end()
                c = text[pos]
                if c == "}":
                    return m, pos + 1
                if c != ",":
                    raise _Unsupported
                pos = _FLOW_WS.match(text, pos + 1).end()
        if c == "[":
            flat = _FLAT_SEQ.match(text, pos)
            if flat is not None:
                return self.flat_seq(flat.group(), self.line_of(pos)), flat.end()
            q = LList()
            q.line = self.line_of(pos)
            item_lines = q.item_lines = []
            pos = _FLOW_WS.match(text, pos + 1).end()
            if text[pos] == "]":
                return q, pos + 1
            while True:
                item_lines.append(self.line_of(pos))
                item, pos = self.flow(pos)
                q.append(item)
                pos = _FLOW_WS.match(text, pos).end()
                c = text[pos]
                if c == "]":
                    return q, pos + 1
                if c != ",":
                    raise _Unsupported
                pos = _FLOW_WS.match(text, pos + 1).end()
        m = _FLAT_ITEM.match(text, pos)
        if m is None:
            raise _Unsupported
        return self.values[m.group()], m.end()

    def flat_map(self, src: str, no: int) -> LDict:
        """A one-line flow mapping of scalars `{k: v, k: v}` (nothing after it), built at C speed:
        this reads most of a dataset. None if `src` is not one."""
        if src[-1:] != "}":  # (the line of a flow mapping that goes on below)
            return None
        m = _row(src, no, self.values)  # the plainest rows, without a regex search
        if m is not None:
            return m
        # [`{`, key, value, `, `, key, value, ..., `}`]: each pattern's tokens are whole tokens of
        # the next one, so the first split whose separators are exactly these is the right one
        parts = _SIMPLE_ROW.split(src)  # ["", key, value, "", key, value, ..., "}"]
        n = len(parts) // 3  # keys and values are never empty: n empty separators = all of them
        if not n or parts[-1] != "}" or parts.count("") != n:
            parts = _ROW_PAIR.split(src)
            n = len(parts) // 3
            if not n or parts[0] != "{" or parts[-1] != "}" or parts.count(", ") != n - 1:
                if _FLAT_MAP.fullmatch(src) is None:
                    return None
                # other spaces around `{` `,` `}`; split only after the anchored match, as on
                # other text its search could take quadratic time
                parts = _FLAT_PAIR.split(src)
                n = len(parts) // 3
        if len(src) > _MAX_KEY and any(len(k) > _MAX_KEY for k in parts[1::3]):
            raise _Unsupported
        value = self.values.__getitem__
        m = LDict(zip(map(value, parts[1::3]), map(value, parts[2::3])))
        if len(m) != n:  # a duplicate key: PyYAML's path says so
            raise _Unsupported
        m.line = no
        m._key_lines = None  # every key on line `no`: made if asked for (LDict.key_lines)
        return m

    def flat_map_lines(self, src: str, no: int) -> LDict:
        """A flow mapping of scalars written over several lines from line `no` (a _FLAT_MAP_LINES
        match): its pairs found in one pass, each key's line counted from the mapping's start."""
        value, count = self.values.__getitem__, src.count
        m = LDict()
        m.line = no
        key_lines = m.key_lines = {}
        for pair in _FLAT_PAIR.finditer(src):  # after the anchored match: the pairs, in order
            k, v = pair.group(1, 2)
            if len(k) > _MAX_KEY:
                raise _Unsupported
            key = value(k)
            if key in m:
                raise _Unsupported
            m[key] = value(v)
            key_lines[key] = no + count("\n", 0, pair.start())
        return m

    def flat_seq(self, src: str, no: int) -> LList:
        q = LList(map(self.values.__getitem__, _FLAT_ITEM.findall(src)))
        q.line = no
        q.item_lines = [no] * len(q)
        return q
