"""Write a seeded, national-scale Samverkan project for benchmarks.

    python -m benchmarks.generate --triples 100000 --seed 1 --out DIR [--defects N]

``DIR`` becomes a project root that ``samverkan build --root DIR`` and
``samverkan validate --root DIR`` accept: ``ontology/`` and ``shapes/`` are
links to this checkout's, ``data/concepts.ttl`` is a copy of its concept
schemes (every area, form, role and document type used is one of those
concepts), and the generated data is written as Turtle in several files:
``data/organizations.ttl`` (290 municipalities, the 21 regions,
universities, companies, associations, parties and the municipal bodies
the documents name) and ``data/documents-NN.ttl``, about 50,000 triples each,
so that a benchmark can change one file and rebuild.

The data has the shapes of the real data: agreements between 2 to 6 parties
with their collaboration, steering and working groups, seats, chairs, posts,
signatures, dispute resolution and meetings; minuted decisions (§ paragraph,
diary number) with proposals, officials' reports and who spoke; activity
plans with goals, budgets whose lines add up, meetings, a planning
conference and an annual forum. Every fact points to a generated source
document with ``prov:wasDerivedFrom``. Organisationsnummer carry a correct
Luhn digit, dates fall in 2000–2030, and partners are drawn with
heavy-tailed (Pareto) weights, so a few organizations have very many
partners and most have few, as in real partnership networks. Place,
company and person names are made up; only the regions, the parties and the
concept schemes are real.

Same seed, same bytes: the text is written directly (no RDF library builds
the graph, which keeps a million triples to seconds and little memory), and
every choice comes from one seeded random generator in a fixed order.

``--defects N`` plants exactly N defects of each kind in :data:`DEFECT_KINDS`;
the project's shapes report each as the results ``DIR/defects.json`` lists
(focus node, shape, path, number of results) and nothing else.
``DIR/generated.json`` gives the seed, the target, the triples written and
the instances per class.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
import time
from bisect import bisect
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import TextIO

import click
import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
CONCEPTS_FILE = REPO / "data" / "concepts.ttl"

MIN_TRIPLES = 5_000
"""The organizations (290 municipalities, 21 regions, ...) and the concept schemes alone are about 4,000."""
MAX_TRIPLES = 20_000_000
TRIPLES_PER_FILE = 50_000
TRIPLES_PER_DEFECT = 5_000
"""``--defects N`` is allowed up to one defect of each kind per this many triples (at least 2)."""

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2030, 12, 31)

# ---------------------------------------------------------------------------
# Turtle
# ---------------------------------------------------------------------------

ID = "https://w3id.org/samverkan/id/"
NAMESPACES: dict[str, str] = {
    "sv": "https://w3id.org/samverkan/ns#",
    "svsh": "https://w3id.org/samverkan/shapes#",
    "org": "http://www.w3.org/ns/org#",
    "cv": "http://data.europa.eu/m8g/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "orgs": ID + "org/",
    "body": ID + "body/",
    "seat": ID + "seat/",
    "post": ID + "post/",
    "person": ID + "person/",
    "collab": ID + "collaboration/",
    "agr": ID + "agreement/",
    "dec": ID + "decision/",
    "prop": ID + "proposal/",
    "int": ID + "intervention/",
    "meet": ID + "meeting/",
    "doc": ID + "document/",
    "plan": ID + "plan/",
    "goal": ID + "goal/",
    "bl": ID + "budget-line/",
    "proj": ID + "project/",
    "sig": ID + "signature/",
    "mandate": ID + "mandate/",
    "dispute": ID + "dispute-resolution/",
    "area": ID + "area/",
    "form": ID + "form/",
    "role": ID + "role/",
    "doctype": ID + "document-type/",
}
"""The prefixes of the data files (as the real data's), and ``svsh`` for naming shapes in defects.json."""
HEADER = "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in NAMESPACES.items() if prefix != "svsh")
_LOCAL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")

Props = list[tuple[str, Sequence[str]]]
"""A subject's description: (predicate, objects) pairs, every term already written as Turtle."""
SEPARATOR = " ;\n    "


def expand(name: str) -> str:
    """The full IRI of a prefixed name written by this module."""
    prefix, local = name.split(":", 1)
    return NAMESPACES[prefix] + local


def term(iri: str) -> str:
    """``iri`` as a prefixed name where one of our prefixes covers it, else ``<iri>``."""
    for prefix, namespace in NAMESPACES.items():
        if iri.startswith(namespace) and _LOCAL.match(iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def lit(text: str, lang: str | None = None) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"@{lang}' if lang else f'"{escaped}"'


def day(value: date) -> str:
    return f'"{value.isoformat()}"^^xsd:date'


def year(value: int) -> str:
    return f'"{value}"^^xsd:gYear'


def labels(sv: str, en: str) -> tuple[str, list[str]]:
    return ("rdfs:label", [lit(sv, "sv"), lit(en, "en")])


class TurtleFile:
    """One data file, written block by block, counting its triples and the typed subjects it describes.

    The count is exact as long as no triple is written twice, which the
    generator ensures: each node is described once, and later documents add
    only their own ``prov:wasDerivedFrom``.
    """

    def __init__(self, path: Path, classes: Counter[str]) -> None:
        self.path = path
        self.triples = 0
        self._classes = classes
        self._handle: TextIO = path.open("w", encoding="utf-8", newline="\n")
        self._handle.write(HEADER)

    def block(self, subject: str, props: Props) -> None:
        """``subject`` with its predicate-object pairs; pairs with no objects are left out."""
        parts = []
        for predicate, objects in props:
            if objects:
                parts.append(f"{predicate} {' , '.join(objects)}")
                self.triples += len(objects)
                if predicate == "a":
                    self._classes.update(objects)
        self._handle.write(subject + " " + SEPARATOR.join(parts) + " .\n\n")

    def close(self) -> None:
        self._handle.close()


# ---------------------------------------------------------------------------
# Reference lists
# ---------------------------------------------------------------------------

# (county code, county in Swedish and English, the region, number of municipalities)
REGIONS = (
    ("01", "Stockholms län", "Stockholm County", "Region Stockholm", 26),
    ("03", "Uppsala län", "Uppsala County", "Region Uppsala", 8),
    ("04", "Södermanlands län", "Södermanland County", "Region Sörmland", 9),
    ("05", "Östergötlands län", "Östergötland County", "Region Östergötland", 13),
    ("06", "Jönköpings län", "Jönköping County", "Region Jönköpings län", 13),
    ("07", "Kronobergs län", "Kronoberg County", "Region Kronoberg", 8),
    ("08", "Kalmar län", "Kalmar County", "Region Kalmar län", 12),
    ("09", "Gotlands län", "Gotland County", "Region Gotland", 1),
    ("10", "Blekinge län", "Blekinge County", "Region Blekinge", 5),
    ("12", "Skåne län", "Skåne County", "Region Skåne", 33),
    ("13", "Hallands län", "Halland County", "Region Halland", 6),
    ("14", "Västra Götalands län", "Västra Götaland County", "Västra Götalandsregionen", 49),
    ("17", "Värmlands län", "Värmland County", "Region Värmland", 16),
    ("18", "Örebro län", "Örebro County", "Region Örebro län", 12),
    ("19", "Västmanlands län", "Västmanland County", "Region Västmanland", 10),
    ("20", "Dalarnas län", "Dalarna County", "Region Dalarna", 15),
    ("21", "Gävleborgs län", "Gävleborg County", "Region Gävleborg", 10),
    ("22", "Västernorrlands län", "Västernorrland County", "Region Västernorrland", 7),
    ("23", "Jämtlands län", "Jämtland County", "Region Jämtland Härjedalen", 8),
    ("24", "Västerbottens län", "Västerbotten County", "Region Västerbotten", 15),
    ("25", "Norrbottens län", "Norrbotten County", "Region Norrbotten", 14),
)
MUNICIPALITIES = sum(region[4] for region in REGIONS)  # 290

# Made-up place names: a first part and an ending, as Swedish place names are built.
PLACE_STARTS = (
    "Alm", "Asp", "Berg", "Björk", "Bred", "Dal", "Ek", "Eld", "Fager", "Fors", "Gran", "Gull",
    "Hag", "Hall", "Hav", "Hed", "Hjort", "Hol", "Hög", "Is", "Kall", "Kvarn", "Lax", "Lind",
    "Ljung", "Lo", "Lång", "Mal", "Mo", "Myr", "Norr", "Ny", "Rönn", "Sand", "Sil", "Sjö",
    "Skog", "Sten", "Stor", "Strand", "Sunn", "Sör", "Tall", "Tor", "Ulv", "Vall", "Ven",
    "Vit", "Väster", "Åker", "Ås", "Älv", "Ör", "Öster", "Rå",
)
PLACE_ENDS = (
    "by", "berga", "bro", "dal", "fors", "hamn", "holm", "hult", "inge", "köping", "lunda",
    "mark", "näs", "ryd", "sala", "stad", "sund", "torp", "tuna", "vik", "ås", "ö", "hed",
    "viken", "åker",
)
FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Kerstin", "Ingrid", "Malin",
    "Sofia", "Elin", "Johanna", "Linnéa", "Helena", "Annika", "Camilla", "Ida", "Hanna", "Frida",
    "Leila", "Yasmin", "Fatima", "Noor", "Erik", "Lars", "Karl", "Anders", "Johan", "Per",
    "Nils", "Mikael", "Jan", "Hans", "Peter", "Olof", "Fredrik", "Daniel", "Magnus", "Henrik",
    "Mats", "Stefan", "Jonas", "Gustav", "Ali", "Amir", "Omar", "Mohammed",
)
SURNAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson",
    "Lindberg", "Lindström", "Lindqvist", "Lindgren", "Berg", "Bergström", "Lundberg",
    "Lundgren", "Lundqvist", "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson",
    "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund", "Danielsson", "Håkansson", "Lund",
    "Björk", "Holm", "Samuelsson", "Fransson", "Nyström", "Öberg", "Åberg", "Hosseini",
    "Ahmadi", "Mohammadi", "Yilmaz", "Kaya", "Virtanen",
)
SECTORS = (
    "Bygg", "Energi", "Fastigheter", "Konsult", "Teknik", "Logistik", "Medicinteknik", "Data",
    "Miljö", "Transport", "Livsmedel", "Design", "Analys", "Vård", "Utbildning", "Säkerhet",
    "Kraft", "Verkstad", "Media", "Bioteknik",
)
BRANDS = ("Nord", "Syd", "Väst", "Öst", "Alfa", "Nova", "Polar", "Aurora", "Vega", "Orion", "Kvant", "Lumen")
ASSOCIATIONS = (
    ("företagarförening", "Business Association"),
    ("hembygdsförening", "Local Heritage Society"),
    ("idrottsallians", "Sports Alliance"),
    ("pensionärsråd", "Pensioners' Council"),
    ("näringslivsråd", "Business Council"),
    ("kulturförening", "Cultural Society"),
    ("handelsförening", "Trade Association"),
    ("miljöförbund", "Environmental Association"),
    ("ungdomsråd", "Youth Council"),
    ("föräldraförening", "Parents' Association"),
)
# (slug, Swedish, English, abbreviation, weight among elected members)
PARTIES = (
    ("socialdemokraterna", "Socialdemokraterna", "Social Democratic Party", "S", 30),
    ("moderaterna", "Moderaterna", "Moderate Party", "M", 19),
    ("sverigedemokraterna", "Sverigedemokraterna", "Sweden Democrats", "SD", 18),
    ("centerpartiet", "Centerpartiet", "Centre Party", "C", 8),
    ("vansterpartiet", "Vänsterpartiet", "Left Party", "V", 7),
    ("kristdemokraterna", "Kristdemokraterna", "Christian Democrats", "KD", 6),
    ("liberalerna", "Liberalerna", "Liberals", "L", 5),
    ("miljopartiet", "Miljöpartiet de gröna", "Green Party", "MP", 5),
)

