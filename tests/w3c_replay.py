"""Replay W3C protocol manifests (ht:Request / ht:Response, W3C HTTP-in-RDF) against a running server."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import RDF, Graph, Namespace
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from .server_fixtures import Response, Server

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
CNT = Namespace("http://www.w3.org/2011/content#")

STATUS = {"OK": {200}, "Created": {201}, "NoContent": {204}, "NotFound": {404},
          **{f"StatusCode{n}xx": set(range(n * 100, n * 100 + 100)) for n in range(1, 6)}}
RESULTS_TYPES = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                 "text/tab-separated-values"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld", "application/trig": "trig", "application/n-quads": "nquads"}


@dataclass
class Exchange:
    """One request of a test and what its response must be."""

    method: str
    path: str
    headers: list[tuple[str, str]]
    body: str | None
    statuses: set[int]
    boolean: bool | None = None
    result_format: str | None = None
    content_type: str | None = None
    graph: str | None = None  # expected response body (Turtle), compared by isomorphism
    location_variable: str | None = None


@dataclass
class Entry:
    """One manifest test."""

    name: str
    label: str
    exchanges: list[Exchange] = field(default_factory=list)


def load(manifest: Path) -> list[Entry]:
    """The entries of a manifest, in manifest order."""
    g = Graph().parse(manifest, format="turtle", publicID=f"file://{manifest}")
    root = next(g.subjects(RDF.type, MF.Manifest))
    entries = []
    for node in Collection(g, g.value(root, MF.entries)):
        entry = Entry(str(node).split("#")[-1], str(g.value(node, MF.name)))
        action = g.value(node, MF.action)
        for req in Collection(g, g.value(action, HT.requests)):
            entry.exchanges.append(_exchange(g, req))
        entries.append(entry)
    return entries


def _headers(g: Graph, node) -> list[tuple[str, str]]:
    lst = g.value(node, HT.headers)
    return [(str(g.value(h, HT.fieldName)), str(g.value(h, HT.fieldValue))) for h in Collection(g, lst)] if lst else []


def _exchange(g: Graph, req) -> Exchange:
    resp = g.value(req, HT.resp)
    body = g.value(req, HT.body)
    statuses = set().union(*(STATUS[str(s).split("#")[-1]] for s in g.objects(resp, MF.expectedStatus)))
    boolean = g.value(resp, MF.expectedBoolean)
    resp_headers = dict((k.lower(), v) for k, v in _headers(g, resp))
    resp_body = g.value(resp, HT.body)
    location = g.value(resp, MF.expectedLocation)
    return Exchange(
        method=str(g.value(req, HT.methodName)),
        path=str(g.value(req, HT.absolutePath)),
        headers=_headers(g, req),
        body=str(g.value(body, CNT.chars)) if body is not None else None,
        statuses=statuses,
        boolean=boolean.toPython() if boolean is not None else None,
        result_format=str(g.value(resp, MF.expectedFormat) or "") or None,
        content_type=resp_headers.get("content-type"),
        graph=str(g.value(resp_body, CNT.chars)) if resp_body is not None else None,
        location_variable=str(location) if location is not None else None,
    )


def replay(entry: Entry, server: Server, prefixes: dict[str, str], auth: bool = False) -> None:
    """Perform an entry's exchanges in order, asserting each response; `prefixes` maps manifest paths to ours."""
    variables: dict[str, str] = {}
    for i, ex in enumerate(entry.exchanges, 1):
        path, body = ex.path, ex.body
        for var, value in variables.items():
            path, body = path.replace(var, value), body.replace(var, value) if body else body
        for theirs, ours in prefixes.items():
            if path.startswith(theirs):
                path = ours + path[len(theirs):]
                break
        r = server.request(ex.method, path, body, ex.headers, auth=auth)
        where = f"{entry.name} request {i} ({ex.method} {path}) answered {r.status}: {r.body[:500]!r}"
        assert r.status in ex.statuses, where
        if ex.location_variable:
            assert "location" in r.headers, where
            variables[ex.location_variable] = r.headers["location"]
        if ex.content_type:
            assert r.media_type == ex.content_type.split(";")[0].strip(), where
            assert "charset=utf-8" in r.headers["content-type"].lower().replace(" ", ""), where
        if ex.result_format:
            check_format(r, ex.result_format, where)
        if ex.boolean is not None:
            assert boolean_of(r) is ex.boolean, where
        if ex.graph is not None and ex.method != "HEAD":
            expected = Graph().parse(data=ex.graph, format="turtle")
            assert isomorphic(parse_rdf(r), expected), where


def check_format(r: Response, kind: str, where: str) -> None:
    """The body is of the expected kind (boolean, tabular, RDF) and parses."""
    if kind == "RDF":
        assert r.media_type in RDF_TYPES, where
        parse_rdf(r)
    elif kind == "tabular":
        assert r.media_type in RESULTS_TYPES, where
        if r.media_type.endswith("json"):
            assert "bindings" in json.loads(r.body)["results"], where
        elif r.media_type.endswith("xml"):
            ET.parse(io.BytesIO(r.body))
    else:
        boolean_of(r)


def boolean_of(r: Response) -> bool:
    """An ASK answer in SPARQL JSON or XML."""
    if r.media_type == "application/sparql-results+json":
        return json.loads(r.body)["boolean"]
    if r.media_type == "application/sparql-results+xml":
        el = ET.parse(io.BytesIO(r.body)).getroot().find("{http://www.w3.org/2005/sparql-results#}boolean")
        return el.text.strip() == "true"
    raise AssertionError(f"not a boolean result type: {r.media_type}")


def parse_rdf(r: Response) -> Graph:
    """An RDF response body as an rdflib graph."""
    return Graph().parse(data=r.body, format=RDF_TYPES[r.media_type], publicID="http://example.invalid/")


def entry_names(manifest: Path) -> list[str]:
    """Entry names, for parametrising tests (read from the manifest file at collection)."""
    return [e.name for e in load(manifest)]


