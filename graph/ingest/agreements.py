"""Read an agreement (avtal) between organizations.

A Swedish collaboration agreement names its parties with their organization
numbers ("Parter", read by :mod:`.parties`), its purpose, the areas and forms
of collaboration, the bodies that govern it and who sits in them, how
disputes are settled, its term ("Avtalstid") with termination, how it is
amended ("Tillägg") (those by :mod:`.agreement_terms`), and ends with the
signatures. :func:`parse` finds each with the span it was read from.

Tables in agreements (who sits in a body, who signs for whom) often reach us
flattened into lines; :mod:`.layout` puts their columns back together for
:mod:`.seats` and :mod:`.signatures`, which say what they could not.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from graph.ingest.agreement_terms import BODY_NOUNS, read_amendment, read_copies, read_dispute, read_term
from graph.ingest.facts import Agreement, BodyFound, Doubt, Found
from graph.ingest.parties import PARTY, read_parties
from graph.ingest.seats import seats
from graph.ingest.sections import Block, Section, blocks, found_in, heading_pattern, of_kind, split
from graph.ingest.signatures import signatures
from graph.ingest.swedish import clean, number_word, sentence_case
from graph.ingest.text import Text

BODY_CLASSES = {
    "styrgrupp": "SteeringGroup",
    "ledningsgrupp": "LeadershipGroup",
    "arbetsgrupp": "WorkingGroup",
    "referensgrupp": "WorkingGroup",
    "beredningsgrupp": "WorkingGroup",
    "samverkansgrupp": "WorkingGroup",
    "samverkanskommitté": "Committee",
    "samverkansråd": "GovernanceBody",
}
"""The ontology class (local name) of a governance body, by the noun in its heading."""

HEADINGS = (
    ("parties", heading_pattern(r"parter|avtalsparter|avtalets parter")),
    ("purpose", heading_pattern(r"syfte|avtalets syfte|bakgrund och syfte|syfte och mål|syfte och inriktning")),
    (
        "areas",
        heading_pattern(
            r"samverkansområden(?: och arbetssätt)?|områden för samverkan|prioriterade (?:samverkans)?områden"
        ),
    ),
    ("forms", heading_pattern(r"samverkansformer|former för samverkan")),
    (
        "organisation",
        heading_pattern(r"organisation(?: för samverkan)?|styrning(?: och organisation)?|organisation och styrning"),
    ),
    ("body", heading_pattern(rf"(?P<body>(?:(?:strategisk|gemensam|övergripande)\s+)?(?:{BODY_NOUNS})(?:en)?)")),
    ("dispute", heading_pattern(r"meningsskiljaktigheter|tvister?|tvistlösning")),
    (
        "term",
        heading_pattern(r"avtalstid(?: och uppsägning)?|avtalsperiod|giltighet(?:stid)?|avtalets giltighet(?:stid)?"),
    ),
    ("termination", heading_pattern(r"uppsägning(?: av avtalet)?")),
    (
        "amendment",
        heading_pattern(r"tillägg|ändringar|ändringar och tillägg|tillägg och ändringar|ändring av avtalet"),
    ),
    ("signatures", heading_pattern(r"underskrifter|undertecknande")),
    (
        "other",
        heading_pattern(
            r"rätt till resultat|särskild reglering av [a-zåäö]+|ekonomi|finansiering|sekretess|personuppgifter"
            r"|ansvar|kommunikation|uppföljning(?: och utvärdering)?|kontaktpersoner|övrigt|bilagor"
        ),
    ),
)

# The first word of an agreement's title.
TITLE = re.compile(
    r"(?:samverkansavtal|avtal|överenskommelse|avsiktsförklaring|partnerskapsavtal|ramavtal)\b", re.IGNORECASE
)

# A line above the title naming only the document's kind, in capitals: "SAMVERKANSAVTAL".
KIND_LINE = re.compile(r"(?-i:[A-ZÅÄÖ ]+)\s+(?=\S)")

# "… ska inledningsvis utvecklas inom områdena:" followed by a list, or the list inline.
AREA_INTRO = re.compile(r"\binom (?:följande |de )?(?:områdena|områden|följande områden)\b\s*:?", re.IGNORECASE)
LIST_SPLIT = re.compile(r"\s*(?:,|;|\boch\b|\bsamt\b)\s*")
BULLET = re.compile(r"^(?:[-–•*·]|\d{1,2}[.)])\s*")
MAX_ITEM_WORDS = 8
"""A list item or sub-heading is short; a longer line is prose."""

# How often a body meets: "en gång per år", "två ggr/år", "minst fyra gånger per år".
MEETINGS = re.compile(
    r"\b(?P<least>minst |åtminstone )?(?P<n>[a-zåäö]+|\d+)\s+(?:gånger|gång|ggr)\s*(?:per|/|om|i)\s*år(?:et)?\b",
    re.IGNORECASE,
)
# … or in one word: "årlig dialog", "kvartalsvis".
MEETING_WORDS = (
    (re.compile(r"\bårlig(?:a|t|en)?\b", re.IGNORECASE), 1),
    (re.compile(r"\bhalvårsvis\b", re.IGNORECASE), 2),
    (re.compile(r"\bkvartalsvis\b", re.IGNORECASE), 4),
    (re.compile(r"\bmånadsvis\b", re.IGNORECASE), 12),
)

# "Beslut fattas genom enhällighet.": how a body decides.
DECISION_RULE = re.compile(r"\bbeslut(?:en)?\s+fattas\s+(?:genom|med|i)\s+[^.]+\.", re.IGNORECASE)

# "… arbetsgrupp som utses av styrgruppen": the body that appoints this one.
APPOINTED_BY_BODY = re.compile(rf"\butses\s+av\s+(?P<body>(?:{BODY_NOUNS})en)\b", re.IGNORECASE)


class NoStructure(Exception):
    """The text has none of the parts an agreement has."""


def looks_like_agreement(text: Text) -> bool:
    """An agreement's title first, or a party with an organization number."""
    first = next((line.text for line in text.lines if line.text.strip()), "")
    return bool(TITLE.match(first.strip())) or bool(PARTY.search(text.value))


