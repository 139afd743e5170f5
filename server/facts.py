"""Statements about a resource, each with the claims that assert it and their provenance.

A claim is a named graph; a statement is a triple in one or more graphs. A triple in a claim's graph
gets that claim's `Source`: paragraph, evidence quote and offsets, status, informant. A triple in any
other graph (the curated entity list, the parsed sources) names that graph instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import pyoxigraph

from .graphdata import INCOMING_CAP, Term, labels, ref, rows, value, values
from .phrases import RDF_TYPE, main_type


@dataclass(frozen=True)
class Source:
    """One claim's provenance: where it was said, in which words, how surely and by whom."""

    claim: str
    paragraph: str
    paragraph_label: str
    document: str
    span: str
    quote: str
    begin: int
    end: int
    status: str | None
    status_label: str | None
    certainty: str | None
    informant: str | None
    informant_label: str | None
    told_to: str | None
    told_to_label: str | None
    note: str | None

    @property
    def anchor(self) -> str:
        """The id of the quote's place in its paragraph page."""
        return f"span-{self.begin}-{self.end}"

    @property
    def focus(self) -> str:
        """The `focus=` value that highlights this quote on its paragraph page."""
        return f"{self.begin}-{self.end}"


@dataclass
class Fact:
    """A triple read from one resource's side, with the claims (or other graphs) that state it."""

    subject: Term
    predicate: str
    object: Term
    incoming: bool
    sources: list[Source] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)

    @property
    def other(self) -> Term:
        """The term on the far side of the resource the page is about."""
        return self.subject if self.incoming else self.object


@dataclass(frozen=True)
class Summary:
    """What a page needs to show a linked resource: label, kind, and dates when it has them."""

    iri: str
    label: str
    type: str | None
    begin: date | None
    end: date | None
    date_text: str | None

    @property
    def sort_key(self) -> tuple:
        """Dated things first, in date order, then by label."""
        return (self.begin is None, self.begin or date.max, self.label.lower())


_SOURCES = """SELECT ?c ?para ?plabel ?doc ?span ?quote ?b ?e ?status ?slabel ?cert ?who ?wlabel ?told ?tlabel ?note
WHERE {{
  {values}
  ?c prov:wasDerivedFrom ?span ; dg:paragraph ?para ; dg:document ?doc .
  ?span nif:anchorOf ?quote ; nif:beginIndex ?b ; nif:endIndex ?e .
  OPTIONAL {{ ?para rdfs:label ?plabel }}
  OPTIONAL {{ ?c dg:status ?status OPTIONAL {{ ?status skos:prefLabel ?slabel }} }}
  OPTIONAL {{ ?c dg:certainty ?cert }}
  OPTIONAL {{ ?c prov:wasAttributedTo ?who OPTIONAL {{ ?who skos:prefLabel ?wlabel }} }}
  OPTIONAL {{ ?c dg:toldTo ?told OPTIONAL {{ ?told skos:prefLabel ?tlabel }} }}
  OPTIONAL {{ ?c rdfs:comment ?note }}
}}"""


def sources(claims: Iterable[str]) -> dict[str, Source]:
    """The provenance of each claim IRI given (graphs that are not claims are left out)."""
    claims = set(claims)
    if not claims:
        return {}
    out = {}
    for r in rows(_SOURCES.format(values=values("c", claims))):
        out[r["c"].value] = Source(
            claim=r["c"].value, paragraph=r["para"].value, paragraph_label=value(r, "plabel", r["para"].value),
            document=r["doc"].value, span=r["span"].value, quote=r["quote"].value,
            begin=int(r["b"].value), end=int(r["e"].value), status=value(r, "status"),
            status_label=value(r, "slabel"), certainty=value(r, "cert"), informant=value(r, "who"),
            informant_label=value(r, "wlabel"), told_to=value(r, "told"), told_to_label=value(r, "tlabel"),
            note=value(r, "note"))
    return out


def facts_about(iri: str, incoming: bool = True) -> list[Fact]:
    """Every statement with `iri` as subject, and (unless not wanted; up to a cap) as object, with its sources."""
    r = ref(iri)
    found: dict[tuple, Fact] = {}
    graphs: dict[tuple, list[str]] = {}
    out_rows = rows(f"SELECT ?g ?p ?o WHERE {{ GRAPH ?g {{ {r} ?p ?o }} }}")
    in_rows = rows(f"SELECT ?g ?s ?p WHERE {{ GRAPH ?g {{ ?s ?p {r} }} }} LIMIT {INCOMING_CAP}") if incoming else []
    for row in out_rows:
        key = (False, row["p"].value, row["o"])
        found.setdefault(key, Fact(pyoxigraph.NamedNode(iri), row["p"].value, row["o"], False))
        graphs.setdefault(key, []).append(row["g"].value)
    for row in in_rows:
        key = (True, row["p"].value, row["s"])
        found.setdefault(key, Fact(row["s"], row["p"].value, pyoxigraph.NamedNode(iri), True))
        graphs.setdefault(key, []).append(row["g"].value)
    known = sources(g for gs in graphs.values() for g in gs)
    for key, fact in found.items():
        for g in sorted(set(graphs[key])):
            if g in known:
                fact.sources.append(known[g])
            else:
                fact.graphs.append(g)
        fact.sources.sort(key=lambda s: (s.document, s.paragraph_label, s.begin))
    return list(found.values())


