"""Where the ontology, authority file and query library are, installed or not."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_REPO = _PACKAGE.parents[1]


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "data" / name  # inside a wheel (pyproject force-include)
    if installed.is_dir():
        return installed
    return _REPO / name  # a source checkout or an editable install


def ontology_dir() -> Path:
    return _data_dir("ontology")


def queries_dir() -> Path:
    return _data_dir("queries")


def ontology_file() -> Path:
    return ontology_dir() / "parlkg.ttl"


def shapes_file() -> Path:
    return ontology_dir() / "shapes.ttl"


def authority_file() -> Path:
    return ontology_dir() / "authority.ttl"
