"""Page data for things (actors, events, agreements, projects, places …): sections of sourced statements."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pyoxigraph

from .facts import Fact, Source, Summary, facts_about, sources, summaries
from .graphdata import ref, rows, value, values
from .phrases import DCT, DG, NIF, ORG, PROV, RDF_TYPE, RDFS, SCHEMA, SEM, SKOS, class_label, predicate

OWL = "http://www.w3.org/2002/07/owl#"
# The first class (asserted or inherited) that matches decides the page; order matters (a state is an actor
# and a place: its page is an actor's).
KINDS = [
    (DG + "EvidenceSpan", "span"), (DG + "Paragraph", "paragraph"), (DG + "Claim", "claim"),
    (DG + "Document", "document"), (OWL + "Ontology", "ontology"), (DG + "Event", "event"),
    (DG + "Instrument", "agreement"), (DG + "Project", "project"), (DG + "Actor", "actor"),
    (SCHEMA + "Person", "actor"), (SCHEMA + "Organization", "actor"), (SCHEMA + "Place", "place"),
]
# Sections each kind of page shows first: (heading, predicate, read backwards). Everything else follows,
# grouped by predicate, so no statement is left off a page.
_WHEN = ("When (as the text gives it)", DG + "dateText", False)
_STATUS = ("Status", DG + "status", False)
_TOPICS = ("Topics", DCT + "subject", False)
_FIGURES = ("Figures", DG + "figure", False)
SECTIONS: dict[str, list[tuple[str, str, bool]]] = {
    "event": [_STATUS, _WHEN, ("Participants", SEM + "hasActor", False), ("Place", SEM + "hasPlace", False),
              ("Part of", SEM + "subEventOf", False), ("Sub-events", SEM + "subEventOf", True),
              ("Instruments signed during this event", DG + "signedAt", True), _TOPICS, _FIGURES],
    "agreement": [_STATUS, ("Kind of instrument", DG + "instrumentType", False), ("Parties", DG + "party", False),
                  ("Signatories", DG + "signatory", False), ("Signed during", DG + "signedAt", False), _WHEN,
                  ("Participants", DG + "participant", False), _TOPICS, _FIGURES],
    "project": [_STATUS, _FIGURES, ("Stages", DG + "stageOf", True), ("Stage of", DG + "stageOf", False),
                ("Participants", DG + "participant", False), ("Location", SCHEMA + "location", False), _WHEN,
                _TOPICS],
    "actor": [("Member of", ORG + "memberOf", False), ("Members", ORG + "memberOf", True)],
    "place": [("Events here", SEM + "hasPlace", True), ("Located here", SCHEMA + "location", True),
              ("In", SCHEMA + "containedInPlace", False), ("Contains", SCHEMA + "containedInPlace", True)],
}
# How an actor takes part in things: the actor page shows these as tables.
INVOLVEMENT = {SEM + "hasActor": "participant", DG + "party": "party", DG + "signatory": "signatory",
               DG + "participant": "participant"}
# Shown in the page header, or as lists of claims, rather than as statements.
HEADER = {(SKOS + "prefLabel", False), (RDFS + "label", False), (DG + "curatedAt", False), (RDF_TYPE, False),
          (SKOS + "altLabel", False), (RDFS + "comment", False), (SKOS + "exactMatch", False),
          (DG + "about", True), (PROV + "wasAttributedTo", True), (DG + "toldTo", True),
          (ORG + "member", True), (NIF + "referenceContext", True)}


def kind_of(types: set[str]) -> str:
    """Which page a resource with these classes gets."""
    return next((kind for cls, kind in KINDS if cls in types), "resource")


@dataclass
class EntityPage:
    """Everything an entity page shows."""

    iri: str
    kind: str
    label: str
    types: list[str]
    alt_labels: list[Fact]
    notes: list[str]
    matches: list[str]
    curated_at: list[str]
    sections: list[tuple[str, list[Fact]]]
    other: list[tuple[str, list[Fact]]]
    about: list[Source]
    said: list[Source]
    told: list[Source]
    summaries: dict[str, Summary]
    figures: dict[str, str]
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def names(self) -> dict[str, str]:
        """What to call each linked IRI: its label, or a figure's text."""
        return {**{i: s.label for i, s in self.summaries.items()}, **self.figures}


