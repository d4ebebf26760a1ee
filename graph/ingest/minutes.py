"""Read a minute extract (protokollsutdrag): one paragraph of one body's meeting.

A Swedish minute extract opens with a header (the body, "Sammanträdesdatum",
"§ 13", "Diarienummer KS-2021/1682.103") and the matter's title, read by
:mod:`.minute_header`. Then come headed sections: the body's decision
("Kommunfullmäktiges beslut"), proposals ("Förslag till beslut",
"Kommunstyrelsens förslag till kommunfullmäktige"), a summary, the debate
("Överläggning", read by :mod:`.minute_people`), how the question was put
("Propositioner") and who receives the decision ("Beslutet ska skickas
till"). :func:`parse` returns each with the span of text it was read from;
what it cannot find or is unsure of becomes a :class:`~graph.ingest.facts.Doubt`.
"""

from __future__ import annotations

import re

from graph.ingest.facts import AgreementMention, Doubt, Found, Minute, Point, ProposalFound, ReportMention
from graph.ingest.minute_header import DATE_LABELS, DIARY_NUMBER, PARAGRAPH, read_header
from graph.ingest.minute_people import read_recipients, read_speakers
from graph.ingest.sections import Block, Section, blocks, found_in, heading_pattern, of_kind, sentences, split
from graph.ingest.swedish import BODY_PHRASE, DATE, body_name, clean, parse_date
from graph.ingest.text import Text

HEADINGS = (
    ("proposal_intro", heading_pattern(r"förslag till beslut")),
    # "Kommunstyrelsens förslag till kommunfullmäktige": one body proposing to another.
    ("proposal_from", heading_pattern(r"(?P<by>[a-zåäö ,-]+?s) förslag till (?P<to>[a-zåäö ,-]+)")),
    # "Kommunfullmäktiges beslut", "Kommunstyrelsens arbetsutskotts beslut", or just "Beslut".
    ("decision", heading_pattern(r"(?:(?P<by>[a-zåäö ,-]+?s) )?beslut")),
    (
        "summary",
        heading_pattern(r"sammanfattning(?: av ärendet)?|ärendebeskrivning|beskrivning av ärendet|bakgrund"),
    ),
    ("debate", heading_pattern(r"överläggning(?:ar)?(?: i [a-zåäö ]+)?|yrkanden?|anföranden?|debatt")),
    ("propositions", heading_pattern(r"propositioner(?: i [a-zåäö ]+)?|propositionsordning|beslutsgång(?:en)?")),
    (
        "recipients",
        heading_pattern(
            r"(?:beslutet )?(?:ska |skall )?(?:skickas|expedieras|sänds|delges) till"
            r"|expediering|för kännedom(?: till)?"
        ),
    ),
    (
        "other",
        heading_pattern(
            r"beslutsunderlag|handlingar(?: i ärendet)?|reservationer?|protokollsanteckningar?"
            r"|särskil(?:t|da) yttranden?|omröstning|jäv|ajournering"
        ),
    ),
)

# The form the shapes require of a diary number (and the registries use): "KS-2021/1682.103".
DIARY_NUMBER_FORM = re.compile(r"[A-ZÅÄÖ]+-[0-9]{4}/[0-9]+(?:\.[0-9]+)?")

# "1. Förslag till avtal … godkänns." or "2) …": a numbered point.
NUMBERED_POINT = re.compile(r"(?P<n>\d{1,2})\s*[.)]\s+(?P<text>\S.*)")

# "… föreslår kommunstyrelsen att godkänna …", "… föreslår kommunstyrelsen besluta …".
PROPOSES = re.compile(rf"\bföreslår\s+(?P<to>{BODY_PHRASE})\s+(?P<what>(?:att|besluta|fatta)\b.*)", re.IGNORECASE)

# The body a sentence starts with: who proposes, in "Kommunstyrelsens förvaltning … föreslår …".
SUBJECT = re.compile(rf"(?P<by>{BODY_PHRASE})\b", re.IGNORECASE)

# "… i enlighet med kommunstyrelsens förslag": the body whose proposal was followed.
ON_PROPOSAL = re.compile(rf"\b(?:i enlighet med|enligt)\s+(?P<by>{BODY_PHRASE})\s+förslag\b", re.IGNORECASE)

