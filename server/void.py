"""The VoID/DCAT description of the dataset: sizes, graphs, classes, endpoint, dumps, licence."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
from flask import Blueprint, Response, current_app, request, url_for

from diplograph.ingest.formats import FORMATS

from . import backend
from .distributions import dataset_triples, distribution_triples
from .service_description import RDF_TYPE, graph_response, iri

bp = Blueprint("void", __name__)
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
XSD_INTEGER = iri("http://www.w3.org/2001/XMLSchema#integer")
GRAPH_LIST_CAP = 500  # one dataset has a graph per claim; list the largest, count all

STATS = {
    "triples": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
    "distinctSubjects": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }",
    "properties": "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s ?p ?o }",
}
CLASSES = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) ?c"
GRAPHS = (f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }} GROUP BY ?g "
          f"ORDER BY DESC(?n) ?g LIMIT {GRAPH_LIST_CAP}")


def build_manifest() -> dict:
    """build.json of the served build, if there is one."""
    folder = current_app.config.get("BUILD_DIR")
    path = Path(folder) / "build.json" if folder else None
    return json.loads(path.read_text()) if path and path.exists() else {}


def _int(value: int) -> pyoxigraph.Literal:
    return pyoxigraph.Literal(str(value), datatype=XSD_INTEGER)


def void_triples() -> list[pyoxigraph.Triple]:
    """The description, computed with a few aggregate queries."""
    ds = iri(url_for("void.void", _external=True) + "#dataset")
    manifest = build_manifest()
    config = current_app.config
    t = [
        (ds, RDF_TYPE, iri(VOID + "Dataset")),
        (ds, RDF_TYPE, iri(DCAT + "Dataset")),
        (ds, iri(DCT + "title"), pyoxigraph.Literal(config["DATASET_TITLE"])),
        (ds, iri(VOID + "sparqlEndpoint"), iri(url_for("endpoint.sparql", _external=True))),
    ]
    if config.get("DATASET_LICENSE"):
        t.append((ds, iri(DCT + "license"), iri(config["DATASET_LICENSE"])))
    base = config.get("URI_SPACE") or manifest.get("base")
    if base:
        t.append((ds, iri(VOID + "uriSpace"), pyoxigraph.Literal(base)))
    if manifest.get("built_at"):
        t.append((ds, iri(DCT + "modified"), pyoxigraph.Literal(
            manifest["built_at"], datatype=iri("http://www.w3.org/2001/XMLSchema#dateTime"))))
    for name, sparql in STATS.items():
        t.append((ds, iri(VOID + name), _int(int(backend.select(sparql)[0]["n"]))))
    for row in backend.select(CLASSES):
        part = pyoxigraph.BlankNode()
        t += [(ds, iri(VOID + "classPartition"), part), (part, iri(VOID + "class"), iri(row["c"])),
              (part, iri(VOID + "entities"), _int(int(row["n"])))]
    for row in backend.select(GRAPHS):
        sub = pyoxigraph.BlankNode()
        t += [(ds, iri(VOID + "subset"), sub), (sub, RDF_TYPE, iri(VOID + "Dataset")),
              (sub, iri("http://www.w3.org/ns/sparql-service-description#name"), iri(row["g"])),
              (sub, iri(VOID + "triples"), _int(int(row["n"])))]
    for name, dump in manifest.get("dumps", {}).items():
        url = iri(url_for("pages.dump", filename=Path(dump["file"]).name, _external=True))
        dist = pyoxigraph.BlankNode()
        t += [(ds, iri(VOID + "dataDump"), url), (ds, iri(DCAT + "distribution"), dist),
              (dist, RDF_TYPE, iri(DCAT + "Distribution")), (dist, iri(DCAT + "downloadURL"), url),
              (dist, iri(DCAT + "mediaType"), pyoxigraph.Literal(FORMATS[name].media_type)),
              (dist, iri(DCAT + "byteSize"), _int(dump["bytes"]))]
        t += distribution_triples(dist, name, dump, manifest)  # version, date, checksum: distributions.py
    t += dataset_triples(ds, manifest)
    return [pyoxigraph.Triple(*x) for x in t]


@bp.route("/.well-known/void")
def void() -> Response:
    """The VoID/DCAT description (cached until the next write)."""
    cache = current_app.extensions
    key = (request.host_url, "diplograph.void")
    if cache.get("diplograph.void", (None,))[0] != key:
        cache["diplograph.void"] = (key, void_triples())
    return graph_response(cache["diplograph.void"][1], request.args.get("format"))
