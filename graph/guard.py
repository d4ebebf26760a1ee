"""Check a query's text before it reaches the engine.

The engine cannot be trusted with every text: Oxigraph executes
``SERVICE <http://...>`` by sending a request to any address, with no switch
to turn that off; a query of some 20,000 nested braces overflows its parser's
stack and kills the process; and a text that is an update is refused by its
query parser only with a puzzling syntax error. So a query is checked here
first, lexically: comments, strings, IRIs, variables, numbers and the
local parts of prefixed names (``?service``, ``ex:service``) are skipped,
and what remains (keywords, prefixes and brackets) is what the checks look
at. Each refusal names its position.

Two things make this harder than it looks, and both were found by trying:

- The engine reads a keyword wherever its letters start, without asking
  that the word end there: ``SERVICESILENT <x>``, ``trueSERVICE <x>`` and,
  with ``PREFIX : <x>``, ``SERVICE:a`` all call ``<x>``. So SERVICE is
  refused anywhere in a word or a prefix, not only as a word of its own.
- A token here must never run on past where the engine's ends, or it hides
  what follows: a comment ends at a bare CR as at LF, and a number is read
  as SPARQL reads it (in ``1SERVICE`` the engine reads ``1``, ``SERVICE``).

And the check itself must be cheap on any text: every token is matched
without backtracking and never fails once begun (an unclosed string runs
to the end of its line, or of the text, where the engine would reject it),
so a text of the largest size allowed is read in one pass.

This is a guard, not a parser: a text that passes may still be bad SPARQL,
which the engine then reports with its own position. Behind it, the query
workers have no network at all (:func:`graph.runner.leave_the_network`).
"""

from __future__ import annotations

import re
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
          \#[^\r\n]*+                                   # comment, to the end of the line (CR or LF)
        | '''(?:[^'\\]|\\[\s\S]|'(?!''))*+(?:'''|\\?\Z)  # long strings (unclosed: to the end)
        | \"\"\"(?:[^"\\]|\\[\s\S]|"(?!""))*+(?:\"\"\"|\\?\Z)
        | '(?:[^'\\\r\n]|\\[^\r\n])*+(?:'|\\?)          # strings (unclosed: to the end of the line)
        | "(?:[^"\\\r\n]|\\[^\r\n])*+(?:"|\\?)
        | <[^<>"{}|^`\\\s]*+>                           # IRI
        | [?$]\w++                                      # variable
        | @[a-zA-Z]++(?:-[a-zA-Z0-9]++)*+               # language tag
        | [0-9]++\.[0-9]*+[eE][+-]?[0-9]++              # number, exactly as SPARQL reads one
        | \.[0-9]++[eE][+-]?[0-9]++
        | [0-9]++[eE][+-]?[0-9]++
        | [0-9]*+\.[0-9]++
        | [0-9]++
      )
    | (?P<name>[^\W\d][\w.-]*+)(?P<local>:[\w.:%\\-]*+)?  # a word, or a prefixed name's prefix and local part
    | (?P<empty_prefix>:[\w.:%\\-]*+)                   # a prefixed name without a prefix
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    """,
    re.VERBOSE,
)

_SERVICE = re.compile("service", re.IGNORECASE)
_WORD = re.compile(r"\w+")


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
        elif kind in ("name", "local"):
            _refuse_service_in(sparql, match)
            if match.group("local") is not None:
                continue  # a prefixed name: no keyword
            word = _WORD.match(match.group("name"))
            keyword = word.group().upper() if word else ""
            if keyword in UPDATE_KEYWORDS:
                raise UpdateRefused(
                    f"The graph is read-only: {keyword} ({_where(sparql, match.start())}) "
                    "belongs to SPARQL Update, which is never run here; only queries are."
                )
            if in_prologue and keyword not in PROLOGUE:
                in_prologue = False
                form = next((f for f in QUERY_FORMS if f == keyword), None)
    return form


def refuse_service(sparql: str) -> None:
    """Raise :class:`QueryRefused` if the engine could read ``SERVICE`` anywhere in ``sparql``."""
    for match in _TOKEN.finditer(sparql):
        if match.lastgroup in ("name", "local"):
            _refuse_service_in(sparql, match)


def _refuse_service_in(sparql: str, match: re.Match[str]) -> None:
    """Refuse the letters SERVICE anywhere in a word or a prefix (see the module's notes for why).

    Only a variable's name, a prefixed name's local part, a string, an IRI
    or a comment holds them safely, since the engine reads each of those
    whole. The few names this refuses (``PREFIX service:``) are easily renamed.
    """
    found = _SERVICE.search(match.group("name"))
    if found is not None:
        start = match.start() + found.start()
        raise QueryRefused(f"SERVICE is not allowed ({_where(sparql, start)}): queries run on this graph only.")


def _where(sparql: str, start: int) -> str:
    line = sparql.count("\n", 0, start) + 1
    column = start - (sparql.rfind("\n", 0, start) + 1) + 1
    return f"line {line}, column {column}"