# "Under förutsättning att fullmäktige beslutar … ges kommundirektören i uppdrag att …":
# the condition of a proposal, and the post it gives a task to.
CONDITION = re.compile(
    r"\bunder förutsättning att\s+(?P<condition>.+?)\s+(?=(?:ges|får|ska|uppdras)\b)", re.IGNORECASE
)
MANDATE = re.compile(
    r"\b(?:ges|får)\s+(?P<post>[a-zåäö-]+?(?:en|n))\s+i uppdrag att\b"
    r"|\buppdras\s+(?P<post2>[a-zåäö-]+?(?:en|n))\s+att\b"
)

# "avtal om strategiskt partnerskap mellan Södertörns högskola och Huddinge kommun":
# the agreement a matter is about, with its two parties.
AGREEMENT = re.compile(
    r"\b[Aa]vtal om (?P<subject>[a-zåäö ,-]+?) mellan (?P<a>[A-ZÅÄÖ][^,.;]*?) och (?P<b>[A-ZÅÄÖ][^,.;]*?)"
    r"(?=\s*(?:[,.;]|$|\s+(?:bilaga|godkänn|daterat|samt|ska)\b))"
)

# "kommunstyrelsens förvaltnings tjänsteutlåtande daterat den 11 augusti 2021": an officials' report.
REPORT = re.compile(
    rf"(?P<by>{BODY_PHRASE})\s+tjänsteutlåtande\s+daterat\s+(?:den\s+)?(?P<when>{DATE.pattern})",
    re.IGNORECASE,
)

# "Huddinge kommun", "Huddinge kommuns": a municipality named in running text.
MUNICIPALITY_MENTION = re.compile(r"\b(?P<name>[A-ZÅÄÖ][a-zåäö]+(?:-[A-ZÅÄÖ][a-zåäö]+)?) kommuns?\b")

HEAD = 3000
"""Characters at the start of a document in which a minute's header must stand."""


class NoStructure(Exception):
    """The text has none of the parts a minute extract has."""


def looks_like_minute(text: Text) -> bool:
    """A paragraph sign and either a meeting date label or a diary number: what every extract has."""
    head = text.value[:HEAD]
    return bool(PARAGRAPH.search(head)) and bool(DATE_LABELS[0].search(head) or DIARY_NUMBER.search(head))


def parse(text: Text) -> Minute:
    """Everything a minute extract says that the graph models, each with its span."""
    minute = Minute()
    sections = split(text, HEADINGS)
    read_header(text, sections[0], minute)
    _decision_and_proposals(text, sections, minute)
    _on_proposal_of(text, sections, minute)
    read_speakers(text, of_kind(sections, "debate", "propositions"), minute)
    read_recipients(text, of_kind(sections, "recipients"), minute)
    _mentions(text, sections, minute)
    for section in of_kind(sections, "summary", "other"):
        assert section.heading is not None
        minute.unread.append(Found(section.heading.text, text.span(section.heading.start, section.heading.end)))
    _check(minute)
    return minute


def _heading_group(text: Text, section: Section, group: str) -> Found[str]:
    """A group of a heading ("Kommunstyrelsens" in "Kommunstyrelsens beslut") as a body's name."""
    raw = section.group(group)
    assert raw is not None
    start = section.group_start(group)
    return Found(body_name(raw), text.span(start, start + len(raw)))


# --- Decision and proposals --------------------------------------------------------


def _decision_and_proposals(text: Text, sections: list[Section], minute: Minute) -> None:
    deciding = minute.body.value.casefold() if minute.body else None
    for section in sections[1:]:
        if section.kind == "proposal_from":
            _proposals_from(text, section, minute)
        elif section.kind == "decision":
            # "Kommunfullmäktiges beslut" in the council's own minute is its decision;
            # "Kommunstyrelsens beslut" in the working committee's is a decision it proposes.
            by = section.group("by")
            own = by is None or deciding is None or _same_body(body_name(by), deciding)
            if own and minute.decision_text is None:
                _decision(text, section, minute)
            else:
                _proposed_decision(text, section, minute)
        elif section.kind == "summary":
            _proposing_sentences(text, section, minute)
    if minute.decision_text is None:
        minute.doubts.append(
            Doubt(
                "Ingen beslutsrubrik (till exempel \"Kommunfullmäktiges beslut\") hittades; beslutstexten saknas.",
                "No decision heading (such as \"Kommunfullmäktiges beslut\") was found; the decision text is missing.",
            )
        )


