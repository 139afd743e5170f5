"""The query page: every example answers its question; bad queries are shown as errors, not crashes."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from diplograph.server.examples import EXAMPLES

from .ld_html import find, parse, text


def table(client: FlaskClient, **params: str) -> tuple[int, list[str], list[list[str]], str]:
    r = client.get("/query", query_string=params)
    root = parse(r.text)
    found = find(root, id="result-table")
    if not found:
        return r.status_code, [], [], r.text
    head = [text(th) for th in find(found[0], tag="th")]
    rows = [[text(td) for td in find(tr, tag="td")] for tr in find(found[0], tag="tr")[1:]]
    return r.status_code, head, rows, r.text


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.slug for e in EXAMPLES])
def test_every_example_answers_its_question(ld_client: FlaskClient, example) -> None:
    status, head, rows, _ = table(ld_client, example=example.slug)
    assert status == 200
    assert rows, f"{example.slug} found nothing"
    assert any(example.expect in cell for row in rows for cell in row), example.expect


def test_the_examples_page_lists_every_question(ld_client: FlaskClient) -> None:
    root = parse(ld_client.get("/query").text)
    assert [a.attrs["data-slug"] for a in find(root, cls="example")] == [e.slug for e in EXAMPLES]
    assert not find(root, id="result-table")  # nothing runs until asked


def test_the_fradkov_example_names_the_mous_and_links_the_paragraphs(ld_client: FlaskClient) -> None:
    _, head, rows, html = table(ld_client, example="signed-during-fradkov-visit")
    assert head == ["agreement", "kind", "status", "informant", "quote", "paragraph"]
    mous = {row[0] for row in rows if row[1] == "memorandum of understanding"}
    assert len(mous) == 3
    assert 'href="/doc/07TOKYO1267/p/10"' in html  # result IRIs link to their pages here


def test_a_syntax_error_is_shown_on_the_page(ld_client: FlaskClient) -> None:
    status, _, _, html = table(ld_client, query="SELEKT * WHERE { ?s ?p ?o }")
    assert status == 400
    assert 'class="error"' in html and "SELEKT" in html  # the query stays in the editor to fix


def test_service_calls_obey_the_allowlist(ld_client: FlaskClient) -> None:
    status, _, _, html = table(ld_client, query="SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }")
    assert status == 403 and "allowlist" in html


def test_ask_and_construct(ld_client: FlaskClient) -> None:
    _, _, _, html = table(ld_client, query="ASK { ?s a <https://w3id.org/diplograph/ontology#Visit> }")
    assert text(find(parse(html), id="boolean")[0]) == "yes"
    _, head, rows, _ = table(ld_client, query="CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3")
    assert head == ["subject", "predicate", "object"] and len(rows) == 3
