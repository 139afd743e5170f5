"""Typed reads for the pages: SELECT rows as RDF terms, labels, types, existence; all through the query pool."""

from __future__ import annotations

import json
from collections.abc import Iterable

import pyoxigraph

from diplograph.ingest.vocab import sparql_prologue

from . import backend
from .results import QueryJob

Term = pyoxigraph.NamedNode | pyoxigraph.Literal | pyoxigraph.BlankNode
Row = dict[str, Term]
PROLOGUE = sparql_prologue()
INTERNAL_ROW_CAP = 1_000_000  # the pages' own queries are bounded by the data, not by the client row cap
INCOMING_CAP = 2000  # statements pointing at one resource shown or described (a status is the object of hundreds)


def from_json(binding: dict) -> Term:
    """A SPARQL JSON results binding as an RDF term."""
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return pyoxigraph.NamedNode(value)
    if kind == "bnode":
        return pyoxigraph.BlankNode(value)
    if "xml:lang" in binding:
        return pyoxigraph.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        return pyoxigraph.Literal(value, datatype=pyoxigraph.NamedNode(binding["datatype"]))
    return pyoxigraph.Literal(value)


def rows(sparql: str) -> list[Row]:
    """The rows of a SELECT (the prologue's prefixes predeclared), each value an RDF term."""
    job = QueryJob(PROLOGUE + sparql, None, None, None, True, "json", None, INTERNAL_ROW_CAP)
    doc = json.loads(backend.run_query(job).body)
    return [{k: from_json(v) for k, v in row.items()} for row in doc["results"]["bindings"]]


def ask(sparql: str) -> bool:
    """The answer of an ASK (the prologue's prefixes predeclared)."""
    return backend.ask(PROLOGUE + sparql)


def ref(iri: str) -> str:
    """An IRI as a SPARQL term, validated (pyoxigraph refuses a malformed IRI)."""
    return str(pyoxigraph.NamedNode(iri))


def is_iri(text: str) -> bool:
    """Whether `text` is a valid IRI (a request path can hold characters no IRI may)."""
    try:
        pyoxigraph.NamedNode(text)
    except ValueError:
        return False
    return True


def lit(text: str) -> str:
    """A string as a SPARQL literal, escaped."""
    return str(pyoxigraph.Literal(text))


def values(var: str, iris: Iterable[str]) -> str:
    """A VALUES block binding ?var to each IRI."""
    return f"VALUES ?{var} {{ {' '.join(ref(i) for i in sorted(set(iris)))} }}"


def value(row: Row, key: str, default: str | None = None) -> str | None:
    """The lexical value of a column, or `default` when it is unbound."""
    term = row.get(key)
    return term.value if term is not None else default


def exists(iri: str) -> bool:
    """Whether the store says anything with this IRI as subject, object or graph name."""
    r = ref(iri)
    return ask(f"ASK {{ {{ GRAPH ?g {{ {r} ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s ?p {r} }} }} "
               f"UNION {{ GRAPH {r} {{ ?s ?p ?o }} }} UNION {{ GRAPH ?g {{ ?s {r} ?o }} }} }}")


def types(iri: str) -> set[str]:
    """The classes of a resource, with their superclasses (the ontology graph is in the store)."""
    return {value(r, "t") for r in rows(f"SELECT DISTINCT ?t WHERE {{ {ref(iri)} a/rdfs:subClassOf* ?t }}")}


def labels(iris: Iterable[str]) -> dict[str, str]:
    """A display label for each IRI that has one (preferred label, else any label, quote, figure or title)."""
    iris = [i for i in set(iris) if i]
    if not iris:
        return {}
    found = rows(f"""SELECT ?x (SAMPLE(?pl) AS ?p) (SAMPLE(?rl) AS ?r) (SAMPLE(?other) AS ?o) WHERE {{
        {values("x", iris)}
        OPTIONAL {{ ?x skos:prefLabel ?pl }} OPTIONAL {{ ?x rdfs:label ?rl }}
        OPTIONAL {{ ?x dg:figureText|dg:roleTitle|nif:anchorOf|dcterms:title|time:inXSDDate ?other }}
    }} GROUP BY ?x""")
    out = {}
    for row in found:
        label = value(row, "p") or value(row, "r") or value(row, "o")
        if label:
            out[row["x"].value] = label
    return out
