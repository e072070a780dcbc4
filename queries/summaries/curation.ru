# The curation summary `…/graph/_curation`: for each entity minted from the text
# (pk:reviewed false in the entities summary `…/graph/_entities`) that a mention
# refers to, a tally (pk:Tally, pk:entity): how many documents name it
# (pk:documentCount: the graphs of its mentions), how many mentions (pk:times),
# and one mention's quote, "<doc key>: …context…" (pk:example: SAMPLE, one
# mention, the same on a given store). Read by `awaiting-curation` (`parlkg
# curate`), which adds the kinds, labels, spellings and rules from `_entities`
# and leaves out the entities curated meanwhile (the authority file): counting
# there read every mention of every minted entity (700,000 on 100,000 documents,
# 1.3 s a query); here once an ingest (about 2 s on 100,000 documents). Rebuilt
# whole by `parlkg ingest` when documents changed (`parlkg summarise`).
# The mentions are one index scan on each minted entity (pk:refersTo, the entity
# bound); the quote is looked up for the sampled mention alone.
PREFIX pk: <https://w3id.org/parlkg/ontology#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_curation> ;
INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_curation> {
    ?row a pk:Tally ; pk:entity ?entity ; pk:documentCount ?documents ; pk:times ?mentions ;
      pk:example ?quote .
  }
}
WHERE {
  {
    SELECT ?entity (COUNT(DISTINCT ?g) AS ?documents) (COUNT(?mention) AS ?mentions)
           (SAMPLE(?mention) AS ?example)
    WHERE {
      GRAPH <https://w3id.org/parlkg/graph/_entities> { ?entity pk:reviewed false }
      GRAPH ?g { ?mention pk:refersTo ?entity }
    }
    GROUP BY ?entity
  }
  # a variable certainly bound (COALESCE) makes the OPTIONAL a lookup, not a scan
  BIND(COALESCE(?example, pk:nobody) AS ?quoted)
  OPTIONAL {
    GRAPH ?in {
      ?quoted pk:inDocument ?doc ; pk:start ?start ; pk:end ?end . ?doc pk:text ?text
    }
  }
  BIND(IF(?start > 50, ?start - 49, 1) AS ?from)
  BIND(CONCAT(STRAFTER(STR(?doc), "/id/document/"), ": …",
              REPLACE(SUBSTR(?text, ?from, ?end - ?from + 51), "\\s+", " "), "…") AS ?quote)
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/tally/",
                  MD5(CONCAT("curation ", STR(?entity))))) AS ?row)
}
