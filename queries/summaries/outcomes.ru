# The outcomes summary `…/graph/_outcomes`: for each ministry, tallies
# (pk:Tally) of the questions asked of it (pk:addressedTo, its ministère
# interrogé) and of those assigned to it (pk:assignedTo), by what became of them:
# pk:tallied is the role and the outcome, "asked answered", "asked withdrawn"
# (without an answer), "asked pending", and the same for "assigned". Each
# question counts once in each of its roles, under one outcome: the three
# tallies of a role add up to its questions. Read by `ministry-outcomes`.
# Kept apart from the ministries summary, whose roles differ ("reassigned",
# "responsible"...): added to it, these tallies cost more to build than alone.
# Rebuilt whole by `parlkg ingest` when documents changed (`parlkg summarise`).
# Each property is read by one index scan (a sub-SELECT) and joined in memory.
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_outcomes> ;

INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_outcomes> {
    ?row a pk:Tally ; pk:entity ?ministry ; pk:tallied ?tallied ; pk:documentCount ?documents .
  }
}
WHERE {
  {
    SELECT ?ministry ?role ?outcome (COUNT(DISTINCT ?q) AS ?documents) WHERE {
      { GRAPH ?g { ?q pk:addressedTo ?ministry } BIND("asked" AS ?role) }
      UNION
      { GRAPH ?g { ?q pk:assignedTo ?ministry } BIND("assigned" AS ?role) }
      {
        SELECT DISTINCT ?q WHERE {
          GRAPH <https://w3id.org/parlkg/graph/_ontology> { ?class rdfs:subClassOf* pk:Question }
          GRAPH ?c { ?q a ?class }
        }
      }
      OPTIONAL { SELECT ?q ?answeredOn WHERE { GRAPH ?x { ?q pk:answeredOn ?answeredOn } } }
      OPTIONAL { SELECT ?q ?withdrawnOn WHERE { GRAPH ?x { ?q pk:withdrawnOn ?withdrawnOn } } }
      BIND(IF(BOUND(?answeredOn), "answered",
              IF(BOUND(?withdrawnOn), "withdrawn", "pending")) AS ?outcome)
    }
    GROUP BY ?ministry ?role ?outcome
  }
  BIND(CONCAT(?role, " ", ?outcome) AS ?tallied)
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/tally/",
                  MD5(CONCAT("outcome ", STR(?ministry), " ", ?tallied)))) AS ?row)
}
