"""sh:pattern in two regex dialects: Python's ``re`` (pySHACL's) and Rust's ``regex`` (Oxigraph's REGEX).

The two read most patterns alike, but not all (``\b``, POSIX classes, set
operations, ``$`` before a final newline). A pattern is matched in SPARQL
only where the two surely agree: the pattern keeps to a common subset, and
the text is printable ASCII. Any other text, or any pattern outside the
subset, is matched by Python's ``re`` exactly as pySHACL matches it.
"""

from __future__ import annotations

import re
import warnings

import pyoxigraph as ox

from graph.shacl_sparql.sparql import literal_string
from graph.shacl_sparql.value_checks import PatternCheck

PORTABLE_ESCAPES = set("dDwWsS") | set(".^$|?*+()[]{}\\/-")
"""Escapes both dialects read alike; others (``\\b``, ``\\<``, ``\\Z``) may not be."""


def pattern_check(pattern: str, flags: str) -> PatternCheck:
    """sh:pattern with sh:flags as pySHACL compiles it: only the i and m flags count. Raises ``re.error``."""
    kept = "".join(flag for flag in "im" if flag in flags.lower())
    python_flags = (re.IGNORECASE if "i" in kept else 0) | (re.MULTILINE if "m" in kept else 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # Python's note that "[[" may mean a set one day
        compiled = re.compile(pattern, python_flags)
    return PatternCheck(pattern, kept, portable(pattern) and oxigraph_reads(pattern, kept), compiled)


def portable(pattern: str) -> bool:
    """Whether Python's ``re`` and Rust's ``regex`` surely read ``pattern`` alike, on printable ASCII text.

    Literal characters, ``.``, anchors, groups (plain and ``(?:``), greedy
    and lazy quantifiers, alternation, character classes without nesting or
    set operations, ``\\d \\w \\s`` and escaped punctuation.
    """
    position, in_class = 0, False
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            if position + 1 >= len(pattern) or pattern[position + 1] not in PORTABLE_ESCAPES:
                return False
            position += 2
            continue
        if in_class:
            if char == "[" or pattern.startswith(("&&", "--", "~~", "||"), position):
                return False
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            position += 2 if pattern.startswith("[^", position) else 1
            if position < len(pattern) and pattern[position] == "]":
                return False
            continue
        elif char == "(" and pattern.startswith("(?", position) and not pattern.startswith("(?:", position):
            return False
        elif char == "{":
            quantifier = re.match(r"\{[0-9]+(,[0-9]*)?\}", pattern[position:])
            if not quantifier:
                return False
            position += quantifier.end()
            continue
        position += 1
    return not in_class


def oxigraph_reads(pattern: str, flags: str) -> bool:
    """Whether Oxigraph compiles ``pattern`` (it gives an error value, not an exception, when not)."""
    query = f"SELECT (REGEX(\"\", {literal_string(pattern)}, {literal_string(flags)}) AS ?ok) {{}}"
    rows = list(ox.Store().query(query))
    return bool(rows) and rows[0]["ok"] is not None
