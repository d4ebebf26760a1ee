"""Swedish the documents are written in: dates, organization numbers, names and slugs.

Everything here is small, pure and about the language or Swedish public
administration, not about any one kind of document, so both parsers and the
drafting share it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date

MONTHS = {
    "januari": 1, "februari": 2, "mars": 3, "april": 4, "maj": 5, "juni": 6,
    "juli": 7, "augusti": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}  # fmt: skip

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# A date as Swedish minutes write it: "4 oktober 2021", "den 4 okt. 2021",
# or ISO "2021-10-04". Month names may be abbreviated to three letters with
# or without a dot, and the parts may be split by odd spacing or a line break.
MONTH_STEMS = "|".join(name[:3] for name in MONTHS)
DATE = re.compile(
    r"(?P<iso>(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d))"
    rf"|(?P<day>[0-3]?\d)\s+(?P<month>{MONTH_STEMS})[a-zåäö]*\.?\s+(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)


def parse_date(match: re.Match[str]) -> date | None:
    """The date a :data:`DATE` match names, or None when it is no real day (``2021-02-30``)."""
    try:
        if match.group("iso"):
            return date(int(match.group("y")), int(match.group("m")), int(match.group("d")))
        month = next(number for name, number in MONTHS.items() if name.startswith(match.group("month").lower()))
        return date(int(match.group("year")), month, int(match.group("day")))
    except ValueError:
        return None


def english_date(day: date) -> str:
    """``4 October 2021``: dates in English labels, written the way the curated data writes them."""
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


# An organization number as agreements write it: six digits, a hyphen (often
# an en dash, sometimes spaced or missing) and four digits.
ORGANIZATION_NUMBER = re.compile(r"(?<!\d)(?P<head>\d{6})\s?[-–—‐]?\s?(?P<tail>\d{4})(?!\d)")


def organization_number(match: re.Match[str]) -> str:
    """The number in the form the data uses: ``212000-0068``."""
    return f"{match.group('head')}-{match.group('tail')}"


def luhn_valid(number: str) -> bool:
    """Whether the last digit of ``number`` is its Luhn check digit (the digits only are read)."""
    digits = [int(c) for c in number if c.isdigit()]
    if len(digits) != 10:
        return False
    total = 0
    for position, digit in enumerate(digits):
        if position % 2 == 0:  # from the left, every other digit starting with the first is doubled
            digit *= 2
            digit -= 9 if digit > 9 else 0
        total += digit
    return total % 10 == 0


def luhn_check_digit(first_nine: str) -> int:
    """The check digit that makes ``first_nine`` plus it a valid number (to say what it should have been)."""
    return next(d for d in range(10) if luhn_valid(first_nine + str(d)))


DASHES = re.compile(r"[‐‑‒–—]")
"""Hyphen, non-breaking hyphen, figure dash, en and em dash: documents use them all for one hyphen."""
SPACES = re.compile(r"\s+")
NOT_SLUG = re.compile(r"[^a-z0-9]+")
WORD_BREAK = re.compile(r"[\s-]+")


def normalise(name: str) -> str:
    """The form names are compared in: NFC, case folded, one kind of dash, single spaces, no edge punctuation."""
    text = unicodedata.normalize("NFC", name).casefold()
    text = DASHES.sub("-", text)
    text = SPACES.sub(" ", text)
    return text.strip(" .,;:")


_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})


def slug(text: str) -> str:
    """A readable IRI slug: ``Kultur- och fritidsnämnden`` -> ``kultur-och-fritidsnamnden``."""
    folded = unicodedata.normalize("NFC", text).casefold().translate(_FOLD)
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    readable = NOT_SLUG.sub("-", folded).strip("-")
    # A name of no Latin letters or digits still gets a stable slug, from its digest.
    return readable or "x-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def clean(text: str) -> str:
    """Text as a value: line breaks and runs of spaces become one space."""
    return SPACES.sub(" ", text).strip()


def sentence_case(text: str) -> str:
    """The first letter upper case, the rest as written."""
    return text[:1].upper() + text[1:]


# Words that name a municipal body, in their indefinite, definite and genitive
# forms: the nouns a minute uses for the one who decides or proposes.
BODY_NOUN = (
    r"(?:kommunfullmäktiges?|fullmäktiges?|kommunstyrelse(?:n|ns|s)?|styrelse(?:n|ns)"
    r"|[a-zåäö]*nämnd(?:en|ens|s)?|[a-zåäö]*utskott(?:et|ets|s)?|[a-zåäö]*förvaltning(?:en|ens|s)?"
    r"|[a-zåäö]*kommitté(?:n|ns)?|[a-zåäö]*beredning(?:en|ens)?|direktion(?:en|ens)?)"
)

# A body's name as it stands in running text: the noun, perhaps after a
# genitive ("Kommunstyrelsens arbetsutskott") or a shared first part
# ("Kultur- och fritidsnämnden"). Used case-insensitively, so "KOMMUNSTYRELSEN" too.
BODY_PHRASE = rf"(?:[a-zåäö]+-\s+och\s+)?(?:[a-zåäö]+s\s+)?{BODY_NOUN}"
BODY_NAME = re.compile(rf"\b{BODY_PHRASE}\b", re.IGNORECASE)


def body_base(name: str) -> str:
    """A body's name without its genitive -s: ``kommunstyrelsens förvaltnings`` -> ``… förvaltning``."""
    words = clean(name).split(" ")
    last = words[-1]
    lowered = last.lower()
    if lowered.endswith("s") and not lowered.endswith(("ss", "us")):
        last = last[:-1]  # -ens, -ets, -ns, -ges and a bare -s all lose just the s
    return sentence_case(" ".join([*words[:-1], last]))


