"""The pages for people: each kind shows what it should, and every fact on it links to its claim and paragraph."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from .ld_html import Element, find, parse, text

VISIT = "/event/fradkov-visit-japan-2007-02"
JETRO_MOU = "/agreement/jetro-rspp-mou-2007"
METI_MOU = "/agreement/meti-medt-trade-investment-mou-2007"
PAGES = {
    "actor": "/person/mikhail-fradkov",
    "state": "/place/japan",
    "organisation": "/org/mofa-japan-russia-division",
    "event": VISIT,
    "agreement": METI_MOU,
    "project": "/project/espo-pipeline",
    "place": "/place/tokyo",
    "topic": "/issue/topic-energy",
    "membership": "/membership/07TOKYO1267/p1-fradkov-role",
    "status": "/status/planned",
    "paragraph": "/doc/07TOKYO1267/p/11",
    "span": "/doc/07TOKYO1267/p/11/span/264-370",
}


def page(client: FlaskClient, path: str) -> Element:
    r = client.get(path, headers={"Accept": "text/html"})
    assert r.status_code == 200, path
    return parse(r.text)


def focused(root: Element) -> str:
    """The text singled out (the quote followed) in a paragraph page's text."""
    return "".join(m.text for m in find(find(root, id="text")[0], cls="focus", tag="mark"))


def section(root: Element, heading: str) -> Element:
    """The <section> whose heading starts with `heading`."""
    for s in find(root, tag="section"):
        titles = find(s, tag="h2") + find(s, tag="summary")
        if titles and text(titles[0]).startswith(heading):
            return s
    raise AssertionError(f"no section {heading!r}")


@pytest.mark.parametrize("kind", list(PAGES))
def test_every_fact_links_to_its_claim_and_its_paragraph(ld_client: FlaskClient, kind: str) -> None:
    sources = find(page(ld_client, PAGES[kind]), cls="src", tag="span")
    assert sources, f"the {kind} page shows no sourced fact"
    for src in sources:
        classes = {cls for cls, _ in src.links}
        assert {"para-link", "claim-link"} <= classes, text(src)
        assert "according to" in text(src)  # the attribution is shown, not hidden
        assert find(src, tag="q"), "the evidence quote is shown beside the fact"


def test_following_a_fact_reaches_the_paragraph_with_its_quote_highlighted(ld_client: FlaskClient) -> None:
    signed = section(page(ld_client, VISIT), "Instruments signed during this event")
    item = next(li for li in find(signed, tag="li") if "JETRO" in text(li))
    src = find(item, cls="src")[0]
    quote = text(find(src, tag="q")[0])
    href = next(h for cls, h in src.links if cls == "para-link")
    assert href.startswith("/doc/07TOKYO1267/p/11?focus=")
    paragraph = page(ld_client, href)
    assert focused(paragraph) == quote
    anchor = href.split("#")[1]
    assert find(paragraph, id=anchor), "the link's fragment names the quote's place"


def test_actor_page_roles_events_and_instruments(ld_client: FlaskClient) -> None:
    root = page(ld_client, "/person/mikhail-fradkov")
    roles = text(section(root, "Roles held over time"))
    assert "Prime Minister" in roles and "2007-03-22" in roles
    events = find(section(root, "Events"), tag="tr")[1:]
    abe = next(tr for tr in events if "meeting with Prime Minister Shinzo Abe" in text(tr))
    assert "Shinzo Abe" in text(find(abe, tag="td")[3])  # the other participants
    assert any("official visit to Japan" in text(tr) for tr in events)


def test_actor_events_are_in_date_order(ld_client: FlaskClient) -> None:
    rows = [text(tr) for tr in find(section(page(ld_client, "/person/vladimir-putin"), "Events"), tag="tr")[1:]]
    order = [next(i for i, r in enumerate(rows) if name in r)
             for name in ("November 2005 Japan-Russia Summit", "July 2006 G-8 Summit", "Annual address")]
    assert order == sorted(order)


def test_event_page(ld_client: FlaskClient) -> None:
    root = page(ld_client, VISIT)
    assert "February 27-28" in text(section(root, "When"))  # the date as the text gives it
    assert "Mikhail Fradkov" in text(section(root, "Participants"))
    assert "Tokyo" in text(section(root, "Place"))
    assert "occurred, according to Kazuhiko Nakamura" in text(section(root, "Status"))
    assert "meeting with Emperor Akihito" in text(section(root, "Sub-events"))
    signed = text(section(root, "Instruments signed during this event"))
    assert "MOU to promote business between JETRO" in signed and "customs cooperation treaty" in signed


def test_planned_things_say_so_and_say_who_says_so(ld_client: FlaskClient) -> None:
    status = text(section(page(ld_client, "/event/putin-koizumi-meeting-2006-07"), "Status"))
    assert "planned, according to Ministry of Foreign Affairs of Japan" in status
    assert "scheduled, according to Kazuhiko Nakamura" in status


