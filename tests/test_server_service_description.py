"""The W3C service-description manifest: its three entries, checked on a real server."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, Namespace, URIRef

from .server_fixtures import W3C, Server
from .w3c_replay import RDF_TYPES, parse_rdf

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
MANIFEST = Graph().parse(W3C / "service-description" / "manifest.ttl", format="turtle")
pytestmark = pytest.mark.server

# The SD vocabulary (https://www.w3.org/TR/sparql11-service-description/#vocab): classes, and what each
# property's object must be (a class, or "iri" for any IRI).
CLASSES = {"Service", "Language", "Function", "Aggregate", "EntailmentRegime", "EntailmentProfile",
           "GraphCollection", "Dataset", "Graph", "NamedGraph", "Feature"}
PROPERTIES = {
    "endpoint": "iri", "feature": "Feature", "defaultEntailmentRegime": "EntailmentRegime",
    "entailmentRegime": "EntailmentRegime", "defaultSupportedEntailmentProfile": "EntailmentProfile",
    "supportedEntailmentProfile": "EntailmentProfile", "extensionFunction": "Function",
    "extensionAggregate": "Aggregate", "languageExtension": "iri", "supportedLanguage": "Language",
    "propertyFeature": "iri", "defaultDataset": "Dataset", "availableGraphs": "GraphCollection",
    "resultFormat": "iri", "inputFormat": "iri", "defaultGraph": "Graph", "namedGraph": "NamedGraph",
    "name": "iri", "graph": "Graph",
}
INSTANCES = {  # the individuals the vocabulary defines, with their class
    "SPARQL10Query": "Language", "SPARQL11Query": "Language", "SPARQL11Update": "Language",
    "DereferencesURIs": "Feature", "UnionDefaultGraph": "Feature", "RequiresDataset": "Feature",
    "EmptyGraphs": "Feature", "BasicFederatedQuery": "Feature",
}


def description(server: Server) -> Graph:
    r = server.request("GET", "/sparql", headers={"Accept": "text/turtle"})
    assert r.status == 200 and r.media_type in RDF_TYPES, r
    return parse_rdf(r)


def has_type(g: Graph, node, cls: str) -> bool:
    return (node, RDF.type, SD[cls]) in g or INSTANCES.get(str(node).removeprefix(str(SD))) == cls


def test_the_manifest_has_3_entries() -> None:
    entries = {str(s).split("#")[-1] for s in MANIFEST.subjects(RDF.type, None)
               if "ServiceDescriptionTest" in str(MANIFEST.value(s, RDF.type))}
    assert entries == {"returns-rdf", "has-endpoint-triple", "conforms-to-schema"}


def test_returns_rdf(protocol_server: Server) -> None:
    """returns-rdf: GET on the endpoint returns RDF."""
    assert len(description(protocol_server)) > 0


def test_has_endpoint_triple(protocol_server: Server) -> None:
    """has-endpoint-triple: the description contains an sd:endpoint triple naming the endpoint's URL."""
    g = description(protocol_server)
    assert (None, SD.endpoint, URIRef(f"{protocol_server.url}/sparql")) in g


def test_conforms_to_schema(protocol_server: Server) -> None:
    """conforms-to-schema: only SD terms, each used with the kind of object the vocabulary gives it."""
    g = description(protocol_server)
    services = list(g.subjects(SD.endpoint, None))
    assert services and all((s, RDF.type, SD.Service) in g for s in services)
    for _, p, o in g:
        if p == RDF.type and str(o).startswith(str(SD)):
            assert str(o).removeprefix(str(SD)) in CLASSES, o
        if str(p).startswith(str(SD)):
            term = str(p).removeprefix(str(SD))
            assert term in PROPERTIES, p
            wanted = PROPERTIES[term]
            if wanted == "iri":
                assert isinstance(o, URIRef), (p, o)
            else:
                assert has_type(g, o, wanted), (p, o, wanted)


def test_update_language_only_when_writable(protocol_server: Server, writable_server: Server) -> None:
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) not in description(protocol_server)
    assert (None, SD.supportedLanguage, SD.SPARQL11Update) in description(writable_server)
