"""Who sits in a governance body: one :class:`~graph.ingest.facts.SeatFound` per place.

A body's section says "I styrgruppen ingår nedanstående från varje part."
and sets out a table, or "Styrgruppen består av:" and lists the seats party
by party under "Från Tyresö kommun:", or names them in the sentence
("… består av kommundirektören och samhällsbyggnadsdirektören från kommunen
samt rektor från KTH."). Each phrase becomes a seat: the post that fills it
("Kommundirektör"), the post that appoints it ("Av rektor utsedd
representant …"), the post that appoints a substitute ("…, eller av
kommundirektör utsedd ersättare"), whether it chairs ("(ordf.)") or takes
notes ("för minnesanteckningar").

Whose seat it is, in order of trust: the phrase says ("från Kommunen och
KI"), a heading line says ("Från Tyresö kommun:"), or the table's column
does. A seat none of these settles is left to the drafting, which knows the
graph's posts, and else to the report.
"""

from __future__ import annotations

import re

from graph.ingest.facts import Agreement, Found, SeatFound
from graph.ingest.layout import cells_of, columns_of
from graph.ingest.parties import FROM_OR_FOR, party_index
from graph.ingest.sections import Block, Section, blocks, sentences
from graph.ingest.swedish import clean, post_word
from graph.ingest.text import Line, Span, Text

# "I styrgruppen ingår följande …", "Styrgruppen består av:": a composition follows.
COMPOSITION = re.compile(r"\b(?:ingår|består\s+av|utgörs\s+av|sammansatt\s+av)\b", re.IGNORECASE)
TABLE_FOLLOWS = re.compile(r"^\s*(?:nedanstående|följande|:)", re.IGNORECASE)

# "… från kommunen samt rektor från KTH": groups of seats in one sentence.
INLINE_GROUP = re.compile(r"\s*(?:;|\bsamt\b)\s*")

# "(ordf.)", "(ordförande)", "ordförande": the seat that chairs the body.
CHAIR = re.compile(r"\s*\(\s*(?:ordf\.?|ordförande)\s*\)|\s*,?\s*\bordförande\b", re.IGNORECASE)

# "… från Kommunen och KI för minnesanteckningar": the parties a phrase names itself.
FROM_PARTIES = re.compile(r"\bfrån\s+(?P<who>.+?)(?=\s+för\b|\s*$)", re.IGNORECASE)
NAMES_SPLIT = re.compile(r"\s*,\s*|\s+och\s+")

# "Kommundirektör, eller av kommundirektör utsedd ersättare": a post with a substitute.
SUBSTITUTE = re.compile(
    r"^(?P<post>[\wåäö-]+),?\s+eller\s+av\s+(?P<by>[\wåäö-]+)\s+utsedd\s+ersättare", re.IGNORECASE
)

# "Av rektor utsedd representant från verksamheten": a seat the post named appoints.
APPOINTED = re.compile(r"^av\s+(?P<by>.+?)\s+utsedda?\s+(?P<what>.+)$", re.IGNORECASE)

AND = re.compile(r"\s+och\s+")

NOTE_TAKER = re.compile(r"minnesanteckning|protokollför|sekreterare", re.IGNORECASE)

PROSE_WORDS = 10
"""A line of this many words ending in a full stop is prose again: the table has ended."""


def seats(text: Text, section: Section, agreement: Agreement) -> list[SeatFound]:
    """Who sits in the body of ``section``: a table after "ingår"/"består av", or a list in that sentence."""
    lines = [line for line in text.lines if section.start <= line.start < section.end]
    for block in blocks(text, section.start, section.end):
        for sentence in sentences(block):
            found = COMPOSITION.search(sentence.text)
            if found is None:
                continue
            rest = sentence.text[found.end() :]
            if not rest.strip(" .:") or TABLE_FOLLOWS.match(rest):
                return _table(text, [line for line in lines if line.start >= sentence.end], agreement)
            if any(post_word(word) for word in rest.split()):
                return _inline(text, sentence, found.end(), agreement)
    return []