# Posts per kind of organization: (key, title in Swedish, title in English); the first is the head.
POSTS = {
    "municipality": (
        ("kommundirektor", "kommundirektör", "municipal director"),
        ("kommunstyrelsens-ordforande", "kommunstyrelsens ordförande", "chair of the municipal executive board"),
        ("samverkanskoordinator", "samverkanskoordinator", "collaboration coordinator"),
        ("naringslivschef", "näringslivschef", "head of business development"),
        ("socialdirektor", "socialdirektör", "director of social services"),
        ("utbildningsdirektor", "utbildningsdirektör", "director of education"),
    ),
    "region": (
        ("regiondirektor", "regiondirektör", "regional director"),
        ("regionstyrelsens-ordforande", "regionstyrelsens ordförande", "chair of the regional executive board"),
        ("samverkanskoordinator", "samverkanskoordinator", "collaboration coordinator"),
        ("halso-och-sjukvardsdirektor", "hälso- och sjukvårdsdirektör", "director of health care"),
    ),
    "hei": (
        ("rektor", "rektor", "vice-chancellor"),
        ("prorektor", "prorektor", "deputy vice-chancellor"),
        ("samverkanskoordinator", "samverkanskoordinator", "collaboration coordinator"),
        ("samverkansansvarig", "samverkansansvarig", "head of collaboration"),
    ),
    "regional": (
        ("forbundsdirektor", "förbundsdirektör", "director"),
        ("samverkanskoordinator", "samverkanskoordinator", "collaboration coordinator"),
    ),
    "centre": (
        ("vd", "verkställande direktör", "chief executive"),
        ("samverkanskoordinator", "samverkanskoordinator", "collaboration coordinator"),
    ),
    "company": (
        ("vd", "verkställande direktör", "chief executive"),
        ("samverkansansvarig", "samverkansansvarig", "head of partnerships"),
    ),
    "association": (
        ("ordforande", "ordförande", "chair"),
        ("verksamhetschef", "verksamhetschef", "executive director"),
    ),
}
POST_PREPOSITION = {"municipality": "i", "region": "i", "association": "i"}  # others: "vid"

# Kinds of organization: class(es), weight factor as a partner, organisationsnummer prefix.
ORG_KINDS = {
    "municipality": (("sv:Municipality",), 3.0, "212000"),
    "region": (("sv:RegionalOrganization", "sv:HealthcareProvider"), 6.0, "232100"),
    "hei": (("sv:HigherEducationInstitution",), 5.0, "202100"),
    "regional": (("sv:RegionalOrganization",), 2.0, "222000"),
    "centre": (("sv:KnowledgeCentre",), 1.0, "556"),
    "company": (("sv:Company",), 0.3, "556"),
    "association": (("sv:InterestOrganization",), 0.25, "802"),
}
PUBLIC_KINDS = ("municipality", "region", "hei", "regional")

PARTY_COUNTS = (2, 3, 4, 5, 6)
PARTY_COUNT_WEIGHTS = (50, 22, 12, 9, 7)
PARETO_ALPHA = {"public": 1.5, "private": 2.0}
"""Shape of the partner weights (Pareto): the lower, the heavier the tail. Public bodies get the
heavier one, so the hubs are regions, large municipalities and universities, as in real networks;
thousands of companies drawn from the same tail would otherwise outnumber them at the top."""
PARETO_CAP = 40.0
"""Largest draw kept: without it one draw in a few hundred can take half of all agreements."""

AGREEMENT_KINDS = (
    ("samverkansavtal", "Avtal om samverkan mellan {sv}", "Collaboration agreement between {en}"),
    (
        "strategiskt-partnerskap",
        "Avtal om strategiskt partnerskap mellan {sv}",
        "Strategic partnership agreement between {en}",
    ),
    ("avsiktsforklaring", "Avsiktsförklaring om samverkan mellan {sv}", "Letter of intent on collaboration between {en}"),
)
OPEN_ENDED_TERMS = (
    (
        "Avtalet gäller tills vidare med sex månaders ömsesidig uppsägningstid. En uppsägning ska vara skriftlig.",
        "The agreement runs until further notice with six months' mutual notice. Notice must be given in writing.",
    ),
    (
        "Avtalet gäller tills vidare. En uppsägning ska vara skriftlig och får verkan vid det kalenderårsskifte "
        "som infaller året efter uppsägningen.",
        "The agreement runs until further notice. Notice must be in writing and takes effect at the turn of "
        "the year after the notice.",
    ),
)
FIXED_TERMS = (
    "Avtalet upphör utan uppsägning när avtalstiden löper ut. Parterna prövar senast sex månader "
    "dessförinnan om avtalet ska förlängas.",
    "The agreement ends without notice when its term runs out. The parties consider an extension at least "
    "six months before.",
)
AMENDMENT_TERMS = (
    "Tillägg och ändringar ska göras skriftligen och undertecknas av samtliga parter.",
    "Additions and changes must be made in writing and signed by all parties.",
)
GOAL_TEMPLATES = (
    ("Stärkt samverkan inom {sv}", "Stronger collaboration on {en}"),
    ("Fler gemensamma insatser inom {sv}", "More joint work on {en}"),
    ("Bättre uppföljning av arbetet med {sv}", "Better follow-up of the work on {en}"),
    ("Ökad kunskap om {sv} hos parternas medarbetare", "More knowledge of {en} among the parties' staff"),
)
COST_LINES = (
    ("personal", "Personal", "Staff"),
    ("lokaler", "Lokaler och kontorsservice", "Premises and office services"),
    ("aktiviteter", "Gemensamma aktiviteter", "Joint activities"),
    ("kommunikation", "Kommunikation", "Communication"),
)
MONTHS_SV = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)

# A municipality's bodies by key: IRI suffix, class, Swedish name, English name.
MUNICIPAL_BODIES = {
    "kf": ("kommunfullmaktige", "sv:MunicipalCouncil", "Kommunfullmäktige", "municipal council"),
    "ks": ("kommunstyrelsen", "sv:ExecutiveBoard", "Kommunstyrelsen", "municipal executive board"),
    "ksau": (
        "kommunstyrelsens-arbetsutskott",
        "sv:WorkingCommittee",
        "Kommunstyrelsens arbetsutskott",
        "working committee of the municipal executive board",
    ),
    "ksf": (
        "kommunstyrelsens-forvaltning",
        "sv:Administration",
        "Kommunstyrelsens förvaltning",
        "executive board's administration",
    ),
}
DOCUMENT_KINDS = ("agreement", "decision", "plan")
DOCUMENT_WEIGHTS = (35, 45, 20)

# ---------------------------------------------------------------------------
# Defects
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DefectKind:
    """A kind of mistake a data editor makes, what carries it, and how the shapes report it.

    ``shape`` and ``path`` are written as :mod:`graph.validate` reports them
    (``Violation.source_shape`` and ``Violation.path``).
    """

    name: str
    host: str
    shape: str
    path: str
    description: str


