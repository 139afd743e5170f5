"""The ontology: every minted term is defined and labelled, and the code uses only defined terms."""

from __future__ import annotations

import json
from importlib import resources

from rdflib import OWL, RDF, RDFS, SKOS, Namespace

from diplograph.ingest.rdf import ontology_graph
from diplograph.ingest.vocab import DG, PREFIXES

DGNS = Namespace(str(DG._NS))


def test_every_minted_term_has_a_label_and_a_definition():
    g = ontology_graph()
    minted = {s for s in g.subjects() if str(s).startswith(str(DGNS)) or "/diplograph/status/" in str(s)
              or "/diplograph/instrument/" in str(s)}
    assert len(minted) > 50
    for term in minted:
        assert g.value(term, RDFS.label) or g.value(term, SKOS.prefLabel), term
        assert g.value(term, SKOS.definition), term


def test_python_vocabulary_matches_the_ontology():
    g = ontology_graph()
    declared = {str(s)[len(str(DGNS)):] for s in g.subjects() if str(s).startswith(str(DGNS))}
    assert set(DG.__annotations__) == declared


def test_every_class_reuses_a_standard_superclass_or_a_dg_one():
    g = ontology_graph()
    for cls in g.subjects(RDF.type, OWL.Class):
        assert list(g.objects(cls, RDFS.subClassOf)), cls


def test_jsonld_context_covers_the_prefixes():
    text = resources.files("diplograph.ontology").joinpath("context.jsonld").read_text()
    context = json.loads(text)["@context"]
    for prefix, iri in PREFIXES.items():
        assert context[prefix] == iri
