"""Each SHACL shape, tested on a small conforming graph and on a graph that violates it."""

from __future__ import annotations

import pytest
from rdflib import Graph

from diplograph.ingest.rdf import ontology_graph
from diplograph.ingest.validate import validate_graph

PREFIXES = """
@prefix dg: <https://w3id.org/diplograph/ontology#> .
@prefix status: <https://w3id.org/diplograph/status/> .
@prefix instrument: <https://w3id.org/diplograph/instrument/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <http://schema.org/> .
@prefix sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix : <http://example.org/> .
"""

CONFORMING = PREFIXES + """
:doc a dg:Cable ; dcterms:identifier "99TEST1" ; dg:sourceFile "x.txt" ;
    dcterms:created "2006-07-07T04:08:00"^^xsd:dateTime ; dg:classification "CONFIDENTIAL" .
:news a dg:NewsReport ; dcterms:identifier "news-1" ; dg:sourceFile "n.txt" ;
    dcterms:date "2007-10-17"^^xsd:date ; dcterms:title "An interview" .
:p1 a dg:Paragraph ; dcterms:isPartOf :doc ; dg:paragraphKey "1" ; dg:ordinal 1 ;
    nif:isString "Nakamura met Ivanov in Tokyo." .
:span a dg:EvidenceSpan ; nif:anchorOf "Nakamura met Ivanov" ; nif:referenceContext :p1 ;
    nif:beginIndex 0 ; nif:endIndex 19 .
:claim a dg:Claim ; prov:wasDerivedFrom :span ; prov:wasAttributedTo :embassy ; dg:about :meeting ;
    dg:status status:occurred ; dg:certainty "CT+" ; dg:paragraph :p1 ; dg:document :doc .
:identity a dg:IdentityDecision ; prov:wasDerivedFrom :span ; prov:wasAttributedTo :embassy ;
    dg:about :nakamura ; dg:status status:fact ; dg:certainty "CT+" ; dg:paragraph :p1 ; dg:document :doc ;
    dg:identityNote "Same title and division as in the earlier cable." .
:embassy a schema:GovernmentOrganization ; skos:prefLabel "Embassy Tokyo" .
:nakamura a schema:Person ; skos:prefLabel "Nakamura" .
:ivanov a schema:Person ; skos:prefLabel "Ivanov" .
:tokyo a schema:City ; skos:prefLabel "Tokyo" .
:japan a dg:State ; skos:prefLabel "Japan" .
:meeting a dg:Meeting ; skos:prefLabel "a meeting" ; sem:hasActor :nakamura, :ivanov ; sem:hasPlace :tokyo ;
    sem:hasEarliestBeginTimeStamp "2006-05-01"^^xsd:date ; sem:hasLatestEndTimeStamp "2006-05-31"^^xsd:date ;
    dg:status status:occurred .
:ms a org:Membership ; org:member :nakamura ; org:role :director ; dg:roleTitle "Director" ; org:organization :embassy .
:director a org:Role ; skos:prefLabel "Director" .
:mou a dg:Agreement ; skos:prefLabel "an MOU" ; dg:party :japan ; dg:signatory :nakamura ; dg:signedAt :meeting ;
    dg:instrumentType instrument:mou .
:pipeline a dg:Project ; skos:prefLabel "a pipeline" ; dg:figure :fig ; dg:dependsOn :mou ;
    dcterms:hasPart :stage .
:stage a dg:ProjectStage ; skos:prefLabel "stage two" ; dg:stageOf :pipeline .
:fig a schema:QuantitativeValue ; schema:value 1130 ; dg:figureText "1130 kilometers" ; schema:unitText "km" .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
:link a rdf:Statement ; rdf:subject :nakamura ; rdf:predicate skos:exactMatch ;
    rdf:object <http://www.wikidata.org/entity/Q1> ; prov:wasGeneratedBy :lookup .
:lookup a prov:Activity ; prov:used <https://query.wikidata.org/sparql> ; schema:query "SELECT * {}" ;
    prov:startedAtTime "2025-01-31T12:00:00Z"^^xsd:dateTime .
"""

