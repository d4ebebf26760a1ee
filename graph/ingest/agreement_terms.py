"""An agreement's terms: how long it runs, how it ends, how it is changed, in how many copies, where disputes go.

Term and termination are often one paragraph ("Avtalet gäller från och med
parternas undertecknande och tills vidare. En uppsägning ska göras
skriftligt."), so the terms are read as sentences: the termination terms
are the sentences about "uppsägning", the amendment terms those about
"tillägg" or "ändring" of the agreement, each quoted as the text has them.
"""

from __future__ import annotations

import re

from graph.ingest.facts import Agreement, Doubt, Found
from graph.ingest.sections import Block, Section, blocks, found_in, sentences
from graph.ingest.swedish import DATE, clean, number_word, parse_date, sentence_case
from graph.ingest.text import Text

BODY_NOUNS = (
    r"styrgrupp|ledningsgrupp|arbetsgrupp|referensgrupp|beredningsgrupp|samverkansgrupp"
    r"|samverkansråd|samverkanskommitté"
)
"""The nouns of the bodies agreements set up."""

# "Meningsskiljaktigheter ska hänföras till styrgruppen.", "Tvister … ska i första hand lösas av
# styrgruppen.": the body disputes go to first.
DISPUTE = re.compile(
    r"\b(?:ska|skall)\s+(?:i första hand\s+)?(?:hänföras|hänskjutas|överlämnas|lösas)\s+(?:till|av|i|inom)\s+"
    rf"(?P<body>(?:{BODY_NOUNS})en)\b",
    re.IGNORECASE,
)

# "gäller från och med den 1 januari 2024", "till och med den 31 december 2026": a fixed term.
VALID_FROM = re.compile(
    rf"\b(?:från och med|fr\.\s?o\.\s?m\.|från)\s+(?:den\s+)?(?P<when>{DATE.pattern})", re.IGNORECASE
)
VALID_UNTIL = re.compile(rf"\b(?:till och med|t\.\s?o\.\s?m\.)\s+(?:den\s+)?(?P<when>{DATE.pattern})", re.IGNORECASE)

# "från och med parternas undertecknande", "från och med att båda parter undertecknat det":
# a start that is an event, not a date.
VALID_FROM_EVENT = re.compile(
    r"\b(?:från och med|från|vid)\s+"
    r"(?:(?:parternas|båda parters|att båda parter)\b[^.,]*?\bundert[a-zåäö]+|undertecknandet)",
    re.IGNORECASE,
)
OPEN_ENDED = re.compile(r"\btills vidare\b", re.IGNORECASE)
TERMINATION = re.compile(r"uppsäg", re.IGNORECASE)
AMENDMENT = re.compile(r"\b(?:tillägg|ändring)", re.IGNORECASE)
IN_WRITING = re.compile(r"\bskriftlig", re.IGNORECASE)

# "Avtalet är utformat i två likalydande exemplar": the number of signed copies.
COPIES = re.compile(r"\bi\s+(?P<n>[a-zåäö]+|\d+)\s+(?:likalydande|likadana)?\s*exemplar\b", re.IGNORECASE)


def read_dispute(text: Text, sections: list[Section], agreement: Agreement) -> None:
    for section in sections:
        for block in blocks(text, section.start, section.end):
            found = DISPUTE.search(block.text)
            if found is not None:
                agreement.dispute_referred_to = found_in(text, block, found, "body")
                return
        agreement.doubts.append(
            Doubt(
                "Avsnittet om meningsskiljaktigheter lästes, men inte till vilket organ tvister hänförs.",
                "The section on disagreements was read, but not which body disputes are referred to.",
                text.span(section.heading.start, section.heading.end) if section.heading else None,
            )
        )


def read_term(text: Text, sections: list[Section], agreement: Agreement) -> None:
    """Start, end or "until further notice", and the sentences on termination."""
    a = agreement
    for section in sections:
        for block in blocks(text, section.start, section.end):
            if a.valid_from is None and (found := VALID_FROM.search(block.text)) and (day := parse_date(found)):
                a.valid_from = Found(day, found_in(text, block, found, "when").span)
            if a.valid_from_condition is None and (found := VALID_FROM_EVENT.search(block.text)):
                condition = found_in(text, block, found)
                a.valid_from_condition = Found(sentence_case(condition.value), condition.span)
            if a.valid_until is None and (found := VALID_UNTIL.search(block.text)) and (day := parse_date(found)):
                a.valid_until = Found(day, found_in(text, block, found, "when").span)
            if a.open_ended is None and (found := OPEN_ENDED.search(block.text)):
                a.open_ended = Found(True, found_in(text, block, found).span)
    chosen = _sentences(text, sections, TERMINATION)
    if chosen:
        a.termination = _joined(text, chosen)
        a.termination_in_writing = any(IN_WRITING.search(s.text) for s in chosen)
    if a.valid_from and a.valid_until and a.valid_until.value < a.valid_from.value:
        a.doubts.append(
            Doubt(
                "Avtalets slutdatum ligger före startdatum; kontrollera avtalstiden.",
                "The agreement's end date is before its start date; check the term.",
                a.valid_until.span,
            )
        )
    if a.open_ended is None and a.valid_until is None:
        a.doubts.append(
            Doubt(
                "Avtalstiden (slutdatum eller \"tills vidare\") hittades inte.",
                "The term (an end date or \"until further notice\") was not found.",
            )
        )


def read_amendment(text: Text, sections: list[Section], agreement: Agreement) -> None:
    chosen = [s for s in _sentences(text, sections, AMENDMENT) if "avtal" in s.text.casefold()]
    if chosen:
        agreement.amendment = _joined(text, chosen)
        agreement.amendment_in_writing = any(IN_WRITING.search(s.text) for s in chosen)


def read_copies(text: Text, agreement: Agreement) -> None:
    found = COPIES.search(text.value)
    if found is not None and (count := number_word(found.group("n"))):
        agreement.copies = Found(count, text.span(found.start(), found.end()))


def _sentences(text: Text, sections: list[Section], pattern: re.Pattern[str]) -> list[Block]:
    chosen = []
    for section in sections:
        for block in blocks(text, section.start, section.end):
            chosen += [s for s in sentences(block) if pattern.search(s.text)]
    return chosen


def _joined(text: Text, chosen: list[Block]) -> Found[str]:
    value = " ".join(clean(s.text) for s in chosen)
    return Found(value, text.cover(*(text.span(s.start, s.end) for s in chosen)))
