"""`parlkg eval`: measure readers and extractors against `.gold.json` files.

Each document with a `<name>.gold.json` beside it is ingested into a scratch
store; its graph is then read back with SPARQL (so what is measured is what an
analyst would get) and compared with the gold: per-field accuracy over the
metadata values the gold has, and precision/recall per entity category.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from parlkg.authority import Authority, load_authority
from parlkg.errors import InputError
from parlkg.ingest import ingest
from parlkg.read import read_file
from parlkg.store import GraphStore
from parlkg.text import fold
from parlkg.vocab import document_iri

METADATA_FIELDS = (
    "doc_type",
    "number",
    "legislature",
    "title",
    "rubrique",
    "author",
    "civility",
    "group",
    "constituency",
    "ministry_asked",
    "ministry_assigned",
    "published",
    "jo_page",
    "answered",
    "answer_jo_page",
    "withdrawn",
    "withdrawal_reason",
    "answered_by",
)
CATEGORIES = ("organisations+projects", "laws", "persons", "places", "speakers")

_CLASS_CATEGORY = {
    "Company": "organisations+projects",
    "PublicBody": "organisations+projects",
    "Organization": "organisations+projects",
    "Ministry": "organisations+projects",
    "Project": "organisations+projects",
    "Law": "laws",
    "Person": "persons",
    "Place": "places",
    "Constituency": "places",
}
_DOC_TYPES = {
    ("WrittenQuestion", "AN"): "question_ecrite",
    ("WrittenQuestion", "Senat"): "question_ecrite_senat",
    ("GovernmentQuestion", "AN"): "question_gouvernement",
    ("GovernmentQuestion", "Senat"): "question_actualite_senat",
    ("OralQuestion", "AN"): "question_orale",
    ("OralQuestion", "Senat"): "question_orale_senat",
    ("Letter", "AN"): "lettre",
    ("Letter", "Senat"): "lettre",
}

_PREFIX = """PREFIX pk: <https://w3id.org/parlkg/ontology#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class DocResult:
    source: str
    key: str | None
    error: str | None = None
    fields: dict[str, tuple[Any, Any, bool]] = field(default_factory=dict)  # gold, got, ok
    missed: dict[str, list[str]] = field(default_factory=dict)
    spurious: dict[str, list[str]] = field(default_factory=dict)
    relations_missed: list[str] = field(default_factory=list)
    relations_found: int = 0


@dataclass
class EvalReport:
    documents: list[DocResult] = field(default_factory=list)
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    categories: dict[str, Score] = field(default_factory=lambda: defaultdict(Score))
    relations: Score = field(default_factory=Score)
    merged: bool = False  # a sum of other reports: their documents are listed there

    def field_accuracy(self, name: str) -> float | None:
        ok, total = self.fields.get(name, (0, 0))
        return ok / total if total else None

    @property
    def metadata_accuracy(self) -> float:
        ok = sum(v[0] for v in self.fields.values())
        total = sum(v[1] for v in self.fields.values())
        return ok / total if total else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "metadata": {
                "overall": round(self.metadata_accuracy, 4),
                "fields": {
                    k: {"correct": v[0], "gold": v[1], "accuracy": round(v[0] / v[1], 4)}
                    for k, v in sorted(self.fields.items())
                    if v[1]
                },
            },
            "categories": {
                k: {
                    "tp": s.tp,
                    "fp": s.fp,
                    "fn": s.fn,
                    "precision": round(s.precision, 4),
                    "recall": round(s.recall, 4),
                }
                for k, s in sorted(self.categories.items())
            },
            "relations": {
                "gold": self.relations.tp + self.relations.fn,
                "found": self.relations.tp,
                "recall": round(self.relations.recall, 4),
            },
            "documents": [
                {
                    "source": d.source,
                    "key": d.key,
                    "error": d.error,
                    "wrong_fields": {
                        k: {"gold": g, "got": got} for k, (g, got, ok) in d.fields.items() if not ok
                    },
                    "missed": d.missed,
                    "spurious": d.spurious,
                    "relations_missed": d.relations_missed,
                }
                for d in self.documents
            ],
        }


# -- matching gold names to graph entities -----------------------------------

_STOP = {"le", "la", "les", "l", "de", "du", "des", "d", "et", "a", "au", "aux", "en"}


