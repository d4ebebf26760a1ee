"""The one family of errors a user can cause.

Anything raised as a :class:`SamverkanError` is the user's to fix (a bad file,
an unknown query, a store not built yet). The command line prints its
message and exits with :attr:`exit_code`; the web app answers with
:attr:`http_status`. Everything else is a bug and is allowed to crash loudly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from graph.validate import Violation


class SamverkanError(Exception):
    """A problem with the user's input or set-up, told in one message."""

    exit_code = 2
    http_status = 400


@dataclass(frozen=True)
class SourceProblem:
    """One unreadable source file, with the position the parser gave."""

    path: Path
    message: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class SourceError(SamverkanError):
    """One or more source files could not be read; every bad file is listed."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class ValidationFailed(SamverkanError):
    """The data breaks its SHACL shapes, so it must not be published."""

    exit_code = 1

    def __init__(self, message: str, violations: Sequence[Violation]) -> None:
        super().__init__(message)
        self.violations = list(violations)


class QuerySyntaxError(SamverkanError):
    """The SPARQL text does not parse; the message carries the engine's position."""


class QueryRefused(SamverkanError):
    """A query asks for something this service does not do (such as reaching the network)."""


class UnknownQuery(SamverkanError):
    """A query name that matches no shipped query, nor a file."""

    http_status = 404


class StoreNotFound(SamverkanError):
    """There is no built store to read yet."""

    http_status = 503


class EndpointError(SamverkanError):
    """The external SPARQL engine could not be reached, or failed, or answered what we cannot read."""

    http_status = 502


class EndpointTimeout(EndpointError):
    """The external SPARQL engine did not answer within the time limit."""

    http_status = 504


class ProtocolError(SamverkanError):
    """A SPARQL Protocol request that is malformed: a parameter missing, repeated, or not what it must be."""


class UnsupportedMediaType(SamverkanError):
    """A request body of a type the SPARQL endpoint does not read."""

    http_status = 415


class UpdateRefused(SamverkanError):
    """A SPARQL Update sent to the public endpoint, which is read-only."""

    http_status = 403


class QueryTooLarge(SamverkanError):
    """A query too long for the public endpoint, refused before it is parsed."""

    http_status = 413


class QueryTimeout(SamverkanError):
    """A query stopped because it ran past the time limit."""

    http_status = 503


class ServiceBusy(SamverkanError):
    """Every query worker stayed busy for as long as a query may run."""

    http_status = 503


class QueryCrashed(SamverkanError):
    """The process running a query died before answering (the query was too much for it, or it was killed)."""

    http_status = 500
