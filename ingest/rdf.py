"""Turn parsed documents and checked curation into an RDF dataset: one named graph per claim."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from rdflib import RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, TIME

from .curated import (
    ACTOR_TYPES,
    EVENT_TYPES,
    INSTRUMENT_TYPES,
    PLACE_TYPES,
    PROJECT_TYPES,
    ClaimDef,
    Curation,
    EntityDef,
    date_bounds,
    parse_date_bound,
)
from .linkgraph import add_links
from .links import LinkEntry
from .sources import Document
from .vocab import DG, INSTRUMENT, NIF, PREFIXES, SCHEMA, SEM, STATUS

DEFAULT_BASE = "https://w3id.org/diplograph/"

ENTITY_CLASSES: dict[str, list[URIRef]] = {
    "Person": [SCHEMA.Person, DG.Actor],
    "Organization": [SCHEMA.Organization, DG.Actor],
    "GovernmentOrganization": [SCHEMA.GovernmentOrganization, DG.Actor],
    "Company": [SCHEMA.Corporation, DG.Actor],
    "InternationalOrganization": [DG.InternationalOrganization],
    "State": [DG.State],
    "Place": [SCHEMA.Place],
    "Region": [DG.Region],
    "City": [SCHEMA.City],
    "Port": [DG.Port],
    **{t: [DG[t]] for t in EVENT_TYPES},
    **{t: [DG[t]] for t in INSTRUMENT_TYPES | PROJECT_TYPES},
    "Issue": [DG.Issue],
}

RELATIONS: dict[str, URIRef] = {
    "part-of": DCTERMS.isPartOf,
    "member-of": ORG.memberOf,
    "located-in": SCHEMA.containedInPlace,
    "depends-on": DG.dependsOn,
    "interested-in": DG.interestedIn,
    "invests-in": DG.investsIn,
    "holds-interest-in": DG.holdsInterestIn,
    "controls": DG.controls,
    "hosts": DG.hosts,
    "counterpart-of": DG.counterpartOf,
    "supports": DG.supports,
    "opposes": DG.opposes,
    "follows-up": DG.followUpOf,
    "accompanies": DG.accompanies,
    "succeeds": DG.succeeds,
    "represents": DG.represents,
}

# FactBank certainty a status implies when the curator gives none.
DEFAULT_CERTAINTY = {
    "fact": "CT+", "occurred": "CT+", "ongoing": "CT+", "scheduled": "PR+", "planned": "PR+",
    "proposed": "PS+", "intended": "PR+", "hoped": "PS+", "expected": "PR+", "speculated": "PS+",
    "under-negotiation": "CT+", "stalled": "CT+", "signed": "CT+", "agreed": "CT+", "adopted": "CT+",
    "established": "CT+", "not-occurred": "CT-", "opinion": "PR+",
}
STATUS_BEARING_TYPES = EVENT_TYPES | INSTRUMENT_TYPES | PROJECT_TYPES
UN_CEFACT_UNITS = {"km": "KMT", "percent": "P1", "years": "ANN"}


def _kind(entity_type: str) -> str:
    """The IRI path segment for an entity type: person/, org/, place/, event/ …"""
    if entity_type == "Person":
        return "person"
    if entity_type in ACTOR_TYPES - {"State"}:
        return "org"
    if entity_type in PLACE_TYPES:
        return "place"
    if entity_type in EVENT_TYPES:
        return "event"
    if entity_type in INSTRUMENT_TYPES:
        return entity_type.lower()
    if entity_type in PROJECT_TYPES:
        return "project"
    return "issue"


def slug(text: str) -> str:
    """A lower-case hyphenated form of a title, for role IRIs."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(frozen=True)