def entity_page(iri: str, kind: str) -> EntityPage:
    """The data of a thing's page: header, its kind's sections, every other statement, the claims about it."""
    facts = facts_about(iri)
    taken: set[int] = set()

    def take(pred: str, incoming: bool) -> list[Fact]:
        picked = [f for f in facts if f.predicate == pred and f.incoming == incoming and id(f) not in taken]
        taken.update(id(f) for f in picked)
        return picked

    header = {key: take(*key) for key in HEADER}
    involvement: list[Fact] = []
    if kind == "actor":  # shown in the actor's tables of events, instruments and projects instead
        involvement = [f for pred in INVOLVEMENT for f in take(pred, True)]
    sections = [(title, take(pred, inc)) for title, pred, inc in SECTIONS.get(kind, [])]
    rest: dict[str, list[Fact]] = {}
    for f in facts:
        if id(f) not in taken:
            rest.setdefault(predicate(f.predicate, f.incoming), []).append(f)
    linked = [f.other.value for f in facts if isinstance(f.other, pyoxigraph.NamedNode)]
    summary = summaries(linked + [iri])
    for _, group in [*sections, *rest.items()]:
        group.sort(key=lambda f: _order(f, summary))
    claim_srcs = sources(f.other.value for key in [(DG + "about", True), (PROV + "wasAttributedTo", True),
                                                   (DG + "toldTo", True)] for f in header[key])

    def listed(key: tuple[str, bool]) -> list[Source]:
        found = [claim_srcs[f.other.value] for f in header[key] if f.other.value in claim_srcs]
        return sorted(found, key=lambda s: (s.document, _para_order(s.paragraph_label), s.begin))

    page = EntityPage(
        iri=iri, kind=kind, label=_label(header, summary.get(iri), iri),
        types=sorted({class_label(f.object.value) for f in header[(RDF_TYPE, False)]}),
        alt_labels=sorted(header[(SKOS + "altLabel", False)], key=lambda f: f.object.value.lower()),
        notes=[f.object.value for f in header[(RDFS + "comment", False)]],
        matches=[f.object.value for f in header[(SKOS + "exactMatch", False)]],
        curated_at=[f.object.value for f in header[(DG + "curatedAt", False)]],
        sections=sections, other=sorted(rest.items()), about=listed((DG + "about", True)),
        said=listed((PROV + "wasAttributedTo", True)), told=listed((DG + "toldTo", True)),
        summaries=summary, figures=figure_texts(f.object.value for f in facts if f.predicate == DG + "figure"))
    if kind == "actor":
        page.extra = actor_extra(iri, involvement, summary)
    return page


def _label(header: dict, summary: Summary | None, iri: str) -> str:
    for key in ((SKOS + "prefLabel", False), (RDFS + "label", False)):
        if header[key]:
            return header[key][0].object.value
    return summary.label if summary else iri


def _order(f: Fact, summary: dict[str, Summary]) -> tuple:
    s = summary.get(f.other.value)
    return s.sort_key if s else (True, date.max, f.other.value.lower())


def _para_order(label: str) -> tuple:
    """`07TOKYO1267 ¶12` after `¶2`."""
    key = label.rsplit("¶", 1)[-1]
    return tuple(int(p) if p.isdigit() else 0 for p in key.replace("q", "0.").replace("a", "1.").split("."))