def test_agreement_page(ld_client: FlaskClient) -> None:
    root = page(ld_client, METI_MOU)
    assert "signed, according to" in text(section(root, "Status"))
    assert {"/org/meti", "/org/medt"} <= {href for _, href in section(root, "Parties").links}
    signatories = text(section(root, "Signatories"))
    assert "Aleksandr Lavrentyev" in signatories and "Masakazu Toyoda" in signatories
    assert "official visit to Japan" in text(section(root, "Signed during"))
    assert "memorandum of understanding" in text(section(root, "Kind of instrument"))


def test_project_page(ld_client: FlaskClient) -> None:
    root = page(ld_client, "/project/espo-pipeline")
    assert "Second stage of the Eastern Siberia-Pacific Ocean Oil Pipeline" in text(section(root, "Stages"))
    assert "Japan" in text(section(root, "Participants"))
    figures = text(section(page(ld_client, "/programme/far-east-transbaikalia-ftp"), "Figures"))
    assert "566 billion rubles (aggregate financing) = 566000000000 RUB" in figures


def test_document_page_marks_every_quote_and_links_it_to_its_claim(ld_client: FlaskClient) -> None:
    root = page(ld_client, "/doc/07TOKYO1267")
    assert "CONFIDENTIAL" in text(root) and "SCHIEFFER" in text(root)
    paragraphs = find(root, cls="para")
    assert len(paragraphs) == 19
    marks = find(root, cls="q", tag="mark")
    assert len(marks) > 200
    for mark in marks:
        (_, href), = mark.links
        assert href.startswith(("/claim/07TOKYO1267/", "/doc/07TOKYO1267/p/")), href


def test_paragraph_page_lists_the_facts_derived_from_it(ld_client: FlaskClient) -> None:
    root = page(ld_client, "/doc/07TOKYO1267/p/11")
    facts = section(root, "Facts derived from this paragraph")
    claims = find(facts, cls="claim", tag="article")
    assert len(claims) == 12
    assert all(find(c, cls="stmt") for c in claims)
    assert {a.attrs["rel"] for a in find(root, tag="a") if "rel" in a.attrs} >= {"prev", "next"}
    assert focused(root) == ""  # nothing followed, nothing singled out


def test_span_page_shows_its_quote_in_its_paragraph_and_its_claims(ld_client: FlaskClient) -> None:
    root = page(ld_client, PAGES["span"])
    quote = "an MOU to promote business between Japan,s JETRO and the Russian Union of Industrialists and Entrepreneurs"
    assert quote in text(find(root, tag="h1")[0])
    assert focused(root) == quote
    claims = find(section(root, "Claims resting on this quote"), cls="claim")
    assert [c.attrs["id"] for c in claims] == ["claim-p11-jetro-rspp-mou"]


def test_claim_page(ld_client: FlaskClient) -> None:
    root = page(ld_client, "/claim/07TOKYO1267/p11-jetro-rspp-mou")
    says = text(section(root, "What it says"))
    assert "signed during: Russian Prime Minister Mikhail Fradkov's official visit" in says
    provenance = text(section(root, "Provenance"))
    assert "Kazuhiko Nakamura" in provenance and "Econoff" in provenance and "signed" in provenance
    assert find(section(root, "Where it says it"), cls="focus", tag="mark")


def test_ontology_page_anchors_every_term(ld_client: FlaskClient) -> None:
    root = page(ld_client, "/ontology")
    for term in ("Visit", "signedAt", "Claim", "StatusScheme"):
        assert find(root, id=term), term


def test_documents_list(ld_client: FlaskClient) -> None:
    rows = find(page(ld_client, "/documents"), tag="tr")[1:]
    assert [text(find(tr, tag="td")[0]) for tr in rows] == ["2006-07-07", "2007-03-22", "2007-10-17"]


def test_landing_page_links_the_pages(ld_client: FlaskClient) -> None:
    links = {href for _, href in page(ld_client, "/").links}
    assert {"/search", "/timeline", "/network", "/query", "/documents", "/entities"} <= links


def test_index_groups_things_by_kind(ld_client: FlaskClient) -> None:
    root = page(ld_client, "/entities")
    people = {text(a): a.attrs["href"] for a in find(find(root, id="people")[0], tag="a")}
    assert people["Mikhail Fradkov"] == "/person/mikhail-fradkov"
    states = {text(a) for a in find(find(root, id="states")[0], tag="a")}
    assert {"Japan", "Russia"} <= states and "Japan" not in {text(a) for a in find(find(root, id="places")[0], tag="a")}
    assert "/event/fradkov-visit-japan-2007-02" in {a.attrs["href"] for a in find(find(root, id="events")[0], tag="a")}
