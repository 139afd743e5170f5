"""Namespaces of the vocabularies the graph uses; the project's own terms fail when misspelt."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

SCHEMA = Namespace("http://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
OA = Namespace("http://www.w3.org/ns/oa#")
STATUS = Namespace("https://w3id.org/diplograph/status/")
INSTRUMENT = Namespace("https://w3id.org/diplograph/instrument/")
ONTOLOGY_IRI = URIRef("https://w3id.org/diplograph/ontology")


class DG(DefinedNamespace):
    """The diplograph ontology (ontology/diplograph.ttl); a test keeps the two in step."""

    _NS = Namespace("https://w3id.org/diplograph/ontology#")
    _fail = True

    Actor: URIRef
    Adoption: URIRef
    Agreement: URIRef
    Briefing: URIRef
    Cable: URIRef
    Claim: URIRef
    Commissioning: URIRef
    Consultation: URIRef
    Decision: URIRef
    Document: URIRef
    Event: URIRef
    EvidenceSpan: URIRef
    Exercise: URIRef
    Forum: URIRef
    IdentityDecision: URIRef
    Instrument: URIRef
    InstrumentTypeScheme: URIRef
    InternationalOrganization: URIRef
    Issue: URIRef
    LegalDispute: URIRef
    Meeting: URIRef
    Negotiation: URIRef
    NewsReport: URIRef
    Paragraph: URIRef
    Port: URIRef
    Programme: URIRef
    Project: URIRef
    ProjectStage: URIRef
    Region: URIRef
    Signing: URIRef
    Speech: URIRef
    State: URIRef
    StatusScheme: URIRef
    Summit: URIRef
    Takeover: URIRef
    Visit: URIRef
    about: URIRef
    accompanies: URIRef
    addressee: URIRef
    byline: URIRef
    cameoCode: URIRef
    certainty: URIRef
    classification: URIRef
    classificationReason: URIRef
    classifiedBy: URIRef
    controls: URIRef
    counterpartOf: URIRef
    curatedAt: URIRef
    dateText: URIRef
    dateTimeGroup: URIRef
    declassifyOn: URIRef
    dependsOn: URIRef
    document: URIRef
    figure: URIRef
    figureText: URIRef
    followUpOf: URIRef
    holdsInterestIn: URIRef
    hosts: URIRef
    identityNote: URIRef
    infoAddressee: URIRef
    instrumentType: URIRef
    interestedIn: URIRef
    investsIn: URIRef
    mentionedAs: URIRef
    opposes: URIRef
    ordinal: URIRef
    origin: URIRef
    paragraph: URIRef
    paragraphKey: URIRef
    paragraphRole: URIRef
    participant: URIRef
    party: URIRef
    portionMarking: URIRef
    referenceText: URIRef
    represents: URIRef
    roleTitle: URIRef
    routing: URIRef
    sectionHeading: URIRef
    sentFrom: URIRef
    signatory: URIRef
    signedAt: URIRef
    signerName: URIRef
    sourceFile: URIRef
    stageOf: URIRef
    status: URIRef
    subjectLine: URIRef
    succeeds: URIRef
    supports: URIRef
    tag: URIRef
    toldTo: URIRef


PREFIXES: dict[str, str] = {
    "dg": "https://w3id.org/diplograph/ontology#",
    "status": str(STATUS),
    "instrument": str(INSTRUMENT),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "schema": str(SCHEMA),
    "sem": str(SEM),
    "time": "http://www.w3.org/2006/time#",
    "nif": str(NIF),
    "oa": str(OA),
}


def sparql_prologue() -> str:
    """PREFIX declarations for every namespace above, for queries written by hand."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
