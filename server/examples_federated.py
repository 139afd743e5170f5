"""Federated example queries: this graph joined with another SPARQL endpoint, in both directions.

Data for the query page and the README; each is run by the tests against two live servers (ours and an
Oxigraph server holding tests/fixtures/federation/people.ttl). The other endpoint is a parameter: on a
public server it is whatever the operator allowlisted (`--service-allow`).
"""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.ingest.vocab import PREFIXES

USED = ("skos", "sem", "schema", "dg")


def prologue() -> str:
    """PREFIX lines for the namespaces the federated examples use."""
    return "".join(f"PREFIX {n}: <{PREFIXES[n]}>\n" for n in USED)


@dataclass(frozen=True)
class FederatedExample:
    """A question, the query that answers it with `{service}` for the other endpoint, and a value its answer has.

    `sent_to` says where the query is sent: "ours" (it calls the other endpoint by SERVICE) or "theirs"
    (another store's query that calls this endpoint).
    """

    slug: str
    question: str
    body: str
    expect: str
    sent_to: str = "ours"

    def sparql(self, service: str) -> str:
        """The full query text, the other endpoint's URL filled in."""
        return prologue() + self.body.strip().replace("{service}", service) + "\n"


FEDERATED = [
    FederatedExample(
        "ages-at-meetings",
        "How old was each participant at the summits, meetings and visits? (dates of birth from another "
        "endpoint that describes our people)", """
SELECT ?event ?person ?born (MAX(YEAR(?begin)) - YEAR(?born) AS ?ageThatYear) WHERE {
  VALUES ?type { dg:Meeting dg:Summit dg:Visit }
  ?e a ?type ; skos:prefLabel ?event ; sem:hasActor ?p ; sem:hasEarliestBeginTimeStamp ?begin .
  ?p skos:prefLabel ?person .
  SERVICE <{service}> { ?p schema:birthDate ?born }  # their data, joined on our person IRIs
}
GROUP BY ?event ?person ?born
ORDER BY ?event ?person""", "1952-10-07"),
    FederatedExample(
        "summits-of-people-born-before",
        "Another store asks: which of the people I hold attended summits, according to diplograph?", """
SELECT DISTINCT ?name ?born ?summit WHERE {
  ?p schema:name ?name ; schema:birthDate ?born .
  SERVICE <{service}> {  # diplograph's endpoint
    ?e a dg:Summit ; sem:hasActor ?p ; skos:prefLabel ?summit .
  }
}
ORDER BY ?born ?summit""", "November 2005 Japan-Russia Summit", sent_to="theirs"),
]
BY_SLUG = {e.slug: e for e in FEDERATED}


@dataclass(frozen=True)
class PageExample:
    """A federated example with its endpoint filled in, shaped like the query page's own examples."""

    slug: str
    question: str
    sparql: str
    expect: str


def page_examples(allowlist: list[str]) -> list[PageExample]:
    """The examples the query page offers: those sent to us, calling the first allowlisted endpoint (if any)."""
    if not allowlist:
        return []
    return [PageExample(e.slug, e.question, e.sparql(allowlist[0]), e.expect) for e in FEDERATED if e.sent_to == "ours"]
