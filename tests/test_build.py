"""The built graph: dumps round-trip, provenance reaches every fact, the store persists."""

from __future__ import annotations

import json

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from diplograph.ingest.build import open_store
from diplograph.ingest.vocab import sparql_prologue


def test_built_graph_conforms(built_store):
    manifest = json.loads((built_store.store_dir / "build.json").read_text())
    assert manifest["quads"] == built_store.quads > 1000
    assert manifest["claims"] == built_store.claims
    assert set(manifest["dumps"]) == {"turtle", "trig", "nquads", "jsonld"}


@pytest.mark.parametrize("name, rdflib_format", [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")])
def test_dataset_dumps_round_trip_to_the_same_quads(built, built_store, name, rdflib_format):
    parsed = Dataset()
    parsed.parse(built_store.dumps[name], format=rdflib_format)
    for g in built.dataset.graphs():
        if len(g) == 0:
            continue
        assert isomorphic(g, parsed.graph(g.identifier)), f"graph {g.identifier} differs in {name}"
    assert sum(len(g) for g in parsed.graphs()) == sum(len(g) for g in built.dataset.graphs())


def test_turtle_dump_is_the_union(built, built_store):
    parsed = Graph().parse(built_store.dumps["turtle"], format="turtle")
    assert isomorphic(parsed, built.union())


def test_store_holds_every_quad_of_the_dump(built_store):
    store = open_store(built_store.store_dir)
    count = sum(1 for _ in pyoxigraph.parse(path=str(built_store.dumps["nquads"]),
                                             format=pyoxigraph.RdfFormat.N_QUADS))
    assert len(store) == count == built_store.quads


def query(built_store, sparql: str) -> list[dict[str, str]]:
    rows = open_store(built_store.store_dir).query(sparql_prologue() + sparql)
    names = [v.value for v in rows.variables]
    return [{n: (row[n].value if row[n] is not None else None) for n in names} for row in rows]


def test_every_claim_graph_reaches_its_quote_paragraph_and_document(built_store):
    missing = query(built_store, """
        SELECT ?g WHERE {
          GRAPH ?g { ?s ?p ?o }
          FILTER (STRSTARTS(STR(?g), "https://w3id.org/diplograph/claim/"))
          FILTER NOT EXISTS {
            ?g prov:wasDerivedFrom ?span .
            ?span nif:anchorOf ?quote ; nif:referenceContext ?para ; nif:beginIndex ?b ; nif:endIndex ?e .
            ?para nif:isString ?text ; dcterms:isPartOf ?doc .
            ?doc dcterms:identifier ?id .
            FILTER (SUBSTR(?text, ?b + 1, ?e - ?b) = ?quote)
          }
        } GROUP BY ?g""")
    assert missing == []


def test_every_triple_outside_system_graphs_is_in_a_claim_graph(built_store):
    rows = query(built_store, """
        SELECT (COUNT(*) AS ?n) WHERE {
          GRAPH ?g { ?s ?p ?o }
          FILTER NOT EXISTS { ?g a ?type . FILTER (?type IN (dg:Claim, dg:IdentityDecision)) }
          FILTER (?g NOT IN (<https://w3id.org/diplograph/graph/ontology>, <https://w3id.org/diplograph/graph/sources>,
                             <https://w3id.org/diplograph/graph/entities>, <https://w3id.org/diplograph/graph/provenance>,
                             <https://w3id.org/diplograph/graph/links>))
        }""")
    assert rows == [{"n": "0"}]


def test_store_persists_and_reopens(built_store):
    first = len(open_store(built_store.store_dir))
    assert len(open_store(built_store.store_dir)) == first > 0


def test_every_minted_iri_is_under_the_configured_base(corpus):
    from diplograph.ingest.build import compile_graph

    base = "http://example.org/kg/"
    built = compile_graph(corpus, base)
    vocab = ("https://w3id.org/diplograph/ontology", "https://w3id.org/diplograph/status/",
             "https://w3id.org/diplograph/instrument/")
    stray = {
        str(term)
        for quad in built.dataset.quads((None, None, None, None))
        for term in quad
        if str(term).startswith("https://w3id.org/diplograph/") and not str(term).startswith(vocab)
    }
    assert stray == set()
    assert (built.minter.document("06TOKYO3797").startswith(base))


def test_statuses_on_entities_are_event_states_not_statement_modalities(built_store):
    rows = query(built_store, """
        SELECT ?e ?status WHERE {
          GRAPH ?claim { ?e dg:status ?status }
          ?claim a dg:Claim .
          FILTER (?status IN (status:fact, status:opinion)
                  || EXISTS { ?e a ?type . FILTER (?type IN (dg:Issue, schema:Person, dg:State)) })
        }""")
    assert rows == []
