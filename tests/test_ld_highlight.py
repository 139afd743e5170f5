"""Cutting a paragraph at quote boundaries: overlapping quotes, the followed quote, bad offsets."""

from __future__ import annotations

import pytest

from diplograph.server.highlight import Mark, parse_focus, segments

TEXT = "Fradkov met Abe in Tokyo."


def runs(marks: list[Mark], focus: tuple[int, int] | None = None) -> list[tuple[str, int, bool]]:
    return [(s.text, len(s.marks), s.focused) for s in segments(TEXT, marks, focus)]


def test_no_quotes_one_run() -> None:
    assert runs([]) == [(TEXT, 0, False)]


def test_overlapping_quotes_cut_at_every_boundary() -> None:
    marks = [Mark(0, 15, ("c1",)), Mark(12, 24, ("c2",))]  # "Fradkov met Abe", "Abe in Tokyo"
    assert runs(marks) == [("Fradkov met ", 1, False), ("Abe", 2, False), (" in Tokyo", 1, False), (".", 0, False)]


def test_the_innermost_quote_is_the_link_and_anchors_start_each_quote() -> None:
    outer, inner = Mark(0, 24, ("outer",)), Mark(12, 15, ("inner",))
    cut = segments(TEXT, [outer, inner])
    assert [s.primary.claims for s in cut if s.marks] == [("outer",), ("inner",), ("outer",)]
    assert [[m.anchor for m in s.starts] for s in cut] == [["span-0-24"], ["span-12-15"], [], []]


def test_the_followed_quote_is_flagged() -> None:
    marks = [Mark(0, 7, ("c1",)), Mark(12, 15, ("c2",))]
    assert [s.text for s in segments(TEXT, marks, (12, 15)) if s.focused] == ["Abe"]


@pytest.mark.parametrize("mark", [Mark(-1, 3, ()), Mark(5, 5, ()), Mark(20, 99, ())])
def test_offsets_outside_the_text_are_ignored(mark: Mark) -> None:
    assert runs([mark]) == [(TEXT, 0, False)]


@pytest.mark.parametrize("value, expected", [
    ("12-15", (12, 15)), ("0-1", (0, 1)), (None, None), ("", None), ("15-12", None), ("a-b", None), ("12", None),
    ("-3-4", None),
])
def test_parse_focus(value: str | None, expected: tuple[int, int] | None) -> None:
    assert parse_focus(value) == expected
