"""The interface's words in Swedish and English, and the page language.

Swedish is the default; ``?lang=en`` switches a page to English, and every
link a page makes keeps the reader's language.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import Flask, request, url_for

DEFAULT = "sv"
LANGUAGES = ("sv", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "sv": {
        "site_title": "Samverkan",
        "site_tagline": "Regional samverkan på Södertörn som länkade data",
        "switch_language": "In English",
        "figures": "Datamängden i siffror",
        "triples": "tripler",
        "quads": "kvadrupler",
        "named_graphs": "namngivna grafer",
        "source_file": "Källfil",
        "count": "Antal",
        "classes": "Slag av saker",
        "class": "Slag",
        "downloads": "Ladda ner",
        "downloads_intro": "Hela grafen som fil, i vanliga RDF-format:",
        "no_downloads": "Inga filer är byggda ännu.",
        "bytes": "byte",
        "organizations": "Organisationer",
        "no_organizations": "Inga organisationer finns i grafen ännu.",
        "kinds": "Slag",
        "facts": "Uppgifter",
        "property": "Egenskap",
        "value": "Värde",
        "source": "Källa",
        "no_facts": "Inga uppgifter om den här resursen.",
        "home": "Startsida",
        "error_404": "Sidan finns inte.",
        "error_404_hint": (
            "Adressen pekar inte på något i grafen. Kontrollera länken eller börja om från startsidan."
        ),
        "error_500": "Något gick fel hos oss.",
        "error_500_hint": "Felet är loggat. Försök igen om en stund.",
        "error_503": "Grafen är inte byggd ännu.",
        "error_503_hint": "Kör `samverkan build` och ladda om sidan.",
        "error_other": "Begäran kunde inte utföras.",
        "error_other_hint": "Kontrollera adressen och försök igen.",
    },
    "en": {
        "site_title": "Samverkan",
        "site_tagline": "Regional collaboration in Södertörn as linked data",
        "switch_language": "På svenska",
        "figures": "The dataset in figures",
        "triples": "triples",
        "quads": "quads",
        "named_graphs": "named graphs",
        "source_file": "Source file",
        "count": "Count",
        "classes": "Kinds of things",
        "class": "Kind",
        "downloads": "Download",
        "downloads_intro": "The whole graph as a file, in common RDF syntaxes:",
        "no_downloads": "No files have been built yet.",
        "bytes": "bytes",
        "organizations": "Organizations",
        "no_organizations": "There are no organizations in the graph yet.",
        "kinds": "Kinds",
        "facts": "Facts",
        "property": "Property",
        "value": "Value",
        "source": "Source",
        "no_facts": "Nothing is stated about this resource.",
        "home": "Home",
        "error_404": "There is no such page.",
        "error_404_hint": (
            "The address points to nothing in the graph. Check the link or start again from the home page."
        ),
        "error_500": "Something went wrong on our side.",
        "error_500_hint": "The error has been logged. Please try again in a while.",
        "error_503": "The graph has not been built yet.",
        "error_503_hint": "Run `samverkan build` and reload the page.",
        "error_other": "The request could not be carried out.",
        "error_other_hint": "Check the address and try again.",
    },
}


def current_lang() -> str:
    """The page language: ``?lang=`` if it names a known language, else Swedish."""
    lang = request.args.get("lang", DEFAULT)
    return lang if lang in LANGUAGES else DEFAULT


def translate(key: str, lang: str | None = None) -> str:
    return MESSAGES[lang or current_lang()][key]


def other_lang(lang: str | None = None) -> str:
    return "en" if (lang or current_lang()) == "sv" else "sv"


def link(endpoint: str, **values: Any) -> str:
    """``url_for`` that keeps the page language (Swedish needs no parameter)."""
    lang = current_lang()
    if lang != DEFAULT:
        values["lang"] = lang
    return url_for(endpoint, **values)


def this_page_in(lang: str) -> str:
    """The current address with its language switched to ``lang``."""
    args = {key: value for key, value in request.args.items() if key != "lang"}
    if lang != DEFAULT:
        args["lang"] = lang
    return request.path + (f"?{urlencode(args)}" if args else "")


def init_app(app: Flask) -> None:
    """Give every template the page language and the helpers above."""

    @app.context_processor
    def inject() -> dict[str, Any]:
        return {
            "lang": current_lang(),
            "other_lang": other_lang(),
            "_": translate,
            "link": link,
            "this_page_in": this_page_in,
        }