class Minter:
    """Mints every IRI of the graph under one configurable base."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        if not re.match(r"^https?://\S+[/#]$", self.base):
            raise ValueError(f"base IRI {self.base!r} must be an http(s) IRI ending in / or #")

    def _iri(self, path: str) -> URIRef:
        return URIRef(self.base + path)

    def document(self, doc_id: str) -> URIRef:
        return self._iri(f"doc/{doc_id}")

    def paragraph(self, doc_id: str, key: str) -> URIRef:
        return self._iri(f"doc/{doc_id}/p/{key}")

    def span(self, doc_id: str, key: str, begin: int, end: int) -> URIRef:
        return self._iri(f"doc/{doc_id}/p/{key}/span/{begin}-{end}")

    def claim(self, doc_id: str, claim_id: str) -> URIRef:
        return self._iri(f"claim/{doc_id}/{claim_id}")

    def entity(self, entity: EntityDef) -> URIRef:
        return self._iri(f"{_kind(entity.type)}/{entity.id}")

    def membership(self, doc_id: str, claim_id: str) -> URIRef:
        return self._iri(f"membership/{doc_id}/{claim_id}")

    def role(self, title: str) -> URIRef:
        return self._iri(f"role/{slug(title)}")

    def graph(self, name: str) -> URIRef:
        return self._iri(f"graph/{name}")


@dataclass
class Built:
    """The dataset of a build, and where in the curated files each minted node comes from."""

    dataset: Dataset
    minter: Minter
    documents: dict[str, Document] = field(default_factory=dict)
    curation: Curation = field(default_factory=Curation)
    locations: dict[URIRef, str] = field(default_factory=dict)

    @property
    def claim_count(self) -> int:
        return len(self.curation.claims)

    def union(self) -> Graph:
        """All triples of all graphs in one graph (what SHACL validates)."""
        union = Graph()
        for prefix, iri in PREFIXES.items():
            union.bind(prefix, iri)
        for s, p, o, _ in self.dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union


def ontology_graph() -> Graph:
    """The ontology shipped with the package."""
    text = resources.files("diplograph.ontology").joinpath("diplograph.ttl").read_text()
    return Graph().parse(data=text, format="turtle")


def build_dataset(
    documents: dict[str, Document], curation: Curation, minter: Minter, links: Sequence[LinkEntry] = ()
) -> Built:
    """The whole graph: ontology, sources, entities, one named graph per claim, and confirmed links."""
    ds = Dataset()
    for prefix, iri in PREFIXES.items():
        ds.bind(prefix, iri)
    ds.bind("id", Namespace(minter.base))
    built = Built(dataset=ds, minter=minter, documents=documents, curation=curation)
    onto = ds.graph(minter.graph("ontology"))
    for triple in ontology_graph():
        onto.add(triple)
    sources = ds.graph(minter.graph("sources"))
    for doc in documents.values():
        _add_document(sources, doc, curation, minter)
    _add_entities(ds.graph(minter.graph("entities")), curation, built)
    prov = ds.graph(minter.graph("provenance"))
    for claim in curation.claims:
        _add_claim(ds, prov, claim, curation, built)
    add_links(ds, links, built)
    return built


def _add_document(g: Graph, doc: Document, curation: Curation, minter: Minter) -> None:
    d, meta = minter.document(doc.id), doc.metadata
    g.add((d, RDF.type, DG.Cable if doc.kind == "cable" else DG.NewsReport))
    g.add((d, DCTERMS.identifier, Literal(doc.id)))
    g.add((d, DG.sourceFile, Literal(f"corpus/sources/{doc.path.name}")))
    g.add((d, RDFS.label, Literal(f"{doc.id}: {meta.get('title', '')}".rstrip(": "))))
    if author := curation.authors.get(doc.id):
        g.add((d, DCTERMS.creator, minter.entity(curation.entities[author])))
    literal_fields = {
        "title": DCTERMS.title, "classification": DG.classification, "origin": DG.origin,
        "subject": DG.subjectLine, "classified_by": DG.classifiedBy,
        "classification_reason": DG.classificationReason, "declassify_on": DG.declassifyOn,
        "signer": DG.signerName, "routing": DG.routing, "date_time_group": DG.dateTimeGroup,
        "from": DG.sentFrom, "publisher": DCTERMS.publisher, "byline": DG.byline,
    }
    for key, pred in literal_fields.items():
        if meta.get(key):
            g.add((d, pred, Literal(str(meta[key]))))
    list_fields = {"tags": DG.tag, "references": DG.referenceText, "to": DG.addressee,
                   "info": DG.infoAddressee}
    for key, pred in list_fields.items():
        for value in meta.get(key, []) or []:
            g.add((d, pred, Literal(value)))
    if meta.get("created"):
        g.add((d, DCTERMS.created, Literal(str(meta["created"]), datatype=XSD.dateTime)))
    if meta.get("date"):
        g.add((d, DCTERMS.date, Literal(str(meta["date"]), datatype=XSD.date)))
    for p in doc.paragraphs:
        pi = minter.paragraph(doc.id, p.key)
        g.add((pi, RDF.type, DG.Paragraph))
        g.add((pi, DCTERMS.isPartOf, d))
        g.add((pi, DG.paragraphKey, Literal(p.key)))
        g.add((pi, DG.ordinal, Literal(p.ordinal)))
        g.add((pi, NIF.isString, Literal(p.text)))
        g.add((pi, RDFS.label, Literal(f"{doc.id} ¶{p.key}")))
        for value, pred in ((p.portion_marking, DG.portionMarking), (p.heading, DG.sectionHeading),
                            (p.role, DG.paragraphRole)):
            if value:
                g.add((pi, pred, Literal(value)))
        if note := curation.paragraph_notes.get((doc.id, p.key)):
            g.add((pi, RDFS.comment, Literal(note)))


def _add_entities(g: Graph, curation: Curation, built: Built) -> None:
    for ent in curation.entities.values():
        e = built.minter.entity(ent)
        built.locations[e] = f"{ent.path}:{ent.line}"
        for cls in ENTITY_CLASSES[ent.type]:
            g.add((e, RDF.type, cls))
        g.add((e, SKOS.prefLabel, Literal(ent.label)))
        g.add((e, RDFS.label, Literal(ent.label)))
        g.add((e, DG.curatedAt, Literal(f"{ent.path}#L{ent.line}")))
        for alt in ent.alt_labels:
            g.add((e, SKOS.altLabel, Literal(alt)))
        if ent.note:
            g.add((e, RDFS.comment, Literal(ent.note)))
        for ext in ent.external:
            g.add((e, SKOS.exactMatch, URIRef(ext["iri"])))


def _add_claim(ds: Dataset, prov: Graph, claim: ClaimDef, cur: Curation, built: Built) -> None:
    m, doc_id = built.minter, claim.document.id
    c = m.claim(doc_id, claim.id)
    span = m.span(doc_id, claim.para, claim.begin, claim.end)
    para, doc = m.paragraph(doc_id, claim.para), m.document(doc_id)
    about_def = cur.entities[claim.about]
    about = m.entity(about_def)
    where = f"{claim.path}:{claim.line}"
    built.locations.update({c: where, span: where})

    status = claim.data.get("status", "fact")
    prov.add((c, RDF.type, DG.Claim))  # identity decisions too: queries need no subclass reasoning
    if "identity" in claim.data:
        prov.add((c, RDF.type, DG.IdentityDecision))
    prov.add((c, RDFS.label, Literal(f"{doc_id} ¶{claim.para}: {claim.id}")))
    prov.add((c, DG.about, about))
    prov.add((c, PROV.wasDerivedFrom, span))
    prov.add((c, DG.paragraph, para))
    prov.add((c, DG.document, doc))
    prov.add((c, DG.status, STATUS[status]))
    prov.add((c, DG.certainty, Literal(claim.data.get("certainty", DEFAULT_CERTAINTY[status]))))
    prov.add((c, DG.curatedAt, Literal(f"{claim.path}#L{claim.line}")))
    if claim.according_to:
        prov.add((c, PROV.wasAttributedTo, m.entity(cur.entities[claim.according_to])))
    if told := claim.data.get("told_to"):
        prov.add((c, DG.toldTo, m.entity(cur.entities[told])))
    if note := claim.data.get("note"):
        prov.add((c, RDFS.comment, Literal(note)))
    if identity := claim.data.get("identity"):
        prov.add((c, DG.identityNote, Literal(identity)))
    if mention := claim.data.get("mention"):
        prov.add((c, DG.mentionedAs, Literal(mention)))
    prov.add((span, RDF.type, DG.EvidenceSpan))
    prov.add((span, NIF.anchorOf, Literal(claim.quote)))
    prov.add((span, NIF.referenceContext, para))
    prov.add((span, NIF.beginIndex, Literal(claim.begin)))
    prov.add((span, NIF.endIndex, Literal(claim.end)))
    prov.add((span, DG.document, doc))

    g = ds.graph(c)
    # The type of the subject is asserted by every claim about it: each claim graph is
    # non-empty, and the typing itself has evidence.
    for cls in ENTITY_CLASSES[about_def.type]:
        g.add((about, RDF.type, cls))
    _add_statement(g, c, about, about_def, claim, cur, built)


def _add_statement(
    g: Graph, c: URIRef, about: URIRef, about_def: EntityDef, claim: ClaimDef, cur: Curation, built: Built
) -> None:
    """The triples the claim asserts about its subject, in the claim's own graph."""
    m, data = built.minter, claim.data
    ref = lambda i: m.entity(cur.entities[i])  # noqa: E731
    is_event = about_def.type in EVENT_TYPES
    if mention := data.get("mention"):
        g.add((about, SKOS.altLabel, Literal(mention)))
    # The status of an event, agreement or project as this claim reports it; "fact" and
    # "opinion" qualify the statement itself, so they stay on the claim only.
    if data.get("status") not in (None, "fact", "opinion") and about_def.type in STATUS_BEARING_TYPES:
        g.add((about, DG.status, STATUS[data["status"]]))
    for actor in data.get("participants", []):
        g.add((about, SEM.hasActor if is_event else DG.participant, ref(actor)))
    if place := data.get("place"):
        g.add((about, SEM.hasPlace if is_event else SCHEMA.location, ref(place)))
    if spec := data.get("date"):
        low, high = date_bounds(spec)
        g.add((about, DG.dateText, Literal(spec["text"])))
        if low:
            g.add((about, SEM.hasEarliestBeginTimeStamp, Literal(low.isoformat(), datatype=XSD.date)))
        if high:
            g.add((about, SEM.hasLatestEndTimeStamp, Literal(high.isoformat(), datatype=XSD.date)))
    simple = {"subevent_of": SEM.subEventOf, "signed_at": DG.signedAt, "stage_of": DG.stageOf}
    for key, pred in simple.items():
        if key in data:
            g.add((about, pred, ref(data[key])))
    lists = {"topics": DCTERMS.subject, "parties": DG.party, "signatories": DG.signatory}
    for key, pred in lists.items():
        for item in data.get(key, []):
            g.add((about, pred, ref(item)))
    if inst := data.get("instrument"):
        g.add((about, DG.instrumentType, INSTRUMENT[inst]))
    for rel in data.get("relations", []):
        g.add((about, RELATIONS[rel["predicate"]], ref(rel["object"])))
    for n, fig in enumerate(data.get("figures", []), 1):
        _add_figure(g, URIRef(f"{c}/figure/{n}"), about, fig)
        built.locations[URIRef(f"{c}/figure/{n}")] = f"{claim.path}:{claim.line_of('figures')}"
    if role := data.get("role"):
        _add_role(g, about, role, claim, cur, built)


