# The facts summary `…/graph/_facts`: each typed relation the documents state
# (pk:factSubject, pk:factPredicate, pk:factObject: "Health Data Hub hosted by
# Microsoft"; not rdf:subject..., which mark the statements of documents), once, with
# how many documents state it, the first and last dates they bear, and its
# newest statement (pk:exampleStatement: of the newest document, the last by
# IRI; its graph holds its quote and document).
# Rebuilt whole by `parlkg ingest` when documents changed (`parlkg summarise`);
# read by the queries that walk or count facts across the store
# (`sovereignty-exposure`, `actor-relations-2hop`) instead of every statement.
# The statements' subjects, objects and documents' dates are index scans
# (sub-SELECTs) joined in memory; the relations are pk:relation's sub-properties.
PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_facts> ;
INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_facts> {
    ?fact a pk:Fact ; pk:factSubject ?s ; pk:factPredicate ?p ; pk:factObject ?o ;
      pk:documentCount ?documents ; pk:firstDate ?first ; pk:lastDate ?last ;
      pk:exampleStatement ?example .
  }
}
WHERE {
  {
    SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?documents) (MIN(?date) AS ?first)
           (MAX(?date) AS ?last)
           (MAX(CONCAT(COALESCE(STR(?date), ""), " ", STR(?st))) AS ?newest)
    WHERE {
      GRAPH <https://w3id.org/parlkg/graph/_ontology> { ?p rdfs:subPropertyOf pk:relation }
      GRAPH ?g { ?st rdf:predicate ?p }
      { SELECT ?st ?s WHERE { GRAPH ?gs { ?st rdf:subject ?s } } }
      { SELECT ?st ?o WHERE { GRAPH ?go { ?st rdf:object ?o } } }
      OPTIONAL { SELECT ?g ?date WHERE { GRAPH ?g { ?doc pk:publishedOn ?date } } }
    }
    GROUP BY ?s ?p ?o
  }
  BIND(IRI(STRAFTER(?newest, " ")) AS ?example)
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/fact/",
                  MD5(CONCAT(STR(?s), " ", STR(?p), " ", STR(?o))))) AS ?fact)
}