def body_name(written: str) -> str:
    """A body's name as a subject or in the genitive, in the form labels use: ``Kommunstyrelsen``."""
    lowered = written.casefold()
    genitive = lowered.endswith("s") and not lowered.endswith(("ss", "us"))
    return body_base(written) if genitive else sentence_case(clean(written))


def body_abbreviation(name: str) -> str:
    """The short form IRIs use for a municipal body: KF, KS, KSAU, SN, KFN, KSF.

    Each word gives its initial; the nouns of municipal bodies give the
    initials of their parts (``kommunstyrelsens`` -> ``ks``,
    ``arbetsutskott`` -> ``au``, ``socialnämnden`` -> ``sn``). ``och`` is skipped.
    """
    parts = []
    for word in WORD_BREAK.split(name.casefold()):
        if not word or word == "och":
            continue
        for stem, short in (
            ("kommunfullmäktige", "kf"), ("kommunstyrelse", "ks"), ("arbetsutskott", "au"),
            ("fullmäktige", "f"), ("förvaltning", "f"), ("utskott", "u"), ("styrelse", "s"),
        ):  # fmt: skip
            if word.startswith(stem):
                parts.append(short)
                break
        else:
            if "nämnd" in word and not word.startswith("nämnd"):
                parts.append(word[0] + "n")
            else:
                parts.append(word[0])
    return "".join(parts)


def definite_to_base(word: str) -> list[str]:
    """Candidate base forms of a title word: ``kommundirektören`` -> [``kommundirektören``, ``kommundirektör``].

    Plural forms are reduced too (``avdelningschefer`` -> ``avdelningschef``,
    ``samverkanskoordinatorer`` -> ``samverkanskoordinator``); the caller keeps
    the first candidate that names a post.
    """
    lowered = word.casefold()
    candidates = [lowered]
    for ending in ("erna", "arna", "orna", "en", "er", "ar", "or", "n", "a"):
        if lowered.endswith(ending) and len(lowered) - len(ending) >= 4:
            candidates.append(lowered[: -len(ending)])
    return candidates


# The endings of Swedish titles of posts, which is how a post is told apart
# from other words in a list of who sits in a body.
POST_ENDINGS = (
    "direktör", "chef", "rektor", "dekan", "koordinator", "samordnare", "ansvarig", "ordförande",
    "sekreterare", "ledare", "strateg", "handläggare", "kommunalråd", "oppositionsråd", "controller",
)  # fmt: skip


def post_word(word: str) -> str | None:
    """The base form of ``word`` if it is the title of a post (``Rektorn`` -> ``rektor``), else None."""
    for candidate in definite_to_base(word.strip(" ,.():")):
        if candidate.endswith(POST_ENDINGS):
            return candidate
    return None


# The eight parties in the Riksdag, by the letters minutes put after a
# member's name. Used only to name a party the graph does not yet know, and
# the report says the name came from this list rather than the document.
RIKSDAG_PARTIES = {
    "S": ("Socialdemokraterna", "Social Democratic Party"),
    "M": ("Moderaterna", "Moderate Party"),
    "SD": ("Sverigedemokraterna", "Sweden Democrats"),
    "C": ("Centerpartiet", "Centre Party"),
    "V": ("Vänsterpartiet", "Left Party"),
    "KD": ("Kristdemokraterna", "Christian Democrats"),
    "L": ("Liberalerna", "Liberals"),
    "MP": ("Miljöpartiet de gröna", "Green Party"),
}

NUMBER_WORDS = {
    "en": 1, "ett": 1, "två": 2, "tre": 3, "fyra": 4, "fem": 5, "sex": 6,
    "sju": 7, "åtta": 8, "nio": 9, "tio": 10, "tolv": 12,
}  # fmt: skip


def number_word(word: str) -> int | None:
    """``två`` -> 2, ``4`` -> 4; None for anything else."""
    lowered = word.casefold()
    if lowered.isdigit():
        return int(lowered)
    return NUMBER_WORDS.get(lowered)
