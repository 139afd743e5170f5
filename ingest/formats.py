"""The one registry of RDF serialisation formats and SPARQL query-results formats."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph


@dataclass(frozen=True)
class RdfFormat:
    """One RDF serialisation."""

    name: str
    media_type: str
    extension: str
    oxigraph: pyoxigraph.RdfFormat
    datasets: bool  # can carry named graphs
    aliases: tuple[str, ...] = ()  # other media types clients send for it
    short_names: tuple[str, ...] = ()  # other names clients give in `format=` (SPARQLWrapper sends these)

    @property
    def media_types(self) -> tuple[str, ...]:
        """The canonical media type first, then the aliases."""
        return (self.media_type, *self.aliases)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name `format=` may give for this format."""
        return (self.name, self.extension, *self.short_names)


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        # Turtle is valid N3, so clients asking for N3 (SPARQLWrapper's N3) get Turtle.
        RdfFormat("turtle", "text/turtle", "ttl", pyoxigraph.RdfFormat.TURTLE, False,
                  ("application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3"), ("n3",)),
        RdfFormat("trig", "application/trig", "trig", pyoxigraph.RdfFormat.TRIG, True, ("application/x-trig",)),
        RdfFormat("nquads", "application/n-quads", "nq", pyoxigraph.RdfFormat.N_QUADS, True, ("text/x-nquads",)),
        RdfFormat("ntriples", "application/n-triples", "nt", pyoxigraph.RdfFormat.N_TRIPLES, False, (), ("n-triples",)),
        RdfFormat("jsonld", "application/ld+json", "jsonld", pyoxigraph.RdfFormat.JSON_LD, True,
                  ("application/x-json+ld", "application/json"), ("json-ld", "json")),
        RdfFormat("rdfxml", "application/rdf+xml", "rdf", pyoxigraph.RdfFormat.RDF_XML, False,
                  ("application/xml", "text/xml"), ("rdf+xml", "xml")),
    )
}
DUMP_FORMATS = ("turtle", "trig", "nquads", "jsonld")


def by_name(name: str) -> RdfFormat:
    """The format of that name; ValueError listing the known names otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown RDF format {name!r}; known: {', '.join(FORMATS)}") from None


def by_media_type(media_type: str) -> RdfFormat | None:
    """The format served under that media type (canonical or alias), if any."""
    media_type = media_type.split(";")[0].strip().lower()
    return next((f for f in FORMATS.values() if media_type in f.media_types), None)


@dataclass(frozen=True)
class ResultsFormat:
    """One serialisation of SPARQL SELECT/ASK results."""

    name: str
    media_type: str
    extension: str
    oxigraph: pyoxigraph.QueryResultsFormat
    boolean: bool  # can carry an ASK result
    marks_truncation: bool  # has room in the body to say the rows were capped
    aliases: tuple[str, ...] = ()

    @property
    def media_types(self) -> tuple[str, ...]:
        """The canonical media type first, then the aliases."""
        return (self.media_type, *self.aliases)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name `format=` may give for this format."""
        return (self.name, self.extension)


RESULTS_FORMATS: dict[str, ResultsFormat] = {
    f.name: f
    for f in (
        ResultsFormat("json", "application/sparql-results+json", "srj", pyoxigraph.QueryResultsFormat.JSON,
                      True, True, ("application/json",)),
        ResultsFormat("xml", "application/sparql-results+xml", "srx", pyoxigraph.QueryResultsFormat.XML,
                      True, True, ("application/xml", "text/xml")),
        # CSV/TSV define no boolean form; like Jena and Oxigraph we answer an ASK with `true`/`false`.
        ResultsFormat("csv", "text/csv", "csv", pyoxigraph.QueryResultsFormat.CSV, True, False),
        ResultsFormat("tsv", "text/tab-separated-values", "tsv", pyoxigraph.QueryResultsFormat.TSV, True, False),
    )
}


def results_by_name(name: str) -> ResultsFormat:
    """The query-results format of that name; ValueError listing the known names otherwise."""
    try:
        return RESULTS_FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown results format {name!r}; known: {', '.join(RESULTS_FORMATS)}") from None