# (shape, Turtle to remove from the conforming graph, Turtle to add)
CASES = [
    ("DocumentShape", ':doc a dg:Cable ; dcterms:identifier "99TEST1" ;', ':doc a dg:Cable ;'),
    ("CableShape", 'dg:classification "CONFIDENTIAL"', 'dg:origin "Embassy Tokyo"'),
    ("NewsReportShape", 'dcterms:date "2007-10-17"^^xsd:date', 'dcterms:date "2007-10-17"'),
    ("ParagraphShape", 'dg:ordinal 1 ;', 'dg:ordinal 0 ;'),
    ("QuoteAtOffsetsShape", 'nif:beginIndex 0 ; nif:endIndex 19', 'nif:beginIndex 1 ; nif:endIndex 20'),
    ("EvidenceSpanShape", 'nif:beginIndex 0 ; nif:endIndex 19', 'nif:beginIndex 19 ; nif:endIndex 0'),
    ("ClaimShape", ':claim a dg:Claim ; prov:wasDerivedFrom :span ; prov:wasAttributedTo :embassy ;',
     ':claim a dg:Claim ; prov:wasDerivedFrom :span ;'),
    ("ClaimShape", ':claim a dg:Claim ; prov:wasDerivedFrom :span ;', ':claim a dg:Claim ;'),
    ("ClaimShape", 'dg:status status:occurred ; dg:certainty "CT+" ; dg:paragraph :p1',
     'dg:status status:occurred ; dg:certainty "CT+" ; dg:paragraph :p2'),
    ("ClaimShape", 'dg:certainty "CT+" ; dg:paragraph :p1 ; dg:document :doc .\n:identity',
     'dg:certainty "certain" ; dg:paragraph :p1 ; dg:document :doc .\n:identity'),
    ("ClaimShape", 'dg:paragraph :p1 ; dg:document :doc .\n:identity',
     'dg:paragraph :p1 ; dg:document :news .\n:identity'),
    ("ClaimShape", 'dg:about :meeting ;\n    dg:status status:occurred',
     'dg:about :meeting ;\n    dg:status status:made-up'),
    ("IdentityDecisionShape", 'dg:identityNote "Same title and division as in the earlier cable."',
     'rdfs:comment "no note"'),
    ("EntityShape", ':ivanov a schema:Person ; skos:prefLabel "Ivanov" .', ':ivanov a schema:Person .'),
    ("SupportedEntityShape", ':japan a dg:State ; skos:prefLabel "Japan" .',
     ':japan a dg:State ; skos:prefLabel "Japan" .\n:russia a dg:State ; skos:prefLabel "Russia" .'),
    ("MembershipShape", 'org:member :nakamura ;', 'org:member :tokyo ;'),
    ("EventShape", 'sem:hasPlace :tokyo', 'sem:hasPlace :nakamura'),
    ("EventShape", 'sem:hasLatestEndTimeStamp "2006-05-31"^^xsd:date',
     'sem:hasLatestEndTimeStamp "2006-04-30"^^xsd:date'),
    ("MeetingShape", 'sem:hasActor :nakamura, :ivanov', 'sem:hasActor :nakamura'),
    ("MeetingShape", 'sem:hasActor :nakamura, :ivanov', 'sem:hasActor :japan'),
    ("InstrumentShape", 'dg:signatory :nakamura', 'dg:signatory :embassy'),
    ("ProjectStageShape", 'dg:stageOf :pipeline', 'dg:stageOf :tokyo'),
    ("FigureShape", 'schema:value 1130', 'schema:value "1130"'),
    ("StatusTargetShape", 'dg:status status:occurred .\n:ms', 'dg:status "occurred" .\n:ms'),
    ("LinkStatementShape", "prov:wasGeneratedBy :lookup .", "prov:wasGeneratedBy :nakamura ."),
    ("LookupShape", 'schema:query "SELECT * {}" ;', ""),
]


def graph(turtle: str) -> Graph:
    g = ontology_graph()
    g.parse(data=turtle.replace('rdfs:comment', '<http://www.w3.org/2000/01/rdf-schema#comment>'),
            format="turtle")
    return g


def test_conforming_graph_conforms():
    report = validate_graph(graph(CONFORMING))
    assert report.conforms, report.text()


def test_a_summit_may_name_only_the_organisation_that_meets():
    summit = CONFORMING + ':apec a dg:InternationalOrganization ; skos:prefLabel "APEC" .\n' + \
        ':apec2012 a dg:Summit ; skos:prefLabel "APEC summit" ; sem:hasActor :apec ; dg:status status:planned .\n' + \
        ':claim2 dg:about :apec2012 .\n'
    report = validate_graph(graph(summit))
    assert report.conforms, report.text()


@pytest.mark.parametrize("shape, old, new", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_violating_graph_is_caught_by_its_shape(shape, old, new):
    assert old in CONFORMING, "the case must change the conforming graph"
    report = validate_graph(graph(CONFORMING.replace(old, new, 1)))
    assert not report.conforms
    shapes = {(v.shape or "").rsplit("#", 1)[-1] for v in report.violations}
    assert shape in shapes, report.text()


def test_every_shape_has_a_violating_case():
    from diplograph.ingest.validate import shapes_graph

    declared = {
        str(s).rsplit("#", 1)[-1]
        for s in shapes_graph().subjects()
        if str(s).startswith("https://w3id.org/diplograph/shapes#") and str(s).endswith("Shape")
    }
    assert declared == {c[0] for c in CASES}
