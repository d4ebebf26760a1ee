"""The parties of an agreement: their names, short forms, organization numbers and what the text calls them.

Agreements name their parties in a list ("Karolinska Institutet (KI),
org.nr 202100–2973") or in a sentence ("Mellan Tyresö kommun,
organisationsnummer 212000-0142, nedan kallad kommunen, och …"). Later the
text refers to them by short form ("KI") or by what it called them
("kommunen"), which :func:`party_index` resolves.
"""

from __future__ import annotations

import re

from graph.ingest.facts import Agreement, Doubt, Found, Party
from graph.ingest.sections import Block, Section, blocks, found_in, lines_between
from graph.ingest.swedish import (
    ORGANIZATION_NUMBER,
    clean,
    luhn_check_digit,
    luhn_valid,
    normalise,
    organization_number,
)
from graph.ingest.text import Text

# "Karolinska Institutet (KI), org.nr 202100–2973", "Tyresö kommun, organisationsnummer
# 212000-0142, nedan kallad kommunen": a party, its short form, its number and what the text
# calls it afterwards. The name is one to six words on one line, ending where the number begins.
PARTY = re.compile(
    r"(?P<name>[A-ZÅÄÖ][\wåäöÅÄÖ.&-]*(?:[ ]+[\wåäöÅÄÖ.&-]+){0,5}?)"
    r"(?:[ ]*\((?P<abbr>[A-ZÅÄÖ]{2,8})\))?"
    r"[ ]*,?[ ]*\(?[ ]*(?:org\.?[ ]*nr\.?|organisationsnummer|org\.?[ ]*nummer)[ ]*:?[ ]*"
    r"(?P<number>\d{6}[ ]?[-–—‐]?[ ]?\d{4})\)?"
    r"(?:[ ]*,?[ ]*\(?[ ]*(?:nedan(?:[ ]+(?:kallad|benämnd))?|härefter kallad)[ ]+"
    r"[\"”]?(?P<alias>[a-zåäöA-ZÅÄÖ]+)[\"”]?\)?)?"
)

# "Mellan Tyresö kommun …": the word before the first party in a sentence.
LEAD = re.compile(r"^(?:mellan|och)\s+", re.IGNORECASE)

# "Från Tyresö kommun:", "För Södertörns högskola": a party named as a heading of lines.
FROM_OR_FOR = re.compile(r"^(?:från|för)\s+(?P<name>.+?)\s*:?$", re.IGNORECASE)

# What each kind of party is called after it has been named: "kommunen", "högskolan".
GENERIC_ALIASES = (
    (re.compile(r"\bkommun$", re.IGNORECASE), "kommunen"),
    (re.compile(r"\bhögskola$", re.IGNORECASE), "högskolan"),
    (re.compile(r"\buniversitet$", re.IGNORECASE), "universitetet"),
    (re.compile(r"\binstitutet$", re.IGNORECASE), "institutet"),
    (re.compile(r"^region\b", re.IGNORECASE), "regionen"),
)

BULLET = re.compile(r"^(?:[-–•*·]|\d{1,2}[.)])\s*")
MAX_NAME_WORDS = 6


def read_parties(text: Text, party_sections: list[Section], agreement: Agreement) -> None:
    """Every party named with an organization number; else the lines of the "Parter" section."""
    seen: set[str] = set()
    for block in blocks(text, 0, len(text.value)):
        for match in PARTY.finditer(block.text):
            lead = LEAD.match(match.group("name"))
            start = block.start + match.start("name") + (lead.end() if lead else 0)
            name = clean(text.value[start : block.start + match.end("name")])
            if name.casefold() not in seen:
                seen.add(name.casefold())
                agreement.parties.append(_party(text, block, match, Found(name, text.span(start, start + len(name)))))
    if len(agreement.parties) < 2:
        _parties_without_numbers(text, party_sections, agreement, seen)
    for party in agreement.parties:
        if party.number is not None and not party.number_valid:
            agreement.doubts.append(_wrong_check_digit(party, party.number))


def _party(text: Text, block: Block, match: re.Match[str], name: Found[str]) -> Party:
    raw = found_in(text, block, match, "number")
    written = ORGANIZATION_NUMBER.fullmatch(raw.value)
    assert written is not None
    number = Found(organization_number(written), raw.span)
    abbreviation = found_in(text, block, match, "abbr") if match.group("abbr") else None
    aliases = [match.group("alias").casefold()] if match.group("alias") else []
    aliases += [alias for pattern, alias in GENERIC_ALIASES if pattern.search(name.value)]
    return Party(name, abbreviation, number, luhn_valid(number.value), tuple(aliases))


def _parties_without_numbers(text: Text, sections: list[Section], agreement: Agreement, seen: set[str]) -> None:
    """A "Parter" section listing names only: each short line is a party, flagged for its missing number."""
    for section in sections:
        for line in lines_between(text, section.start, section.end):
            name = BULLET.sub("", line.text).strip().rstrip(",.;")
            if not name or len(name.split()) > MAX_NAME_WORDS or not name[0].isupper() or name.casefold() in seen:
                continue
            seen.add(name.casefold())
            start = line.start + line.text.find(name)
            found = Found(name, text.span(start, start + len(name)))
            aliases = tuple(alias for pattern, alias in GENERIC_ALIASES if pattern.search(name))
            agreement.parties.append(Party(found, aliases=aliases))
            agreement.doubts.append(
                Doubt(
                    f"Parten \"{name}\" anges utan organisationsnummer.",
                    f"The party \"{name}\" is named without an organization number.",
                    found.span,
                )
            )


def _wrong_check_digit(party: Party, number: Found[str]) -> Doubt:
    right = luhn_check_digit(number.value.replace("-", "")[:9])
    return Doubt(
        f"Organisationsnumret {number.value} för {party.name.value} har fel kontrollsiffra "
        f"(Luhn ger {right}); numret togs inte med.",
        f"The organization number {number.value} of {party.name.value} has a wrong check digit "
        f"(Luhn gives {right}); the number was left out.",
        number.span,
    )


def party_index(name: str, agreement: Agreement) -> int | None:
    """The party ``name`` refers to: its name, short form or what the text calls it ("kommunen")."""
    lead = FROM_OR_FOR.match(name.strip())
    key = normalise(lead.group("name") if lead else name)
    for index, party in enumerate(agreement.parties):
        names = {normalise(party.name.value), *party.aliases}
        if party.abbreviation is not None:
            names.add(normalise(party.abbreviation.value))
        if key in names:
            return index
    return None
