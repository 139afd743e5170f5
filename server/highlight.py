"""A paragraph's text cut at every quote boundary, so overlapping evidence quotes can all be highlighted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mark:
    """One evidence quote in the text: its offsets and the claims derived from it."""

    begin: int
    end: int
    claims: tuple[str, ...]
    title: str = ""  # what the claims say, for a tooltip

    @property
    def anchor(self) -> str:
        """The element id of the quote's start."""
        return f"span-{self.begin}-{self.end}"


@dataclass
class Segment:
    """A run of text covered by the same quotes (none, one or several)."""

    text: str
    begin: int
    marks: list[Mark] = field(default_factory=list)
    starts: list[Mark] = field(default_factory=list)  # quotes that begin here (anchors go before the text)
    focused: bool = False

    @property
    def primary(self) -> Mark | None:
        """The innermost quote over this run: its claim is the one the run links to."""
        return min(self.marks, key=lambda m: (m.end - m.begin, m.begin)) if self.marks else None

    @property
    def depth(self) -> int:
        """How many quotes overlap here (the shading deepens with it)."""
        return min(len(self.marks), 3)


def segments(text: str, marks: Iterable[Mark], focus: tuple[int, int] | None = None) -> list[Segment]:
    """`text` cut into runs at every quote boundary; runs inside `focus` (begin, end) are flagged."""
    marks = sorted({(m.begin, m.end): m for m in marks if 0 <= m.begin < m.end <= len(text)}.values(),
                   key=lambda m: (m.begin, -m.end))
    cuts = sorted({0, len(text), *(m.begin for m in marks), *(m.end for m in marks)}
                  | ({focus[0], focus[1]} if focus and 0 <= focus[0] < focus[1] <= len(text) else set()))
    out = []
    for begin, end in zip(cuts, cuts[1:], strict=False):
        covering = [m for m in marks if m.begin <= begin and end <= m.end]
        out.append(Segment(
            text=text[begin:end], begin=begin, marks=covering,
            starts=[m for m in marks if m.begin == begin],
            focused=bool(focus and focus[0] <= begin and end <= focus[1])))
    return out


def parse_focus(value: str | None) -> tuple[int, int] | None:
    """A `focus=B-E` request value as offsets, or None if absent or malformed."""
    if not value:
        return None
    b, _, e = value.partition("-")
    if b.isdigit() and e.isdigit() and int(b) < int(e):
        return int(b), int(e)
    return None
