"""A timeline of events, agreements and projects, drawn on the server as SVG (no script needed to read it).

A bar spans the dates the text allows: "February 2007" is the whole month, "February 27-28" two days; where
claims differ the bar covers what they agree on (see facts.summaries). Solid bars are things reported as
having happened; outlined ones were planned, hoped for, expected or speculated about.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import Blueprint, render_template, request

from .facts import Summary, summaries
from .graphdata import rows, value, values

bp = Blueprint("timeline", __name__)
HAPPENED = {"occurred", "signed", "agreed", "adopted", "established", "ongoing", "fact"}
KINDS = {"event": "#1f5fa8", "agreement": "#2a9d5c", "project": "#b5651d"}
WIDTH, LABEL_WIDTH, ROW, TOP = 1120, 430, 22, 46


@dataclass
class Item:
    """One thing on the timeline."""

    summary: Summary
    kind: str
    statuses: list[str]

    @property
    def happened(self) -> bool:
        """Reported as having happened by at least one claim (or given no status at all)."""
        return not self.statuses or bool(HAPPENED & set(self.statuses))


def items() -> list[Item]:
    """Every event, instrument and project, with its dates and the statuses claims give it, in date order."""
    found = rows("""SELECT DISTINCT ?x ?k WHERE {
        { ?x a/rdfs:subClassOf* dg:Event BIND("event" AS ?k) }
        UNION { ?x a/rdfs:subClassOf* dg:Instrument BIND("agreement" AS ?k) }
        UNION { ?x a/rdfs:subClassOf* dg:Project BIND("project" AS ?k) } }""")
    kinds = {r["x"].value: r["k"].value for r in found}
    info = summaries(kinds)
    statuses: dict[str, list[str]] = {}
    if kinds:
        for r in rows(f"SELECT DISTINCT ?x ?s WHERE {{ {values('x', kinds)} ?x dg:status/skos:prefLabel ?s }}"):
            statuses.setdefault(r["x"].value, []).append(value(r, "s"))
    out = [Item(info[x], k, sorted(statuses.get(x, []))) for x, k in kinds.items() if x in info]
    return sorted(out, key=lambda i: i.summary.sort_key)


@dataclass
class Bar:
    """An item placed on the chart."""

    item: Item
    y: int
    x: float
    width: float
    open_end: bool
    label: str


def layout(dated: list[Item], first: int, last: int) -> tuple[list[Bar], list[tuple[float, str, bool]]]:
    """Bars for the items that fall in the years first..last, and the axis ticks (x, text, is a year)."""
    start, end = date(first, 1, 1), date(last + 1, 1, 1)
    span = (end - start).days
    plot = WIDTH - LABEL_WIDTH - 20

    def x(d: date) -> float:
        return LABEL_WIDTH + plot * (min(max(d, start), end) - start).days / span

    bars = []
    for it in dated:
        s = it.summary
        b, e = s.begin or s.end, s.end or end
        if b >= end or e < start:
            continue
        left, right = x(b), x(min(e, end))
        label = s.label if len(s.label) <= 62 else s.label[:60] + "…"
        bars.append(Bar(it, TOP + len(bars) * ROW, left, max(right - left, 4.0), s.end is None or e >= end, label))
    ticks = [(x(date(y, 1, 1)), str(y), True) for y in range(first, last + 2)]
    if last - first <= 3:  # months are readable when few years are shown; name every quarter
        ticks += [(x(date(y, m, 1)), date(y, m, 1).strftime("%b") if m in (4, 7, 10) or last == first else "", False)
                  for y in range(first, last + 1) for m in range(2, 13)]
    return bars, ticks


@bp.route("/timeline")
def timeline_page() -> str:
    """The chart, a year range to zoom to, and a table of every item (undated ones too)."""
    every = items()
    dated = [i for i in every if i.summary.begin or i.summary.end]
    years = sorted({(i.summary.begin or i.summary.end).year for i in dated})
    first = _year(request.args.get("from"), years[0] if years else date.today().year)
    last = max(first, _year(request.args.get("to"), default_last(years)))
    bars, ticks = layout(dated, first, last)
    later = [i for i in dated if (i.summary.begin or i.summary.end).year > last]
    return render_template("ld/timeline.html", bars=bars, ticks=ticks, items=every, years=years, first=first,
                           last=last, later=later, width=WIDTH, label_width=LABEL_WIDTH,
                           height=TOP + len(bars) * ROW + 20, colours=KINDS, row=ROW)


def default_last(years: list[int]) -> int:
    """The last year shown unless asked: the latest a document was written in, as later years hold only the odd
    plan (an APEC summit in 2012) and would squeeze the years the reporting is about."""
    found = rows("SELECT ?d WHERE { ?doc a/rdfs:subClassOf* dg:Document ; dcterms:created|dcterms:date ?d }")
    written = [int(value(r, "d")[:4]) for r in found]
    return max(written) if written else (years[-1] if years else date.today().year)


def _year(text: str | None, default: int) -> int:
    return int(text) if text and text.isdigit() and 1900 <= int(text) <= 2100 else default
