"""Who spoke in a minute extract, for which party and moving what; and who receives the decision."""

from __future__ import annotations

import re

from graph.ingest.facts import Doubt, Found, Minute, Speaker
from graph.ingest.sections import Block, Section, blocks, lines_between, sentences
from graph.ingest.swedish import clean
from graph.ingest.text import Text

# "Christina Eklund (M)": a member and the letters of their party. Names are
# two to four capitalised words (hyphenated first names and "af"/"von" too).
NAME_WORD = r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)?"
SPEAKER = re.compile(
    rf"(?P<name>{NAME_WORD}(?:\s+(?:(?:af|von|de|van|der)\s+)?{NAME_WORD}){{1,3}})"
    r"\s*\(\s*(?P<party>[A-ZÅÄÖ]{1,3})\s*\)"
)

# Words a minute puts before a member's name that are not part of it: "Ordföranden Karin Wallin (KD)".
SPEAKER_ROLE = re.compile(
    r"^(?:(?:förste|andre|vice)\s+)?(?:ordföranden?|ledamoten|ledamöterna|ersättaren|kommunalrådet"
    r"|oppositionsrådet|härefter|därefter)\s+",
    re.IGNORECASE,
)

# "… yrkar att fullmäktige ska besluta …", "… yrkar bifall till …": what a member moved.
MOTION = re.compile(r"\byrkar\s+(?P<motion>[^.]+)")

# Recipients that are files, not agents: noted, never drafted as organizations.
FILING = re.compile(r"akten|diariet|arkivet|för kännedom", re.IGNORECASE)
LIST_ITEM = re.compile(r"[^,;]+")
BULLET = re.compile(r"^[-–•*·]\s*")

# "Kungliga Tekniska högskolan (KTH)": the short form in brackets is not part of the name.
ABBREVIATION_AFTER = re.compile(r"\s*\([A-ZÅÄÖ]{2,8}\)$")


def read_speakers(text: Text, sections: list[Section], minute: Minute) -> None:
    """Members named with their party letters in the debate and the putting of the question."""
    seen: dict[str, int] = {}
    for section in sections:
        for block in blocks(text, section.start, section.end):
            for sentence in sentences(block):
                _speakers_in(text, sentence, minute, seen)


def _speakers_in(text: Text, sentence: Block, minute: Minute, seen: dict[str, int]) -> None:
    """The members named in one sentence; each gets the motion ("yrkar …") that follows their name."""
    motions = list(MOTION.finditer(sentence.text))
    for match in SPEAKER.finditer(sentence.text):
        role = SPEAKER_ROLE.match(match.group("name"))
        start = match.start("name") + (role.end() if role else 0)
        name = clean(sentence.text[start : match.end("name")])
        if len(name.split()) < 2:
            continue
        motion = next((m for m in motions if m.start() > match.end()), None)
        motion_found = None
        if motion is not None:
            span = text.span(sentence.start + motion.start("motion"), sentence.start + motion.end("motion"))
            motion_found = Found(clean(motion.group("motion")), span)
        if name in seen:  # named again, perhaps now with what they moved
            earlier = minute.speakers[seen[name]]
            if earlier.motion is None and motion_found is not None:
                minute.speakers[seen[name]] = Speaker(earlier.name, earlier.party, motion_found)
            continue
        seen[name] = len(minute.speakers)
        party_span = text.span(sentence.start + match.start("party"), sentence.start + match.end("party"))
        party = Found(match.group("party"), party_span)
        name_span = text.span(sentence.start + start, sentence.start + match.end("name"))
        minute.speakers.append(Speaker(Found(name, name_span), party, motion_found))


def read_recipients(text: Text, sections: list[Section], minute: Minute) -> None:
    """One recipient per line, or several on a line separated by commas; bullets and "(KTH)" dropped."""
    for section in sections:
        for line in lines_between(text, section.start, section.end):
            bullet = BULLET.match(line.text)
            for item in LIST_ITEM.finditer(line.text, bullet.end() if bullet else 0):
                name = ABBREVIATION_AFTER.sub("", item.group().strip().rstrip("."))
                if not name:
                    continue
                start = line.start + item.start() + (len(item.group()) - len(item.group().lstrip()))
                found = Found(clean(name), text.span(start, start + len(name)))
                if FILING.fullmatch(found.value):
                    minute.doubts.append(
                        Doubt(
                            f"Mottagaren \"{found.value}\" är ett arkiv, inte en organisation; den togs inte med.",
                            f"The recipient \"{found.value}\" is a file, not an organization; it was left out.",
                            found.span,
                        )
                    )
                    continue
                minute.recipients.append(found)
