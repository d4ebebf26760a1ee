"""Words and ordering that depend on the reader's language, in one place.

Swedish readers expect å, ä and ö after z, in that order; English readers
expect accents to be ignored. Month names are needed wherever a date is
written in words (timeline, resource pages).
"""

from __future__ import annotations

import unicodedata

SWEDISH_LETTERS = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})
"""Maps å, ä, ö to the three characters after z, so plain string order is Swedish order."""

MONTHS = {
    "sv": (
        "januari", "februari", "mars", "april", "maj", "juni",
        "juli", "augusti", "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
}


def collation_key(text: str, lang: str = "sv") -> str:
    """How ``text`` sorts for a reader of ``lang``: Swedish puts å, ä, ö after z; English ignores accents."""
    folded = text.casefold()
    if lang == "sv":
        return folded.translate(SWEDISH_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))
