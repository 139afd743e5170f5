"""SERVICE clauses found in query text, and answers written back as inline data that pyoxigraph reads."""

from __future__ import annotations

import pyoxigraph
import pytest

from diplograph.server.servicetext import (
    ClauseError,
    prologue,
    remote_query,
    service_clauses,
    substitute,
    values_block,
)

HEAD = "BASE <http://example.org/base/>\nPREFIX ex: <http://example.org/>\nPREFIX : <rel/>\n"


@pytest.mark.parametrize("text, endpoints, silent", [
    ("SELECT * { SERVICE <http://a/sparql> { ?s ?p ?o } }", ["http://a/sparql"], [False]),
    ("SELECT * { service silent <http://a/sparql> { ?s ?p ?o } }", ["http://a/sparql"], [True]),
    (HEAD + "SELECT * { SERVICE ex:sparql { ?s ?p ?o } }", ["http://example.org/sparql"], [False]),
    (HEAD + "SELECT * { SERVICE <sparql> { ?s ?p ?o } }", ["http://example.org/base/sparql"], [False]),
    (HEAD + "SELECT * { SERVICE :sparql { ?s ?p ?o } }", ["http://example.org/base/rel/sparql"], [False]),
    ("SELECT * { SERVICE <http://a/> { ?s ?p ?o SERVICE <http://b/> { ?o ?q ?r } } SERVICE <http://c/> {} }",
     ["http://a/", "http://c/"], [False, False]),  # the nested one travels inside a's pattern
    ('SELECT * { ?s ?p "SERVICE <http://x/> {}" # SERVICE <http://y/> {}\n }', [], []),
    ("SELECT * { OPTIONAL { SERVICE <http://a/> { ?s ?p ?o } } }", ["http://a/"], [False]),
])
def test_clauses_are_found(text: str, endpoints: list[str], silent: list[bool]) -> None:
    clauses = service_clauses(text)
    assert [c.endpoint for c in clauses] == endpoints and [c.silent for c in clauses] == silent


def test_a_clause_spans_keyword_to_closing_brace() -> None:
    text = "SELECT * { ?x ?y ?z . SERVICE SILENT <http://a/> { ?s ?p { ?o ?q ?r } } FILTER(true) }"
    (clause,) = service_clauses(text)
    assert text[clause.start:clause.end] == "SERVICE SILENT <http://a/> { ?s ?p { ?o ?q ?r } }"
    assert clause.pattern == "{ ?s ?p { ?o ?q ?r } }"


@pytest.mark.parametrize("text, message", [
    ("SELECT * { SERVICE ?where { ?s ?p ?o } }", "variable endpoint"),
    ("SELECT * { SERVICE nope:x { ?s ?p ?o } }", "prefix nope: is not declared"),
    ("SELECT * { SERVICE <http://a/> { ?s ?p { ?o } ", "unbalanced braces"),
])
def test_unusable_clauses(text: str, message: str) -> None:
    with pytest.raises(ClauseError, match=message):
        service_clauses(text)


def test_the_remote_query_carries_the_prologue_and_base() -> None:
    text = HEAD + "SELECT * { SERVICE ex:sparql { ?s ex:p ?o } }"
    head = prologue(text)[0]
    query = remote_query(head, service_clauses(text)[0].pattern, "http://ours/sparql")
    assert query.startswith("BASE <http://ours/sparql>\nBASE <http://example.org/base/>\nPREFIX ex:")
    assert query.endswith("SELECT * WHERE { ?s ex:p ?o }")
    pyoxigraph.Store().query(query)  # it parses


def rows_of(block: str, variables: list[str]) -> list[tuple]:
    result = pyoxigraph.Store().query(f"SELECT {' '.join('?' + v for v in variables)} WHERE {block}")
    return [tuple(row[v] for v in variables) for row in result]


def test_values_round_trip_through_pyoxigraph() -> None:
    lit = pyoxigraph.Literal
    terms = [
        [pyoxigraph.NamedNode("http://example.org/a?b=c&d#e"), lit('say "hi"\n\tand \\ go', language="en")],
        [lit("12", datatype=pyoxigraph.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), None],
        [None, lit("Ünïcødé ✓ 𝄞")],
    ]
    assert rows_of(values_block(["a", "b"], terms), ["a", "b"]) == [tuple(r) for r in terms]


def test_blank_nodes_come_back_as_blank_nodes() -> None:
    b = pyoxigraph.BlankNode
    block = values_block(["x", "y"], [[b("n1"), b("n1")], [b("n2"), pyoxigraph.Literal("v")], [None, b("n3")]])
    rows = rows_of(block, ["x", "y"])
    assert isinstance(rows[0][0], pyoxigraph.BlankNode) and rows[0][0] == rows[0][1]  # same label, same row
    assert rows[1][1] == pyoxigraph.Literal("v") and rows[2][0] is None and isinstance(rows[2][1], pyoxigraph.BlankNode)


def test_no_rows_and_no_variables() -> None:
    assert rows_of(values_block(["x"], []), ["x"]) == []
    assert len(list(pyoxigraph.Store().query(f"SELECT * WHERE {values_block([], [[], []])}"))) == 2


def test_substitute_replaces_each_span() -> None:
    text = "SELECT * { SERVICE <http://a/> { ?s ?p ?o } ?x ?y ?z SERVICE <http://b/> { ?o ?q ?r } }"
    a, b = service_clauses(text)
    assert substitute(text, [(b, "{B}"), (a, "{A}")]) == "SELECT * { {A} ?x ?y ?z {B} }"