DEFECT_KINDS = (
    DefectKind("organization-number-check-digit", "company", "svsh:OrganizationNumberCheckDigitShape",
               "sv:organizationNumber", "organisationsnummer with a wrong Luhn check digit"),
    DefectKind("organization-number-form", "company", "svsh:OrganizationNumberFormShape",
               "sv:organizationNumber", "organisationsnummer written without its hyphen"),
    DefectKind("label-missing-english", "company", "svsh:LabelEnglish",
               "rdfs:label", "an organization with a Swedish label only"),
    DefectKind("municipality-code-form", "municipality", "svsh:MunicipalityShape",
               "sv:municipalityCode", "a kommunkod of three digits"),
    DefectKind("decision-date-not-a-date", "decision", "svsh:DecisionShape",
               "dcterms:date", "a decision date written as plain text, not xsd:date"),
    DefectKind("decision-without-body", "decision", "svsh:DecisionShape",
               "sv:decidedBy", "a minuted decision that names no deciding body"),
    DefectKind("diary-number-form", "decision", "svsh:MinutedDecisionShape",
               "sv:diaryNumber", "a diary number not written as in the registry"),
    DefectKind("seat-without-role", "agreement", "svsh:SeatShape",
               "sv:seatRole", "a seat in a steering group with no role"),
    DefectKind("area-not-a-concept", "agreement", "svsh:AgreementShape",
               "sv:area", "an agreement whose collaboration area is an organization, not a concept"),
    DefectKind("chair-seat-outside-body", "agreement", "svsh:ChairSeatInBodyShape",
               "sv:chairedBy", "a steering group chaired by a seat of another body"),
    DefectKind("meeting-ends-before-start", "plan", "svsh:MeetingEndAfterStartShape",
               "sv:endDate", "a planning conference that ends the day before it starts"),
    DefectKind("budget-lines-do-not-add-up", "plan", "svsh:BudgetTotalsShape",
               "sv:hasBudgetLine", "a budget whose cost lines do not add up to its total cost"),
    DefectKind("goal-without-source", "plan", "svsh:ProvenanceShape",
               "prov:wasDerivedFrom", "a goal that does not say which document it comes from"),
)
DEFECTS_BY_NAME = {kind.name: kind for kind in DEFECT_KINDS}

# Documents of each kind per 1,000 triples asked for: the least measured over sizes 10k-1M and
# seeds. Defects go into documents drawn from the first 60% of that, so that the run reaches them
# all before it stops; any it does not reach go into documents written after (a few triples more).
HOSTS_PER_1000_TRIPLES = {"agreement": 1.4, "decision": 2.5, "plan": 0.9}
REACHED = 0.6


@dataclass
class Defect:
    kind: DefectKind
    focus: str
    file: str
    results: int = 1

    def as_json(self) -> dict[str, object]:
        return {
            "kind": self.kind.name,
            "focus": expand(self.focus),
            "shape": self.kind.shape,
            "shape_iri": expand(self.kind.shape),
            "path": self.kind.path,
            "path_iri": expand(self.kind.path),
            "results": self.results,
            "file": self.file,
            "description": self.kind.description,
        }


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "Å": "a", "Ä": "a", "Ö": "o", "É": "e"})


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.translate(_FOLD).lower()).strip("-")


def genitive(name: str) -> str:
    """Swedish genitive of a place name: Salem -> Salems, Huddinge and Tyresö stay as they are."""
    return name if name[-1] in "aeiouyåäösxz" else name + "s"