def figure_texts(iris: Iterable[str]) -> dict[str, str]:
    """Each figure as the text gives it, with what it measures and its value in its unit."""
    iris = set(iris)
    if not iris:
        return {}
    out = {}
    for r in rows(f"""SELECT ?f ?text ?v ?unit ?name WHERE {{ {values("f", iris)}
        ?f dg:figureText ?text ; schema:value ?v .
        OPTIONAL {{ ?f schema:currency|schema:unitText ?unit }} OPTIONAL {{ ?f schema:name ?name }} }}"""):
        name = value(r, "name")
        out[r["f"].value] = (f"{r['text'].value}" + (f" ({name})" if name else "")
                             + f" = {r['v'].value} {value(r, 'unit', '')}".rstrip())
    return out


@dataclass
class Involvement:
    """An event, instrument or project an actor took part in, with the others who did."""

    iri: str
    how: str
    facts: list[Fact]
    others: list[str]


def actor_extra(iri: str, facts: list[Fact], summary: dict[str, Summary]) -> dict:
    """An actor's roles over time, and the events, instruments and projects it took part in, in date order."""
    involved: dict[str, Involvement] = {}
    for f in facts:
        how = INVOLVEMENT[f.predicate]
        if f.incoming:
            entry = involved.setdefault(f.other.value, Involvement(f.other.value, how, [], []))
            entry.facts.append(f)
            if how not in entry.how:
                entry.how += f", {how}"
    if involved:
        for r in rows(f"""SELECT DISTINCT ?x ?a WHERE {{ {values("x", involved)}
                          ?x sem:hasActor|dg:party|dg:signatory|dg:participant ?a FILTER(?a != {ref(iri)}) }}"""):
            involved[r["x"].value].others.append(r["a"].value)
    held = roles(iri)
    summary.update(summaries([a for i in involved.values() for a in i.others]
                             + [r.organization for r in held if r.organization]))
    for i in involved.values():
        i.others.sort(key=lambda a: summary[a].label.lower() if a in summary else a)
    ordered = sorted(involved.values(), key=lambda i: summary[i.iri].sort_key if i.iri in summary else (True,))
    kind_of_item = {i.iri: _involvement_kind(summary.get(i.iri)) for i in ordered}
    return {
        "roles": held,
        "events": [i for i in ordered if kind_of_item[i.iri] == "event"],
        "instruments": [i for i in ordered if kind_of_item[i.iri] == "agreement"],
        "projects": [i for i in ordered if kind_of_item[i.iri] not in ("event", "agreement")],
    }


def _involvement_kind(s: Summary | None) -> str:
    t = (s.type or "") if s else ""
    if t.endswith(("#Agreement", "#Programme")):
        return "agreement"
    return "project" if t.endswith(("#Project", "#ProjectStage")) else "event"


@dataclass
class Role:
    """A post held, as of a day (or within bounds), with the claims that say so."""

    title: str
    organization: str | None
    as_of: str
    sources: list[Source]


def roles(iri: str) -> list[Role]:
    """The posts a person is said to hold, each as of the day the claim dates it, in date order."""
    found = rows(f"""SELECT ?c ?title ?org ?day ?from ?to WHERE {{ GRAPH ?c {{
        ?m org:member {ref(iri)} ; dg:roleTitle ?title . OPTIONAL {{ ?m org:organization ?org }}
        OPTIONAL {{ ?m org:memberDuring ?t OPTIONAL {{ ?t time:inXSDDate ?day }}
                   OPTIONAL {{ ?t sem:hasEarliestBeginTimeStamp ?from }}
                   OPTIONAL {{ ?t sem:hasLatestEndTimeStamp ?to }} }}
    }} }}""")
    known = sources(r["c"].value for r in found)
    grouped: dict[tuple, Role] = {}
    for r in found:
        when = value(r, "day") or " – ".join(filter(None, [value(r, "from"), value(r, "to")]))
        key = (r["title"].value, value(r, "org"), when)
        role = grouped.setdefault(key, Role(key[0], key[1], when, []))
        if r["c"].value in known:
            role.sources.append(known[r["c"].value])
    return sorted(grouped.values(), key=lambda x: (x.as_of or "9999", x.title))
