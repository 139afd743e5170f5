"""Bad requests as a table: each gets its exact status and a message that says what to fix."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from .server_fixtures import Server

pytestmark = pytest.mark.server
Q = "application/sparql-query"
U = "application/sparql-update"
F = "application/x-www-form-urlencoded"
TTL = "text/turtle"

# (id, server, method, path, headers, body, auth, status, message substring)
CASES = [
    ("syntax", "ro", "GET", "/sparql?query=ASK%20%7B", {}, None, False, 400, "error at 1:6"),
    ("two queries", "ro", "GET", "/sparql?query=ASK%7B%7D&query=ASK%7B%7D", {}, None, False, 400,
     "exactly one 'query'"),
    ("PUT on /sparql", "ro", "PUT", "/sparql", {}, "", False, 405, "not allowed"),
    ("DELETE on /sparql", "ro", "DELETE", "/sparql", {}, None, False, 405, "not allowed"),
    ("wrong media type", "ro", "POST", "/sparql", {"Content-Type": "text/plain"}, "ASK {}", False, 415,
     "unsupported Content-Type 'text/plain'"),
    ("no media type", "ro", "POST", "/sparql", {}, "ASK {}", False, 415, "a POST needs a Content-Type"),
    ("UTF-16 charset", "ro", "POST", "/sparql", {"Content-Type": f"{Q}; charset=UTF-16"}, "ASK {}", False, 415,
     "charset UTF-16 is not supported"),
    ("non-UTF-8 body", "ro", "POST", "/sparql", {"Content-Type": Q}, b"ASK { \xff }", False, 400,
     "the query is not valid UTF-8"),
    ("non-UTF-8 form", "ro", "POST", "/sparql", {"Content-Type": F}, "query=ASK%FF", False, 400, "not UTF-8"),
    ("update by GET", "ro", "GET", "/sparql?update=CLEAR%20ALL", {}, None, False, 400, "must be sent by POST"),
    ("query and update", "ro", "POST", "/sparql", {"Content-Type": F}, "query=ASK%7B%7D&update=CLEAR%20ALL", False,
     400, "not both"),
    ("empty form", "ro", "POST", "/sparql", {"Content-Type": F}, "x=1", False, 400, "neither a 'query' nor"),
    ("update when read-only", "ro", "POST", "/sparql", {"Content-Type": U}, "CLEAR ALL", False, 403, "read-only"),
    ("nothing acceptable", "ro", "GET", "/sparql?query=ASK%7B%7D", {"Accept": "image/png"}, None, False, 406,
     "no acceptable format"),
    ("ASK as Turtle", "ro", "GET", "/sparql?query=ASK%7B%7D", {"Accept": TTL}, None, False, 406,
     "a boolean (ASK) result"),
    ("SELECT as Turtle", "ro", "GET", "/sparql?query=SELECT%20*%7B%7D", {"Accept": TTL}, None, False, 406,
     "a table (SELECT) result"),
    ("CONSTRUCT as CSV", "ro", "GET", "/sparql?query=" + quote("CONSTRUCT WHERE {?s ?p ?o}"),
     {"Accept": "text/csv"}, None, False, 406, "a graph (CONSTRUCT/DESCRIBE)"),
    ("unknown format=", "ro", "GET", "/sparql?query=ASK%7B%7D&format=html", {}, None, False, 400,
     "unknown format 'html'"),
    ("bad timeout", "ro", "GET", "/sparql?query=ASK%7B%7D&timeout=soon", {}, None, False, 400,
     "timeout must be a number"),
    ("negative timeout", "ro", "GET", "/sparql?query=ASK%7B%7D&timeout=-1", {}, None, False, 400,
     "timeout must be positive"),
    ("using-graph-uri on a query", "ro", "GET", "/sparql?query=ASK%7B%7D&using-graph-uri=http://g", {}, None,
     False, 400, "belongs to updates"),
    ("SERVICE not allowed", "ro", "GET",
     "/sparql?query=" + quote("SELECT * { SERVICE <http://evil.example/> {?s ?p ?o} }"),
     {}, None, False, 403, "SERVICE <http://evil.example/> is not on this server's allowlist"),
    ("SERVICE variable", "ro", "GET", "/sparql?query=" + quote("SELECT * { SERVICE ?x {?s ?p ?o} }"),
     {}, None, False, 403, "variable endpoint"),
    ("SERVICE in an update", "rw", "POST", "/sparql", {"Content-Type": U},
     "INSERT { ?s ?p ?o } WHERE { SERVICE <http://evil.example/> { ?s ?p ?o } }", True, 403, "allowlist"),
    ("no such page", "ro", "GET", "/nowhere", {}, None, False, 404, "not found"),
    ("GSP: no such graph", "ro", "GET", "/store?graph=http://nowhere.example/g", {}, None, False, 404,
     "no graph <http://nowhere.example/g>"),
    ("GSP: graph not named", "ro", "GET", "/store", {}, None, False, 400, "name the graph"),
    ("GSP: write when read-only", "ro", "PUT", "/store?graph=http://g.example/", {"Content-Type": TTL}, "", False,
     403, "read-only"),
    ("GSP: no token", "rw", "PUT", "/store?graph=http://g.example/", {"Content-Type": TTL}, "", False, 401,
     "Authorization: Bearer"),
    ("GSP: unsupported type", "rw", "PUT", "/store?graph=http://g.example/", {"Content-Type": "text/plain"}, "x",
     True, 415, "unsupported RDF media type 'text/plain'"),
    ("GSP: bad Turtle", "rw", "PUT", "/store?graph=http://g.example/", {"Content-Type": TTL}, "<a> <b> .", True,
     400, "does not parse"),
    ("update without token", "rw", "POST", "/sparql", {"Content-Type": U}, "CLEAR ALL", False, 401,
     "Authorization: Bearer"),
    ("update with wrong token", "rw", "POST", "/sparql", {"Content-Type": U, "Authorization": "Bearer nope"},
     "CLEAR ALL", False, 401, "Authorization: Bearer"),
    ("update with basic auth", "rw", "POST", "/sparql", {"Content-Type": U, "Authorization": "Basic dTpw"},
     "CLEAR ALL", False, 401, "Authorization: Bearer"),
    ("update syntax", "rw", "POST", "/sparql", {"Content-Type": U}, "CLEAR XYZ", True, 400,
     "error at 1:10: expected one of ALL"),
    ("USING and using-graph-uri", "rw", "POST", "/sparql?using-graph-uri=http://g", {"Content-Type": U},
     "INSERT { ?s ?p ?o } USING <http://h> WHERE { ?s ?p ?o }", True, 400, "its own USING or WITH"),
    ("default-graph-uri on an update", "rw", "POST", "/sparql?default-graph-uri=http://g", {"Content-Type": U},
     "CLEAR ALL", True, 400, "belongs to queries"),
]


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_bad_request(case: tuple, request: pytest.FixtureRequest) -> None:
    _, which, method, path, headers, body, auth, status, message = case
    server: Server = request.getfixturevalue({"ro": "protocol_server", "rw": "writable_server"}[which])
    r = server.request(method, path, body, headers, auth=auth)
    assert r.status == status, r.body
    assert r.media_type == "application/problem+json"
    problem = json.loads(r.body)
    assert problem["status"] == status
    assert message in problem["detail"], problem["detail"]


def test_405_says_what_is_allowed(protocol_server: Server) -> None:
    r = protocol_server.request("PUT", "/sparql", "")
    assert {"GET", "POST"} <= {m.strip() for m in r.headers["allow"].split(",")}


def test_401_names_the_scheme(writable_server: Server) -> None:
    r = writable_server.request("POST", "/sparql", "CLEAR ALL", {"Content-Type": U})
    assert r.headers["www-authenticate"].startswith("Bearer")
