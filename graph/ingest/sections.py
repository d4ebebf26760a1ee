"""Cut a cleaned document into headed sections and paragraphs.

Minutes and agreements are built of short heading lines ("Kommunfullmäktiges
beslut", "Avtalstid") followed by paragraphs. A parser names the headings it
knows as (kind, pattern) pairs; :func:`split` finds them and gives each
section the text up to the next one. :func:`blocks` then hands a section's
text out paragraph by paragraph, with line breaks turned into spaces (same
length, so positions still map back through :class:`~graph.ingest.text.Text`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.ingest.facts import Found
from graph.ingest.swedish import clean
from graph.ingest.text import Line, Text

MAX_HEADING_WORDS = 12
"""A heading is a short line; anything longer is prose that happens to match."""


@dataclass(frozen=True)
class Section:
    """A heading (None for what comes before the first one) and the text under it."""

    kind: str
    heading: Line | None
    match: re.Match[str] | None
    start: int  # cleaned offset where the text under the heading starts
    end: int

    def group(self, name: str) -> str | None:
        return self.match.group(name) if self.match is not None and name in self.match.groupdict() else None

    def group_start(self, name: str) -> int:
        """Cleaned offset of a heading group (heading lines carry no edge spaces after cleaning)."""
        assert self.heading is not None and self.match is not None
        return self.heading.start + self.match.start(name)


@dataclass(frozen=True)
class Block:
    """A paragraph: consecutive non-blank lines, flattened to one line."""

    start: int
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


Headings = Sequence[tuple[str, re.Pattern[str]]]


def heading_pattern(pattern: str) -> re.Pattern[str]:
    """A heading matches as a whole line, in any case, with or without a closing colon."""
    return re.compile(rf"(?:{pattern})\s*:?", re.IGNORECASE)


def heading_of(line: Line, headings: Headings) -> tuple[str, re.Match[str]] | None:
    """The kind and match of ``line`` if it is one of ``headings``."""
    text = line.text.strip()
    if not text or len(text.split()) > MAX_HEADING_WORDS or text.endswith((".", ",", ";")):
        return None
    for kind, pattern in headings:
        match = pattern.fullmatch(text)
        if match is not None:
            return kind, match
    return None


def split(text: Text, headings: Headings, start: int = 0) -> list[Section]:
    """The sections of ``text`` from cleaned offset ``start`` on; the first is ``front`` (before any heading)."""
    found: list[tuple[Line, str, re.Match[str]]] = []
    for line in text.lines:
        if line.start < start:
            continue
        heading = heading_of(line, headings)
        if heading is not None:
            found.append((line, *heading))
    sections = []
    front_end = found[0][0].start if found else len(text.value)
    sections.append(Section("front", None, None, start, front_end))
    for index, (line, kind, match) in enumerate(found):
        end = found[index + 1][0].start if index + 1 < len(found) else len(text.value)
        sections.append(Section(kind, line, match, line.end + 1, max(end, line.end + 1)))
    return sections


def blocks(text: Text, start: int, end: int) -> list[Block]:
    """The paragraphs between cleaned offsets ``start`` and ``end``."""
    result = []
    current: list[Line] = []
    for line in text.lines:
        if line.end < start or line.start >= end:
            continue
        if line.text.strip():
            current.append(line)
        elif current:
            result.append(_block(text, current))
            current = []
    if current:
        result.append(_block(text, current))
    return result


def _block(text: Text, lines: list[Line]) -> Block:
    first, last = lines[0].start, lines[-1].end
    return Block(first, text.value[first:last].replace("\n", " "))


def found_in(text: Text, block: Block, match: re.Match[str], group: str | int = 0) -> Found[str]:
    """A match group of a block's text: the value tidied to single spaces, the span as the document has it."""
    return Found(clean(match.group(group)), text.span(block.start + match.start(group), block.start + match.end(group)))


def lines_between(text: Text, start: int, end: int) -> list[Line]:
    """The non-blank cleaned lines between two cleaned offsets."""
    return [line for line in text.lines if line.start >= start and line.end <= end and line.text.strip()]


def of_kind(sections: Iterable[Section], *kinds: str) -> list[Section]:
    return [section for section in sections if section.kind in kinds]


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”])")
"""A sentence ends at . ! or ? before a capital; "bl.a. med" and "ggr/år." inside a sentence stay whole."""


def sentences(block: Block) -> list[Block]:
    """The sentences of a paragraph, each with its own start."""
    result = []
    position = 0
    for match in SENTENCE_END.finditer(block.text):
        result.append(Block(block.start + position, block.text[position : match.start()]))
        position = match.end()
    if position < len(block.text):
        result.append(Block(block.start + position, block.text[position:]))
    return result
