"""SHACL validation of the store against ontology/shapes.ttl.

The shapes' core constraints (counts, datatypes, classes, lengths) are checked
by pyshacl. Their SPARQL constraints (the spans of mentions and statements
against the document text) are run by Oxigraph itself, over the store: pyshacl
would parse and run each of them once per focus node, which took 90 % of the
time on five documents and grows with every mention. Oxigraph runs each once,
for all the nodes of its shape's target class.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from parlkg.resources import shapes_file
from parlkg.store import GraphStore
from parlkg.vocab import AUTHORITY_GRAPH, ONTOLOGY_GRAPH

if TYPE_CHECKING:
    import rdflib

SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True, order=True)
class Violation:
    """One result of the validation: the node, the property, what the shape asks."""

    focus: str
    path: str
    message: str
    component: str  # "MinCountConstraintComponent", "SPARQLConstraintComponent"...

    def line(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"{self.focus}{path}: {self.message}  [{self.component}]"


@dataclass
class Validation:
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations

    def report(self) -> str:
        """One line per violation, sorted."""
        return "\n".join(v.line() for v in sorted(set(self.violations)))


@dataclass(frozen=True)
class SparqlCheck:
    """A SPARQL constraint of a shape, over the nodes of the shape's target classes."""

    targets: tuple[str, ...]
    select: str  # the constraint's SELECT, $this written ?this
    message: str
    prefixes: str  # PREFIX lines


def validate_store(store: GraphStore) -> Validation:
    """Documents, ontology and authority against the shapes."""
    import pyshacl
    import rdflib

    shapes = rdflib.Graph()
    shapes.parse(shapes_file(), format="turtle")
    core, checks = split_shapes(shapes)
    buffer = io.BytesIO()
    store.export(buffer, "ntriples", [*store.document_graphs(), ONTOLOGY_GRAPH, AUTHORITY_GRAPH])
    data = rdflib.Graph()
    data.parse(data=buffer.getvalue().decode("utf-8"), format="nt")
    _, results, _ = pyshacl.validate(
        data, shacl_graph=core, inference="none", advanced=True, allow_warnings=True
    )
    assert isinstance(results, rdflib.Graph)
    found = Validation(_results(results))
    for check in checks:
        found.violations.extend(run_check(store, check))
    return found


def split_shapes(shapes: rdflib.Graph) -> tuple[rdflib.Graph, list[SparqlCheck]]:
    """The shapes without their SPARQL constraints, and those constraints as checks."""
    import rdflib

    sh = rdflib.Namespace(SH)
    core = rdflib.Graph()
    for triple in shapes:
        if triple[1] != sh.sparql:
            core.add(triple)
    by_constraint: dict[rdflib.term.Node, list[str]] = {}
    for shape, constraint in shapes.subject_objects(sh.sparql):
        targets = [str(t) for t in shapes.objects(shape, sh.targetClass)]
        by_constraint.setdefault(constraint, []).extend(targets)
    checks = []
    for constraint, targets in sorted(by_constraint.items(), key=lambda kv: str(kv[0])):
        select = str(shapes.value(constraint, sh.select))
        prefixes = "".join(
            f"PREFIX {shapes.value(d, sh.prefix)}: <{shapes.value(d, sh.namespace)}>\n"
            for p in shapes.objects(constraint, sh.prefixes)
            for d in shapes.objects(p, sh.declare)
        )
        checks.append(
            SparqlCheck(
                tuple(sorted(set(targets))),
                select.replace("$this", "?this"),
                str(shapes.value(constraint, sh.message) or "SPARQL constraint violated"),
                prefixes,
            )
        )
    return core, checks


def run_check(store: GraphStore, check: SparqlCheck) -> list[Violation]:
    """The nodes of the target classes for which the constraint's SELECT has rows."""
    targets = " ".join(str(ox.NamedNode(t)) for t in check.targets)
    sparql = (
        f"{check.prefixes}SELECT * WHERE {{ VALUES ?target {{ {targets} }} "
        f"?this a ?target . {{ {check.select} }} }}"
    )
    result = store.query(sparql)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    out = []
    for row in result:
        values = {n: row[n].value for n in names if row[n] is not None}
        message = _fill(check.message, values)
        out.append(Violation(values["this"], "", message, "SPARQLConstraintComponent"))
    return out


def _fill(message: str, values: dict[str, str]) -> str:
    """A sh:message with its {$this} and {?var} replaced by the row's values."""
    return re.sub(r"\{[$?](\w+)\}", lambda m: values.get(m.group(1), m.group(0)), message)


def _results(results: rdflib.Graph) -> list[Violation]:
    import rdflib

    sh = rdflib.Namespace(SH)
    out = []
    for result in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        if results.value(result, sh.resultSeverity) != sh.Violation:
            continue
        component = str(results.value(result, sh.sourceConstraintComponent) or "")
        out.append(
            Violation(
                str(results.value(result, sh.focusNode)),
                str(results.value(result, sh.resultPath) or ""),
                str(results.value(result, sh.resultMessage) or ""),
                component.rsplit("#", 1)[-1],
            )
        )
    return out