def _forms(name: str) -> set[str]:
    """Folded forms of a name: whole, without parentheses, the parenthesised part."""
    forms = {fold(name)}
    for inner in re.findall(r"\(([^()]*)\)", name):
        forms.add(fold(inner))
    bare = re.sub(r"\([^()]*\)", " ", name)
    bare = re.sub(r",\s*article\s+\S+$", "", bare.strip())
    forms.add(fold(bare))
    forms.add(" ".join(w for w in fold(bare).split() if w not in _STOP))
    forms.add(
        re.sub(r"^(?:ministere )", "", " ".join(w for w in fold(bare).split() if w not in _STOP))
    )
    forms.add(fold(bare).replace(" ", ""))  # "RadioFrance" is "Radio France" printed tight
    return {f for f in forms if f}


def _law_numbers(name: str) -> set[str]:
    return set(re.findall(r"\b\d{2,4}[-/]\d{1,5}\b", name))


def names_match(gold: str, names: list[str]) -> bool:
    gold_forms = _forms(gold)
    numbers = _law_numbers(gold)
    for name in names:
        forms = _forms(name)
        if gold_forms & forms:
            return True
        if numbers and numbers & _law_numbers(name):
            return True
        for g in gold_forms:
            for f in forms:
                short, long_ = sorted((g, f), key=len)
                if len(short.split()) >= 4 and long_.startswith(short):
                    return True
    return False


def _evidence_match(gold: str, quote: str) -> bool:
    g, q = fold(gold), fold(quote)
    if g in q or q in g:
        return True
    gw, qw = set(g.split()), set(q.split())
    return len(gw & qw) >= 0.6 * len(gw)


# -- reading facts back from the graph ----------------------------------------


def _rows(store: GraphStore, sparql: str) -> list[dict[str, str]]:
    result = store.query(_PREFIX + sparql)
    assert isinstance(result, ox.QuerySolutions)
    columns = [v.value for v in result.variables]
    return [{c: s[c].value for c in columns if s[c] is not None} for s in result]


def _values(doc: str) -> str:
    return f"VALUES ?doc {{ {ox.NamedNode(doc)} }}"


def graph_metadata(store: GraphStore, key: str) -> dict[str, Any]:
    doc = document_iri(key)
    (row,) = _rows(
        store,
        f"""SELECT ?class ?chamber ?number ?legislature ?title ?rubrique ?published ?jo_page
        ?answered ?answer_jo_page ?withdrawn ?withdrawal_reason WHERE {{ {_values(doc)}
        ?doc a ?class ; pk:chamber ?chamber .
        FILTER(?class IN (pk:WrittenQuestion, pk:GovernmentQuestion, pk:OralQuestion, pk:Letter))
        OPTIONAL {{ ?doc pk:number ?number }} OPTIONAL {{ ?doc pk:legislature ?legislature }}
        OPTIONAL {{ ?doc dcterms:title ?title }} OPTIONAL {{ ?doc pk:rubrique ?rubrique }}
        OPTIONAL {{ ?doc pk:publishedOn ?published }} OPTIONAL {{ ?doc pk:joPage ?jo_page }}
        OPTIONAL {{ ?doc pk:answeredOn ?answered }}
        OPTIONAL {{ ?doc pk:answerJoPage ?answer_jo_page }}
        OPTIONAL {{ ?doc pk:withdrawnOn ?withdrawn }}
        OPTIONAL {{ ?doc pk:withdrawalReason ?withdrawal_reason }} }}""",
    )
    meta: dict[str, Any] = dict(row)
    meta["doc_type"] = _DOC_TYPES.get((row["class"].rsplit("#", 1)[-1], row["chamber"]))
    people = _rows(
        store,
        f"""SELECT ?author ?civility ?group ?constituency WHERE {{ {_values(doc)}
        GRAPH ?g {{ ?doc pk:askedBy ?p . OPTIONAL {{ ?p pk:civility ?civility }}
          OPTIONAL {{ ?p pk:memberOf ?grp }}
          OPTIONAL {{ ?p pk:represents/rdfs:label ?constituency }} }}
        ?p rdfs:label ?author . OPTIONAL {{ ?grp rdfs:label ?group }} }}""",
    )
    if people:
        meta.update(people[0])
        meta["group_names"] = [r["group"] for r in people if "group" in r]
        meta["group_names"] += [
            r["n"]
            for r in _rows(
                store,
                f"SELECT ?n WHERE {{ {_values(doc)} "
                "GRAPH ?g { ?doc pk:askedBy/pk:memberOf ?grp } "
                "?grp skos:altLabel ?n }",
            )
        ]
    for prop, name in (("addressedTo", "ministry_asked"), ("assignedTo", "ministry_assigned")):
        labels = _rows(
            store,
            f"SELECT ?l WHERE {{ {_values(doc)} ?doc pk:{prop} ?m . "
            "{ ?m rdfs:label ?l } UNION { ?m skos:altLabel ?l } }",
        )
        meta[name] = [r["l"] for r in labels]
    answered_by = _rows(
        store, f"SELECT ?l WHERE {{ {_values(doc)} ?doc pk:answeredBy/rdfs:label ?l }}"
    )
    meta["answered_by"] = answered_by[0]["l"] if answered_by else None
    return meta


