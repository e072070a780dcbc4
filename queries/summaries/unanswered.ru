# The unanswered summary `…/graph/_unanswered`: each question without an answer
# (pk:answeredOn), with its responsible ministry (pk:responsibleMinistry: the
# ministry assigned, else the ministry asked), pk:status "withdrawn" or
# "pending", and its date as pk:firstDate (properties no document graph holds:
# a summary restating a document's triple, pk:publishedOn, would double it in
# queries over the union of the graphs). Read by
# `unanswered-by-ministry`. Rebuilt whole by `parlkg ingest` when documents
# changed (`parlkg summarise`). Each property is read by one index scan (a
# sub-SELECT) and joined in memory (MINUS is such a join).
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_unanswered> ;

INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_unanswered> {
    ?doc pk:responsibleMinistry ?ministry ; pk:status ?status ; pk:firstDate ?date .
  }
}
WHERE {
  { GRAPH ?g { ?doc pk:assignedTo ?ministry } }
  UNION
  {
    GRAPH ?g { ?doc pk:addressedTo ?ministry }
    MINUS { SELECT ?doc WHERE { GRAPH ?a { ?doc pk:assignedTo ?any } } }
  }
  MINUS { SELECT ?doc WHERE { GRAPH ?a { ?doc pk:answeredOn ?answered } } }
  {
    SELECT DISTINCT ?doc WHERE {
      GRAPH <https://w3id.org/parlkg/graph/_ontology> { ?class rdfs:subClassOf* pk:Question }
      GRAPH ?c { ?doc a ?class }
    }
  }
  OPTIONAL { SELECT ?doc ?withdrawnOn WHERE { GRAPH ?w { ?doc pk:withdrawnOn ?withdrawnOn } } }
  OPTIONAL { SELECT ?doc ?date WHERE { GRAPH ?d { ?doc pk:publishedOn ?date } } }
  BIND(IF(BOUND(?withdrawnOn), "withdrawn", "pending") AS ?status)
}
