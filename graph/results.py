"""Write query results in the format a user asked for.

SELECT and ASK results use Oxigraph's serializers for the standard SPARQL
results formats (CSV, TSV, JSON); only the aligned text table, meant for a
terminal, is our own. CONSTRUCT and DESCRIBE give a graph, written as Turtle
(or JSON-LD when JSON is asked for).
"""

from __future__ import annotations

import io

import pyoxigraph as ox

from graph.errors import SamverkanError
from graph.namespaces import PREFIXES, shorten
from graph.store import QueryResult

FORMATS = ("table", "csv", "tsv", "json")

_RESULTS_FORMATS = {
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
    "json": ox.QueryResultsFormat.JSON,
}
_GRAPH_FORMATS = {"table": ox.RdfFormat.TURTLE, "json": ox.RdfFormat.JSON_LD}


def render(result: QueryResult, format: str = "table") -> bytes:
    """``result`` serialised in ``format`` (one of :data:`FORMATS`)."""
    if isinstance(result, ox.QueryTriples):
        if format not in _GRAPH_FORMATS:
            raise SamverkanError(
                f"A CONSTRUCT or DESCRIBE query gives a graph, which has no {format} form: "
                "use --format table (Turtle) or json (JSON-LD)."
            )
        buffer = io.BytesIO()
        ox.serialize(result, buffer, format=_GRAPH_FORMATS[format], prefixes=PREFIXES)
        return buffer.getvalue()
    if format == "table":
        if isinstance(result, ox.QueryBoolean):
            return b"true\n" if result else b"false\n"
        return table(result).encode("utf-8")
    buffer = io.BytesIO()
    result.serialize(buffer, format=_RESULTS_FORMATS[format])
    return buffer.getvalue()


def table(solutions: ox.QuerySolutions) -> str:
    """SELECT results as an aligned text table, IRIs shortened with the project's prefixes."""
    header = [variable.value for variable in solutions.variables]
    rows = [[cell(solution[variable]) for variable in solutions.variables] for solution in solutions]
    widths = [max([len(name), *(len(row[i]) for row in rows)]) for i, name in enumerate(header)]

    def line(cells: list[str]) -> str:
        return "  ".join(text.ljust(width) for text, width in zip(cells, widths, strict=True)).rstrip() + "\n"

    return line(header) + line(["-" * width for width in widths]) + "".join(map(line, rows))


def cell(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple | None) -> str:
    """One value as a person reads it: a prefixed name, a literal's text, or nothing if unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.Literal):
        return " ".join(term.value.splitlines())
    return str(term)