def graph_entities(store: GraphStore, key: str) -> dict[str, dict[str, list[str]]]:
    """category -> entity IRI -> its names, for the entities the document mentions."""
    doc = document_iri(key)
    rows = _rows(
        store,
        f"""SELECT ?e ?class ?name WHERE {{ {_values(doc)}
        ?doc pk:mentions ?e . ?e a ?class . FILTER(STRSTARTS(STR(?class), STR(pk:)))
        {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
        FILTER NOT EXISTS {{ ?doc pk:askedBy ?e }} }}""",
    )
    speakers = _rows(
        store,
        f"""SELECT ?e ?name WHERE {{ {_values(doc)}
        ?t pk:inDocument ?doc ; pk:speaker ?e . ?e rdfs:label ?name }}""",
    )
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        category = _CLASS_CATEGORY.get(r["class"].rsplit("#", 1)[-1])
        if category:
            out[category][r["e"]].append(r["name"])
    for r in speakers:
        out["speakers"][r["e"]].append(r["name"])
    return out


def graph_relations(store: GraphStore, key: str) -> list[dict[str, Any]]:
    doc = document_iri(key)
    rows = _rows(
        store,
        f"""SELECT ?st ?p ?quote ?sname ?oname WHERE {{ {_values(doc)}
        ?st pk:inDocument ?doc ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
            pk:exact ?quote .
        {{ ?s rdfs:label ?sname }} UNION {{ ?s skos:altLabel ?sname }}
        {{ ?o rdfs:label ?oname }} UNION {{ ?o skos:altLabel ?oname }} }}""",
    )
    statements: dict[str, dict[str, Any]] = {}
    for r in rows:
        st = statements.setdefault(
            r["st"], {"p": r["p"].rsplit("#", 1)[-1], "quote": r["quote"], "s": set(), "o": set()}
        )
        st["s"].add(r["sname"])
        st["o"].add(r["oname"])
    return list(statements.values())


# -- comparing ------------------------------------------------------------------


def _gold_metadata(gold: dict[str, Any]) -> dict[str, Any]:
    author = gold.get("author") or {}
    dates = gold.get("dates") or {}
    return {
        "doc_type": gold.get("doc_type"),
        "number": gold.get("number"),
        "legislature": gold.get("legislature"),
        "title": gold.get("title"),
        "rubrique": gold.get("rubrique"),
        "author": author.get("name"),
        "civility": author.get("civility"),
        "group": author.get("group"),
        "constituency": author.get("constituency"),
        "ministry_asked": gold.get("ministry_asked"),
        "ministry_assigned": gold.get("ministry_responsible"),
        "published": dates.get("published"),
        "jo_page": dates.get("jo_page"),
        "answered": dates.get("answered"),
        "answer_jo_page": dates.get("answer_jo_page"),
        "withdrawn": dates.get("withdrawn"),
        "withdrawal_reason": dates.get("withdrawn_reason"),
        "answered_by": gold.get("answered_by"),
    }


def _field_ok(name: str, gold: Any, got: dict[str, Any]) -> tuple[Any, bool]:
    value = got.get(name)
    if name in ("ministry_asked", "ministry_assigned"):
        return value, any(fold(v) == fold(str(gold)) for v in value or [])
    if name == "group":
        names = got.get("group_names") or ([value] if value else [])
        return value, any(fold(n) == fold(str(gold)) for n in names)
    if value is None:
        return None, False
    return value, fold(str(value)) == fold(str(gold))