_SUMMARY = """SELECT ?x (SAMPLE(?pl) AS ?p) (SAMPLE(?rl) AS ?r) (SAMPLE(?other) AS ?o)
  (GROUP_CONCAT(DISTINCT STR(?t); separator=" ") AS ?types)
  (MIN(?b) AS ?begin) (MAX(?e) AS ?end) (MAX(?b) AS ?begin2) (MIN(?e) AS ?end2)
  (GROUP_CONCAT(DISTINCT ?dt; separator=" · ") AS ?dates) (MIN(?sb) AS ?sbegin) (MAX(?se) AS ?send)
WHERE {{
  {values}
  OPTIONAL {{ ?x skos:prefLabel ?pl }} OPTIONAL {{ ?x rdfs:label ?rl }}
  OPTIONAL {{ ?x dg:figureText|dg:roleTitle|nif:anchorOf|time:inXSDDate ?other }}
  OPTIONAL {{ ?x a ?t }}
  OPTIONAL {{ ?x sem:hasEarliestBeginTimeStamp ?b }} OPTIONAL {{ ?x sem:hasLatestEndTimeStamp ?e }}
  OPTIONAL {{ ?x dg:dateText ?dt }}
  OPTIONAL {{ ?x dg:signedAt ?ev . OPTIONAL {{ ?ev sem:hasEarliestBeginTimeStamp ?sb }}
             OPTIONAL {{ ?ev sem:hasLatestEndTimeStamp ?se }} }}
}} GROUP BY ?x"""


def summaries(iris: Iterable[str]) -> dict[str, Summary]:
    """Label, main class and date bounds of each IRI (an agreement without dates of its own takes its signing's)."""
    iris = {i for i in iris if i}
    if not iris:
        return {}
    out = {}
    for r in rows(_SUMMARY.format(values=values("x", iris))):
        x = r["x"].value
        begin, end = _bounds(r)
        out[x] = Summary(
            iri=x, label=value(r, "p") or value(r, "r") or value(r, "o") or x,
            type=main_type([t for t in value(r, "types", "").split() if t]),
            begin=begin, end=end, date_text=value(r, "dates") or None)
    return out


def _bounds(r: dict) -> tuple[date | None, date | None]:
    """The tightest interval all reports allow ("February" and "February 27-28" give the 27th-28th);
    the widest when they disagree; an agreement's signing event's when it has no dates of its own."""
    tight = _day(value(r, "begin2")), _day(value(r, "end2"))
    if tight[0] and tight[1] and tight[0] <= tight[1]:
        return tight
    wide = _day(value(r, "begin")), _day(value(r, "end"))
    if wide != (None, None):
        return wide
    return _day(value(r, "sbegin")), _day(value(r, "send"))


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def claim_statements(claims: Iterable[str]) -> dict[str, list[tuple[Term, str, Term]]]:
    """The triples each claim's named graph holds (what the claim says), typing triples last."""
    claims = set(claims)
    if not claims:
        return {}
    out: dict[str, list[tuple[Term, str, Term]]] = {c: [] for c in claims}
    for r in rows(f"SELECT ?c ?s ?p ?o WHERE {{ {values('c', claims)} GRAPH ?c {{ ?s ?p ?o }} }}"):
        out[r["c"].value].append((r["s"], r["p"].value, r["o"]))
    for triples in out.values():
        triples.sort(key=lambda t: (t[1] == RDF_TYPE, t[0].value != _first_subject(triples), t[1], t[2].value))
    return out


def _first_subject(triples: list[tuple[Term, str, Term]]) -> str:
    """The subject most triples are about (the claim's `about`, in practice)."""
    counts: dict[str, int] = {}
    for s, _, _ in triples:
        counts[s.value] = counts.get(s.value, 0) + 1
    return max(counts, key=counts.get) if counts else ""


def term_labels(terms: Iterable[Term]) -> dict[str, str]:
    """Labels for the IRIs among some terms."""
    return labels(t.value for t in terms if isinstance(t, pyoxigraph.NamedNode))