def _same_body(name: str, deciding: str) -> bool:
    """``Arbetsutskottet`` names the deciding ``Kommunstyrelsens arbetsutskott``; so does its full name."""
    name = name.casefold()
    return name == deciding or (name.endswith(("et", "en")) and deciding.endswith(name[:-2]))


def _section_text(text: Text, section: Section) -> Found[str] | None:
    paragraphs = blocks(text, section.start, section.end)
    if not paragraphs:
        return None
    value = clean(" ".join(b.text for b in paragraphs))
    return Found(value, text.span(paragraphs[0].start, paragraphs[-1].end))


def _decision(text: Text, section: Section, minute: Minute) -> None:
    assert section.heading is not None
    minute.decision_heading = Found(section.heading.text, text.span(section.heading.start, section.heading.end))
    minute.decision_text = _section_text(text, section)
    minute.points = _points(text, section)
    for block in blocks(text, section.start, section.end):
        for sentence in sentences(block):
            proposes = PROPOSES.search(sentence.text)
            if proposes is not None and minute.proposes_to is None:
                minute.proposes_to = found_in(text, sentence, proposes, "to")


def _points(text: Text, section: Section) -> list[Point]:
    """The numbered points of a section; a point runs on over the unnumbered lines right after it."""
    points: list[tuple[int, int, int]] = []  # number, start, end (cleaned)
    for line in text.lines:
        if line.start < section.start or line.end > section.end:
            continue
        numbered = NUMBERED_POINT.fullmatch(line.text)
        if numbered is not None:
            points.append((int(numbered.group("n")), line.start + numbered.start("text"), line.end))
        elif points and line.text.strip() and points[-1][2] == line.start - 1:
            number, start, _ = points[-1]
            points[-1] = (number, start, line.end)
    return [Point(n, Found(clean(text.value[s:e]), text.span(s, e))) for n, s, e in points]


def _proposals_from(text: Text, section: Section, minute: Minute) -> None:
    """``Kommunstyrelsens förslag till kommunfullmäktige`` and its points, each a proposal."""
    by, to = _heading_group(text, section, "by"), _heading_group(text, section, "to")
    points = _points(text, section)
    if points:
        minute.proposals += [ProposalFound(by, to, point.text, item=point.number) for point in points]
    elif (whole := _section_text(text, section)) is not None:
        minute.proposals.append(ProposalFound(by, to, whole))


def _proposed_decision(text: Text, section: Section, minute: Minute) -> None:
    """``Kommunstyrelsens beslut`` under ``Förslag till beslut``: the deciding body proposes it to that body."""
    assert section.heading is not None
    whole = _section_text(text, section)
    if whole is None or section.group("by") is None or minute.body is None:
        minute.doubts.append(
            Doubt(
                f"Rubriken \"{section.heading.text}\" lästes inte: det framgår inte vems förslag det är.",
                f"The heading \"{section.heading.text}\" was not read: whose proposal it is is unclear.",
                text.span(section.heading.start, section.heading.end),
            )
        )
        return
    to = _heading_group(text, section, "by")
    for number, found in [(p.number, p.text) for p in _points(text, section)] or [(None, whole)]:
        start, end = text.cleaned(found.span.start), text.cleaned(found.span.end)
        block = Block(start, text.value[start:end].replace("\n", " "))
        condition, post = CONDITION.search(block.text), MANDATE.search(block.text)
        minute.proposals.append(
            ProposalFound(
                minute.body,
                to,
                found,
                item=number,
                condition=found_in(text, block, condition, "condition") if condition else None,
                mandated_post=found_in(text, block, post, "post" if post.group("post") else "post2") if post else None,
            )
        )


