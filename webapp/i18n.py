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
        # The SPARQL endpoint (webapp/sparql.py); {message} is its own (in English when about the query).
        "error_sparql": "Frågan kunde inte besvaras.",
        "error_sparql_hint": "SPARQL-tjänsten svarade: {message}",
        # The query page and the shipped queries (webapp/query_page.py).
        "nav_query": "Fråga med SPARQL",
        "nav_queries": "Exempelfrågor",
        "query_title": "Fråga grafen med SPARQL",
        "query_intro": (
            "Skriv en SPARQL 1.1-fråga eller börja från en exempelfråga. De vanliga prefixen"
            " (sv:, org:, skos:, dcterms:, rdfs:, foaf: …) är redan deklarerade."
        ),
        "endpoint_at": "Program når samma tjänst på",
        "example_label": "Exempelfråga",
        "example_choose": "Välj en exempelfråga …",
        "example_show": "Visa",
        "editor_label": "SPARQL-fråga",
        "editor_help": (
            "Tab drar in raden och Skift+Tab drar ut den; tryck Esc och sedan Tab för att lämna rutan."
            " Ctrl+Enter (⌘+Enter på Mac) kör frågan."
        ),
        "run_query": "Kör frågan",
        "download_result": "Ladda ner resultatet:",
        "result": "Resultat",
        "no_result_yet": "Kör frågan för att se svaret här.",
        "running": "Frågan körs …",
        "rows": "{n} rader",
        "one_row": "1 rad",
        "yes": "Ja",
        "no": "Nej",
        "truncated": (
            "Svaret är avkortat: det nådde gränsen för hur många rader tjänsten lämnar ut."
            " Begränsa frågan, till exempel med LIMIT och OFFSET, för att se resten."
        ),
        "query_error_400": "Frågan innehåller ett fel.",
        "query_error_403": "Frågan är inte tillåten: tjänsten kan bara läsa grafen, inte ändra den.",
        "query_error_413": "Frågan är för lång.",
        "query_error_503": (
            "Frågan hann inte bli klar inom tidsgränsen, eller så är tjänsten upptagen."
            " Förenkla frågan eller försök igen om en stund."
        ),
        "query_error_other": "Frågan kunde inte köras.",
        "query_error_position": "Felet finns på rad {line}, kolumn {column}.",
        "go_to_error": "Visa felet i frågan",
        "query_network": "Servern svarade inte. Kontrollera anslutningen och försök igen.",
        "shipped_title": "Exempelfrågor",
        "shipped_intro": (
            "Frågorna som följer med Samverkan, en för varje fråga grafen ska kunna besvara."
            " Varje fråga visas med sitt svar, som kan laddas ner i flera format"
            " eller öppnas i frågeeditorn."
        ),
        "the_query": "Frågan",
        "open_in_editor": "Öppna i frågeeditorn",
        "result_formats": "Svaret som fil",
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
        # The SPARQL endpoint (webapp/sparql.py); {message} is its own (in English when about the query).
        "error_sparql": "The query could not be answered.",
        "error_sparql_hint": "The SPARQL endpoint said: {message}",
        # The query page and the shipped queries (webapp/query_page.py).
        "nav_query": "Query with SPARQL",
        "nav_queries": "Example queries",
        "query_title": "Query the graph with SPARQL",
        "query_intro": (
            "Write a SPARQL 1.1 query or start from an example query. The common prefixes"
            " (sv:, org:, skos:, dcterms:, rdfs:, foaf: …) are already declared."
        ),
        "endpoint_at": "Programs reach the same service at",
        "example_label": "Example query",
        "example_choose": "Choose an example query …",
        "example_show": "Show",
        "editor_label": "SPARQL query",
        "editor_help": (
            "Tab indents the line and Shift+Tab outdents it; press Esc and then Tab to leave the box."
            " Ctrl+Enter (⌘+Enter on a Mac) runs the query."
        ),
        "run_query": "Run query",
        "download_result": "Download the result:",
        "result": "Result",
        "no_result_yet": "Run the query to see its answer here.",
        "running": "Running the query …",
        "rows": "{n} rows",
        "one_row": "1 row",
        "yes": "Yes",
        "no": "No",
        "truncated": (
            "The answer is cut short: it reached the most rows the service hands out."
            " Narrow the query, for instance with LIMIT and OFFSET, to see the rest."
        ),
        "query_error_400": "There is an error in the query.",
        "query_error_403": "The query is not allowed: the service only reads the graph, it cannot change it.",
        "query_error_413": "The query is too long.",
        "query_error_503": (
            "The query did not finish within the time limit, or the service is busy."
            " Simplify the query or try again in a while."
        ),
        "query_error_other": "The query could not be run.",
        "query_error_position": "The error is at line {line}, column {column}.",
        "go_to_error": "Show the error in the query",
        "query_network": "The server did not answer. Check the connection and try again.",
        "shipped_title": "Example queries",
        "shipped_intro": (
            "The queries that come with Samverkan, one for each question the graph is meant to answer."
            " Each is shown with its answer, which can be downloaded in several formats"
            " or opened in the query editor."
        ),
        "the_query": "The query",
        "open_in_editor": "Open in the query editor",
        "result_formats": "The answer as a file",
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
