"""Who signs an agreement for which party, and as what.

The signature block follows the last paragraph of prose. A row naming the
parties ("För Tyresö kommun      För Södertörns högskola", or "HUDDINGE
KOMMUN KAROLINSKA INSTITUTET") gives the columns; the rows under it hold
names and titles. Rows with wide gaps split there; rows with single spaces
are split around a name the graph already knows, or between two titles of
posts. A row that cannot be split is a doubt: where one unknown name ends
and the next begins is not knowable from the text.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from graph.ingest.facts import Agreement, Doubt, Found, SignatureFound
from graph.ingest.layout import WORD, Cell, cells_of, columns_of, gaps_in
from graph.ingest.parties import FROM_OR_FOR, party_index
from graph.ingest.swedish import DATE, normalise, post_word
from graph.ingest.text import Line, Text

# Rows of a signature block that carry no name: places, dates, dotted lines, captions.
NOISE = re.compile(
    r"^(?:[._\-–…\s]+|(?:ort\s*(?:och|/)\s*)?datum\b.*|ort\b.*|underskrift.*|namnförtydligande.*)$", re.IGNORECASE
)

# A person's name: two to four capitalised words, hyphenated first names and "af"/"von" too.
NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
NAME = re.compile(rf"{NAME_WORD}(?:\s+(?:(?:af|von|de|van)\s+)?{NAME_WORD}){{1,3}}")

PROSE_WORDS = 6
"""A line of this many words ending in a full stop is prose: the signature block starts after the last one."""


def signatures(text: Text, agreement: Agreement, known_people: Collection[str]) -> list[SignatureFound]:
    """Who signs for which party, from the block after the last paragraph of prose."""
    last_prose = max((line.number for line in text.lines if _is_prose(line.text)), default=-1)
    known = {normalise(name) for name in known_people}
    columns: list[int] | None = None
    names: dict[int, Found[str]] = {}
    titles: dict[int, Found[str]] = {}
    for line in text.lines[last_prose + 1 :]:
        content = line.text.strip()
        if not content or NOISE.match(content) or DATE.search(content):
            continue
        if (order := _parties_row(line, agreement)) is not None:
            columns = order
            continue
        if columns is None:
            continue
        cells = _cells(line, len(columns), known)
        if cells is None:
            agreement.doubts.append(
                Doubt(
                    f"Raden \"{content}\" i underskriftsblocket kunde inte delas upp per part.",
                    f"The line \"{content}\" of the signature block could not be split by party.",
                    text.span(line.start, line.end),
                )
            )
            continue
        for party, (cell, start) in zip(columns, cells, strict=True):
            found = Found(cell, text.span(start, start + len(cell)))
            if NAME.fullmatch(cell) and party not in names:
                names[party] = found
            elif cell[0].islower() and party not in titles:
                titles[party] = found
    return [SignatureFound(party, names[party], titles.get(party)) for party in sorted(names)]


def _is_prose(line: str) -> bool:
    return line.rstrip().endswith(".") and len(line.split()) >= PROSE_WORDS


def _parties_row(line: Line, agreement: Agreement) -> list[int] | None:
    """The parties' columns, or the one party of a stacked block ("För Tyresö kommun")."""
    order = columns_of(line, agreement)
    if order is not None:
        return order
    content = line.text.strip()
    lead = FROM_OR_FOR.match(content)
    single = party_index(lead.group("name") if lead else content, agreement)
    return [single] if single is not None else None


def _cells(line: Line, count: int, known: set[str]) -> list[Cell] | None:
    """``count`` cells of a row: at wide gaps, around a name the graph knows, or between two titles."""
    if gaps_in(line) == count - 1 and count > 1:
        return cells_of(line)
    words = list(WORD.finditer(line.text))
    if count == 1:
        return [(line.text.strip(), line.start + (words[0].start() if words else 0))]
    if count != 2:
        return None
    for cut in range(1, len(words)):
        left, right = line.text[: words[cut - 1].end()], line.text[words[cut].start() :]
        named = normalise(left) in known or normalise(right) in known
        titled = left[0].islower() and post_word(left.split()[-1]) and post_word(right.split()[-1])
        if named or titled:
            return [(left.strip(), line.start), (right.strip(), line.start + words[cut].start())]
    return None