def _proposing_sentences(text: Text, section: Section, minute: Minute) -> None:
    """``Kommunstyrelsens förvaltning anser … och föreslår kommunstyrelsen att …`` in the summary."""
    for block in blocks(text, section.start, section.end):
        for sentence in sentences(block):
            proposes = PROPOSES.search(sentence.text)
            if proposes is None:
                continue
            subject = SUBJECT.match(sentence.text)
            if subject is None:
                minute.doubts.append(
                    Doubt(
                        "Ett förslag hittades, men inte vem som lägger det.",
                        "A proposal was found, but not who makes it.",
                        text.span(sentence.start, sentence.end),
                    )
                )
                continue
            by, to = found_in(text, sentence, subject, "by"), found_in(text, sentence, proposes, "to")
            minute.proposals.append(
                ProposalFound(
                    Found(body_name(by.value), by.span),
                    Found(body_name(to.value), to.span),
                    found_in(text, sentence, proposes, "what"),
                )
            )


def _on_proposal_of(text: Text, sections: list[Section], minute: Minute) -> None:
    """Whose proposal the decision followed, if the minute says (and the decision is not itself a proposal)."""
    if minute.proposes_to is not None:
        return
    for section in [*of_kind(sections, "propositions"), *of_kind(sections, "debate"), *of_kind(sections, "decision")]:
        for block in blocks(text, section.start, section.end):
            found = ON_PROPOSAL.search(block.text)
            if found is not None:
                by = found_in(text, block, found, "by")
                minute.on_proposal_of = Found(body_name(by.value), by.span)
                return


# --- What else the minute names ---------------------------------------------------------


def _mentions(text: Text, sections: list[Section], minute: Minute) -> None:
    """Agreements, officials' reports and municipalities the minute names."""
    for section in sections:
        if section.kind == "recipients":
            continue
        for block in blocks(text, section.start, section.end):
            for agreement in AGREEMENT.finditer(block.text):
                title = found_in(text, block, agreement)
                minute.agreements.append(
                    AgreementMention(
                        Found("Avtal om " + title.value[len("avtal om ") :], title.span),
                        clean(agreement.group("subject")),
                        (found_in(text, block, agreement, "a"), found_in(text, block, agreement, "b")),
                    )
                )
            for report in REPORT.finditer(block.text):
                day = parse_date(report)
                if day is not None and all(r.day.value != day for r in minute.reports):
                    by = found_in(text, block, report, "by")
                    when = found_in(text, block, report, "when")
                    minute.reports.append(ReportMention(Found(body_name(by.value), by.span), Found(day, when.span)))
    for mention in MUNICIPALITY_MENTION.finditer(text.value):
        span = text.span(mention.start(), mention.end())
        minute.municipality_mentions.append(Found(mention.group("name") + " kommun", span))


def _check(minute: Minute) -> None:
    """Refuse what is no minute; name what is missing or irregular, so the report can say it."""
    if minute.paragraph is None or (minute.day is None and minute.diary_number is None):
        raise NoStructure("no paragraph sign (§) with a meeting date or diary number was found")
    for found, sv, en in (
        (minute.body, "Det beslutande organet hittades inte.", "The deciding body was not found."),
        (minute.day, "Sammanträdesdatum hittades inte.", "The meeting date was not found."),
        (minute.diary_number, "Diarienummer hittades inte.", "The diary number was not found."),
    ):
        if found is None:
            minute.doubts.append(Doubt(sv, en))
    if minute.diary_number is not None and not DIARY_NUMBER_FORM.fullmatch(minute.diary_number.value):
        number = minute.diary_number.value
        minute.doubts.append(
            Doubt(
                f"Diarienumret \"{number}\" har inte den vanliga formen (som KS-2021/1682.103); kontrollera det.",
                f"The diary number \"{number}\" is not in the usual form (such as KS-2021/1682.103); check it.",
                minute.diary_number.span,
            )
        )
    if not minute.recipients:
        minute.doubts.append(
            Doubt(
                "Inga mottagare (\"Beslutet ska skickas till\") hittades.",
                "No recipients (\"Beslutet ska skickas till\") were found.",
            )
        )