def parse(text: Text, known_people: Collection[str] = ()) -> Agreement:
    """Everything an agreement says that the graph models, each with its span.

    ``known_people`` are names the graph already has; they help split a line
    of signatories written side by side with single spaces.
    """
    agreement = Agreement()
    sections = split(text, HEADINGS)
    _title(text, sections[0], agreement)
    read_parties(text, of_kind(sections, "parties"), agreement)
    if len(agreement.parties) < 2:
        raise NoStructure("no parties were found (a \"Parter\" section, or parties with their organisationsnummer)")
    _purpose(text, of_kind(sections, "purpose"), agreement)
    _areas(text, of_kind(sections, "areas") or sections, agreement)
    _forms(text, of_kind(sections, "forms"), agreement)
    agreement.bodies = [_body(text, section, agreement) for section in of_kind(sections, "body")]
    read_dispute(text, of_kind(sections, "dispute"), agreement)
    read_term(text, of_kind(sections, "term", "termination") or sections, agreement)
    read_amendment(text, of_kind(sections, "amendment") or sections, agreement)
    read_copies(text, agreement)
    agreement.signatures = signatures(text, agreement, known_people)
    if not agreement.signatures:
        agreement.doubts.append(Doubt("Inga underskrifter hittades.", "No signatures were found."))
    for section in of_kind(sections, "organisation", "other"):
        assert section.heading is not None
        agreement.unread.append(Found(section.heading.text, text.span(section.heading.start, section.heading.end)))
    return agreement


def _title(text: Text, front: Section, agreement: Agreement) -> None:
    for block in blocks(text, front.start, front.end):
        if TITLE.match(block.text):
            # "SAMVERKANSAVTAL" over the title is a kind, not part of the name.
            kind = KIND_LINE.match(block.text)
            start = block.start + (kind.end() if kind and kind.end() < len(block.text) else 0)
            agreement.title = Found(clean(text.value[start : block.end]), text.span(start, block.end))
            return
    agreement.doubts.append(Doubt("Avtalets titel hittades inte.", "The agreement's title was not found."))


# --- Purpose, areas, forms ----------------------------------------------------------