def _table(text: Text, lines: list[Line], agreement: Agreement) -> list[SeatFound]:
    phrases: list[list] = []  # [start, end, party, how], cleaned offsets
    columns: list[int] | None = None
    current: int | None = None
    for line in lines:
        content = line.text.strip()
        if not content:
            continue
        if content.endswith(".") and len(content.split()) >= PROSE_WORDS:
            break
        if (order := columns_of(line, agreement)) is not None:
            columns, current = order, None
            continue
        lead = FROM_OR_FOR.match(content)
        if lead is not None and (index := party_index(lead.group("name"), agreement)) is not None:
            current, columns = index, None
            continue
        if content[0].islower() and phrases:  # a cell's second line
            phrases[-1][1] = line.end
            continue
        cells = cells_of(line)
        for position, (cell, start) in enumerate(cells):
            if columns is not None and len(cells) == len(columns):
                party, how = columns[position], "column"
            elif current is not None:
                party, how = current, "heading"
            else:
                party, how = None, ""
            phrases.append([start, start + len(cell), party, how])
    result: list[SeatFound] = []
    for start, end, party, how in phrases:
        result += _seats_of(text.span(start, end), clean(text.value[start:end]), party, how, agreement)
    return result


def _inline(text: Text, sentence: Block, start: int, agreement: Agreement) -> list[SeatFound]:
    """``… består av kommundirektören och socialdirektören från kommunen samt rektor från KTH.``"""
    end = sentence.text.find(".", start)
    region = sentence.text[start : end if end >= 0 else len(sentence.text)]
    result: list[SeatFound] = []
    position = start
    for group in INLINE_GROUP.split(region):
        at = sentence.text.find(group, position)
        position = at + len(group)
        who = FROM_PARTIES.search(group)
        party = party_index(who.group("who"), agreement) if who else None
        members = group[: who.start()] if who else group
        offset = at
        for member in NAMES_SPLIT.split(members):
            member = member.strip()
            if not member:
                continue
            member_at = sentence.text.find(member, offset)
            offset = member_at + len(member)
            span = text.span(sentence.start + member_at, sentence.start + offset)
            result += _seats_of(span, member, party, "stated" if party is not None else "", agreement)
    return result


def _seats_of(span: Span, phrase: str, party: int | None, how: str, agreement: Agreement) -> list[SeatFound]:
    """One seat per party the phrase is for (usually one)."""
    bare = CHAIR.sub("", phrase).strip(" ,")
    parties: list[tuple[int | None, str]] = [(party, how)]
    stated = FROM_PARTIES.search(bare)
    if stated is not None:
        named = [party_index(name, agreement) for name in NAMES_SPLIT.split(stated.group("who")) if name.strip()]
        if named and None not in named:
            parties = [(index, "stated") for index in named]
    posts: tuple[str, ...] = ()
    appointed_by: tuple[str, ...] = ()
    substitute_by = None
    if (substitute := SUBSTITUTE.match(bare)) is not None:
        posts = tuple(p for p in [post_word(substitute.group("post"))] if p)
        substitute_by = post_word(substitute.group("by"))
    elif (appointed := APPOINTED.match(bare)) is not None:
        appointed_by = tuple(p for p in map(post_of, _split_posts(appointed.group("by"))) if p)
    else:
        posts = tuple(p for p in [post_of(bare)] if p)
    return [
        SeatFound(
            Found(bare, span),
            posts=posts,
            appointed_by=appointed_by,
            substitute_appointed_by=substitute_by,
            party=index,
            party_how=reason,
            chair=bool(CHAIR.search(phrase)),
            note_taker=bool(NOTE_TAKER.search(bare)),
        )
        for index, reason in parties
    ]


def _split_posts(text: str) -> list[str]:
    """``utbildningsdirektör och kultur- och fritidsdirektör`` -> the two posts (the dash keeps "kultur- och")."""
    parts: list[str] = []
    for piece in AND.split(text.strip()):
        if parts and parts[-1].endswith("-"):
            parts[-1] = f"{parts[-1]} och {piece}"
        else:
            parts.append(piece)
    return parts


def post_of(phrase: str) -> str | None:
    """The post a phrase starts with, in base form.

    ``Avdelningschefer för …`` -> ``avdelningschef``; ``kultur- och fritidsdirektör`` stays whole.
    """
    words = phrase.split()
    if len(words) >= 3 and words[0].endswith("-") and words[1].casefold() == "och":
        base = post_word(words[2])
        if base is not None:
            return f"{words[0].casefold()} och {base}"
    return post_word(words[0]) if words else None