def evaluate_documents(
    pairs: list[tuple[Path, Path]], store: GraphStore, authority: Authority
) -> EvalReport:
    """Compare documents (already ingested in `store`) with their gold files."""
    report = EvalReport()
    for source, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        try:
            key = read_file(source).key
        except InputError as exc:
            report.documents.append(DocResult(str(source), None, error=str(exc)))
            continue
        result = DocResult(str(source), key)
        report.documents.append(result)
        meta = graph_metadata(store, key)
        for name, gold_value in _gold_metadata(gold).items():
            if gold_value is None:
                continue
            got, ok = _field_ok(name, gold_value, meta)
            result.fields[name] = (gold_value, got, ok)
            report.fields[name][1] += 1
            report.fields[name][0] += ok
        _score_entities(report, result, gold, graph_entities(store, key))
        _score_relations(report, result, gold, graph_relations(store, key))
    return report


def _score_entities(
    report: EvalReport,
    result: DocResult,
    gold: dict[str, Any],
    got: dict[str, dict[str, list[str]]],
) -> None:
    gold_sets = {
        "organisations+projects": [*gold.get("organisations", []), *gold.get("projects", [])],
        "laws": gold.get("laws", []),
        "persons": gold.get("persons", []),
        "places": gold.get("places", []),
        "speakers": gold.get("speakers", []),
    }
    for category, gold_names in gold_sets.items():
        predicted = got.get(category, {})
        score = report.categories[category]
        missed = [g for g in gold_names if not any(names_match(g, n) for n in predicted.values())]
        spurious = [
            names[0]
            for names in predicted.values()
            if not any(names_match(g, names) for g in gold_names)
        ]
        score.fn += len(missed)
        score.tp += len(gold_names) - len(missed)
        score.fp += len(spurious)
        if missed:
            result.missed[category] = missed
        if spurious:
            result.spurious[category] = sorted(spurious)


def _score_relations(
    report: EvalReport, result: DocResult, gold: dict[str, Any], statements: list[dict[str, Any]]
) -> None:
    for rel in gold.get("relations", []):
        found = any(
            st["p"] == rel["predicate"]
            and names_match(rel["subject"], sorted(st["s"]))
            and names_match(rel["object"], sorted(st["o"]))
            and _evidence_match(rel["evidence"], st["quote"])
            for st in statements
        )
        if found:
            report.relations.tp += 1
            result.relations_found += 1
        else:
            report.relations.fn += 1
            result.relations_missed.append(f"{rel['subject']} {rel['predicate']} {rel['object']}")


def gold_pairs(paths: list[Path]) -> list[tuple[Path, Path]]:
    """(document, gold) pairs: every `X.gold.json` with a document `X.*` beside it."""
    pairs = []
    for path in paths:
        golds = sorted(path.glob("*.gold.json")) if path.is_dir() else [path]
        for gold in golds:
            stem = gold.name[: -len(".gold.json")]
            docs = sorted(
                p for p in gold.parent.glob(stem + ".*") if not p.name.endswith(".gold.json")
            )
            if docs:
                pairs.append((docs[0], gold))
    return pairs


def evaluate(paths: list[Path], authority: Authority | None = None) -> EvalReport:
    """Ingest the documents of `paths` that have a gold file into a scratch store and score them."""
    authority = load_authority() if authority is None else authority
    pairs = gold_pairs(paths)
    with (
        tempfile.TemporaryDirectory(prefix="parlkg-eval-") as tmp,
        GraphStore(Path(tmp) / "store") as store,
    ):
        ingest([doc for doc, _ in pairs], store, authority=authority)
        return evaluate_documents(pairs, store, authority)


