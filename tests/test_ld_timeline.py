"""The timeline: events, agreements and projects as bars in date order, planned ones drawn apart."""

from __future__ import annotations

from datetime import date

import pytest
from flask.testing import FlaskClient

from diplograph.server.browse import bounds

from .ld_html import find, parse, text


def bars(html: str) -> list[tuple[str, str]]:
    """(title, link) of each bar, top to bottom."""
    svg = find(parse(html), id="timeline")[0]
    return [(text(find(a, tag="title")[0]), a.attrs["href"]) for a in find(svg, cls="bar")]


def test_bars_are_in_date_order_and_link_to_their_pages(ld_client: FlaskClient) -> None:
    drawn = bars(ld_client.get("/timeline").text)
    links = [href for _, href in drawn]
    summit, visit = links.index("/event/putin-visit-tokyo-2005-11"), links.index("/event/fradkov-visit-japan-2007-02")
    assert summit < visit
    title = drawn[visit][0]
    assert "February 27-28" in title and "occurred" in title


def test_the_default_years_are_the_reported_ones_and_later_plans_are_offered(ld_client: FlaskClient) -> None:
    html = ld_client.get("/timeline").text
    assert "Timeline 2005–2007" in html
    assert "/event/apec-summit-2012-vladivostok" not in [h for _, h in bars(html)]
    assert "show up to 2015" in html
    wide = ld_client.get("/timeline", query_string={"from": 2005, "to": 2015}).text
    assert "/event/apec-summit-2012-vladivostok" in [h for _, h in bars(wide)]


def test_planned_things_are_outlined(ld_client: FlaskClient) -> None:
    html = ld_client.get("/timeline", query_string={"from": 2007, "to": 2007}).text
    svg = find(parse(html), id="timeline")[0]
    aso = next(a for a in find(svg, cls="bar") if a.attrs["href"] == "/event/aso-moscow-visit-2007")
    assert find(aso, tag="rect")[1].attrs.get("stroke-dasharray")  # expected, not (yet) happened


def test_every_item_is_listed_in_the_table_undated_ones_too(ld_client: FlaskClient) -> None:
    rows = find(find(parse(ld_client.get("/timeline").text), id="items")[0], tag="tr")[1:]
    assert len(rows) > 90
    assert any(text(tr).startswith("undated") for tr in rows)


@pytest.mark.parametrize("begin, end, expected", [
    (date(2005, 1, 1), date(2005, 12, 31), "2005"),
    (date(2007, 2, 1), date(2007, 2, 28), "Feb 2007"),
    (date(2007, 2, 27), date(2007, 2, 28), "27–28 Feb 2007"),
    (date(2007, 3, 13), date(2007, 3, 13), "13 Mar 2007"),
    (date(2006, 6, 1), date(2006, 8, 31), "2006-06-01 – 2006-08-31"),
    (date(2005, 11, 1), None, "from 2005-11-01"),
    (None, None, ""),
])
def test_bounds(begin: date | None, end: date | None, expected: str) -> None:
    assert bounds(begin, end) == expected
