# The raised summary `…/graph/_raised`: for each entity a document concerns or
# cites (pk:concerns, pk:cites) and each parliamentary group of the document's
# author (the group at the date of the document, in its graph), how many
# documents raise it (pk:documentCount); a document whose author has no known
# group counts under no group (no pk:group). Rebuilt whole by `parlkg ingest`
# when documents changed (`parlkg summarise`); read by `cross-party-concerns`.
# The documents' entities, authors and the authors' groups are index scans
# (sub-SELECTs) joined in memory.
PREFIX pk: <https://w3id.org/parlkg/ontology#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_raised> ;
INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_raised> {
    ?row a pk:Tally ; pk:entity ?entity ; pk:group ?group ; pk:documentCount ?documents .
  }
}
WHERE {
  {
    SELECT ?entity ?group (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
      { GRAPH ?g { ?doc pk:concerns ?entity } } UNION { GRAPH ?g { ?doc pk:cites ?entity } }
      OPTIONAL {
        SELECT ?g ?doc ?group WHERE {
          GRAPH ?g { ?doc pk:askedBy ?person }
          { SELECT ?g ?person ?group WHERE { GRAPH ?g { ?person pk:memberOf ?group } } }
        }
      }
    }
    GROUP BY ?entity ?group
  }
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/tally/",
                  MD5(CONCAT("raised ", STR(?entity), " ", COALESCE(STR(?group), ""))))) AS ?row)
}
