"""Put back the columns of an agreement's tables, which reach us flattened into lines.

Agreements set out who sits in a body and who signs for whom as tables with
one column per party. Converted to text, a table row becomes a line: with
wide gaps between the cells if we are lucky ("Kommundirektör      Rektor"),
with single spaces if not ("Socialdirektör Av rektor utsedd representant
från"). :func:`cells_of` splits a row at wide gaps, else before a capital
that starts a new phrase; :func:`columns_of` recognises the row that names
the parties, which gives the column order.
"""

from __future__ import annotations

import re
from itertools import permutations

from graph.ingest.facts import Agreement
from graph.ingest.parties import party_index
from graph.ingest.swedish import normalise
from graph.ingest.text import Line

COLUMN_GAP = re.compile(r" {2,}")
"""Two or more spaces: the gap between the cells of a row."""

WORD = re.compile(r"\S+")

# Words after which a capitalised word is still the same phrase: "från Kommunen och KI".
JOINERS = frozenset({"och", "eller", "av", "för", "från", "i", "inom", "med", "samt", "vid", "hos", "till"})

Cell = tuple[str, int]
"""A cell's text and its start in the cleaned text."""


def cells_of(line: Line) -> list[Cell]:
    """The cells of a table row: split at wide gaps, else before a capital that starts a new phrase."""
    if COLUMN_GAP.search(line.text):
        return _split_at_gaps(line)
    cells, position, previous = [], 0, ""
    for word in WORD.finditer(line.text):
        joined = previous.casefold().strip(",") in JOINERS or previous.endswith("(") or word.group().startswith("(")
        if word.group()[0].isupper() and previous and not joined:
            cells.append((line.text[position : word.start()].rstrip(), line.start + position))
            position = word.start()
        previous = word.group()
    cells.append((line.text[position:].rstrip(), line.start + position))
    return [(cell, start) for cell, start in cells if cell]


def _split_at_gaps(line: Line) -> list[Cell]:
    cells, position = [], 0
    for gap in [*COLUMN_GAP.finditer(line.text), None]:
        end = gap.start() if gap is not None else len(line.text)
        if end > position:
            cells.append((line.text[position:end], line.start + position))
        position = gap.end() if gap is not None else end
    return cells


def gaps_in(line: Line) -> int:
    return len(COLUMN_GAP.findall(line.text))


def columns_of(line: Line, agreement: Agreement) -> list[int] | None:
    """The parties a row names and nothing else, in order: the table's columns.

    "Tyresö kommun      Södertörns högskola" splits at the gap; "HUDDINGE
    KOMMUN KAROLINSKA INSTITUTET" is tried against each order of the parties'
    names ("För …" allowed before each).
    """
    cells = [cell for cell, _ in cells_of(line)]
    if len(cells) > 1:
        indices = [party_index(cell, agreement) for cell in cells]
        if None not in indices and len(set(indices)) == len(indices):
            return [i for i in indices if i is not None]
    whole = normalise(line.text)
    names = [normalise(party.name.value) for party in agreement.parties]
    for count in range(len(names), 1, -1):
        for order in permutations(range(len(names)), count):
            for prefix in ("", "för "):
                if whole == " ".join(prefix + names[i] for i in order):
                    return list(order)
    return None
