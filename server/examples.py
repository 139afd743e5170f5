"""Example queries for the query page: each answers a real question about the corpus (each is tested)."""

from __future__ import annotations

from dataclasses import dataclass

from diplograph.ingest.vocab import PREFIXES

USED = ("rdf", "rdfs", "xsd", "skos", "dcterms", "prov", "org", "sem", "nif", "dg", "time")


def prologue(names: tuple[str, ...] = USED) -> str:
    """PREFIX lines for the namespaces the examples use."""
    return "".join(f"PREFIX {n}: <{PREFIXES[n]}>\n" for n in names)


@dataclass(frozen=True)
class Example:
    """A question, the query that answers it, and a value its answer must contain (for the tests)."""

    slug: str
    question: str
    body: str
    expect: str

    @property
    def sparql(self) -> str:
        """The full query text, prefixes first."""
        return prologue() + self.body.strip() + "\n"


EXAMPLES = [
    Example("signed-during-fradkov-visit",
            "Which agreements were signed during Prime Minister Fradkov's visit to Japan, and who says so, where?", """
SELECT DISTINCT ?agreement ?kind ?status ?informant ?quote ?paragraph WHERE {
  ?visit a dg:Visit ; skos:prefLabel ?visitLabel .
  FILTER(CONTAINS(?visitLabel, "Fradkov"))
  GRAPH ?claim { ?a dg:signedAt ?visit }          # the claim whose graph says so
  ?a skos:prefLabel ?agreement .
  OPTIONAL { ?a dg:instrumentType/skos:prefLabel ?kind }
  ?claim dg:status/skos:prefLabel ?status ;
         prov:wasAttributedTo/skos:prefLabel ?informant ;
         prov:wasDerivedFrom/nif:anchorOf ?quote ;
         dg:paragraph ?paragraph .
}
ORDER BY ?paragraph ?agreement""", "MOU to promote business between JETRO"),
    Example("who-met-whom",
            "Who met whom, and how often? (pairs of actors in the same meeting, summit, visit or talks)", """
SELECT ?first ?second (COUNT(DISTINCT ?event) AS ?meetings) WHERE {
  VALUES ?type { dg:Meeting dg:Summit dg:Visit dg:Consultation dg:Negotiation }
  ?event a ?type ; sem:hasActor ?a, ?b .
  FILTER(STR(?a) < STR(?b))
  ?a skos:prefLabel ?first . ?b skos:prefLabel ?second .
}
GROUP BY ?first ?second
ORDER BY DESC(?meetings) ?first ?second
LIMIT 25""", "Mikhail Fradkov"),
    Example("not-yet-happened",
            "What was only planned, hoped for or speculated about — and according to whom?", """
SELECT DISTINCT ?thing ?status ?informant ?quote WHERE {
  VALUES ?s { "planned" "scheduled" "proposed" "intended" "hoped" "expected" "speculated" }
  ?claim dg:status ?st ; dg:about ?x ; prov:wasAttributedTo/skos:prefLabel ?informant ;
         prov:wasDerivedFrom/nif:anchorOf ?quote .
  ?st skos:prefLabel ?status . FILTER(STR(?status) = ?s)
  ?x skos:prefLabel ?thing .
}
ORDER BY ?status ?thing""", "hoped"),
    Example("informants",
            "Who told the embassy what? Claims per informant, with the documents they appear in.", """
SELECT ?informant (COUNT(DISTINCT ?claim) AS ?claims)
       (GROUP_CONCAT(DISTINCT ?doc; separator=", ") AS ?documents) WHERE {
  ?claim a/rdfs:subClassOf* dg:Claim ; prov:wasAttributedTo ?who ; dg:document/dcterms:identifier ?doc .
  ?who skos:prefLabel ?informant .
}
GROUP BY ?informant
ORDER BY DESC(?claims)""", "Kazuhiko Nakamura"),
    Example("roles-over-time",
            "Which posts does each person hold, as of when, according to which document?", """
SELECT DISTINCT ?person ?role ?organisation ?asOf ?document WHERE {
  GRAPH ?claim { ?m org:member ?p ; dg:roleTitle ?role ; org:memberDuring/time:inXSDDate ?asOf . }
  OPTIONAL { GRAPH ?claim { ?m org:organization ?o } ?o skos:prefLabel ?organisation }
  ?p skos:prefLabel ?person .
  ?claim dg:document/dcterms:identifier ?document .
}
ORDER BY ?person ?asOf ?role""", "Principal Deputy Director"),
    Example("spelling-variants",
            "How do the sources write the same person? (every written form, with the paragraph that uses it)", """
SELECT DISTINCT ?person ?written ?paragraph WHERE {
  ?p a <http://schema.org/Person> ; skos:prefLabel ?person .
  GRAPH ?claim { ?p skos:altLabel ?written }
  ?claim dg:paragraph/rdfs:label ?paragraph .
  FILTER(?written != ?person)
}
ORDER BY ?person ?written ?paragraph""", "Ishigawa"),
    Example("events-in-date-order",
            "What happened when? Events with the dates the text gives, in date order.", """
SELECT ?event (GROUP_CONCAT(DISTINCT ?text; separator=" / ") AS ?when)
       (MIN(?begin) AS ?earliest) (MAX(?end) AS ?latest) WHERE {
  ?e a/rdfs:subClassOf* dg:Event ; skos:prefLabel ?event ; sem:hasEarliestBeginTimeStamp ?begin .
  OPTIONAL { ?e sem:hasLatestEndTimeStamp ?end }
  OPTIONAL { ?e dg:dateText ?text }
}
GROUP BY ?event
ORDER BY ?earliest ?event""", "G-8 Summit in St. Petersburg"),
    Example("figures",
            "What sums and quantities do the sources give, for what?", """
SELECT DISTINCT ?about ?figure ?value ?unit ?quote WHERE {
  GRAPH ?claim { ?x dg:figure ?f . ?f dg:figureText ?figure ; <http://schema.org/value> ?value .
                 OPTIONAL { ?f <http://schema.org/currency>|<http://schema.org/unitText> ?unit } }
  ?x skos:prefLabel ?about .
  ?claim prov:wasDerivedFrom/nif:anchorOf ?quote .
}
ORDER BY ?about ?figure""", "566 billion rubles"),
    Example("conflicting-reports",
            "Where do reports differ? Events, agreements and projects given more than one status, and by whom.", """
SELECT ?thing (GROUP_CONCAT(DISTINCT CONCAT(STR(?status), " (", ?informant, ")"); separator="; ") AS ?reports)
WHERE {
  { ?x a/rdfs:subClassOf* dg:Event } UNION { ?x a/rdfs:subClassOf* dg:Instrument }
  UNION { ?x a/rdfs:subClassOf* dg:Project }
  GRAPH ?claim { ?x dg:status ?st }               # the status as that claim reports it
  ?st skos:prefLabel ?status . FILTER(STR(?status) != "opinion")
  ?claim prov:wasAttributedTo/skos:prefLabel ?informant .
  ?x skos:prefLabel ?thing .
}
GROUP BY ?thing
HAVING (COUNT(DISTINCT ?st) > 1)
ORDER BY ?thing""", "speculated (Kazuhiko Nakamura)"),
]
BY_SLUG = {e.slug: e for e in EXAMPLES}
