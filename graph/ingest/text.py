"""The text the parsers read, cleaned of layout noise, that still knows where each character came from.

Minutes and agreements reach us from PDFs and word processors: page headers
and footers, page numbers, words hyphenated across lines, paragraphs cut by
a page break, odd spacing and, in converted files, Markdown emphasis. The
parsers read a cleaned copy (:attr:`Text.value`), and every cleaning step
keeps, for each character it leaves, the position of that character in the
document as read. So a value found in the clean copy is traced back to the
exact characters and lines of the original (:meth:`Text.span`), which is
what the draft records as the fact's provenance.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """Where words were taken from: characters ``start``–``end`` (end exclusive) and lines of the original."""

    start: int
    end: int
    first_line: int  # 1-based
    last_line: int
    quote: str  # the original characters, as the document has them

    @property
    def lines(self) -> str:
        """``12`` or ``12–14``, for the report."""
        return str(self.first_line) if self.first_line == self.last_line else f"{self.first_line}–{self.last_line}"


@dataclass(frozen=True)
class Line:
    """A line of the cleaned text: its content and where it starts in the cleaned text."""

    text: str
    start: int
    number: int  # 0-based index among the cleaned lines

    @property
    def end(self) -> int:
        return self.start + len(self.text)


# --- Cleaning steps, in the order they run ------------------------------------

# Windows and old Mac line ends: the parsers see "\n" only.
CARRIAGE_RETURN = re.compile(r"\r\n?")

# Spaces that are not ASCII spaces (no-break, thin, tabs): one ASCII space each,
# so that column layouts keep their width. Soft hyphens and zero-width
# characters are invisible in print and go.
ODD_SPACE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\ufeff]")

# Bullets from Word's symbol fonts land in the Private Use Area (U+F0B7 and
# kin); they become an ordinary bullet of the same length.
SYMBOL_BULLET = re.compile(r"[\uf000-\uf0ff]")

# Markdown left by a converter: "## **Title**", "### ***Heading***", rules "---".
MARKDOWN_HEADING = re.compile(r"^[ ]*#{1,6}[ ]+", re.MULTILINE)
MARKDOWN_EMPHASIS = re.compile(r"\*{1,3}|(?<!\w)_{1,3}(?=\w)|(?<=\w)_{1,3}(?!\w)")
MARKDOWN_RULE = re.compile(r"^[ ]*(?:-{3,}|_{3,}|={3,})[ ]*$", re.MULTILINE)

# Page furniture that is never part of the content: page numbers ("Sida 2 av 4",
# "Sid 2 (4)", "2 (4)", "- 2 -") and the signature boxes printed at the foot of
# every page of Swedish minutes ("Justerandes signatur", "Utdragsbestyrkande").
PAGE_FURNITURE = re.compile(
    r"^[ ]*(?:"
    r"(?:sida|sid\.?)[ ]*\d+[ ]*(?:\([ ]*\d+[ ]*\)|av[ ]*\d+|/[ ]*\d+)?"
    r"|\d+[ ]*\([ ]*\d+[ ]*\)"
    r"|-[ ]*\d+[ ]*-"
    r"|(?:justerandes?[ ]+sign(?:atur)?|justerare|utdragsbestyrkande|ordförandes[ ]+sign(?:atur)?)\b[^\n]*"
    r")[ ]*$",
    re.MULTILINE | re.IGNORECASE,
)

# A word broken at the end of a line: "förvalt-" + "nings". Only when the next
# line goes on in lower case, and not before "och"/"eller"/"samt"/"till",
# where the hyphen is the Swedish shared-ending dash ("kultur- och fritid").
HYPHENATION = re.compile(
    r"(?<=[a-zåäöéü])-[ ]*\n(?:[ ]*\n|\f)*[ ]*(?=[a-zåäö])(?!(?:och|eller|samt|resp|respektive|till)\b)"
)

# A paragraph cut by a page break or stray blank lines: a line ending in a
# lower-case letter or comma, blank lines, then a line going on in lower case.
BROKEN_PARAGRAPH = re.compile(r"(?<=[a-zåäö,])[ ]*\n(?:[ ]*\n|[ ]*\f)+[ ]*(?=[a-zåäö])")

EDGE_SPACES = re.compile(r"^[ ]+|[ ]+$", re.MULTILINE)

PAGE_BREAK = "\f"
NEAR_PAGE_BREAK = 3
"""Lines this close to a page break may be the page's running header or footer."""


