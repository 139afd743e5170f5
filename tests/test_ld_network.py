"""Who met whom: pairs weighted by shared meetings, a meeting inside a visit counted once."""

from __future__ import annotations

from flask.testing import FlaskClient

from diplograph.server.network import Edge, components, force_layout

from .ld_html import find, parse, text


def pairs(html: str) -> dict[frozenset[str], tuple[int, str]]:
    rows = find(find(parse(html), id="pairs")[0], tag="tr")[1:]
    out = {}
    for tr in rows:
        who, count, where = find(tr, tag="td")
        out[frozenset(href for _, href in who.links)] = (int(text(count)), text(where))
    return out


def test_the_network_weights_pairs_by_meetings(ld_client: FlaskClient) -> None:
    found = pairs(ld_client.get("/network").text)
    count, where = found[frozenset({"/person/mikhail-fradkov", "/person/shinzo-abe"})]
    assert count == 1 and "Fradkov's meeting with Prime Minister Shinzo Abe" in where  # not the visit again
    assert found[frozenset({"/place/japan", "/place/russia"})][0] >= 5


def test_planned_meetings_only_on_request(ld_client: FlaskClient) -> None:
    happened = pairs(ld_client.get("/network").text)
    everything = pairs(ld_client.get("/network", query_string={"all": 1}).text)
    assert set(happened) < set(everything)


def test_nodes_link_to_actor_pages(ld_client: FlaskClient) -> None:
    svg = find(parse(ld_client.get("/network").text), id="network")[0]
    assert "/person/mikhail-fradkov" in {a.attrs["href"] for a in find(svg, cls="node")}


def test_components_and_layout_stay_in_their_box() -> None:
    links = [Edge("a", "b", ["e1", "e2"]), Edge("b", "c", ["e3"]), Edge("x", "y", ["e4"])]
    assert components(["a", "b", "c", "x", "y"], links) == [["a", "b", "c"], ["x", "y"]]
    pos = force_layout(["a", "b", "c"], links[:2], 200)
    assert all(0 <= x <= 200 and 0 <= y <= 200 for x, y in pos.values())
    assert force_layout(["a", "b", "c"], links[:2], 200) == pos  # the same graph always looks the same
