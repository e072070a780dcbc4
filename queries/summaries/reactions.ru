# The summary `…/graph/_reactions`: for each kind of reaction in the debates
# (a stage direction's kind: applause, protest, exclamation, interjection, other;
# or "interruption": a named speaker's turn between two turns of another named
# speaker, and shorter than the turn it cuts into), who reacted (pk:by: a group
# or a person, absent when the stage direction names nobody) and during whose
# turn (pk:target: its speaker, absent when unknown), a tally (pk:Tally): how
# many stage directions or turns (pk:times), the debates, by number ("n° 585")
# or document key (pk:references), and the latest as printed (pk:example: of
# the newest debate; at one date, the greatest in character order). Read by
# `debate-reactions`, which adds the labels. Rebuilt whole by `parlkg ingest`
# when documents changed (`parlkg summarise`). Its own predicates, not the
# documents' (pk:reactionKind, pk:byGroup, pk:speaker...): the union default
# graph would count a restated triple twice.
# The aggregate is the one `debate-reactions` used to run live, pattern for
# pattern, except that an update reads the store's default graph, not the union
# of the graphs: each pattern names its graph (GRAPH ?h, not projected: the same
# rows as the union). Reactions, turns and their properties are index scans
# (sub-SELECTs, each read once) joined in memory; only the few turns found
# between two turns of one other speaker have their offsets looked up.
PREFIX pk: <https://w3id.org/parlkg/ontology#>

DROP SILENT GRAPH <https://w3id.org/parlkg/graph/_reactions> ;

INSERT {
  GRAPH <https://w3id.org/parlkg/graph/_reactions> {
    ?row a pk:Tally ; pk:kind ?kind ; pk:by ?by ; pk:target ?target ; pk:times ?times ;
      pk:references ?debates ; pk:example ?example .
  }
}
WHERE {
  {
    SELECT ?kind ?by ?target (COUNT(DISTINCT ?event) AS ?times)
           (GROUP_CONCAT(DISTINCT ?ref; separator=", ") AS ?debates)
           (MAX(CONCAT(COALESCE(STR(?date), ""), " ", ?text)) AS ?latest)
    WHERE {
      {
        GRAPH ?g { ?doc pk:hasReaction ?event }
        { SELECT ?event ?kind WHERE { GRAPH ?h { ?event pk:reactionKind ?kind } } }
        GRAPH ?g { ?event pk:exact ?text }
        OPTIONAL {
          SELECT ?event ?by WHERE {
            { GRAPH ?h { ?event pk:byGroup ?by } } UNION { GRAPH ?h { ?event pk:byPerson ?by } }
          }
        }
        OPTIONAL {
          SELECT ?event ?target WHERE {
            GRAPH ?h { ?event pk:during ?turn }
            { SELECT ?turn ?target WHERE { GRAPH ?i { ?turn pk:speaker ?target } } }
          }
        }
      } UNION {
        # a named speaker's turn, and the turns around it found by their rank in the
        # same graph: three tables of the named turns, joined on (graph, rank)
        {
          SELECT ?g ?doc ?event ?order ?by WHERE {
            GRAPH ?g { ?doc pk:hasTurn ?event }
            { SELECT ?event ?order WHERE { GRAPH ?h { ?event pk:order ?order } } }
            { SELECT ?event ?by WHERE { GRAPH ?h { ?event pk:speaker ?by } } }
          }
        }
        BIND(?order - 1 AS ?orderBefore)
        BIND(?order + 1 AS ?orderAfter)
        {
          SELECT ?g ?before ?orderBefore ?target WHERE {
            GRAPH ?g { ?docBefore pk:hasTurn ?before }
            { SELECT ?before ?orderBefore WHERE { GRAPH ?h { ?before pk:order ?orderBefore } } }
            { SELECT ?before ?target WHERE { GRAPH ?h { ?before pk:speaker ?target } } }
          }
        }
        {
          SELECT ?g ?after ?orderAfter ?target WHERE {
            GRAPH ?g { ?docAfter pk:hasTurn ?after }
            { SELECT ?after ?orderAfter WHERE { GRAPH ?h { ?after pk:order ?orderAfter } } }
            { SELECT ?after ?target WHERE { GRAPH ?h { ?after pk:speaker ?target } } }
          }
        }
        FILTER(?target != ?by)
        # looked up for these few turns only (an OPTIONAL on bound variables is a lookup)
        OPTIONAL { GRAPH ?g { ?event pk:start ?start } }
        OPTIONAL { GRAPH ?g { ?event pk:end ?end } }
        OPTIONAL { GRAPH ?g { ?before pk:start ?startBefore } }
        OPTIONAL { GRAPH ?g { ?before pk:end ?endBefore } }
        FILTER(?end - ?start < ?endBefore - ?startBefore)
        OPTIONAL { GRAPH ?g { ?doc pk:text ?body } }
        BIND("interruption" AS ?kind)
        BIND(SUBSTR(?body, ?start + 1, ?end - ?start) AS ?text)
      }
      OPTIONAL { SELECT ?doc ?date WHERE { GRAPH ?h { ?doc pk:publishedOn ?date } } }
      OPTIONAL { SELECT ?doc ?number WHERE { GRAPH ?h { ?doc pk:number ?number } } }
      BIND(COALESCE(CONCAT("n° ", ?number), STRAFTER(STR(?doc), "/id/document/")) AS ?ref)
    }
    GROUP BY ?kind ?by ?target
  }
  BIND(REPLACE(?latest, "^[0-9-]* ", "") AS ?example)
  BIND(IRI(CONCAT("https://w3id.org/parlkg/summary/tally/",
                  MD5(CONCAT("reaction ", STR(?kind), " ", COALESCE(STR(?by), ""), " ",
                             COALESCE(STR(?target), ""))))) AS ?row)
}
