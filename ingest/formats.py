"""The one registry of RDF serialisation formats: names, media types, file extensions."""

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


FORMATS: dict[str, RdfFormat] = {
    f.name: f
    for f in (
        RdfFormat("turtle", "text/turtle", "ttl", pyoxigraph.RdfFormat.TURTLE, False),
        RdfFormat("trig", "application/trig", "trig", pyoxigraph.RdfFormat.TRIG, True),
        RdfFormat("nquads", "application/n-quads", "nq", pyoxigraph.RdfFormat.N_QUADS, True),
        RdfFormat("ntriples", "application/n-triples", "nt", pyoxigraph.RdfFormat.N_TRIPLES, False),
        RdfFormat("jsonld", "application/ld+json", "jsonld", pyoxigraph.RdfFormat.JSON_LD, True),
        RdfFormat("rdfxml", "application/rdf+xml", "rdf", pyoxigraph.RdfFormat.RDF_XML, False),
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
    """The format served under that media type, if any."""
    return next((f for f in FORMATS.values() if f.media_type == media_type), None)
