"""The error tree of parlkg: every failure a user can cause is one of these.

Each error says what failed, where (a file, an IRI, a query) and, when there is
one, what to do about it. The CLI maps them to documented exit codes.
"""

from __future__ import annotations

from pathlib import Path


class ParlkgError(Exception):
    """Base of all errors raised on purpose by parlkg."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class InputError(ParlkgError, ValueError):
    """A source document that cannot be read: names the file and the reason."""

    exit_code = 2

    def __init__(self, path: Path | str, reason: str, *, hint: str | None = None) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}", hint=hint)


class EmptyInputError(InputError):
    """The file has no content."""


class BinaryInputError(InputError):
    """The file is not text (NUL bytes, undecodable)."""


class UnknownLayoutError(InputError):
    """The text is in no layout a reader knows."""


class TruncatedInputError(InputError):
    """The document stops before the parts a reader needs."""


class StoreError(ParlkgError, OSError):
    """The on-disk store cannot be opened or written."""

    exit_code = 3


class StoreInUseError(StoreError):
    """Another process holds the store's write lock."""


class QueryError(ParlkgError, ValueError):
    """A SPARQL query that cannot be found, parsed, bound or run."""

    exit_code = 4


class NotFoundError(ParlkgError, LookupError):
    """A name or IRI that matches nothing in the graph."""

    exit_code = 5


class AuthorityError(ParlkgError, ValueError):
    """The authority file or the ontology is malformed."""

    exit_code = 6
