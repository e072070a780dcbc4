# The ministries summary `…/graph/_ministries`: for each ministry, tallies
# (pk:Tally) of its questions by what they count (pk:tallied): "asked" (its ministère interrogé),
# "reassigned" (asked of it, assigned to another ministry only), "responsible"
# (assigned to it, or asked of it and never assigned), and among those it is
# responsible for, "answered" (with pk:answerDelays: the delays in days, published
# -> answered, separated by spaces) and "withdrawn" (without an answer). Read by
# `ministry-workload`. Rebuilt whole by `parlkg ingest` when documents changed
# (`parlkg summarise`). Each property is read by one index scan (a sub-SELECT)
# and joined in memory (MINUS is such a join).
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_ministries> ;

INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_ministries> {
    ?row a pk:Tally ; pk:entity ?ministry ; pk:tallied ?tallied ; pk:documentCount ?documents ;
      pk:answerDelays ?delays .
  }
}
WHERE {
  {
    SELECT ?ministry ?tallied (COUNT(DISTINCT ?q) AS ?documents)
           (GROUP_CONCAT(COALESCE(CONCAT(?delay, " "), ""); separator="") AS ?allDelays)
    WHERE {
      {
        SELECT ?ministry ?q ?role WHERE {
          {
            GRAPH ?g { ?q pk:addressedTo ?ministry }
            BIND("asked" AS ?role)
          } UNION {
            # asked of this ministry, assigned to others only
            GRAPH ?g { ?q pk:addressedTo ?ministry }
            { SELECT DISTINCT ?q WHERE { GRAPH ?a { ?q pk:assignedTo ?other } } }
            MINUS { SELECT ?q ?ministry WHERE { GRAPH ?a { ?q pk:assignedTo ?ministry } } }
            BIND("reassigned" AS ?role)
          } UNION {
            GRAPH ?g { ?q pk:assignedTo ?ministry }
            BIND("responsible" AS ?role)
          } UNION {
            # asked of this ministry and never assigned
            GRAPH ?g { ?q pk:addressedTo ?ministry }
            MINUS { SELECT ?q WHERE { GRAPH ?a { ?q pk:assignedTo ?any } } }
            BIND("responsible" AS ?role)
          }
          {
            SELECT DISTINCT ?q WHERE {
              GRAPH <https://w3id.org/parlkg/graph/_ontology> { ?class rdfs:subClassOf* pk:Question }
              GRAPH ?c { ?q a ?class }
            }
          }
        }
      }
      OPTIONAL { SELECT ?q ?answeredOn WHERE { GRAPH ?x { ?q pk:answeredOn ?answeredOn } } }
      OPTIONAL { SELECT ?q ?withdrawnOn WHERE { GRAPH ?x { ?q pk:withdrawnOn ?withdrawnOn } } }
      OPTIONAL { SELECT ?q ?publishedOn WHERE { GRAPH ?x { ?q pk:publishedOn ?publishedOn } } }
      # date - date is an xsd:dayTimeDuration: "P343D", or "PT0S" for the same day
      BIND(STR(?answeredOn - ?publishedOn) AS ?duration)
      BIND(IF(?duration = "PT0S", "0", REPLACE(?duration, "^(-?)P([0-9]+)D$", "$1$2")) AS ?days)
      # each question once in its role, and again as "answered" or "withdrawn"
      # when it is this ministry's responsibility
      VALUES ?outcome { "" "answered" "withdrawn" }
      FILTER(?outcome = ""
             || (?role = "responsible" && ?outcome = "answered" && BOUND(?answeredOn))
             || (?role = "responsible" && ?outcome = "withdrawn" && !BOUND(?answeredOn)
                 && BOUND(?withdrawnOn)))
      BIND(IF(?outcome = "", ?role, ?outcome) AS ?tallied)
      BIND(IF(?outcome = "answered", ?days, ?none) AS ?delay)
    }
    GROUP BY ?ministry ?tallied
  }
  BIND(IF(?tallied = "answered", ?allDelays, ?none) AS ?delays)
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/tally/",
                  MD5(CONCAT("ministry ", STR(?ministry), " ", ?tallied)))) AS ?row)
}
