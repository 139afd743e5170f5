"""Full-text search over labels and paragraph text."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from diplograph.server.search import fold, snippet

from .ld_html import find, parse, text


def hits(client: FlaskClient, q: str, section: str) -> list[tuple[str, str]]:
    r = client.get("/search", query_string={"q": q})
    assert r.status_code == 200
    found = find(parse(r.text), id=section)
    return [(text(a), a.attrs["href"]) for a in find(found[0], cls="hit")] if found else []


def test_a_surname_finds_the_person_first(ld_client: FlaskClient) -> None:
    things = hits(ld_client, "Fradkov", "things")
    assert things[0] == ("Mikhail Fradkov", "/person/mikhail-fradkov")
    assert ("Russian Prime Minister Mikhail Fradkov's official visit to Japan, February 27-28, 2007",
            "/event/fradkov-visit-japan-2007-02") in things


def test_other_written_forms_are_searched(ld_client: FlaskClient) -> None:
    # "Ishigawa" is how one paragraph spells Ishikawa; "Kazmino" the news piece's Kozmino
    assert any("Ishikawa" in label for label, _ in hits(ld_client, "ishigawa", "things"))


def test_paragraph_text_is_searched_and_the_match_marked(ld_client: FlaskClient) -> None:
    r = ld_client.get("/search", query_string={"q": "Sheremetyevo airport"})
    paragraphs = find(parse(r.text), id="paragraphs")[0]
    assert ("07TOKYO1267 ¶11", "/doc/07TOKYO1267/p/11") in [(text(a), a.attrs["href"])
                                                            for a in find(paragraphs, cls="hit")]
    assert {text(m).lower() for m in find(paragraphs, tag="mark")} >= {"sheremetyevo", "airport"}


def test_every_word_must_match(ld_client: FlaskClient) -> None:
    assert hits(ld_client, "Fradkov Akihito", "things") == [
        ("Fradkov's meeting with Emperor Akihito", "/event/fradkov-akihito-meeting-2007-02")]


def test_apostrophes_match_the_cables_commas(ld_client: FlaskClient) -> None:
    # the cable writes "Japan,s JETRO"
    paragraphs = hits(ld_client, "Japan's JETRO", "paragraphs")
    assert ("07TOKYO1267 ¶11", "/doc/07TOKYO1267/p/11") in paragraphs


def test_nothing_found_says_so(ld_client: FlaskClient) -> None:
    r = ld_client.get("/search", query_string={"q": "zzzqqq"})
    assert "No names match." in r.text and "No paragraph text matches." in r.text


def test_a_query_with_sparql_syntax_is_just_text(ld_client: FlaskClient) -> None:
    r = ld_client.get("/search", query_string={"q": '" } UNION { ?s ?p ?o } #'})
    assert r.status_code == 200 and "No names match." in r.text


@pytest.mark.parametrize("raw, folded", [("Russia's", "russias"), ("Russia,s", "russias"), ("Lavrov’s", "lavrovs")])
def test_fold(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_snippet_marks_every_word_even_with_a_comma_apostrophe() -> None:
    runs = snippet("talks on Japan,s JETRO and Russia", ["japans", "jetro"])
    assert [t for t, hit in runs if hit] == ["Japan,s", "JETRO"]
