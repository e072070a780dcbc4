# The citations summary `…/graph/_citations`: for each law the documents cite
# (pk:cites), a tally (pk:Tally): the documents citing it, their distinct
# authors and authors' groups (each author's group at the date of the
# document, in its graph), the first and last dates. Read by `laws-cited`.
# Rebuilt whole by `parlkg ingest` when documents changed (`parlkg summarise`),
# like `citations-by-group` and `citations-by-year`. The citations, dates,
# authors and groups are index scans (sub-SELECTs) joined in memory.
PREFIX pk: <https://w3id.org/parlkg/ontology#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_citations> ;

INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_citations> {
    ?row a pk:Tally ; pk:entity ?law ; pk:documentCount ?documents ; pk:authorCount ?authors ;
      pk:groupCount ?groups ; pk:firstDate ?first ; pk:lastDate ?last .
  }
}
WHERE {
  {
    SELECT ?law (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?who) AS ?authors)
           (COUNT(DISTINCT ?party) AS ?groups) (MIN(?date) AS ?first) (MAX(?date) AS ?last)
    WHERE {
      GRAPH ?g { ?doc pk:cites ?law }
      OPTIONAL { SELECT ?doc ?date WHERE { GRAPH ?h { ?doc pk:publishedOn ?date } } }
      OPTIONAL {
        SELECT ?doc ?who ?party WHERE {
          { SELECT ?h ?doc ?who WHERE { GRAPH ?h { ?doc pk:askedBy ?who } } }
          OPTIONAL { SELECT ?h ?who ?party WHERE { GRAPH ?h { ?who pk:memberOf ?party } } }
        }
      }
    }
    GROUP BY ?law
  }
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/tally/", MD5(CONCAT("law ", STR(?law))))) AS ?row)
}