def _purpose(text: Text, sections: list[Section], agreement: Agreement) -> None:
    for section in sections:
        paragraphs = blocks(text, section.start, section.end)
        if paragraphs:
            first = paragraphs[0]
            agreement.purpose = Found(clean(first.text), text.span(first.start, first.end))
            return


def _areas(text: Text, sections: list[Section], agreement: Agreement) -> None:
    """The areas listed after "inom områdena:", as a list of lines or inline."""
    for section in sections:
        intro = AREA_INTRO.search(text.value, section.start, section.end)
        if intro is None:
            continue
        line = text.line_at(intro.end())
        if text.value[intro.end() : line.end].strip():
            agreement.areas += _inline_items(text, intro.end(), line.end)
        else:
            agreement.areas += _listed_items(text, line.end + 1, section.end)
        return


def _inline_items(text: Text, start: int, end: int) -> list[Found[str]]:
    """``infrastruktur, klimat och AI.`` -> three items, each with a capital as a concept's label has."""
    items = []
    position = start
    for part in LIST_SPLIT.split(text.value[start:end]):
        at = text.value.find(part, position, end)
        value = part.strip().rstrip(".")
        if value:
            items.append(Found(sentence_case(value), text.span(at, at + len(value))))
        position = at + len(part)
    return items


def _listed_items(text: Text, start: int, end: int) -> list[Found[str]]:
    """Short lines after an introducing line, up to the first blank line after them."""
    items: list[Found[str]] = []
    for line in text.lines:
        if line.start < start or line.start >= end:
            continue
        if not line.text.strip():
            if items:
                break
            continue
        value = BULLET.sub("", line.text).strip().rstrip(".,;")
        if len(value.split()) > MAX_ITEM_WORDS:
            break
        if not value:
            continue
        at = line.start + line.text.find(value)
        items.append(Found(value, text.span(at, at + len(value))))
    return items


def _forms(text: Text, sections: list[Section], agreement: Agreement) -> None:
    """The sub-headings of "Samverkansformer": short lines without a full stop, standing on their own."""
    for section in sections:
        previous = ""
        for line in text.lines:
            if line.start < section.start or line.start >= section.end:
                continue
            value = BULLET.sub("", line.text).strip()
            standalone = not previous.strip() or previous.rstrip().endswith((".", ":"))
            short = len(value.split()) <= MAX_ITEM_WORDS and not value.endswith((".", ",", ";", ":"))
            if value and standalone and short and value[0].isupper():
                at = line.start + line.text.find(value)
                agreement.forms.append(Found(value, text.span(at, at + len(value))))
            previous = line.text


# --- Bodies -------------------------------------------------------------------------


def _body(text: Text, section: Section, agreement: Agreement) -> BodyFound:
    raw = section.group("body")
    assert raw is not None
    start = section.group_start("body")
    name = Found(sentence_case(clean(raw)), text.span(start, start + len(raw)))
    noun = next(n for n in BODY_CLASSES if n in raw.casefold())
    body = BodyFound(name, BODY_CLASSES[noun])
    for block in blocks(text, section.start, section.end):
        _body_facts(text, block, body)
    body.seats = seats(text, section, agreement)
    return body


def _body_facts(text: Text, block: Block, body: BodyFound) -> None:
    """How often the body meets, how it decides, who appoints it."""
    meetings = MEETINGS.search(block.text)
    if meetings is not None and body.meetings_per_year is None and (count := number_word(meetings.group("n"))):
        body.meetings_per_year = Found(count, found_in(text, block, meetings).span)
        body.at_least = bool(meetings.group("least"))
    for pattern, count in MEETING_WORDS:
        if body.meetings_per_year is None and (word := pattern.search(block.text)):
            body.meetings_per_year = Found(count, found_in(text, block, word).span)
    rule = DECISION_RULE.search(block.text)
    if rule is not None and body.decision_rule is None:
        found = found_in(text, block, rule)
        body.decision_rule = Found(sentence_case(found.value), found.span)
    appointed = APPOINTED_BY_BODY.search(block.text)
    if appointed is not None and body.appointed_by_body is None:
        body.appointed_by_body = found_in(text, block, appointed, "body")
