# The summary `…/graph/_citations-by-group`: for each law the documents cite
# and each group of the citing documents' authors (the group at the date of the
# document, in its graph; no pk:group: no known group), a tally (pk:Tally): the
# documents and their authors. Read by `laws-by-group`. Rebuilt whole by
# `parlkg ingest` when documents changed (`parlkg summarise`).
PREFIX pk: <https://w3id.org/parlkg/ontology#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_citations-by-group> ;

INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_citations-by-group> {
    ?row a pk:Tally ; pk:entity ?law ; pk:group ?party ; pk:documentCount ?documents ;
      pk:author ?who .
  }
}
WHERE {
  # (pk:nobody stands for "no known group" in the joins: an unbound variable
  # would match every group)
  {
    SELECT ?law ?grp (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
      GRAPH ?g { ?doc pk:cites ?law }
      OPTIONAL {
        SELECT ?g ?doc ?party WHERE {
          GRAPH ?g { ?doc pk:askedBy ?person }
          { SELECT ?g ?person ?party WHERE { GRAPH ?g { ?person pk:memberOf ?party } } }
        }
      }
      BIND(COALESCE(?party, pk:nobody) AS ?grp)
    }
    GROUP BY ?law ?grp
  }
  OPTIONAL {
    SELECT DISTINCT ?law ?grp ?who WHERE {
      GRAPH ?g { ?doc pk:cites ?law }
      { SELECT ?g ?doc ?who WHERE { GRAPH ?g { ?doc pk:askedBy ?who } } }
      OPTIONAL { SELECT ?g ?who ?party WHERE { GRAPH ?g { ?who pk:memberOf ?party } } }
      BIND(COALESCE(?party, pk:nobody) AS ?grp)
    }
  }
  BIND(IF(?grp != pk:nobody, ?grp, ?none) AS ?party)
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/tally/",
                  MD5(CONCAT("law-group ", STR(?law), " ", STR(?grp))))) AS ?row)
}
