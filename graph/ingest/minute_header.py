"""The header of a minute extract: the body, its municipality, the meeting date, §, diary number and title.

Headers come as a column of labels and values ("Sammanträdesdatum" over
"4 oktober 2021"), as a table whose cells are separated by wide gaps
("Socialnämnden      Sammanträdesdatum 2023-03-15"), or with the title
beside the paragraph sign ("§ 9    Samverkan med KTH"). The header is the
text before the first section heading.
"""

from __future__ import annotations

import re

from graph.ingest.facts import Doubt, Found, Minute
from graph.ingest.sections import Section, blocks, lines_between
from graph.ingest.swedish import BODY_PHRASE, DATE, body_name, clean, parse_date
from graph.ingest.text import Text

# The labels a header puts before the meeting date, most specific first: a bare
# "Datum" may also be a printing or signing date.
DATE_LABELS = (
    re.compile(r"\b(?:sammanträdesdatum|sammanträdets datum|mötesdatum)\b", re.IGNORECASE),
    re.compile(r"\bdatum\b", re.IGNORECASE),
)
DATE_AFTER_LABEL = 80
"""How far after its label (in characters) the meeting date may stand: the next line or two."""

# "§ 13", "§13": the paragraph number of the matter.
PARAGRAPH = re.compile(r"§\s*(?P<n>\d{1,4})\b")

# "Diarienummer KS-2021/1682.103", "Dnr: SN 2023/457". The value is kept as
# written; whether it has the registry's usual form is checked separately.
DIARY_NUMBER = re.compile(
    r"\b(?:diarienummer|diarienr|dnr)\b\.?[ ]*:?\s*"
    r"(?P<dnr>(?-i:[A-ZÅÄÖ]{1,10})(?:[ ]?-[ ]?|[ ])?\d{4}[/:]\d+(?:\.\d+)*|\d{4}[/:]\d+(?:\.\d+)*)",
    re.IGNORECASE,
)

# Lines of the header that are labels or furniture, never the matter's title.
HEADER_LABEL = re.compile(
    r"(?:sammanträdesdatum|sammanträdets datum|mötesdatum|datum|paragraf|diarienummer|diarienr|dnr"
    r"|protokoll|protokollsutdrag|sammanträdesprotokoll|utdrag ur protokoll|plats och tid|justering|§)\b.*",
    re.IGNORECASE,
)

# A header cell naming the body, perhaps with its municipality:
# "Kommunfullmäktige", "Socialnämnden i Tyresö kommun".
BODY_CELL = re.compile(
    rf"(?P<name>{BODY_PHRASE})(?:\s+i\s+(?P<municipality>[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ-]+(?:\s+kommun)?))?",
    re.IGNORECASE,
)

# A header cell naming the municipality: "HUDDINGE KOMMUN", "Tyresö kommun".
MUNICIPALITY_CELL = re.compile(r"(?P<name>[A-ZÅÄÖ][a-zåäöA-ZÅÄÖ-]+)\s+kommun", re.IGNORECASE)

COLUMN_GAP = re.compile(r" {2,}")
"""Two or more spaces: the gap between columns of a header laid out as a table."""


def read_header(text: Text, front: Section, minute: Minute) -> None:
    """Fill in the header fields of ``minute`` from the text before the first heading."""
    region = text.value[: front.end]
    _meeting_date(text, region, minute)
    paragraph = PARAGRAPH.search(region) or PARAGRAPH.search(text.value)
    if paragraph is not None:
        minute.paragraph = Found(int(paragraph.group("n")), text.span(paragraph.start(), paragraph.end()))
    diary = DIARY_NUMBER.search(region) or DIARY_NUMBER.search(text.value)
    if diary is not None:
        minute.diary_number = Found(diary.group("dnr"), text.span(diary.start("dnr"), diary.end("dnr")))
    for line in lines_between(text, 0, front.end):
        for cell, start in _cells(line.text, line.start):
            _body_or_municipality(text, cell, start, minute)
    _title(text, front, minute)


