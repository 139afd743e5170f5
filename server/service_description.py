"""The SPARQL 1.1 Service Description served at the endpoint, and the helper that serialises small graphs."""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph
from flask import Response, current_app, request, url_for

from diplograph.ingest.formats import FORMATS, RESULTS_FORMATS

from . import errors
from .auth import writes_enabled
from .negotiation import graph_format

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
RDF_TYPE = pyoxigraph.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PREFIXES = {
    "sd": SD, "void": "http://rdfs.org/ns/void#", "dcat": "http://www.w3.org/ns/dcat#",
    "dcterms": "http://purl.org/dc/terms/", "formats": FORMATS_NS, "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# The W3C's IRIs for the formats of our registries (https://www.w3.org/ns/formats/).
FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON", "xml": "SPARQL_Results_XML", "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV", "turtle": "Turtle", "ntriples": "N-Triples", "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML", "trig": "TriG", "nquads": "N-Quads",
}


def iri(value: str) -> pyoxigraph.NamedNode:
    """A named node."""
    return pyoxigraph.NamedNode(value)


def graph_response(triples: Iterable[pyoxigraph.Triple], format_param: str | None = None) -> Response:
    """A small graph in the negotiated RDF format (Turtle by default)."""
    fmt = graph_format(request, format_param)
    if fmt is None:
        raise errors.NotAcceptable("acceptable formats: " + ", ".join(f.media_type for f in FORMATS.values()))
    kwargs = {"prefixes": PREFIXES} if fmt.name in ("turtle", "trig") else {}
    body = pyoxigraph.serialize(list(triples), format=fmt.oxigraph, **kwargs)
    response = Response(body, content_type=f"{fmt.media_type}; charset=utf-8")
    response.vary.add("Accept")
    return response


def service_triples(endpoint: str, void_url: str, update: bool, federated: bool) -> list[pyoxigraph.Triple]:
    """The sd:Service description of this endpoint."""
    service = iri(endpoint)
    sd = lambda term: iri(SD + term)  # noqa: E731
    dataset = pyoxigraph.BlankNode()
    default_graph = pyoxigraph.BlankNode()
    t = [
        (service, RDF_TYPE, sd("Service")),
        (service, sd("endpoint"), service),
        (service, sd("supportedLanguage"), sd("SPARQL11Query")),
        (service, sd("feature"), sd("UnionDefaultGraph")),
        (service, sd("feature"), sd("BasicFederatedQuery")) if federated else None,
        (service, sd("supportedLanguage"), sd("SPARQL11Update")) if update else None,
        (service, sd("defaultDataset"), dataset),
        (dataset, RDF_TYPE, sd("Dataset")),
        (dataset, sd("defaultGraph"), default_graph),
        (default_graph, RDF_TYPE, sd("Graph")),
        (dataset, iri("http://rdfs.org/ns/void#inDataset"), iri(void_url)),
    ]
    for name in [*RESULTS_FORMATS, *FORMATS]:
        t.append((service, sd("resultFormat"), iri(FORMATS_NS + FORMAT_IRIS[name])))
    return [pyoxigraph.Triple(*x) for x in t if x is not None]


def service_description() -> Response:
    """The service description of /sparql, for a GET without a query."""
    triples = service_triples(
        endpoint=url_for("endpoint.sparql", _external=True),
        void_url=url_for("void.void", _external=True),
        update=writes_enabled(),
        federated=bool(current_app.config["SERVICE_ALLOWLIST"]),
    )
    return graph_response(triples, request.args.get("format"))
