"""Words for the pages: predicates read forwards and backwards, classes, named graphs."""

from __future__ import annotations

import re

from .iris import local_name

DG = "https://w3id.org/diplograph/ontology#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SCHEMA = "http://schema.org/"
ORG = "http://www.w3.org/ns/org#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# (read from the subject, read from the object): "participant: Abe" on the event, "took part in: …" on Abe.
PREDICATES: dict[str, tuple[str, str]] = {
    SEM + "hasActor": ("participants", "took part in"),
    SEM + "hasPlace": ("place", "events here"),
    SEM + "subEventOf": ("part of", "sub-events"),
    SEM + "hasEarliestBeginTimeStamp": ("earliest begin", "earliest begin of"),
    SEM + "hasLatestEndTimeStamp": ("latest end", "latest end of"),
    DG + "dateText": ("date, as the text gives it", "date of"),
    DG + "status": ("status", "has this status"),
    DG + "signedAt": ("signed during", "instruments signed during this event"),
    DG + "party": ("parties", "party to"),
    DG + "signatory": ("signatories", "signed"),
    DG + "participant": ("participants", "participates in"),
    DG + "instrumentType": ("kind of instrument", "instruments of this kind"),
    DG + "stageOf": ("stage of", "stages"),
    DG + "figure": ("figures", "figure of"),
    DG + "about": ("about", "claims about it"),
    DG + "paragraph": ("paragraph", "claims from it"),
    DG + "document": ("document", "claims and spans from it"),
    DG + "toldTo": ("told to", "was told"),
    DG + "mentionedAs": ("mentioned as", "mention of"),
    DG + "dependsOn": ("depends on", "depended on by"),
    DG + "interestedIn": ("interested in", "of interest to"),
    DG + "investsIn": ("invests in", "investors"),
    DG + "holdsInterestIn": ("holds an interest in", "interests held by"),
    DG + "controls": ("controls", "controlled by"),
    DG + "hosts": ("hosts", "hosted by"),
    DG + "counterpartOf": ("counterpart of", "counterparts"),
    DG + "supports": ("supports", "supported by"),
    DG + "opposes": ("opposes", "opposed by"),
    DG + "followUpOf": ("follow-up of", "followed up by"),
    DG + "accompanies": ("accompanies", "accompanied by"),
    DG + "succeeds": ("succeeds", "succeeded by"),
    DG + "represents": ("represents", "represented by"),
    DG + "roleTitle": ("role", "role of"),
    DCT + "subject": ("topics", "topic of"),
    DCT + "isPartOf": ("part of", "parts"),
    DCT + "creator": ("author", "author of"),
    SCHEMA + "location": ("location", "located here"),
    SCHEMA + "containedInPlace": ("in", "contains"),
    ORG + "memberOf": ("member of", "members"),
    ORG + "member": ("member", "positions held"),
    ORG + "organization": ("organisation", "positions in it"),
    ORG + "role": ("role", "held by"),
    ORG + "memberDuring": ("held", "time of"),
    SKOS + "altLabel": ("also written", "also written"),
    SKOS + "exactMatch": ("same as", "same as"),
    RDFS + "comment": ("note", "note of"),
    PROV + "wasDerivedFrom": ("evidence", "evidence for"),
    PROV + "wasAttributedTo": ("according to", "claims attributed to them"),
    NIF + "referenceContext": ("in paragraph", "evidence spans in it"),
    RDF_TYPE: ("is a", "instances"),
}
GRAPH_WORDS = {
    "entities": "the curated entity list",
    "sources": "the source document as parsed",
    "provenance": "the provenance graph",
    "ontology": "the ontology",
}


def words(text: str) -> str:
    """`GovernmentOrganization` or `hasActor` as lower-case words."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text).replace("-", " ").replace("_", " ").lower()


def predicate(iri: str, incoming: bool = False) -> str:
    """How a predicate reads on the subject's page, or (incoming) on the object's."""
    if iri in PREDICATES:
        return PREDICATES[iri][1 if incoming else 0]
    name = words(local_name(iri))
    return f"{name} (of)" if incoming else name


def class_label(iri: str) -> str:
    """A class as words: `dg:LegalDispute` → legal dispute, `schema:Corporation` → company."""
    return {SCHEMA + "Corporation": "company", DG + "State": "state"}.get(iri) or words(local_name(iri))


def main_type(type_iris: list[str]) -> str | None:
    """The most telling of a resource's classes: the project's own before schema.org's, never plain actor."""
    skip = {DG + "Actor", SCHEMA + "Organization"} if len(type_iris) > 1 else set()
    ranked = sorted((t for t in type_iris if t not in skip),
                    key=lambda t: (0 if t.startswith(DG) else 1 if t.startswith(SCHEMA) else 2, t))
    return ranked[0] if ranked else None


def graph_words(iri: str) -> str:
    """A named graph that is not a claim, as words."""
    return GRAPH_WORDS.get(local_name(iri), local_name(iri))
