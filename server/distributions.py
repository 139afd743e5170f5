"""What the VoID/DCAT description says of each dump beyond its URL: version, date, checksum, format.

A store that loads the graph from a dump can check the bytes it got (spdx:checksum, dcat:byteSize) and
tell which build they are (dcat:version, dcterms:issued) before it trusts them.
"""

from __future__ import annotations

import pyoxigraph

from diplograph.ingest.formats import FORMATS

from .service_description import RDF_TYPE, iri

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
SPDX = "http://spdx.org/rdf/terms#"
XSD = "http://www.w3.org/2001/XMLSchema#"
FORMAT_IRIS = {  # W3C's unique URIs for file formats (https://www.w3.org/ns/formats/)
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "trig": "http://www.w3.org/ns/formats/TriG",
    "nquads": "http://www.w3.org/ns/formats/N-Quads",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
}
Term = pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal


def dataset_triples(ds: pyoxigraph.NamedNode, manifest: dict) -> list[tuple[Term, Term, Term]]:
    """The dataset's version and the formats it can be downloaded in."""
    t: list[tuple[Term, Term, Term]] = []
    if manifest.get("version"):
        t.append((ds, iri(DCAT + "version"), pyoxigraph.Literal(manifest["version"])))
    for name in manifest.get("dumps", {}):
        if name in FORMAT_IRIS:
            t.append((ds, iri("http://rdfs.org/ns/void#feature"), iri(FORMAT_IRIS[name])))
    return t


def distribution_triples(dist: pyoxigraph.BlankNode, name: str, dump: dict,
                         manifest: dict) -> list[tuple[Term, Term, Term]]:
    """One dump's title, issue date, version and SHA-256 (void.py gives its URL, media type and size)."""
    label = f"{manifest.get('version') or 'current build'} ({FORMATS[name].media_type})"
    t: list[tuple[Term, Term, Term]] = [(dist, iri(DCT + "title"), pyoxigraph.Literal(f"diplograph {label}"))]
    if name in FORMAT_IRIS:
        t.append((dist, iri(DCT + "format"), iri(FORMAT_IRIS[name])))
    if manifest.get("built_at"):
        t.append((dist, iri(DCT + "issued"),
                  pyoxigraph.Literal(manifest["built_at"], datatype=iri(XSD + "dateTime"))))
    if manifest.get("version"):
        t.append((dist, iri(DCAT + "version"), pyoxigraph.Literal(manifest["version"])))
    if dump.get("sha256"):
        checksum = pyoxigraph.BlankNode()
        t += [(dist, iri(SPDX + "checksum"), checksum), (checksum, RDF_TYPE, iri(SPDX + "Checksum")),
              (checksum, iri(SPDX + "algorithm"), iri(SPDX + "checksumAlgorithm_sha256")),
              (checksum, iri(SPDX + "checksumValue"),
               pyoxigraph.Literal(dump["sha256"], datatype=iri(XSD + "hexBinary")))]
    return t