def luhn_digit(digits: str) -> str:
    """The check digit that makes ``digits`` + it pass the Luhn test (first digit doubled)."""
    total = 0
    for position, char in enumerate(digits):
        value = int(char) * (2 if position % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return str(-total % 10)


def lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def upper_first(text: str) -> str:
    return text[0].upper() + text[1:]


def date_sv(value: date) -> str:
    return f"{value.day} {MONTHS_SV[value.month - 1]} {value.year}"


def date_en(value: date) -> str:
    return f"{value.day} {MONTHS_EN[value.month - 1]} {value.year}"


def join_names(names: Sequence[str], conjunction: str) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def weekday(value: date) -> date:
    """``value``, or the Monday after it if it falls on a weekend."""
    return value + timedelta(days=(7 - value.weekday()) % 7) if value.weekday() > 4 else value


# ---------------------------------------------------------------------------
# The things generated
# ---------------------------------------------------------------------------


@dataclass
class Org:
    slug: str
    kind: str
    sv: str
    en: str
    short: str
    """Its part in compound slugs: the town for a municipality, else the slug."""
    weight: float = 0.0
    number: str | None = None
    code: str | None = None
    town: str | None = None
    abbreviation: str | None = None

    @property
    def iri(self) -> str:
        return f"orgs:{self.slug}"

    def post(self, index: int) -> tuple[str, str, str]:
        posts = POSTS[self.kind]
        return posts[min(index, len(posts) - 1)]

    def coordinator_index(self) -> int:
        keys = [key for key, _, _ in POSTS[self.kind]]
        return keys.index("samverkanskoordinator") if "samverkanskoordinator" in keys else 1


@dataclass
class Person:
    iri: str
    name: str


@dataclass
class Collaboration:
    """An agreement and the collaboration it set up, remembered for later decisions and plans."""

    core: str
    agreement: str
    title_sv: str
    title_en: str
    parties: list[Org]
    start: date
    collab: str
    phrase_sv: str
    phrase_en: str
    steering: str
    years: set[int] = field(default_factory=set)
    forum: str | None = None

    def free_years(self) -> list[int]:
        """Years from the one after the agreement to 2030 that have no activity plan yet."""
        return [y for y in range(max(self.start.year + 1, 2001), LAST_DAY.year + 1) if y not in self.years]


class Generator:
    """Writes one project into ``out``; call :meth:`run` once."""

    def __init__(self, out: Path, target: int, seed: int, defects: int) -> None:
        self.out = out
        self.target = target
        self.seed = seed
        self.defect_count = defects
        self.rng = random.Random(seed)
        self.classes: Counter[str] = Counter()
        self.files: list[TurtleFile] = []
        self.defects: list[Defect] = []
        self.slugs: set[str] = set()
        self.numbers: set[str] = set()
        self.emitted: set[str] = set()  # posts, persons, meetings and bodies already described
        self.doc = ""  # the source document being written
        self.doc_prov: set[str] = set()  # nodes already pointed to that document
        self.holders: dict[str, Person] = {}
        self.politicians: dict[str, list[tuple[Person, int]]] = {}
        self.person_slugs: Counter[str] = Counter()
        self.meeting_paragraphs: dict[str, set[int]] = {}
        self.diary: dict[tuple[str, int], int] = {}
        self.collaborations: list[Collaboration] = []
        self.pending: list[tuple[Collaboration, Org]] = []  # agreements a municipality has yet to decide on
        self.last_chair: str | None = None
        self.documents = 0
        self.hosts_seen: Counter[str] = Counter()
        self.planned: dict[str, set[int]] = {}  # defect kind -> running numbers of the hosts to carry it

    # --- the run ---------------------------------------------------------------

    def run(self) -> dict[str, object]:
        """Write every file; return the summary that generated.json holds."""
        data = self.out / "data"
        data.mkdir(parents=True)
        shutil.copyfile(CONCEPTS_FILE, data / "concepts.ttl")
        concept_triples = self._read_concepts(data / "concepts.ttl")
        self._make_organizations()
        company_defects, municipality_defects = self._plan_defects()

        self.orgs = TurtleFile(data / "organizations.ttl", self.classes)
        self.files.append(self.orgs)
        self._write_organizations(company_defects, municipality_defects)

        base = concept_triples + self.orgs.triples
        if base >= self.target:
            raise click.UsageError(f"--triples {self.target} is too small: the organizations alone take {base}.")
        chunks = max(2, round(self.target / TRIPLES_PER_FILE))
        quota = (self.target - base) / chunks
        self.chunk = self._open_chunk(1)
        while self._total(concept_triples) < self.target:
            if self.chunk.triples >= quota and len(self.files) - 1 < chunks:
                self.chunk.close()
                self.chunk = self._open_chunk(len(self.files))
            self._document(self.rng.choices(DOCUMENT_KINDS, DOCUMENT_WEIGHTS)[0])
        for kind in DOCUMENT_KINDS:  # defects drawn for hosts the run did not reach
            while self._unplanted(kind):
                self._document(kind, force=True)
        for file in self.files:
            file.close()

        self.classes.update(self.concept_classes)
        return {
            "generator": "benchmarks.generate",
            "seed": self.seed,
            "target_triples": self.target,
            "triples": self._total(concept_triples),
            "triples_counted": "distinct triples of data/*.ttl, concepts.ttl included; the ontology is not counted",
            "defects_per_kind": self.defect_count,
            "files": {"data/concepts.ttl": concept_triples}
            | {f"data/{file.path.name}": file.triples for file in self.files},
            "classes": dict(sorted(self.classes.items())),
            "documents": self.documents,
        }

    def _total(self, concept_triples: int) -> int:
        return concept_triples + sum(file.triples for file in self.files)

    def _open_chunk(self, number: int) -> TurtleFile:
        chunk = TurtleFile(self.out / "data" / f"documents-{number:02d}.ttl", self.classes)
        self.files.append(chunk)
        return chunk

    def _document(self, kind: str, force: bool = False) -> None:
        """Write one source document of ``kind`` (an agreement when nothing is left to decide or plan)."""
        made = False
        if kind == "decision" and self.pending:
            made = self._decision_document(force)
        elif kind == "plan" and self.collaborations:
            made = self._plan_document(force)
        if not made:
            self._agreement_document(force and kind == "agreement")

    # --- concepts ----------------------------------------------------------------

    def _read_concepts(self, path: Path) -> int:
        """Take the areas and forms from the concept schemes; check the roles and document types used exist."""
        skos = NAMESPACES["skos"]
        quads = list(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
        schemes: dict[str, str] = {}
        names: dict[tuple[str, str], str] = {}
        self.concept_classes: Counter[str] = Counter()
        for quad in quads:
            predicate, obj = quad.predicate.value, quad.object
            if predicate == skos + "inScheme":
                schemes[quad.subject.value] = obj.value
            elif predicate == skos + "prefLabel" and isinstance(obj, ox.Literal) and obj.language:
                names[(quad.subject.value, obj.language)] = obj.value
            elif predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
                self.concept_classes[term(obj.value)] += 1

        def scheme(name: str) -> list[tuple[str, str, str]]:
            iris = sorted(c for c, s in schemes.items() if s == ID + "scheme/" + name)
            return [(term(c), names.get((c, "sv"), ""), names.get((c, "en"), "")) for c in iris]

        self.areas = scheme("samverkansomraden")
        self.forms = scheme("samverkansformer")
        needed = {
            "roles": ({c for c, *_ in scheme("roller")}, {"role:ledamot", "role:minnesanteckningar"}),
            "document types": (
                {c for c, *_ in scheme("dokumenttyper")},
                {"doctype:avtal", "doctype:protokollsutdrag", "doctype:verksamhetsplan", "doctype:tjansteutlatande"},
            ),
        }
        missing = [f"{what}: {', '.join(sorted(want - have))}" for what, (have, want) in needed.items() if want - have]
        if not self.areas or not self.forms or missing:
            raise click.ClickException(
                f"{CONCEPTS_FILE} lacks concepts the generator uses ({'; '.join(missing) or 'areas or forms'})."
            )
        return len({(q.subject, q.predicate, q.object) for q in quads})

    # --- organizations -------------------------------------------------------------

    def _unique_slug(self, slug: str) -> str:
        candidate, number = slug, 1
        while candidate in self.slugs:
            number += 1
            candidate = f"{slug}-{number}"
        self.slugs.add(candidate)
        return candidate

    def _org_number(self, prefix: str) -> str:
        """A new organisationsnummer starting with ``prefix``, with its Luhn digit."""
        while True:
            digits = prefix + "".join(str(self.rng.randrange(10)) for _ in range(9 - len(prefix)))
            number = f"{digits[:6]}-{digits[6:]}{luhn_digit(digits)}"
            if number not in self.numbers:
                self.numbers.add(number)
                return number

    def _weight(self, kind: str) -> float:
        alpha = PARETO_ALPHA["public" if kind in PUBLIC_KINDS else "private"]
        return ORG_KINDS[kind][1] * min(PARETO_CAP, self.rng.paretovariate(alpha))

    def _make_organizations(self) -> None:
        rng = self.rng
        names = [(a + b).capitalize() for a in PLACE_STARTS for b in PLACE_ENDS if not a.lower().endswith(b)]
        places = list({slugify(name): name for name in names}.values())  # one place per slug
        rng.shuffle(places)
        towns, self.localities = places[:MUNICIPALITIES], places[MUNICIPALITIES:]
        self.municipalities: list[Org] = []
        self.regions: list[Org] = []
        self.regional: list[Org] = []
        position = 0
        for code, county_sv, county_en, region, count in REGIONS:
            local = sorted(rng.sample(range(10, 100), count)) if code != "09" else [80]
            for number, town in zip(local, sorted(towns[position : position + count])):
                sv = f"{genitive(town)} kommun"
                self.municipalities.append(
                    Org(self._unique_slug(slugify(sv)), "municipality", sv, f"{town} Municipality", slugify(town),
                        self._weight("municipality"), self._org_number("212000"), f"{code}{number:02d}", town)
                )
            position += count
            self.regions.append(Org(self._unique_slug(slugify(region)), "region", region, region, slugify(region),
                                    self._weight("region"), self._org_number("2321000")))
            association = slugify(f"kommunförbundet {county_sv}")
            self.regional.append(
                Org(self._unique_slug(association), "regional", f"Kommunförbundet i {county_sv}",
                    f"Association of local authorities in {county_en}", association, self._weight("regional"),
                    self._org_number("222000"))
            )
        self.heis = self._make_heis()
        scale = self.target / 1_000_000
        self.centres = [self._named("centre", f"{town} Science Park", f"{town} Science Park")
                        for town in self.localities[: max(5, round(60 * scale))]]
        self.companies = self._make_many("company", max(40, min(60_000, round(12_000 * scale))), self._company_name)
        self.associations = self._make_many(
            "association", max(15, min(6_000, round(3_000 * scale))), self._association_name
        )
        self.parties = [Org(slug, "party", sv, en, slug, abbreviation=abbr) for slug, sv, en, abbr, _ in PARTIES]
        self.party_weights = [weight for *_, weight in PARTIES]
        self.slugs.update(slug for slug, *_ in PARTIES)

        self.public = self.municipalities + self.regions + self.heis + self.regional
        self.partners = self.public + self.centres + self.companies + self.associations
        self.public_weights = list(accumulate(org.weight for org in self.public))
        self.partner_weights = list(accumulate(org.weight for org in self.partners))

    def _make_heis(self) -> list[Org]:
        """36 universities and university colleges in as many municipalities."""
        heis = []
        for index, host in enumerate(self.rng.sample(self.municipalities, 36)):
            town = host.town or host.short
            if index < 12:
                sv, en, abbreviation = f"{genitive(town)} universitet", f"{town} University", f"{town[0]}U"
            elif index < 15:
                sv, en = f"{genitive(town)} tekniska högskola", f"{town} Institute of Technology"
                abbreviation = f"{town[0]}TH"
            else:
                sv, en, abbreviation = f"Högskolan i {town}", f"{town} University College", f"Hi{town[0]}"
            heis.append(self._named("hei", sv, en, abbreviation))
        return heis

    def _named(self, kind: str, sv: str, en: str, abbreviation: str | None = None) -> Org:
        slug = self._unique_slug(slugify(sv))
        return Org(slug, kind, sv, en, slug, self._weight(kind), self._org_number(ORG_KINDS[kind][2]),
                   abbreviation=abbreviation)

    def _make_many(self, kind: str, count: int, name: Callable[[], tuple[str, str]]) -> list[Org]:
        """Up to ``count`` organizations of distinct names (fewer if the names run out)."""
        made: list[Org] = []
        taken: set[str] = set()
        for _ in range(count * 3):
            if len(made) == count:
                break
            sv, en = name()
            if slugify(sv) not in taken and slugify(sv) not in self.slugs:
                taken.add(slugify(sv))
                made.append(self._named(kind, sv, en))
        return made

    def _company_name(self) -> tuple[str, str]:
        rng, sector = self.rng, self.rng.choice(SECTORS)
        pattern = rng.random()
        if pattern < 0.45:
            name = f"{rng.choice(self.localities)} {sector} AB"
        elif pattern < 0.6:
            name = f"{rng.choice(SURNAMES)}s {sector} AB"
        elif pattern < 0.7:
            name = f"{rng.choice(BRANDS)}{sector.lower()} AB"
        else:
            name = f"{rng.choice(SURNAMES)} {sector} i {rng.choice(self.localities)} AB"
        return name, name

    def _association_name(self) -> tuple[str, str]:
        town = self.rng.choice(self.localities + [m.town or m.short for m in self.municipalities])
        sv, en = self.rng.choice(ASSOCIATIONS)
        return f"{genitive(town)} {sv}", f"{town} {en}"

    def _write_organizations(self, company_defects: dict[str, str], municipality_defects: set[str]) -> None:
        w = self.orgs
        for org in self.municipalities:
            code = org.code or ""
            if org.slug in municipality_defects:
                code = code[1:]
                self._record("municipality-code-form", org.iri, w)
            w.block(org.iri, [
                ("a", ["sv:Municipality"]), labels(org.sv, org.en), ("skos:altLabel", [lit(org.town or "", "sv")]),
                ("sv:municipalityCode", [lit(code)]), ("sv:organizationNumber", [lit(org.number or "")]),
            ])
        for org in self.regions + self.regional + self.heis + self.centres + self.companies + self.associations:
            number, names = org.number or "", [lit(org.sv, "sv"), lit(org.en, "en")]
            planted = company_defects.get(org.slug)
            if planted == "organization-number-check-digit":
                number = number[:-1] + str((int(number[-1]) + 1 + self.rng.randrange(9)) % 10)
            elif planted == "organization-number-form":
                number = number.replace("-", "")
            elif planted == "label-missing-english":
                names = names[:1]
            if planted:
                self._record(planted, org.iri, w)
            w.block(org.iri, [
                ("a", list(ORG_KINDS[org.kind][0])), ("rdfs:label", names),
                ("sv:abbreviation", [lit(org.abbreviation)] if org.abbreviation else []),
                ("sv:organizationNumber", [lit(number)]),
            ])
        for org in self.parties:
            w.block(org.iri, [("a", ["sv:PoliticalParty"]), labels(org.sv, org.en),
                              ("sv:abbreviation", [lit(org.abbreviation or "")])])

    def _municipal_body(self, muni: Org, key: str) -> str:
        """A municipality's council, board, committee or administration, described on first use."""
        suffix, cls, name_sv, name_en = MUNICIPAL_BODIES[key]
        iri = f"body:{muni.short}-{suffix}"
        if iri not in self.emitted:
            self.emitted.add(iri)
            parent = self._municipal_body(muni, "ks") if key == "ksau" else None
            self.orgs.block(iri, [
                ("a", [cls]), labels(f"{name_sv} i {muni.sv}", f"{upper_first(name_en)}, {muni.en}"),
                ("skos:altLabel", [lit(name_sv, "sv")]), ("org:unitOf", [muni.iri]),
                ("org:subOrganizationOf", [parent] if parent else []),
            ])
        return iri

    def _all_boards(self, muni: Org) -> str:
        """The group of a municipality's boards and companies, which decisions are sent to."""
        iri = f"orgs:{muni.slug}-samtliga-namnder-och-bolag"
        if iri not in self.emitted:
            self.emitted.add(iri)
            self.orgs.block(iri, [
                ("a", ["sv:OrganizationGroup"]),
                labels(f"Samtliga nämnder och bolag i {muni.sv}", f"All boards and companies of {muni.en}"),
                ("sv:groupWithin", [muni.iri]),
            ])
        return iri

    # --- defects ----------------------------------------------------------------

    def _plan_defects(self) -> tuple[dict[str, str], set[str]]:
        """Draw where each defect goes: organizations by name, documents by their running number."""
        n = self.defect_count
        if not n:
            return {}, set()
        chooser = random.Random(self.seed * 7_919 + 104_729)  # apart from the data's own draws
        company_kinds = [k.name for k in DEFECT_KINDS if k.host == "company"]
        # Distinct companies per kind: a number without its hyphen escapes the check-digit test.
        hosts = chooser.sample(self.companies, n * len(company_kinds))
        company = {org.slug: company_kinds[i // n] for i, org in enumerate(hosts)}
        municipalities = {org.slug for org in chooser.sample(self.municipalities, n)}
        for kind in DEFECT_KINDS:
            if kind.host in HOSTS_PER_1000_TRIPLES:
                reach = max(n + 1, int(REACHED * self.target / 1000 * HOSTS_PER_1000_TRIPLES[kind.host]))
                self.planned[kind.name] = set(chooser.sample(range(1, reach), n))
        return company, municipalities

    def _plant(self, host: str, force: bool) -> set[str]:
        """The defect kinds this document (the next ``host``) carries; with ``force``, every one still due."""
        index = self.hosts_seen[host]
        self.hosts_seen[host] += 1
        chosen = set()
        for kind in DEFECT_KINDS:
            spots = self.planned.get(kind.name)
            if kind.host != host or not spots:
                continue
            if index in spots:
                spots.discard(index)
            elif force:
                spots.discard(max(spots))
            else:
                continue
            chosen.add(kind.name)
        return chosen

    def _unplanted(self, host: str) -> bool:
        return any(self.planned.get(k.name) for k in DEFECT_KINDS if k.host == host)

    def _record(self, name: str, focus: str, file: TurtleFile, results: int = 1) -> None:
        self.defects.append(Defect(DEFECTS_BY_NAME[name], focus, f"data/{file.path.name}", results))

    # --- people and posts -------------------------------------------------------

    def _source(self, node: str) -> None:
        """Say that the current document also describes ``node``, described first elsewhere."""
        if node not in self.doc_prov:
            self.doc_prov.add(node)
            self.chunk.block(node, [("prov:wasDerivedFrom", [self.doc])])

    def _describe_once(self, node: str, props: Props) -> None:
        """Describe ``node`` in the current document, or only point it here if described before."""
        if node in self.emitted:
            self._source(node)
        else:
            self.emitted.add(node)
            self.doc_prov.add(node)
            self.chunk.block(node, [*props, ("prov:wasDerivedFrom", [self.doc])])

    def _post(self, org: Org, index: int) -> str:
        key, title_sv, title_en = org.post(index)
        iri = f"post:{org.slug}-{key}"
        preposition = POST_PREPOSITION.get(org.kind, "vid")
        self._describe_once(iri, [
            ("a", ["org:Post"]), labels(f"{upper_first(title_sv)} {preposition} {org.sv}", f"{upper_first(title_en)}, {org.en}"),
            ("org:postIn", [org.iri]),
        ])
        return iri

    def _person_name(self) -> tuple[str, str]:
        """A name and a readable IRI for it (numbered from the second person of that name)."""
        name = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(SURNAMES)}"
        base = slugify(name)
        self.person_slugs[base] += 1
        count = self.person_slugs[base]
        return name, f"person:{base}" if count == 1 else f"person:{base}-{count}"

    def _holder(self, post: str) -> Person:
        """The person holding ``post``, described the first time a document names them."""
        person = self.holders.get(post)
        if person is None:
            name, iri = self._person_name()
            person = self.holders[post] = Person(iri, name)
        self._describe_once(person.iri, [
            ("a", ["foaf:Person"]), ("foaf:name", [lit(person.name)]), labels(person.name, person.name),
            ("org:holds", [post]),
        ])
        return person

    def _politician(self, muni: Org) -> tuple[Person, Org]:
        """A member of the municipal council: one of up to six per municipality, new ones now and then."""
        pool = self.politicians.setdefault(muni.slug, [])
        if len(pool) < 6 and (not pool or self.rng.random() < 0.4):
            name, iri = self._person_name()
            pool.append((Person(iri, name), self.rng.choices(range(len(self.parties)), self.party_weights)[0]))
            person, index = pool[-1]
        else:
            person, index = self.rng.choice(pool)
        party = self.parties[index]
        self._describe_once(person.iri, [
            ("a", ["foaf:Person"]), ("foaf:name", [lit(person.name)]), labels(person.name, person.name),
            ("org:memberOf", [party.iri]),
        ])
        return person, party

    # --- documents ------------------------------------------------------------

    def _random_day(self, first: date, last: date) -> date:
        return weekday(date.fromordinal(self.rng.randint(first.toordinal(), last.toordinal())))

    def _source_document(self, slug: str, sv: str, en: str, title: str, doctype: str, creators: Iterable[str],
                         when: date, extra: Props | None = None) -> None:
        """Start a new source document: describe it; what follows is derived from it."""
        self.documents += 1
        self.doc = f"doc:{slug}"
        self.doc_prov = {self.doc}
        seed_file = f"{self.documents % 1000:03d}_{self.rng.getrandbits(64):016x}.txt"
        self.chunk.block(self.doc, [
            ("a", ["sv:SourceDocument"]), labels(sv, en), ("dcterms:title", [lit(title, "sv")]),
            ("dcterms:type", [doctype]), ("dcterms:creator", list(creators)), ("dcterms:date", [day(when)]),
            *(extra or []), ("sv:seedFile", [lit(seed_file)]), ("dcterms:language", [lit("sv")]),
            ("rdfs:comment", [lit("Syntetiskt dokument, skapat av benchmarks.generate.", "sv"),
                              lit("Synthetic document, made by benchmarks.generate.", "en")]),
        ])

    def _pick_parties(self) -> list[Org]:
        """2-6 distinct parties by weight, the first a public body."""
        count = self.rng.choices(PARTY_COUNTS, PARTY_COUNT_WEIGHTS)[0]
        first = self.public[bisect(self.public_weights, self.rng.random() * self.public_weights[-1])]
        parties, seen = [first], {first.slug}
        while len(parties) < count:
            org = self.partners[bisect(self.partner_weights, self.rng.random() * self.partner_weights[-1])]
            if org.slug not in seen:
                seen.add(org.slug)
                parties.append(org)
        return parties

    def _agreement_document(self, force: bool) -> None:
        """An agreement's text: the agreement, its collaboration and bodies, signatures and disputes."""
        rng, w = self.rng, self.chunk
        parties = self._pick_parties()
        plant = self._plant("agreement", force) if self.last_chair else set()
        start = self._random_day(date(2000, 6, 1), date(2029, 6, 30))
        kind_slug, title_sv, title_en = rng.choice(AGREEMENT_KINDS)
        names_sv = join_names([p.sv for p in parties], "och")
        names_en = join_names([p.en for p in parties], "and")
        title_sv, title_en = title_sv.format(sv=names_sv), title_en.format(en=names_en)
        tail = "-med-flera" if len(parties) > 2 else ""
        core = self._unique_slug(f"{parties[0].short}-{parties[1].short}{tail}-{start.year}")
        slug = f"{core}-{kind_slug}"
        agreement = f"agr:{slug}"
        self._source_document(slug, f"{title_sv} (avtalstext)", f"{title_en} (agreement text)", title_sv,
                              "doctype:avtal", [p.iri for p in parties], start)
        collab_class, phrase_sv, phrase_en = self._collaboration_kind(parties)
        record = Collaboration(
            core, agreement, title_sv, title_en, parties, start, f"collab:{core}-samverkan",
            f"{phrase_sv} mellan {names_sv}", f"the {phrase_en} of {names_en}", f"body:{core}-styrgrupp",
        )

        heads = [self._post(p, 0) for p in parties]
        coordinators = [self._post(p, p.coordinator_index()) for p in parties]
        areas = rng.sample(self.areas, rng.randint(1, min(3, len(self.areas))))
        area_terms = [a for a, _, _ in areas]
        if "area-not-a-concept" in plant:
            area_terms[0] = parties[0].iri
            self._record("area-not-a-concept", agreement, w)
        forms = rng.sample(self.forms, rng.randint(1, min(3, len(self.forms))))
        open_ended = rng.random() < 0.4
        end = min(LAST_DAY, start + timedelta(days=365 * rng.randint(2, 6) - 1))
        terms = rng.choice(OPEN_ENDED_TERMS) if open_ended else FIXED_TERMS
        signatures = [f"sig:{slug}-{p.short}" for p in parties]
        dispute = f"dispute:{slug}" if rng.random() < 0.7 else None
        area_sv = join_names([lower_first(a[1]) for a in areas], "och")
        area_en = join_names([lower_first(a[2]) for a in areas], "and")
        w.block(agreement, [
            ("a", ["sv:Agreement"]), labels(title_sv, title_en), ("dcterms:title", [lit(title_sv, "sv")]),
            ("sv:party", [p.iri for p in parties]),
            ("sv:purpose", [
                lit(f"Att stärka och utveckla parternas samarbete inom {area_sv}, "
                    "till nytta för invånare, studenter och näringsliv.", "sv"),
                lit(f"To strengthen and develop the parties' joint work on {area_en}, "
                    "for the benefit of residents, students and business.", "en"),
            ]),
            ("sv:area", area_terms), ("sv:form", [f for f, _, _ in forms]), ("sv:establishes", [record.collab]),
            ("sv:coordinatorPost", coordinators), ("sv:validFrom", [day(start)]),
            ("sv:validUntil", [] if open_ended else [day(end)]), ("sv:openEnded", ["true"] if open_ended else []),
            ("sv:terminationTerms", [lit(terms[0], "sv"), lit(terms[1], "en")]), ("sv:terminationInWriting", ["true"]),
            ("sv:amendmentTerms", [lit(AMENDMENT_TERMS[0], "sv"), lit(AMENDMENT_TERMS[1], "en")]),
            ("sv:amendmentInWriting", ["true"]), ("sv:numberOfCopies", [str(len(parties))]),
            ("sv:disputeResolution", [dispute] if dispute else []), ("sv:hasSignature", signatures),
            ("prov:wasDerivedFrom", [self.doc]),
        ])
        w.block(record.collab, [
            ("a", [collab_class]), labels(upper_first(record.phrase_sv), upper_first(record.phrase_en[4:])),
            ("org:hasMember", [p.iri for p in parties]), ("prov:wasDerivedFrom", [self.doc]),
        ])
        self._steering_group(record, heads, coordinators[0], plant)
        if rng.random() < 0.5:
            self._working_group(record, heads)
        self._signatures(parties, heads, signatures)
        if dispute:
            self._dispute_resolution(record, dispute, heads, names_sv, names_en)
        self._steering_meetings(record)
        self.collaborations.append(record)
        self.pending.extend((record, p) for p in parties if p.kind == "municipality")

    @staticmethod
    def _collaboration_kind(parties: list[Org]) -> tuple[str, str, str]:
        """The class of the collaboration the parties set up, and its name in Swedish and English."""
        kinds = {p.kind for p in parties}
        if kinds == {"municipality"}:
            return "sv:MunicipalCollaboration", "kommunsamverkan", "municipal collaboration"
        if kinds == {"hei"}:
            return "sv:AcademicAlliance", "alliansen", "alliance"
        if "hei" in kinds and kinds & {"municipality", "region"}:
            return "sv:AcademicPartnership", "samverkan", "collaboration"
        return "org:OrganizationalCollaboration", "samverkan", "collaboration"

    def _steering_group(self, record: Collaboration, heads: list[str], coordinator: str, plant: set[str]) -> None:
        """The steering group: a seat per party filled by its head, one of them the chair."""
        rng, w, parties, steering = self.rng, self.chunk, record.parties, record.steering
        seats = [f"seat:{record.core}-styrgrupp-{p.short}-{p.post(0)[0]}" for p in parties]
        chair_index = rng.randrange(len(parties))
        chaired_by = seats[chair_index]
        if "chair-seat-outside-body" in plant and self.last_chair:
            chaired_by = self.last_chair
            self._record("chair-seat-outside-body", steering, w)
        self.last_chair = seats[chair_index]
        w.block(steering, [
            ("a", ["sv:SteeringGroup"]),
            labels(f"Styrgruppen för {record.phrase_sv}", f"Steering group of {record.phrase_en}"),
            ("org:unitOf", [record.collab]), ("sv:meetingsPerYear", [str(rng.randint(1, 4))]),
            ("sv:chairedBy", [chaired_by]),
            ("sv:decisionRule", [lit("Beslut fattas med enhällighet.", "sv"), lit("Decisions are unanimous.", "en")]
             if rng.random() < 0.5 else []),
            ("prov:wasDerivedFrom", [self.doc]),
        ])
        roleless = len(seats) - 1 if chair_index != len(seats) - 1 else 0
        for index, (party, seat, head) in enumerate(zip(parties, seats, heads)):
            _, title_sv, title_en = party.post(0)
            substitute = party.kind in ("municipality", "region")
            or_sv, or_en = (" eller ersättare", " or substitute") if substitute else ("", "")
            chair_sv, chair_en = (", ordförande", ", chair") if index == chair_index else ("", "")
            role = ["role:ledamot"]
            if "seat-without-role" in plant and index == roleless:
                role = []
                self._record("seat-without-role", seat, w)
            w.block(seat, [
                ("a", ["sv:Seat"]),
                labels(f"Styrgruppen: {title_sv}{or_sv}{chair_sv} ({party.sv})",
                       f"Steering group: {title_en}{or_en}{chair_en} ({party.en})"),
                ("sv:seatIn", [steering]), ("sv:forParty", [party.iri]), ("sv:filledByPost", [head]),
                ("sv:substituteAppointedBy", [head] if substitute else []), ("sv:seatRole", role),
                ("prov:wasDerivedFrom", [self.doc]),
            ])
        if rng.random() < 0.5:
            party = parties[0]
            w.block(f"seat:{record.core}-styrgrupp-{party.short}-minnesanteckningar", [
                ("a", ["sv:Seat"]),
                labels(f"Styrgruppen: samverkanskoordinator för minnesanteckningar ({party.sv})",
                       f"Steering group: collaboration coordinator keeping notes ({party.en})"),
                ("sv:seatIn", [steering]), ("sv:forParty", [party.iri]), ("sv:filledByPost", [coordinator]),
                ("sv:seatRole", ["role:minnesanteckningar"]), ("prov:wasDerivedFrom", [self.doc]),
            ])

    def _working_group(self, record: Collaboration, heads: list[str]) -> None:
        """A strategic working group preparing for the steering group, its members appointed by the heads."""
        w = self.chunk
        working = f"body:{record.core}-strategisk-arbetsgrupp"
        w.block(working, [
            ("a", ["sv:WorkingGroup"]),
            labels(f"Strategiska arbetsgruppen för {record.phrase_sv}", f"Strategic working group of {record.phrase_en}"),
            ("org:unitOf", [record.collab]), ("sv:meetingsPerYear", [str(self.rng.randint(2, 6))]),
            ("sv:appointedByBody", [record.steering]), ("sv:preparesFor", [record.steering]),
            ("prov:wasDerivedFrom", [self.doc]),
        ])
        for party, head in zip(record.parties, heads):
            _, title_sv, title_en = party.post(0)
            w.block(f"seat:{record.core}-arbetsgrupp-{party.short}", [
                ("a", ["sv:Seat"]),
                labels(f"Strategiska arbetsgruppen: representant utsedd av {title_sv} ({party.sv})",
                       f"Strategic working group: representative appointed by the {title_en} ({party.en})"),
                ("sv:seatIn", [working]), ("sv:forParty", [party.iri]), ("sv:appointedBy", [head]),
                ("sv:fillerDescription", [
                    lit(f"Av {title_sv} utsedd representant från verksamheten", "sv"),
                    lit(f"a representative of the organization appointed by the {title_en}", "en"),
                ]),
                ("sv:seatRole", ["role:ledamot"]), ("prov:wasDerivedFrom", [self.doc]),
            ])

    def _signatures(self, parties: list[Org], heads: list[str], signatures: list[str]) -> None:
        for party, head, signature in zip(parties, heads, signatures):
            person = self._holder(head)
            self.chunk.block(signature, [
                ("a", ["sv:Signature"]),
                labels(f"{person.name} undertecknar för {party.sv}", f"{person.name} signs for {party.en}"),
                ("sv:signatory", [person.iri]), ("sv:signedAs", [head]), ("sv:signedFor", [party.iri]),
                ("prov:wasDerivedFrom", [self.doc]),
            ])

    def _dispute_resolution(self, record: Collaboration, dispute: str, heads: list[str], names_sv: str,
                            names_en: str) -> None:
        """Disputes go to the steering group first, then to the heads of the first two parties."""
        w = self.chunk
        mandates = [f"mandate:{record.core}-tvist-{p.short}" for p in record.parties[:2]]
        w.block(dispute, [
            ("a", ["sv:DisputeResolution"]),
            labels(f"Tvistlösning i avtalet mellan {names_sv}", f"Dispute resolution under the agreement between {names_en}"),
            ("sv:referredTo", [record.steering]), ("sv:finalResolver", mandates), ("prov:wasDerivedFrom", [self.doc]),
        ])
        for party, head, mandate in zip(record.parties, heads, mandates):
            _, title_sv, title_en = party.post(0)
            w.block(mandate, [
                ("a", ["sv:Mandate"]),
                labels(f"Avgör kvarstående meningsskiljaktigheter: {title_sv} ({party.sv})",
                       f"Settles remaining disagreements: {title_en} ({party.en})"),
                ("sv:forParty", [party.iri]), ("sv:filledByPost", [head]), ("prov:wasDerivedFrom", [self.doc]),
            ])

    def _steering_meetings(self, record: Collaboration) -> None:
        """Up to two meetings of the steering group the agreement text schedules."""
        rng = self.rng
        for _ in range(rng.randint(0, 2)):
            when = weekday(record.start + timedelta(days=rng.randint(30, 700)))
            meeting = f"meet:{record.core}-styrgrupp-{when.isoformat()}"
            if when <= LAST_DAY and meeting not in self.emitted:
                self.emitted.add(meeting)
                host = rng.choice(record.parties)
                self.chunk.block(meeting, [
                    ("a", ["sv:Meeting"]),
                    labels(f"Styrgruppens möte {date_sv(when)} ({host.sv})",
                           f"Steering group meeting, {date_en(when)} ({host.en})"),
                    ("sv:meetingOf", [record.steering]), ("dcterms:date", [day(when)]), ("sv:hostedBy", [host.iri]),
                    ("prov:wasDerivedFrom", [self.doc]),
                ])

    def _decision_document(self, force: bool) -> bool:
        """An extract from the minutes: a municipal body decides on (or proposes) an agreement."""
        rng, w = self.rng, self.chunk
        record, muni = self.pending.pop(rng.randrange(len(self.pending)))
        plant = self._plant("decision", force)
        body_key = rng.choices(("kf", "ks", "ksau"), (4, 4, 2))[0]
        # Councils meet on Mondays, boards on Tuesdays, their committees on Wednesdays.
        meeting_day = {"kf": 0, "ks": 1, "ksau": 2}[body_key]
        when = record.start - timedelta(days=rng.randint(10, 150))
        when = max(date(2000, 1, 3), when - timedelta(days=(when.weekday() - meeting_day) % 7))
        body = self._municipal_body(muni, body_key)
        board = self._municipal_body(muni, "ks")
        office = self._municipal_body(muni, "ksf")
        suffix, _, body_sv, body_en = MUNICIPAL_BODIES[body_key]
        meeting = f"meet:{muni.short}-{suffix}-{when.isoformat()}"
        used = self.meeting_paragraphs.setdefault(meeting, set())
        paragraph = rng.choice([p for p in range(1, 80) if p not in used])
        used.add(paragraph)
        number = self.diary.get((muni.slug, when.year), rng.randint(100, 900)) + rng.randint(1, 40)
        self.diary[(muni.slug, when.year)] = number
        diary = f"KS-{when.year}/{number}.{rng.choice((101, 103, 104, 106, 109))}"
        slug = f"{muni.short}-{body_key}-{when.isoformat()}-p{paragraph}"
        decision, para, town = f"dec:{slug}", f"§ {paragraph}", muni.town or muni.sv
        agreement_sv, agreement_en = lower_first(record.title_sv), lower_first(record.title_en)
        self._source_document(
            slug, f"{body_sv} i {town} {when.isoformat()} {para}", f"{town} {body_en}, {date_en(when)}, {para}",
            f"Förslag till {agreement_sv}", "doctype:protokollsutdrag", [body], when,
            [("sv:paragraph", [lit(para)]), ("sv:diaryNumber", [lit(diary)]),
             ("dcterms:references", [muni.iri, body, *(p.iri for p in record.parties if p is not muni)])],
        )
        self._describe_once(meeting, [
            ("a", ["sv:Meeting"]),
            labels(f"{body_sv}s sammanträde {when.isoformat()} ({town})", f"Meeting of the {town} {body_en}, {date_en(when)}"),
            ("sv:meetingOf", [body]), ("dcterms:date", [day(when)]),
        ])
        report_day = max(FIRST_DAY, when - timedelta(days=rng.randint(20, 60)))
        report = f"doc:{slug}-tjansteutlatande"
        w.block(report, [
            ("a", ["foaf:Document"]),
            labels(f"Kommunstyrelsens förvaltnings tjänsteutlåtande {report_day.isoformat()} ({town})",
                   f"Report of the {town} executive board's administration, {date_en(report_day)}"),
            ("dcterms:type", ["doctype:tjansteutlatande"]), ("dcterms:creator", [office]),
            ("dcterms:date", [day(report_day)]), ("dcterms:hasPart", [record.agreement]),
            ("prov:wasDerivedFrom", [self.doc]),
        ])
        if body_key == "kf":
            proposer, proposed_to = board, body
            text_sv = (f"Förslag till {agreement_sv}, bilaga 1 till kommunstyrelsens förvaltnings tjänsteutlåtande "
                       f"daterat den {date_sv(report_day)}, godkänns.")
            text_en = (f"The council approves the proposed {agreement_en}, annexed to the administration's report "
                       f"of {date_en(report_day)}.")
        elif body_key == "ks":
            proposer, proposed_to = office, body
            text_sv = f"Kommunstyrelsen godkänner {agreement_sv}. Kommundirektören ges i uppdrag att underteckna avtalet."
            text_en = f"The executive board approves the {agreement_en}. The municipal director is instructed to sign it."
        else:
            proposer, proposed_to = body, board
            text_sv = "Arbetsutskottet föreslår kommunstyrelsen besluta i enlighet med förvaltningens förslag till beslut."
            text_en = "The working committee proposes that the executive board decide as its administration has proposed."
        director = self._post(muni, 0) if body_key == "ks" else None
        proposal = f"prop:{slug}-forslag"
        w.block(proposal, [
            ("a", ["sv:Proposal"]),
            labels(f"Förslag till beslut om {agreement_sv}", f"Proposed decision on the {agreement_en}"),
            ("sv:proposedBy", [proposer]), ("sv:proposedTo", [proposed_to]),
            ("sv:proposalText", [lit(f"Att {agreement_sv} godkänns.", "sv"), lit(f"That the {agreement_en} is approved.", "en")]),
            ("sv:mandatesPost", [director] if director else []), ("sv:concerns", [record.agreement]),
            ("prov:wasDerivedFrom", [self.doc]),
        ])
        interventions = self._interventions(muni, slug, para) if body_key == "kf" else []
        date_term = [day(when)]
        if "decision-date-not-a-date" in plant:
            date_term = [lit(when.isoformat())]
            self._record("decision-date-not-a-date", decision, w)
        decided_by = [body]
        if "decision-without-body" in plant:
            decided_by = []
            self._record("decision-without-body", decision, w)
        if "diary-number-form" in plant:
            diary = f"KS {when.year}:{number}"
            self._record("diary-number-form", decision, w)
        recipients = [p.iri for p in record.parties if p is not muni][:3] + [self._all_boards(muni)]
        w.block(decision, [
            ("a", ["sv:MinutedDecision"]),
            labels(f"{body_sv}s beslut {when.isoformat()} {para} ({town})",
                   f"Decision of the {town} {body_en}, {date_en(when)}, {para}"),
            ("dcterms:title", [lit(f"Förslag till {agreement_sv}", "sv")]), ("sv:decidedBy", decided_by),
            ("sv:atMeeting", [meeting]), ("dcterms:date", date_term), ("sv:paragraph", [lit(para)]),
            ("sv:diaryNumber", [lit(diary)]), ("sv:decisionText", [lit(text_sv, "sv"), lit(text_en, "en")]),
            ("sv:approves", [record.agreement] if body_key != "ksau" else []),
            ("sv:concerns", [record.agreement] if body_key == "ksau" else []),
            ("sv:proposesTo", [board] if body_key == "ksau" else []),
            ("sv:onProposalOf", [board] if body_key == "kf" else []),
            ("sv:hasProposal", [proposal]), ("sv:basedOn", [report]), ("sv:hasIntervention", interventions),
            ("sv:sentTo", recipients), ("prov:wasDerivedFrom", [self.doc]),
        ])
        return True

    def _interventions(self, muni: Org, slug: str, para: str) -> list[str]:
        """Up to three council members who spoke on the matter, each for their party."""
        interventions: list[str] = []
        for _ in range(self.rng.randint(0, 3)):
            person, party = self._politician(muni)
            intervention = f"int:{slug}-{person.iri.split(':', 1)[1]}"
            if intervention in interventions:
                continue
            interventions.append(intervention)
            if self.rng.random() < 0.85:
                motion = ("Bifall till kommunstyrelsens förslag till beslut.",
                          "That the council decide as the executive board proposed.")
            else:
                motion = ("Avslag på kommunstyrelsens förslag.", "That the proposal be rejected.")
            self.chunk.block(intervention, [
                ("a", ["sv:Intervention"]),
                labels(f"{person.name} ({party.abbreviation}) yttrar sig i {para}",
                       f"{person.name} ({party.abbreviation}) speaks on {para}"),
                ("sv:speaker", [person.iri]), ("sv:speakerParty", [party.iri]),
                ("sv:motion", [lit(motion[0], "sv"), lit(motion[1], "en")]), ("prov:wasDerivedFrom", [self.doc]),
            ])
        return interventions

    def _plan_document(self, force: bool) -> bool:
        """A collaboration's activity plan and budget for a year, adopted by its steering group."""
        rng = self.rng
        for _ in range(8):
            record = rng.choice(self.collaborations)
            years = record.free_years()
            if years:
                break
        else:
            return False
        w = self.chunk
        plant = self._plant("plan", force)
        plan_year = rng.choice(years)
        record.years.add(plan_year)
        core = record.core
        adopted = weekday(date(plan_year - 1, 12, rng.randint(1, 15)))
        steering_sv, steering_en = f"Styrgruppen för {record.phrase_sv}", f"Steering group of {record.phrase_en}"
        self._source_document(
            f"{core}-verksamhetsplan-budget-{plan_year}",
            f"{steering_sv}: Verksamhetsplan och budget {plan_year}",
            f"{steering_en}: activity plan and budget {plan_year}",
            f"Verksamhetsplan {plan_year}, Budget {plan_year}", "doctype:verksamhetsplan", [record.steering], adopted,
            [("dcterms:references", [p.iri for p in record.parties])],
        )
        decision = f"dec:{core}-styrgrupp-{adopted.isoformat()}"
        plan, budget = f"plan:{core}-verksamhetsplan-{plan_year}", f"plan:{core}-budget-{plan_year}"
        w.block(decision, [
            ("a", ["sv:Decision"]),
            labels(f"{steering_sv}: beslut om verksamhetsplan och budget {plan_year}",
                   f"{steering_en}: decision on the {plan_year} activity plan and budget"),
            ("sv:decidedBy", [record.steering]), ("dcterms:date", [day(adopted)]),
            ("sv:decisionText", [lit(f"Verksamhetsplan {plan_year} och Budget {plan_year} fastställs.", "sv"),
                                 lit(f"The activity plan and budget for {plan_year} are adopted.", "en")]),
            ("sv:approves", [plan, budget]), ("prov:wasDerivedFrom", [self.doc]),
        ])
        goals = self._goals(record, plan_year, plant)
        common: Props = [
            ("sv:planOf", [record.collab]), ("sv:adoptedBy", [record.steering]), ("sv:adoptionDecision", [decision]),
            ("dcterms:dateAccepted", [day(adopted)]), ("sv:planYear", [year(plan_year)]),
        ]
        w.block(plan, [
            ("a", ["sv:Plan"]),
            labels(f"Verksamhetsplan {plan_year} för {record.phrase_sv}", f"Activity plan {plan_year} of {record.phrase_en}"),
            ("dcterms:title", [lit(f"Verksamhetsplan {plan_year}", "sv")]), *common, ("sv:hasGoal", goals),
            ("prov:wasDerivedFrom", [self.doc]),
        ])
        self._budget(record, plan_year, budget, common, plant)
        hosts = [p for p in record.parties if p.kind == "municipality"] or record.parties
        self._year_meetings(record, plan_year, hosts, plant)
        if len(record.parties) >= 3:
            self._forum(record, plan_year, hosts)
        return True

    def _goals(self, record: Collaboration, plan_year: int, plant: set[str]) -> list[str]:
        """Two to five goals of the plan, one per collaboration area."""
        rng, goals = self.rng, []
        for index, (area, area_sv, area_en) in enumerate(rng.sample(self.areas, rng.randint(2, min(5, len(self.areas))))):
            goal = f"goal:{record.core}-{plan_year}-{area.split(':', 1)[1]}"
            template_sv, template_en = rng.choice(GOAL_TEMPLATES)
            source = [self.doc]
            if index == 0 and "goal-without-source" in plant:
                source = []
                self._record("goal-without-source", goal, self.chunk)
            self.chunk.block(goal, [
                ("a", ["sv:Goal"]),
                labels(template_sv.format(sv=lower_first(area_sv)), template_en.format(en=lower_first(area_en))),
                ("sv:area", [area]), ("sv:targetYear", [year(min(LAST_DAY.year, plan_year + rng.randint(0, 5)))]),
                ("prov:wasDerivedFrom", source),
            ])
            goals.append(goal)
        return goals

    def _budget(self, record: Collaboration, plan_year: int, budget: str, common: Props, plant: set[str]) -> None:
        """Each party pays a fee to the collaboration; the cost lines share out the same sum."""
        rng, w, core = self.rng, self.chunk, record.core
        lines: list[tuple[str, str, str, int, list[str], list[str], str]] = []
        for party in record.parties:
            fee = rng.randint(5, 60) * 10_000
            lines.append((f"bl:{core}-{plan_year}-avgift-{party.short}", f"Avgift från {party.sv}",
                          f"Fee from {party.en}", fee, [party.iri], [record.collab], "sv:IncomeLine"))
        income = left = sum(line[3] for line in lines)
        costs = rng.sample(COST_LINES, rng.randint(1, len(COST_LINES)))
        for index, (key, sv, en) in enumerate(costs):
            amount = left if index == len(costs) - 1 else rng.randint(0, left // 10_000) * 10_000
            left -= amount
            lines.append((f"bl:{core}-{plan_year}-{key}", sv, en, amount, [record.collab], [], "sv:CostLine"))
        total_cost = income
        if "budget-lines-do-not-add-up" in plant:
            total_cost += 25_000
            self._record("budget-lines-do-not-add-up", budget, w, results=len(lines))
        w.block(budget, [
            ("a", ["sv:Budget"]),
            labels(f"Budget {plan_year} för {record.phrase_sv}", f"Budget {plan_year} of {record.phrase_en}"),
            ("dcterms:title", [lit(f"Budget {plan_year}", "sv")]), *common,
            ("sv:totalIncome", [f"{income}.0"]), ("sv:totalCost", [f"{total_cost}.0"]), ("sv:currency", [lit("SEK")]),
            ("sv:hasBudgetLine", [line[0] for line in lines]), ("prov:wasDerivedFrom", [self.doc]),
        ])
        for iri, sv, en, amount, paid_by, paid_to, cls in lines:
            w.block(iri, [
                ("a", [cls]), labels(sv, en), ("sv:amount", [f"{amount}.0"]), ("sv:currency", [lit("SEK")]),
                ("sv:paidBy", paid_by), ("sv:paidTo", paid_to), ("prov:wasDerivedFrom", [self.doc]),
            ])

    def _year_meetings(self, record: Collaboration, plan_year: int, hosts: list[Org], plant: set[str]) -> None:
        """The steering group's meetings of the year, hosted in turn (the last ones known only to the month),
        and a two-day planning conference."""
        rng, w = self.rng, self.chunk
        months = sorted(rng.sample(range(1, 13), rng.randint(3, 6)))
        for index, month in enumerate(months):
            host = hosts[(plan_year + index) % len(hosts)]
            if index >= len(months) - 2 and rng.random() < 0.3:
                meeting = f"meet:{record.core}-styrgrupp-{plan_year}-{month:02d}"
                when_term = f'"{plan_year}-{month:02d}"^^xsd:gYearMonth'
                when_sv, when_en = f"{MONTHS_SV[month - 1]} {plan_year}", f"{MONTHS_EN[month - 1]} {plan_year}"
            else:
                when = weekday(date(plan_year, month, rng.randint(1, 24)))
                meeting = f"meet:{record.core}-styrgrupp-{when.isoformat()}"
                when_term, when_sv, when_en = day(when), date_sv(when), date_en(when)
            if meeting in self.emitted:
                continue
            self.emitted.add(meeting)
            w.block(meeting, [
                ("a", ["sv:Meeting"]),
                labels(f"Styrgruppens möte {when_sv} ({host.sv})", f"Steering group meeting, {when_en} ({host.en})"),
                ("sv:meetingOf", [record.steering]), ("dcterms:date", [when_term]), ("sv:hostedBy", [host.iri]),
                ("prov:wasDerivedFrom", [self.doc]),
            ])
        first = weekday(date(plan_year, rng.choice((4, 8)), rng.randint(1, 20)))
        last = first + timedelta(days=1)
        conference = f"meet:{record.core}-styrgrupp-planeringskonferens-{plan_year}"
        if "meeting-ends-before-start" in plant:
            last = first - timedelta(days=1)
            self._record("meeting-ends-before-start", conference, w)
        host = rng.choice(hosts)
        w.block(conference, [
            ("a", ["sv:PlanningConference"]),
            labels(f"Styrgruppens planeringskonferens {date_sv(first)} ({host.sv})",
                   f"Steering group planning conference, {date_en(first)} ({host.en})"),
            ("sv:meetingOf", [record.steering]), ("dcterms:date", [day(first)]), ("sv:endDate", [day(last)]),
            ("sv:hostedBy", [host.iri]), ("prov:wasDerivedFrom", [self.doc]),
        ])

    def _forum(self, record: Collaboration, plan_year: int, hosts: list[Org]) -> None:
        """A yearly forum of the collaboration, hosted by its members in turn."""
        w = self.chunk
        if record.forum is None:
            record.forum = f"body:{record.core}-forum"
            w.block(record.forum, [
                ("a", ["sv:Forum"]), labels(f"Forum för {record.phrase_sv}", f"Forum of {record.phrase_en}"),
                ("org:unitOf", [record.collab]), ("sv:meetingsPerYear", ["1"]),
                ("org:hasMember", [p.iri for p in record.parties]), ("prov:wasDerivedFrom", [self.doc]),
            ])
        else:
            self._source(record.forum)
        host = hosts[plan_year % len(hosts)]
        w.block(f"meet:{record.core}-forum-{plan_year}", [
            ("a", ["sv:Meeting"]),
            labels(f"Forum för {record.phrase_sv} {plan_year} (värd: {host.sv})",
                   f"Forum of {record.phrase_en} {plan_year} (host: {host.en})"),
            ("sv:meetingOf", [record.forum]), ("dcterms:date", [year(plan_year)]), ("sv:hostedBy", [host.iri]),
            ("prov:wasDerivedFrom", [self.doc]),
        ])


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


def prepare(out: Path) -> None:
    """Make ``out`` an empty project root with links to this checkout's ontology and shapes.

    A directory this generator wrote before (it holds generated.json) is
    replaced; any other non-empty directory is refused, not overwritten.
    """
    if out.exists() and not out.is_dir():
        raise click.UsageError(f"--out {out} is a file, not a directory.")
    if out.is_dir() and any(out.iterdir()):
        if not (out / "generated.json").is_file():
            raise click.UsageError(f"--out {out} is not empty and was not written by this generator (no generated.json).")
        for name in ("ontology", "shapes", "data", "defects.json", "generated.json"):
            path = out / name
            if path.is_symlink() or path.is_file():
                path.unlink()
            elif path.is_dir():
                shutil.rmtree(path)
    out.mkdir(parents=True, exist_ok=True)
    (out / "ontology").symlink_to(REPO / "ontology", target_is_directory=True)
    (out / "shapes").symlink_to(REPO / "shapes", target_is_directory=True)


def generate(out: Path, triples: int, seed: int, defects: int = 0) -> dict[str, object]:
    """Write a project of about ``triples`` triples into ``out``; return what generated.json says."""
    prepare(out)
    generator = Generator(out, triples, seed, defects)
    summary = generator.run()
    planted = sorted(generator.defects, key=lambda d: (d.kind.name, d.focus))
    (out / "defects.json").write_text(
        json.dumps([d.as_json() for d in planted], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    (out / "generated.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return summary


def max_defects(triples: int) -> int:
    """How many defects of each kind a project of ``triples`` holds (each municipality takes one at most)."""
    return min(MUNICIPALITIES, max(2, triples // TRIPLES_PER_DEFECT))


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--triples", type=click.IntRange(MIN_TRIPLES, MAX_TRIPLES), default=100_000, show_default=True,
              help="Triples to aim for; the result lands within a few percent.")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same files, byte for byte.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True,
              help="Project root to write (created; a project this command wrote there before is replaced).")
@click.option("--defects", type=click.IntRange(min=0), default=0, show_default=True,
              help=f"Plant this many defects of each of the {len(DEFECT_KINDS)} kinds the shapes catch "
                   "(listed in DIR/defects.json).")
def main(triples: int, seed: int, out: Path, defects: int) -> None:
    """Write a seeded, national-scale Samverkan project (ontology, shapes, data) for benchmarks."""
    if defects > max_defects(triples):
        raise click.UsageError(
            f"--defects {defects} is too many for --triples {triples}: at most {max_defects(triples)} of each "
            f"kind fit (one per {TRIPLES_PER_DEFECT} triples)."
        )
    started = time.perf_counter()
    summary = generate(out, triples, seed, defects)
    seconds = time.perf_counter() - started
    planted = f"; {defects * len(DEFECT_KINDS)} defects listed in {out / 'defects.json'}" if defects else ""
    click.echo(
        f"Wrote {summary['triples']} triples (target {triples}, seed {seed}) "
        f"in {len(summary['files'])} files under {out / 'data'} in {seconds:.2f} s{planted}."  # type: ignore[arg-type]
    )


if __name__ == "__main__":
    sys.exit(main())