def render_report(report: EvalReport) -> str:
    lines = [
        f"{len(report.documents)} document(s) with gold",
        "",
        "metadata (correct / gold values):",
    ]
    for name in METADATA_FIELDS:
        ok, total = report.fields.get(name, (0, 0))
        if total:
            lines.append(f"  {name:<18} {ok:>3} / {total:<3} {100 * ok / total:6.1f} %")
    lines.append(f"  {'overall':<18} {100 * report.metadata_accuracy:16.1f} %")
    lines += ["", "entities:", f"  {'category':<24} {'P':>6} {'R':>6}   tp  fp  fn"]
    for name in CATEGORIES:
        s = report.categories.get(name, Score())
        lines.append(f"  {name:<24} {s.precision:6.2f} {s.recall:6.2f} {s.tp:4} {s.fp:3} {s.fn:3}")
    r = report.relations
    lines += ["", f"relations of the gold found with evidence: {r.tp} / {r.tp + r.fn}"]
    for d in [] if report.merged else report.documents:
        problems = []
        if d.error:
            problems.append(f"error: {d.error}")
        problems += [
            f"{k}: gold {g!r}, got {got!r}" for k, (g, got, ok) in d.fields.items() if not ok
        ]
        problems += [f"missed {k}: {', '.join(v)}" for k, v in d.missed.items()]
        problems += [f"spurious {k}: {', '.join(v)}" for k, v in d.spurious.items()]
        problems += [f"missed relation: {m}" for m in d.relations_missed]
        if problems:
            lines += ["", Path(d.source).name] + [f"  {p}" for p in problems]
    return "\n".join(lines)


def render_markdown(reports: dict[str, EvalReport]) -> str:
    """The figures of docs/QUALITY.md, one table set per evaluated folder."""
    lines = []
    for name, report in reports.items():
        lines += [f"### `{name}` ({len(report.documents)} documents with gold)", ""]
        lines += ["| metadata field | correct | gold values | accuracy |", "|---|---:|---:|---:|"]
        for field_name in METADATA_FIELDS:
            ok, total = report.fields.get(field_name, (0, 0))
            if total:
                lines.append(f"| {field_name} | {ok} | {total} | {100 * ok / total:.1f} % |")
        lines.append(f"| **all fields** | | | **{100 * report.metadata_accuracy:.1f} %** |")
        lines += [
            "",
            "| category | precision | recall | tp | fp | fn |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for category in CATEGORIES:
            s = report.categories.get(category, Score())
            lines.append(
                f"| {category} | {s.precision:.2f} | {s.recall:.2f} | {s.tp} | {s.fp} | {s.fn} |"
            )
        r = report.relations
        lines += ["", f"Gold relations found with their evidence: {r.tp} / {r.tp + r.fn}.", ""]
        problems = []
        for d in [] if report.merged else report.documents:
            items = [
                f"{k}: gold `{g}`, got `{got}`" for k, (g, got, ok) in d.fields.items() if not ok
            ]
            items += [f"missed {k}: {', '.join(v)}" for k, v in d.missed.items()]
            items += [f"spurious {k}: {', '.join(v)}" for k, v in d.spurious.items()]
            items += [f"missed relation: {m}" for m in d.relations_missed]
            if d.error:
                items.insert(0, f"error: {d.error}")
            if items:
                problems.append(f"- `{Path(d.source).name}`: " + "; ".join(items))
        if problems:
            lines += ["Differences from the gold:", "", *problems, ""]
    return "\n".join(lines)


FIGURES_START = "<!-- figures:start (written by `parlkg eval --markdown`; do not edit) -->"
FIGURES_END = "<!-- figures:end -->"


def splice_figures(document: str, figures: str) -> str:
    """Put `figures` between the markers of `document` (or append them with markers)."""
    block = f"{FIGURES_START}\n\n{figures.strip()}\n\n{FIGURES_END}"
    if FIGURES_START in document and FIGURES_END in document:
        head, _, rest = document.partition(FIGURES_START)
        _, _, tail = rest.partition(FIGURES_END)
        return head + block + tail
    return (document.rstrip() + "\n\n" if document.strip() else "") + block + "\n"


def merge_reports(reports: list[EvalReport]) -> EvalReport:
    """One report summing the counts of several."""
    merged = EvalReport(merged=True)
    for report in reports:
        merged.documents += report.documents
        for name, (ok, total) in report.fields.items():
            merged.fields[name][0] += ok
            merged.fields[name][1] += total
        for name, score in report.categories.items():
            target = merged.categories[name]
            target.tp += score.tp
            target.fp += score.fp
            target.fn += score.fn
        merged.relations.tp += report.relations.tp
        merged.relations.fn += report.relations.fn
    return merged
