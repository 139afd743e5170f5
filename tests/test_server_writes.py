"""Writes: every one validated against the SHACL shapes first; a violating write is refused, store unchanged."""

from __future__ import annotations

import json

import pytest

from .server_fixtures import Server

pytestmark = pytest.mark.server
DG = "https://w3id.org/diplograph/ontology#"
BAD = f"INSERT DATA {{ GRAPH <http://example.org/g> {{ <http://example.org/r> a <{DG}NewsReport> }} }}"


def test_a_conforming_update_is_applied(writable_server: Server) -> None:
    assert writable_server.update("INSERT DATA { <http://example.org/ok> <http://example.org/p> 1 }").status == 204
    assert json.loads(writable_server.query("ASK { <http://example.org/ok> ?p 1 }").body)["boolean"] is True


def test_an_update_that_breaks_the_shapes_is_refused(writable_server: Server) -> None:
    r = writable_server.update(BAD)
    assert r.status == 422
    detail = json.loads(r.body)["detail"]
    assert "the store is unchanged" in detail and "A news report has a title." in detail
    assert json.loads(writable_server.query("ASK { <http://example.org/r> ?p ?o }").body)["boolean"] is False


def test_a_graph_store_put_that_breaks_the_shapes_is_refused(writable_server: Server) -> None:
    body = f"<http://example.org/r2> a <{DG}NewsReport> ."
    r = writable_server.request("PUT", "/store?graph=http://example.org/g2", body, {"Content-Type": "text/turtle"},
                                auth=True)
    assert r.status == 422 and "A news report has a title." in json.loads(r.body)["detail"]
    assert writable_server.request("GET", "/store?graph=http://example.org/g2").status == 404


def test_a_graph_store_post_without_a_graph_creates_one(writable_server: Server) -> None:
    r = writable_server.request("POST", "/store", "<http://example.org/n> <http://example.org/p> 2 .",
                                {"Content-Type": "text/turtle"}, auth=True)
    assert r.status == 201
    location = r.headers["location"]
    assert location.startswith(f"{writable_server.url}/store/")
    got = writable_server.request("GET", location.removeprefix(writable_server.url), headers={"Accept": "text/turtle"})
    assert got.status == 200 and b"<http://example.org/n>" in got.body
