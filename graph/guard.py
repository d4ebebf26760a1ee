"""Check a query's text before it reaches the engine.

The engine cannot be trusted with every text: Oxigraph executes
``SERVICE <http://...>`` by sending a request to any address, with no switch
to turn that off; a query of some 20,000 nested braces overflows its parser's
stack and kills the process; and a text that is an update is refused by its
query parser only with a puzzling syntax error. So a query is checked here
first, lexically: comments, strings, IRIs, variables and prefixed names
(``?service``, ``ex:service``) are skipped, and what remains (keywords and
brackets) is what the checks look at. Each refusal names its position.

This is a guard, not a parser: a text that passes may still be bad SPARQL,
which the engine then reports with its own position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Literal

from graph.errors import QueryRefused, QueryTooLarge, UpdateRefused

MAX_QUERY_LENGTH = 100_000
"""Characters a query may have; far above any query a person writes."""

MAX_NESTING = 200
"""How deep brackets (``{``, ``(``, ``[``) may nest; the engine's stack gives out a long way further."""

QueryForm = Literal["SELECT", "ASK", "CONSTRUCT", "DESCRIBE"]

QUERY_FORMS: tuple[QueryForm, ...] = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
PROLOGUE = frozenset({"BASE", "PREFIX"})
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH", "USING"}
)
"""Words only SPARQL Update has; in a query they can only appear inside something skipped."""

_TOKEN = re.compile(
    r"""
      (?P<skip>
          \#[^\n]*                                  # comment
        | '''(?:[^'\\]|\\.|'(?!''))*'''             # long strings
        | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        | '(?:[^'\\\n]|\\.)*'                       # strings
        | "(?:[^"\\\n]|\\.)*"
        | <[^<>"{}|^`\\\s]*>                        # IRI
        | [?$]\w+                                   # variable
        | @[a-zA-Z]+(?:-[a-zA-Z0-9]+)*              # language tag
        | (?:[^\W\d_][\w.-]*)?:[\w.:%\\-]*          # prefixed name, blank node label
        | \d[\w.]*                                  # number
      )
    | (?P<word>[^\W\d]\w*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    """,
    re.VERBOSE,
)


def check_query(sparql: str) -> QueryForm | None:
    """Refuse ``sparql`` if the engine must not see it; else its query form, if the text shows one.

    Raises :class:`QueryTooLarge` for a text over :data:`MAX_QUERY_LENGTH`,
    :class:`QueryRefused` for brackets nested deeper than :data:`MAX_NESTING`
    or a ``SERVICE`` call, and :class:`UpdateRefused` for an update.
    ``None`` means the text starts with no query form, so it is not SPARQL
    and the engine will say where.
    """
    if len(sparql) > MAX_QUERY_LENGTH:
        raise QueryTooLarge(
            f"The query has {len(sparql):,} characters; at most {MAX_QUERY_LENGTH:,} are accepted."
        )
    form: QueryForm | None = None
    in_prologue = True
    depth = 0
    for match in _TOKEN.finditer(sparql):
        kind = match.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_NESTING:
                raise QueryRefused(
                    f"Brackets nest more than {MAX_NESTING} deep ({_where(sparql, match.start())})."
                )
        elif kind == "close":
            depth = max(depth - 1, 0)
        elif kind == "word":
            word = match.group().upper()
            if word in UPDATE_KEYWORDS:
                raise UpdateRefused(
                    f"This endpoint is read-only: {word} ({_where(sparql, match.start())}) "
                    "belongs to SPARQL Update, which it does not run."
                )
            if word == "SERVICE":
                _refuse(sparql, match.start())
            if in_prologue and word not in PROLOGUE:
                in_prologue = False
                form = next((f for f in QUERY_FORMS if f == word), None)
    return form


def refuse_service(sparql: str) -> None:
    """Raise :class:`QueryRefused` if ``sparql`` uses ``SERVICE``."""
    for start in _words(sparql, "SERVICE"):
        _refuse(sparql, start)


def _words(sparql: str, word: str) -> Iterator[int]:
    """Where the keyword ``word`` stands in ``sparql`` (not inside anything skipped)."""
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup == "word" and match.group().upper() == word:
            yield match.start()


def _refuse(sparql: str, start: int) -> None:
    raise QueryRefused(f"SERVICE is not allowed ({_where(sparql, start)}): queries run on this graph only.")


def _where(sparql: str, start: int) -> str:
    line = sparql.count("\n", 0, start) + 1
    column = start - (sparql.rfind("\n", 0, start) + 1) + 1
    return f"line {line}, column {column}"