class Text:
    """A cleaned copy of a document's text, mapping back to the original characters."""

    def __init__(self, original: str) -> None:
        self.original = original
        self._line_starts = [0] + [i + 1 for i, c in enumerate(original) if c == "\n"]
        value, origin = original, list(range(len(original)))
        value, origin = _replace(value, origin, CARRIAGE_RETURN, "\n")
        value, origin = _replace(value, origin, ODD_SPACE, " ")
        value, origin = _replace(value, origin, INVISIBLE, "")
        value, origin = _replace(value, origin, SYMBOL_BULLET, "•")
        value, origin = _replace(value, origin, MARKDOWN_HEADING, "")
        value, origin = _replace(value, origin, MARKDOWN_RULE, "")
        value, origin = _replace(value, origin, MARKDOWN_EMPHASIS, "")
        value, origin = _replace(value, origin, PAGE_FURNITURE, "")
        value, origin = _drop_running_heads(value, origin)
        value, origin = _replace(value, origin, HYPHENATION, "")
        value, origin = _replace(value, origin, BROKEN_PARAGRAPH, "\n")
        value, origin = _replace(value, origin, re.compile(PAGE_BREAK), "\n")
        value, origin = _replace(value, origin, EDGE_SPACES, "")
        self.value = value
        self._origin = origin
        self.lines = _lines(value)

    def span(self, start: int, end: int) -> Span:
        """The original characters and lines behind ``value[start:end]``."""
        if end <= start:
            raise ValueError(f"empty span {start}:{end}")
        first = self._origin[start]
        last = self._origin[end - 1] + 1
        return Span(first, last, self.line_of(first), self.line_of(last - 1), self.original[first:last])

    def cover(self, *spans: Span) -> Span:
        """The smallest span holding all of ``spans``."""
        start = min(s.start for s in spans)
        end = max(s.end for s in spans)
        return Span(start, end, self.line_of(start), self.line_of(end - 1), self.original[start:end])

    def line_of(self, position: int) -> int:
        """The 1-based line of the original holding character ``position``."""
        return bisect_right(self._line_starts, position)

    def cleaned(self, original: int) -> int:
        """The cleaned offset of the first kept character at or after original position ``original``."""
        return bisect_left(self._origin, original)

    def line_at(self, position: int) -> Line:
        """The cleaned line holding cleaned character ``position``."""
        starts = [line.start for line in self.lines]
        return self.lines[max(0, bisect_right(starts, position) - 1)]


def _replace(
    value: str, origin: list[int], pattern: re.Pattern[str], replacement: str
) -> tuple[str, list[int]]:
    """Apply one cleaning step: every match of ``pattern`` becomes ``replacement``."""
    return _edit(value, origin, [(m.start(), m.end(), replacement) for m in pattern.finditer(value)])


def _edit(value: str, origin: list[int], edits: list[tuple[int, int, str]]) -> tuple[str, list[int]]:
    """Replace ``value[start:end]`` by ``new`` for each edit (in order, not overlapping).

    Each kept character carries its original position along; inserted
    characters take the position of the first character they replace, so a
    span never points outside what the document says.
    """
    parts: list[str] = []
    positions: list[int] = []
    last = 0
    for start, end, new in edits:
        parts.append(value[last:start])
        positions.extend(origin[last:start])
        if new:
            anchor = origin[start] if start < len(origin) else (origin[-1] if origin else 0)
            parts.append(new)
            positions.extend([anchor] * len(new))
        last = end
    parts.append(value[last:])
    positions.extend(origin[last:])
    return "".join(parts), positions


def _drop_running_heads(value: str, origin: list[int]) -> tuple[str, list[int]]:
    """Remove a page's running header or footer where it repeats next to page breaks.

    A line (not blank, short) that stands near two or more different page
    breaks, or near one while also opening the document, is the page's
    furniture. Its appearance at the top of the document stays: there it
    often names the body or the municipality.
    """
    if PAGE_BREAK not in value:
        return value, origin
    lines = _lines(value)
    breaks = [line.number for line in lines if PAGE_BREAK in line.text]
    near_lines: dict[str, set[int]] = {}
    near_breaks: dict[str, set[int]] = {}
    for b in breaks:
        for i in range(max(0, b - NEAR_PAGE_BREAK), min(len(lines), b + NEAR_PAGE_BREAK + 1)):
            key = lines[i].text.replace(PAGE_BREAK, "").strip()
            if key and len(key) <= 100:
                near_lines.setdefault(key, set()).add(i)
                near_breaks.setdefault(key, set()).add(b)
    top = 2 * NEAR_PAGE_BREAK
    opening = {line.text.strip() for line in lines[:top] if line.text.strip()}
    edits = []
    for key, numbers in near_lines.items():
        if len(near_breaks[key]) >= 2 or key in opening:
            for i in sorted(n for n in numbers if n >= top):
                line = lines[i]  # the line goes; a page break on it stays
                edits.append((line.start, line.end, PAGE_BREAK * line.text.count(PAGE_BREAK)))
    return _edit(value, origin, sorted(edits))


def _lines(value: str) -> list[Line]:
    lines = []
    start = 0
    for number, text in enumerate(value.split("\n")):
        lines.append(Line(text, start, number))
        start += len(text) + 1
    return lines
