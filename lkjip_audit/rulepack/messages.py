"""Rule messages: `{placeholder}` substitution only, checked when the pack loads.

A message is text with `{name}` fields (and `{{` / `}}` for braces). Python's `str.format` would
also run conversions (`{found!r}`), format specs (`{found:>1999999999}` asks for a 2 GB string,
`{found:{x}}` nests fields) and attribute/index access (`{found.__class__}`, `{found[0]}`): none of
that is allowed in a rule pack. `check()` refuses it at load time with a sentence for
`file:line: ...`; `render()` substitutes plain names only, so even an unchecked message cannot do
more than insert the values it was given.
"""
from __future__ import annotations

import re

from ..i18n import t

MAX_MESSAGE = 2000  # characters of one message template

_FIELD = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def check(text: str, allowed: set[str]) -> list[str]:
    """Problems of one message template (empty when it is fine)."""
    if not isinstance(text, str):
        return ["pesan harus berupa teks"]
    if len(text) > MAX_MESSAGE:
        return [t("msg_long", n=len(text), max=MAX_MESSAGE)]
    problems = []
    for m in _FIELD.finditer(text):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        if m.group(1) is None:
            problems.append(t("msg_brace", token=token, double=token * 2))
            continue
        field = m.group(1)
        if not _NAME.match(field):
            problems.append(t("msg_field", field=field))
        elif field not in allowed:
            problems.append(t("placeholder", name=field, allowed=", ".join(sorted(allowed))))
    return problems


def render(text: str, params: dict) -> str:
    """Substitute `{name}` by `str(params[name])`; anything else is kept as written."""
    def sub(m):
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        field = m.group(1)
        if field is not None and field in params:
            v = params[field]
            return "" if v is None else str(v)
        return token
    return _FIELD.sub(sub, text)
