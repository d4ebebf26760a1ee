"""What the parsers find in a document: values, each with the span of text it came from.

The parsers know Swedish and the shape of minutes and agreements, not the
graph: names here are as the document writes them. Matching them to the
graph's resources and writing RDF is the drafting's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from graph.ingest.text import Span

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value and the words it was read from."""

    value: T
    span: Span


@dataclass(frozen=True)
class Doubt:
    """Something the parser was unsure of, in Swedish and English, with where it looked."""

    sv: str
    en: str
    span: Span | None = None


# --- Minute extracts -----------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """A numbered point of a decision or proposal: ``1. … godkänns.``"""

    number: int
    text: Found[str]


@dataclass(frozen=True)
class ProposalFound:
    """A proposal from one body to another, as the minute states it."""

    by: Found[str]
    to: Found[str]
    text: Found[str]
    item: int | None = None
    condition: Found[str] | None = None
    mandated_post: Found[str] | None = None


@dataclass(frozen=True)
class Speaker:
    """A member who spoke, with the party letters after the name and what they moved."""

    name: Found[str]
    party: Found[str] | None
    motion: Found[str] | None


@dataclass(frozen=True)
class AgreementMention:
    """``avtal om … mellan A och B``: an agreement a minute decides or proposes on."""

    title: Found[str]
    subject: str
    parties: tuple[Found[str], Found[str]]


@dataclass(frozen=True)
class ReportMention:
    """``kommunstyrelsens förvaltnings tjänsteutlåtande daterat den 11 augusti 2021``."""

    by: Found[str]
    day: Found[date]


@dataclass
class Minute:
    """An extract of minutes: one paragraph (§) of one body's meeting."""

    body: Found[str] | None = None
    municipality: Found[str] | None = None
    municipality_mentions: list[Found[str]] = field(default_factory=list)
    day: Found[date] | None = None
    paragraph: Found[int] | None = None
    diary_number: Found[str] | None = None
    title: Found[str] | None = None
    decision_heading: Found[str] | None = None
    decision_text: Found[str] | None = None
    points: list[Point] = field(default_factory=list)
    proposes_to: Found[str] | None = None
    on_proposal_of: Found[str] | None = None
    proposals: list[ProposalFound] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    recipients: list[Found[str]] = field(default_factory=list)
    agreements: list[AgreementMention] = field(default_factory=list)
    reports: list[ReportMention] = field(default_factory=list)
    unread: list[Found[str]] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)


# --- Agreements ----------------------------------------------------------------


@dataclass(frozen=True)
class Party:
    """A party as the agreement names it, with its organization number if given."""

    name: Found[str]
    abbreviation: Found[str] | None = None
    number: Found[str] | None = None
    number_valid: bool = True
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeatFound:
    """One line of who sits in a body: ``Kommundirektör, eller av kommundirektör utsedd ersättare``."""

    phrase: Found[str]
    posts: tuple[str, ...] = ()
    appointed_by: tuple[str, ...] = ()
    substitute_appointed_by: str | None = None
    party: int | None = None  # index into Agreement.parties, when the text says whose seat it is
    party_how: str = ""
    chair: bool = False
    note_taker: bool = False


@dataclass
class BodyFound:
    """A governance body the agreement sets up, and who sits in it."""

    name: Found[str]
    kind: str  # local name of the sv: class
    meetings_per_year: Found[int] | None = None
    at_least: bool = False
    decision_rule: Found[str] | None = None
    appointed_by_body: Found[str] | None = None
    seats: list[SeatFound] = field(default_factory=list)


@dataclass(frozen=True)
class SignatureFound:
    """A signature line: for which party, by whom, as what."""

    party: int
    person: Found[str]
    title: Found[str] | None


@dataclass
class Agreement:
    """An agreement between organizations."""

    title: Found[str] | None = None
    parties: list[Party] = field(default_factory=list)
    purpose: Found[str] | None = None
    areas: list[Found[str]] = field(default_factory=list)
    forms: list[Found[str]] = field(default_factory=list)
    bodies: list[BodyFound] = field(default_factory=list)
    valid_from: Found[date] | None = None
    valid_from_condition: Found[str] | None = None
    valid_until: Found[date] | None = None
    open_ended: Found[bool] | None = None
    termination: Found[str] | None = None
    termination_in_writing: bool = False
    amendment: Found[str] | None = None
    amendment_in_writing: bool = False
    copies: Found[int] | None = None
    dispute_referred_to: Found[str] | None = None
    signatures: list[SignatureFound] = field(default_factory=list)
    unread: list[Found[str]] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
