"""How each kind of resource's page is laid out: its sections and what each shows, as data.

A :class:`Layout` names the classes it is for and its sections; a section
shows facts (:class:`Field`) and maybe a table (:class:`TableSpec`). Facts
and columns are written as tokens: a property (``sv:party``), an inverse
property (``^sv:party``: the things that have this resource as their party)
or a two-step fact of :data:`DERIVED` (``=partners``). Sections and fields
are named by message keys (``res_section_{key}``, ``res_field_{key}`` in
:mod:`webapp.i18n`); without a key, a field is named by its property's label
from the ontology. :func:`graph.describe.describe` reads what a layout asks for.

To show a new kind of thing well, add a layout (and its words to the
catalogue); whatever no layout claims still appears in the generic sections.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.namespaces import PREFIXES

RDF_TYPE = PREFIXES["rdf"] + "type"
XSD = PREFIXES["xsd"]


def expand(token: str) -> str:
    """``sv:party`` -> the full IRI; ``^sv:party`` -> ``^`` and the full IRI; ``=name`` stays."""
    if token.startswith("="):
        return token
    inverse = "^" if token.startswith("^") else ""
    prefix, _, local = token.lstrip("^").partition(":")
    return inverse + PREFIXES[prefix] + local


@dataclass(frozen=True)
class Field:
    """A fact a section shows: a token (``sv:party``, ``^sv:party``, ``=partners``), maybe its own wording."""

    token: str
    label_key: str | None = None


@dataclass(frozen=True)
class ColumnSpec:
    """A column of a table: the tokens its cells read on each row's resource, maybe its own wording."""

    tokens: tuple[str, ...]
    """Each cell holds the values of all these (a post, or else a description of who fills the seat)."""
    label_key: str | None = None
    flag: bool = False


@dataclass(frozen=True)
class TableSpec:
    """Resources shown one row each: the seats of a body, the speakers of a decision."""

    rows: tuple[str, ...]
    """Tokens leading from the page's resource to the rows' resources."""
    columns: tuple[ColumnSpec, ...]
    style: str = "table"
    sort: tuple[int, ...] = ()
    """Columns to sort the rows by; the row's label otherwise."""
    group: str | None = None
    """A token on the rows' resources whose (first) value groups them: a seat's body."""


@dataclass(frozen=True)
class SectionSpec:
    """A section of a page: its key (``res_section_{key}``), its facts, maybe a table."""

    key: str
    fields: tuple[Field, ...] = ()
    table: TableSpec | None = None


@dataclass(frozen=True)
class Layout:
    """How to show a kind of resource: which classes it is for, its sections, what it hides."""

    key: str
    classes: tuple[str, ...]
    sections: tuple[SectionSpec, ...]
    derived: tuple[str, ...] = ()
    """Names of :data:`DERIVED` facts the sections use."""
    hidden: tuple[str, ...] = ()
    """Tokens shown in another form (a currency, as the unit of the amounts)."""


def fields(*tokens: str | tuple[str, str]) -> tuple[Field, ...]:
    """Fields from tokens, or (token, label key) pairs."""
    return tuple(Field(*t) if isinstance(t, tuple) else Field(t) for t in tokens)


def columns(*specs: str | tuple[str, ...] | ColumnSpec) -> tuple[ColumnSpec, ...]:
    """Columns from tokens, tuples of tokens, or ready column specs."""
    made = []
    for spec in specs:
        if isinstance(spec, ColumnSpec):
            made.append(spec)
        else:
            made.append(ColumnSpec((spec,) if isinstance(spec, str) else spec))
    return tuple(made)


DERIVED: dict[str, str] = {
    # name -> a pattern binding ?value (and ?via) from ?this; ?g is the graph of the fact's defining triple.
    "partners": "?via sv:party ?this . GRAPH ?g { ?via sv:party ?value } FILTER(?value != ?this)",
    "bodies": "?this sv:establishes ?via . GRAPH ?g { ?value org:unitOf ?via }",
    "seats": "?this sv:establishes ?c . ?via org:unitOf ?c . GRAPH ?g { ?value sv:seatIn ?via }",
}
"""Facts two steps away, read in one query per page."""

