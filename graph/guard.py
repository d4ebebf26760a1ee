"""Refuse queries that would make the engine reach the network.

Oxigraph executes ``SERVICE <http://...>`` by sending a request to any
address, with no switch to turn that off, so a query is checked before it
reaches the engine. The check is lexical: comments, strings and IRIs are
skipped, as are variables and prefixed names (``?service``, ``ex:service``),
and whatever ``SERVICE`` keyword remains is refused, with its position.
Updates (and so ``LOAD``) never get this far: the store only runs queries.
"""

from __future__ import annotations

import re

from graph.errors import QueryRefused

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
        | (?:[^\W\d_][\w.-]*)?:[\w.:%\\-]*          # prefixed name, blank node label
      )
    | (?P<service>\bSERVICE\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)


def refuse_service(sparql: str) -> None:
    """Raise :class:`QueryRefused` if ``sparql`` uses ``SERVICE``."""
    for match in _TOKEN.finditer(sparql):
        if match.group("service"):
            line = sparql.count("\n", 0, match.start()) + 1
            column = match.start() - (sparql.rfind("\n", 0, match.start()) + 1) + 1
            raise QueryRefused(
                f"SERVICE is not allowed (line {line}, column {column}): queries run on this graph only."
            )
