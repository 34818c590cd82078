"""What the printed copies of one figure come to: its distinct printed values (`Variant`), the value
they agree on (`Consensus`) and the value a formula rule computes for it (`Correction`, the root of
later findings: "akibat CAP001"). Made by engine/context.py."""
from __future__ import annotations

from dataclasses import dataclass, field

from .interval import Interval


@dataclass
class Variant:
    """One distinct printed value of a figure, with every fact that prints it."""
    key: object
    facts: list
    interval: Interval | None  # None for text

    @property
    def value(self):
        f = self.facts[0]
        return f.value if self.interval is not None else f.text.strip()


@dataclass
class Correction:
    """The value a formula rule computes for a figure from its inputs (the root of later findings)."""
    rule: object
    subject: str
    concept: str
    period: int | None
    interval: Interval
    explain: object = field(default="", repr=False, compare=False)  # the arithmetic, or a function writing it

    @property
    def why(self) -> str:
        """The arithmetic ("(-7,31) / 1 × 100% = -731,00%"), written the first time it is read."""
        if callable(self.explain):
            self.explain = self.explain()
        return self.explain

    def describe(self, printed: str, unit: str | None, lang: str = "id", title: dict | None = None) -> str:
        from ..i18n import pick
        from .arithmetic import fmt_value

        value = fmt_value(self.interval, unit=unit)
        what = pick(title, lang) if title else self.concept
        if lang == "en":
            return f"{self.rule.id}: {what} {self.subject} is {value} ({self.why}), printed {printed}"
        return f"{self.rule.id}: {what} {self.subject} seharusnya {value} ({self.why}), tertulis {printed}"


@dataclass
class Consensus:
    reference: Variant        # the value most copies agree on
    agreeing: list            # facts that agree with it (within rounding)
    deviating: list[Variant]  # variants that do not
    interval: Interval | None
    text: str | None
    decided_by: Correction | None = None  # a formula's value chose the reference among the copies