def _add_figure(g: Graph, f: URIRef, about: URIRef, fig: dict[str, Any]) -> None:
    unit = fig["unit"]
    money = re.fullmatch(r"[A-Z]{3}", unit) is not None
    g.add((about, DG.figure, f))
    g.add((f, RDF.type, SCHEMA.MonetaryAmount if money else SCHEMA.QuantitativeValue))
    g.add((f, SCHEMA.value, Literal(fig["value"])))
    g.add((f, DG.figureText, Literal(fig["text"])))
    if money:
        g.add((f, SCHEMA.currency, Literal(unit)))
    else:
        g.add((f, SCHEMA.unitText, Literal(unit)))
        if unit in UN_CEFACT_UNITS:
            g.add((f, SCHEMA.unitCode, Literal(UN_CEFACT_UNITS[unit])))
    if fig.get("quantity"):
        g.add((f, SCHEMA.name, Literal(fig["quantity"])))


def _add_role(g: Graph, person: URIRef, role: dict[str, str], claim: ClaimDef, cur: Curation,
              built: Built) -> None:
    m = built.minter
    ms = m.membership(claim.document.id, claim.id)
    built.locations[ms] = f"{claim.path}:{claim.line_of('role')}"
    r = m.role(role["title"])
    g.add((ms, RDF.type, ORG.Membership))
    g.add((ms, ORG.member, person))
    g.add((ms, ORG.role, r))
    g.add((r, RDF.type, ORG.Role))
    g.add((r, SKOS.prefLabel, Literal(role["title"])))
    g.add((ms, DG.roleTitle, Literal(role["title"])))
    if org := role.get("organization"):
        g.add((ms, ORG.organization, m.entity(cur.entities[org])))
    as_of = role.get("as_of") or _document_day(claim.document)
    if not as_of:
        return
    if role.get("former"):
        # A past post ("a former KGB officer"): an interval that ended by the as-of day.
        period = URIRef(f"{ms}/before")
        g.add((ms, ORG.memberDuring, period))
        g.add((period, RDF.type, TIME.Interval))
        g.add((period, SEM.hasLatestEndTimeStamp,
               Literal(parse_date_bound(as_of, True).isoformat(), datatype=XSD.date)))
        return
    instant = URIRef(f"{ms}/as-of")
    g.add((ms, ORG.memberDuring, instant))
    g.add((instant, RDF.type, TIME.Instant))
    if len(as_of) == 10:
        g.add((instant, TIME.inXSDDate, Literal(as_of, datatype=XSD.date)))
    else:  # a month or a year: bounds, not a day
        g.add((instant, SEM.hasEarliestBeginTimeStamp,
               Literal(parse_date_bound(as_of, False).isoformat(), datatype=XSD.date)))
        g.add((instant, SEM.hasLatestEndTimeStamp,
               Literal(parse_date_bound(as_of, True).isoformat(), datatype=XSD.date)))


def _document_day(doc: Document) -> str | None:
    """The day a document was written: when a role is said to be held, unless the claim says."""
    value = doc.metadata.get("created") or doc.metadata.get("date")
    return str(value)[:10] if value else None