CHAIR = ColumnSpec(("^sv:chairedBy",), "chair", flag=True)
FILLED_BY = ColumnSpec(("sv:filledByPost", "sv:fillerDescription"), "filled_by")
SEAT_COLUMNS = columns(
    "sv:forParty", FILLED_BY, "sv:appointedBy", "sv:substituteAppointedBy", "sv:seatRole", CHAIR
)

# fmt: off
LAYOUTS: tuple[Layout, ...] = (
    Layout("document", ("sv:SourceDocument",), (
        SectionSpec("document", fields("dcterms:title", "dcterms:type", "dcterms:creator", "dcterms:date",
                                       "sv:paragraph", "sv:diaryNumber", "sv:seedFile", "dcterms:language")),
        SectionSpec("mentions", fields("dcterms:references")),
    )),
    Layout("seat", ("sv:Seat", "sv:Mandate"), (
        SectionSpec("mandate", fields(
            "sv:seatIn", "sv:forParty", "sv:filledByPost", "sv:fillerDescription", "sv:appointedBy",
            "sv:substituteAppointedBy", "sv:seatRole", ("^sv:chairedBy", "chair_of"),
            ("^sv:finalResolver", "resolver_in"))),
    )),
    Layout("signature", ("sv:Signature",), (
        SectionSpec("signature", fields(("^sv:hasSignature", "signature_of"), "sv:signatory", "sv:signedAs",
                                        "sv:signedFor")),
    )),
    Layout("intervention", ("sv:Intervention",), (
        SectionSpec("intervention", fields(("^sv:hasIntervention", "intervention_in"), "sv:speaker",
                                           "sv:speakerParty", "sv:motion")),
    )),
    Layout("proposal", ("sv:Proposal",), (
        SectionSpec("proposal", fields(("^sv:hasProposal", "proposal_in"), "sv:itemNumber", "sv:proposedBy",
                                       "sv:proposedTo", "sv:proposalText", "sv:condition", "sv:mandatesPost",
                                       "sv:concerns")),
    )),
    Layout("dispute", ("sv:DisputeResolution",), (
        SectionSpec("dispute", fields(("^sv:disputeResolution", "dispute_of"), "sv:referredTo",
                                      "sv:finalResolver")),
    )),
    Layout("budget_line", ("sv:BudgetLine",), (
        SectionSpec("budget_line", fields(("^sv:hasBudgetLine", "in_budget"), "sv:amount", "sv:paidBy",
                                          "sv:paidTo")),
    ), hidden=("sv:currency",)),
    Layout("goal", ("sv:Goal",), (
        SectionSpec("goal", fields(("^sv:hasGoal", "goal_of"), "sv:area", "sv:targetYear", "sv:priorityYear",
                                   "sv:hasGoal")),
    )),
    Layout("plan", ("sv:Plan",), (
        SectionSpec("plan", fields("sv:planOf", "sv:adoptedBy", "sv:adoptionDecision", "dcterms:dateAccepted",
                                   "sv:planYear", "sv:withinCollaboration", ("^sv:approves", "approved_by"))),
        SectionSpec("goals", fields("sv:hasGoal")),
        SectionSpec("budget", fields("sv:totalIncome", "sv:totalCost"), TableSpec(
            ("sv:hasBudgetLine",), columns("rdf:type", "sv:amount", "sv:paidBy", "sv:paidTo"))),
    ), hidden=("sv:currency",)),
    Layout("decision", ("sv:Decision",), (
        SectionSpec("decision", fields("sv:decidedBy", "sv:atMeeting", "dcterms:date", "sv:paragraph",
                                       "sv:diaryNumber", "sv:onProposalOf")),
        SectionSpec("text", fields("sv:decisionText", "dcterms:title", "rdfs:comment")),
        SectionSpec("subject", fields("sv:approves", "sv:concerns", "sv:proposesTo", "sv:basedOn",
                                      ("^sv:adoptionDecision", "adopts"))),
        SectionSpec("proposals", table=TableSpec(("sv:hasProposal",), columns(
            "sv:itemNumber", "sv:proposedBy", "sv:proposedTo", "sv:proposalText", "sv:condition",
            "sv:mandatesPost", "sv:concerns"), style="records", sort=(0,))),
        SectionSpec("speakers", table=TableSpec(("sv:hasIntervention",), columns(
            "sv:speaker", "sv:speakerParty", "sv:motion"))),
        SectionSpec("recipients", fields("sv:sentTo")),
    )),
    Layout("meeting", ("sv:Meeting",), (
        SectionSpec("meeting", fields("sv:meetingOf", "dcterms:date", "sv:endDate", "sv:hostedBy",
                                      ("^sv:atMeeting", "decisions_at"))),
    )),
    Layout("agreement", ("sv:Agreement",), (
        SectionSpec("parties", fields("sv:party")),
        SectionSpec("purpose", fields("sv:purpose")),
        SectionSpec("areas", fields("sv:area", "sv:form", "dcterms:subject")),
        SectionSpec("organisation", fields(
            "sv:establishes", ("=bodies", "bodies"), "sv:buildsOn", "sv:coordinatorPost",
            "sv:activityLeadPost"),
            TableSpec(("=seats",), SEAT_COLUMNS, sort=(0,), group="sv:seatIn")),
        SectionSpec("validity", fields(
            "sv:validFrom", "sv:validUntil", "sv:validFromCondition", "sv:openEnded", "sv:terminationTerms",
            "sv:terminationInWriting", "sv:amendmentTerms", "sv:amendmentInWriting",
            "sv:separateAgreementTerms", "sv:numberOfCopies")),
        SectionSpec("disputes", table=TableSpec(("sv:disputeResolution",), columns(
            "sv:referredTo", "sv:finalResolver", "rdfs:comment"), style="records")),
        SectionSpec("signatures", table=TableSpec(("sv:hasSignature",), columns(
            "sv:signatory", "sv:signedAs", "sv:signedFor"))),
        SectionSpec("decisions_about", fields(
            ("^sv:approves", "approved_by"), ("^sv:concerns", "dealt_with_in"),
            ("^dcterms:hasPart", "annexed_to"))),
    ), derived=("bodies", "seats")),
    Layout("body", ("sv:GovernanceBody", "sv:MunicipalBody", "org:OrganizationalUnit"), (
        SectionSpec("membership", fields(
            "org:unitOf", "sv:groupWithin", "org:subOrganizationOf", "sv:appointedByBody", "sv:preparesFor",
            ("^sv:preparesFor", "prepared_by"), "sv:supports", ("^sv:supports", "supported_by"),
            "sv:hostedBy", "sv:fundedBy", "org:hasMember")),
        SectionSpec("about", fields("sv:purpose", "rdfs:comment", "sv:decisionRule")),
        SectionSpec("meeting_practice", fields(
            "sv:meetingsPerYear", "sv:minMeetingsPerYear", "sv:usualMeetingDay", "sv:usualStartTime",
            "sv:usualEndTime")),
        SectionSpec("seats", table=TableSpec(("^sv:seatIn",), SEAT_COLUMNS, sort=(0, 1))),
        SectionSpec("meetings", table=TableSpec(("^sv:meetingOf",), columns(
            "dcterms:date", "sv:endDate", "sv:hostedBy"), sort=(0,))),
        SectionSpec("decisions", table=TableSpec(("^sv:decidedBy",), columns(
            "dcterms:date", "sv:paragraph", "sv:diaryNumber"), sort=(0,))),
    ), hidden=("sv:chairedBy",)),
    Layout("collaboration", ("org:OrganizationalCollaboration",), (
        SectionSpec("members", fields("org:hasMember", "sv:approximatePopulation")),
        SectionSpec("purpose", fields("sv:purpose", "rdfs:comment")),
        SectionSpec("areas", fields("sv:area", "sv:form")),
        SectionSpec("organisation", fields(
            ("^sv:establishes", "established_by"), ("^org:unitOf", "units"), ("^sv:buildsOn", "built_on_by"),
            ("^sv:planOf", "plans"), ("^sv:withinCollaboration", "projects"))),
    )),
    Layout("organization", ("org:Organization", "foaf:Group"), (
        SectionSpec("partners", fields(("=partners", "partners"), ("^sv:party", "party_to"))),
        SectionSpec("collaborations", fields(
            ("^org:hasMember", "member_of"), "org:memberOf", ("^org:unitOf", "units"),
            ("^sv:groupWithin", "groups"), "sv:groupWithin")),
        SectionSpec("seats", table=TableSpec(("^sv:forParty",), columns(
            FILLED_BY, "sv:seatRole", CHAIR), group="sv:seatIn")),
        SectionSpec("posts", fields(("^org:postIn", "posts"), ("^sv:planOf", "plans"))),
    ), derived=("partners",)),
    Layout("person", ("foaf:Person",), (
        SectionSpec("roles", fields("org:holds", "org:memberOf")),
        SectionSpec("interventions", table=TableSpec(("^sv:speaker",), columns(
            ColumnSpec(("^sv:hasIntervention",), "decision"), "sv:speakerParty", "sv:motion"))),
        SectionSpec("signatures", table=TableSpec(("^sv:signatory",), columns(
            ColumnSpec(("^sv:hasSignature",), "agreement"), "sv:signedAs", "sv:signedFor"))),
    )),
    Layout("post", ("org:Post",), (
        SectionSpec("post", fields("org:postIn", ("^org:holds", "holders"), ("^sv:signedAs", "signed_as"),
                                   ("^sv:mandatesPost", "mandated_by"),
                                   ("^sv:coordinatorPost", "coordinates"),
                                   ("^sv:activityLeadPost", "leads"))),
        SectionSpec("seats", table=TableSpec(("^sv:filledByPost",), columns(
            "sv:forParty", "sv:seatRole", CHAIR), group="sv:seatIn")),
        SectionSpec("appoints", table=TableSpec(("^sv:appointedBy", "^sv:substituteAppointedBy"), columns(
            "sv:forParty", "sv:fillerDescription", "sv:appointedBy", "sv:substituteAppointedBy"),
            group="sv:seatIn")),
    )),
    Layout("project", ("sv:Project",), (
        SectionSpec("project", fields("sv:withinCollaboration", "sv:hasGoal", ("^sv:meetingOf", "meetings"))),
    )),
    Layout("concept", ("skos:Concept",), (
        SectionSpec("concept", fields("skos:definition", "skos:inScheme", "skos:topConceptOf", "skos:broader",
                                      "skos:narrower", "sv:governingDocument")),
    )),
    Layout("scheme", ("skos:ConceptScheme",), (
        SectionSpec("scheme", fields("skos:definition", "skos:hasTopConcept",
                                     ("^skos:inScheme", "concepts"))),
    )),
    Layout("document", ("foaf:Document",), (
        SectionSpec("document", fields("dcterms:title", "dcterms:type", "dcterms:creator", "dcterms:date",
                                       "dcterms:hasPart", ("^sv:basedOn", "basis_for"))),
    )),
)
# fmt: on
"""Layouts, in the order they are tried: the first whose classes the resource has (through
``rdfs:subClassOf*``) wins, so a seat (a kind of post) is a seat and a budget a plan."""

GENERIC = Layout("generic", (), ())

GENERIC_SECTIONS = ("identity", "descriptions", "relations", "dates", "other")
IDENTITY = tuple(
    expand(t)
    for t in (
        "skos:prefLabel", "rdfs:label", "foaf:name", "dcterms:title", "skos:altLabel",
        "dcterms:identifier", "skos:notation",
    )
)  # fmt: skip
DESCRIPTIONS = tuple(
    expand(t) for t in ("dcterms:description", "rdfs:comment", "skos:definition", "skos:note")
)
NOT_FACTS = (RDF_TYPE, expand("prov:wasDerivedFrom"))
"""Shown in another form: the kind in the page's heading, the source documents in its list of sources."""
TEMPORAL = {XSD + t for t in ("date", "dateTime", "gYear", "gYearMonth", "time")}
MONEY = {expand(t) for t in ("sv:amount", "sv:totalIncome", "sv:totalCost")}
CURRENCY = expand("sv:currency")
