"""How a resource page writes the values of a :class:`~graph.describe.Description` in the reader's language.

Dates as Swedes and English readers write them ("4 oktober 2021", "4 October
2021"), numbers with their thousands separated, amounts with their currency
("945 000 kr", "SEK 945,000"), booleans as yes or no, OWL-Time weekdays by
name. A value the function cannot read (a malformed date) is shown as the
data gives it, never dropped and never an error.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from graph.describe import Row, Term, Text, Value
from graph.language import MONTHS
from graph.layouts import XSD
from graph.namespaces import PREFIXES
from webapp.i18n import translate

WEEKDAYS = {
    PREFIXES["time"] + day: names
    for day, names in (
        ("Monday", ("måndag", "Monday")),
        ("Tuesday", ("tisdag", "Tuesday")),
        ("Wednesday", ("onsdag", "Wednesday")),
        ("Thursday", ("torsdag", "Thursday")),
        ("Friday", ("fredag", "Friday")),
        ("Saturday", ("lördag", "Saturday")),
        ("Sunday", ("söndag", "Sunday")),
    )
}
INTEGERS = {
    XSD + name
    for name in (
        "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger", "negativeInteger",
        "nonPositiveInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
    )
}  # fmt: skip
DECIMALS = {XSD + "decimal", XSD + "double", XSD + "float"}
NBSP = "\u00a0"
TIME = re.compile(r"^(\d{2}):(\d{2})")


def text(value: Value, lang: str) -> str:
    """What the page writes for ``value``: an IRI's label (a weekday by name), a literal formatted."""
    term = value.term
    if term.is_iri:
        names = WEEKDAYS.get(term.value)
        return names[0 if lang == "sv" else 1] if names and not term.labelled else term.text.value
    if term.is_literal:
        return literal(term, lang, value.unit)
    return term.text.value


def literal(term: Term, lang: str, unit: str | None = None) -> str:
    datatype = term.datatype or ""
    raw = term.value
    try:
        if datatype == XSD + "date":
            return _date(dt.date.fromisoformat(raw[:10]), lang)
        if datatype == XSD + "dateTime":
            moment = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
            return f"{_date(moment.date(), lang)} {moment:%H:%M}"
        if datatype == XSD + "gYearMonth":
            year, month = raw[:7].split("-")
            if not 1 <= int(month) <= 12:
                raise ValueError(raw)
            return f"{MONTHS[lang][int(month) - 1]} {int(year)}"
        if datatype == XSD + "time" and (match := TIME.match(raw)):
            return f"{match[1]}:{match[2]}"
        if datatype == XSD + "boolean":
            return translate("yes" if raw.strip() in ("true", "1") else "no", lang)
        if datatype in INTEGERS:
            return _grouped(Decimal(raw), 0, lang)
        if datatype in DECIMALS:
            number = Decimal(raw)
            if unit:
                return money(number, unit, lang)
            places = max(0, -number.normalize().as_tuple().exponent)  # type: ignore[operator]
            return _grouped(number, places, lang)
    except (ValueError, IndexError, InvalidOperation):
        pass
    return raw


def money(amount: Decimal, currency: str, lang: str) -> str:
    """``945 000 kr`` in Swedish, ``SEK 945,000`` in English; öre/pence only when there are some."""
    places = 0 if amount == amount.to_integral_value() else 2
    figures = _grouped(amount, places, lang)
    if lang == "sv":
        return f"{figures}{NBSP}{'kr' if currency == 'SEK' else currency}"
    return f"{currency}{NBSP}{figures}"


def _date(day: dt.date, lang: str) -> str:
    return f"{day.day} {MONTHS[lang][day.month - 1]} {day.year}"


def _grouped(number: Decimal, places: int, lang: str) -> str:
    """Thousands separated (a no-break space in Swedish, a comma in English); the language's decimal sign."""
    written = f"{number:,.{places}f}"
    if lang == "sv":
        written = written.replace(",", NBSP).replace(".", ",")
    return written.replace("-", "−")


def split_languages(values: Sequence[Value], lang: str) -> tuple[list[Value], list[Value]]:
    """The values to show, and the translations to tuck away: text in another language than the page's,
    where the same fact also has text in the page's language."""
    has_own = any(v.term.is_literal and v.term.text.lang == lang for v in values)
    if not has_own:
        return list(values), []
    shown = [v for v in values if not (v.term.is_literal and v.term.text.lang not in (None, lang))]
    return shown, [v for v in values if v not in shown]


def other_language(item: Term | Text | None, lang: str) -> str | None:
    """The language of a term's (or a text's) text if it is not the page's (a label borrowed from English)."""
    if item is None:
        return None
    language = (item.text if isinstance(item, Term) else item).lang
    return language if language and language != lang else None


def used_columns(columns: Sequence[object], rows: Sequence[Row]) -> list[int]:
    """Indexes of the columns that hold a value in some row: a table leaves out what no row has."""
    return [index for index in range(len(columns)) if any(row.cells[index] for row in rows)]
