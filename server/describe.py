"""The machine-readable twin of a page: what the store says about one IRI, in any format of the registry.

The description holds every quad with the IRI as subject; quads with it as object (capped); the quads of
nodes minted under it (`…/as-of` of a membership, `…/figure/1` of a claim), as a concise bounded
description would hold blank nodes; the quads of its hash IRIs (`ontology#Visit` is described by the
document `ontology`, which is what a client fetching it gets); and, for a claim, its named graph. Formats that carry
named graphs (TriG, N-Quads, JSON-LD) keep each quad's graph, so the claim behind every triple survives;
triple formats (Turtle, N-Triples, RDF/XML) give the union.
"""

from __future__ import annotations

import pyoxigraph

from diplograph.ingest.formats import RdfFormat
from diplograph.ingest.vocab import PREFIXES

from .graphdata import INCOMING_CAP, lit, ref, rows


def description(iri: str) -> list[pyoxigraph.Quad]:
    """The quads that describe `iri` (see the module docstring)."""
    r = ref(iri)
    found = rows(f"""SELECT DISTINCT ?g ?s ?p ?o WHERE {{
        {{ GRAPH ?g {{ {r} ?p ?o }} BIND({r} AS ?s) }}
        UNION {{ SELECT ?g ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p {r} }} BIND({r} AS ?o) }} LIMIT {INCOMING_CAP} }}
        UNION {{ GRAPH ?g {{ {r} ?link ?s . ?s ?p ?o }} FILTER(isIRI(?s) && STRSTARTS(STR(?s), {lit(iri + "/")})) }}
        UNION {{ {{ SELECT DISTINCT ?s WHERE {{ ?s a ?type FILTER(STRSTARTS(STR(?s), {lit(iri + "#")})) }} }}
                 GRAPH ?g {{ ?s ?p ?o }} }}
        UNION {{ GRAPH {r} {{ ?s ?p ?o }} BIND({r} AS ?g) }}
    }}""")
    return [pyoxigraph.Quad(row["s"], row["p"], row["o"], row["g"]) for row in found]


def serialize(quads: list[pyoxigraph.Quad], fmt: RdfFormat, base: str) -> bytes:
    """The quads in `fmt`: graphs kept where the format has them, else one graph (each triple once)."""
    data: list = quads if fmt.datasets else list(dict.fromkeys(q.triple for q in quads))
    kwargs = {"prefixes": {**PREFIXES, "id": base}} if fmt.name in ("turtle", "trig") else {}
    return pyoxigraph.serialize(data, format=fmt.oxigraph, **kwargs)
