# The summary `…/graph/_citations-by-year`: for each law the documents cite and
# each year of publication ("" when undated), a tally (pk:Tally): the documents
# and their references ("n° 2114", or the document key when unnumbered). Read by
# `laws-by-year`. Rebuilt whole by `parlkg ingest` when documents changed
# (`parlkg summarise`).
PREFIX pk: <https://w3id.org/parlkg/ontology#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_citations-by-year> ;

INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_citations-by-year> {
    ?row a pk:Tally ; pk:entity ?law ; pk:year ?year ; pk:documentCount ?documents ;
      pk:references ?refs .
  }
}
WHERE {
  {
    SELECT ?law ?year (COUNT(DISTINCT ?doc) AS ?documents)
           (GROUP_CONCAT(DISTINCT ?ref; separator=", ") AS ?refs)
    WHERE {
      GRAPH ?g { ?doc pk:cites ?law }
      OPTIONAL {
        SELECT ?doc ?y WHERE { GRAPH ?h { ?doc pk:publishedOn ?date } BIND(STR(YEAR(?date)) AS ?y) }
      }
      OPTIONAL {
        SELECT ?doc ?n WHERE { GRAPH ?h { ?doc pk:number ?number } BIND(CONCAT("n° ", ?number) AS ?n) }
      }
      BIND(COALESCE(?y, "") AS ?year)
      BIND(COALESCE(?n, STRAFTER(STR(?doc), "/id/document/")) AS ?ref)
    }
    GROUP BY ?law ?year
  }
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/tally/",
                  MD5(CONCAT("law-year ", STR(?law), " ", ?year)))) AS ?row)
}