def _meeting_date(text: Text, region: str, minute: Minute) -> None:
    for label in DATE_LABELS:
        labelled = label.search(region)
        if labelled is None:
            continue
        found = DATE.search(region, labelled.end(), min(len(region), labelled.end() + DATE_AFTER_LABEL))
        day = parse_date(found) if found is not None else None
        if found is not None and day is not None:
            minute.day = Found(day, text.span(found.start(), found.end()))
            return
    found = DATE.search(region)
    day = parse_date(found) if found is not None else None
    if found is not None and day is not None:
        minute.day = Found(day, text.span(found.start(), found.end()))
        minute.doubts.append(
            Doubt(
                "Sammanträdesdatum saknar etikett; det första datumet i huvudet antogs vara mötets.",
                "The meeting date has no label; the first date in the header was taken as the meeting's.",
                minute.day.span,
            )
        )


def _body_or_municipality(text: Text, cell: str, start: int, minute: Minute) -> None:
    body = BODY_CELL.fullmatch(cell)
    if body is not None and minute.body is None:
        span = text.span(start + body.start("name"), start + body.end("name"))
        minute.body = Found(body_name(body.group("name")), span)
        if body.group("municipality"):
            minute.municipality = _municipality(text, body, start, "municipality")
    municipality = MUNICIPALITY_CELL.fullmatch(cell)
    if municipality is not None and minute.municipality is None:
        minute.municipality = _municipality(text, municipality, start, 0)


def _municipality(text: Text, match: re.Match[str], start: int, group: str | int) -> Found[str]:
    """``TYRESÖ KOMMUN`` or ``i Tyresö`` as ``Tyresö kommun``."""
    first = clean(match.group(group)).split(" ")[0]
    name = "-".join(part.capitalize() for part in first.split("-")) + " kommun"
    return Found(name, text.span(start + match.start(group), start + match.end(group)))


def _cells(line: str, start: int) -> list[tuple[str, int]]:
    """The cells of a header line laid out in columns, each with its cleaned start."""
    cells = []
    position = 0
    for gap in [*COLUMN_GAP.finditer(line), None]:
        end = gap.start() if gap is not None else len(line)
        if end > position:
            cells.append((line[position:end], start + position))
        if gap is not None:
            position = gap.end()
    return cells


def _title(text: Text, front: Section, minute: Minute) -> None:
    """The matter's title: beside the §, else the first paragraph after the header fields."""
    if minute.paragraph is not None and _title_beside_paragraph(text, minute):
        return
    fields = [f.span.end for f in (minute.day, minute.paragraph, minute.diary_number, minute.body) if f is not None]
    after_fields = text.cleaned(max(fields)) if fields else 0
    for block in blocks(text, 0, front.end):
        content = block.text.strip()
        if block.end <= after_fields or HEADER_LABEL.match(content) or DATE.fullmatch(content):
            continue
        if BODY_CELL.fullmatch(content) or MUNICIPALITY_CELL.fullmatch(content):
            continue
        minute.title = Found(clean(block.text), text.span(block.start, block.end))
        return
    minute.doubts.append(Doubt("Ärendets rubrik hittades inte.", "The matter's title was not found."))


def _title_beside_paragraph(text: Text, minute: Minute) -> bool:
    """``§ 9    Samverkan med KTH om gymnasieområdet``: the rest of the § line, if it is words."""
    assert minute.paragraph is not None
    line = text.line_at(text.cleaned(minute.paragraph.span.start))
    rest = PARAGRAPH.sub("", line.text[line.text.find("§") :], count=1)
    rest = DIARY_NUMBER.split(rest)[0].strip(" :–-")
    if len(rest.split()) < 2 or HEADER_LABEL.match(rest):
        return False
    begin = line.start + line.text.find(rest)
    minute.title = Found(clean(rest), text.span(begin, begin + len(rest)))
    return True
