"""Draft an agreement as the curated data models one.

The document becomes an ``sv:SourceDocument``; the agreement an
``sv:Agreement`` with its parties (and their organization numbers), areas
and forms (concepts of data/concepts.ttl), term, termination and amendment
terms, copies, dispute resolution and signatures. The collaboration it
establishes and its governance bodies are drafted by :mod:`.body_draft`.
IRIs follow the curated files (``agr:huddinge-karolinska-institutet-…``).
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, XSD

from graph.ingest.body_draft import BodyDrafter
from graph.ingest.catalogue import Catalogue, Match
from graph.ingest.drafting import Draft, compact, iri
from graph.ingest.facts import Agreement, Party
from graph.ingest.resolve import ORGANIZATION_CLASSES, ORGANIZATIONS, UNITS, Resolver
from graph.ingest.swedish import normalise, slug
from graph.namespaces import SV

AVTAL = iri("document-type", "avtal")
AREAS = iri("scheme", "samverkansomraden")
FORMS = iri("scheme", "samverkansformer")
CONFLICT = (
    "namnet och organisationsnumret pekar på olika organisationer / "
    "the name and the number point at different organizations"
)


def known_parties(agreement: Agreement, catalogue: Catalogue) -> list[URIRef | None]:
    """The parties the graph knows: by organization number first, else by name."""
    found: list[URIRef | None] = []
    for party in agreement.parties:
        by_number = catalogue.by_number(party.number.value) if party.number and party.number_valid else None
        found.append(by_number or catalogue.find(party.name.value, ORGANIZATIONS, exclude=UNITS).iri)
    return found


def document_slug(agreement: Agreement, catalogue: Catalogue, fallback: str) -> str:
    """The agreement's slug if the graph knows its title, else its parties and subject: ``tyreso-kth-samverkan``."""
    title = agreement.title.value if agreement.title else fallback
    match = catalogue.find(title, [SV.Agreement])
    if match.iri is not None:
        return Resolver.slug_of(match.iri)
    subject = title.split(" mellan ")[0]
    subject = subject[len("avtal om ") :] if subject.casefold().startswith("avtal om ") else subject
    parties = zip(known_parties(agreement, catalogue), agreement.parties, strict=True)
    shorts = [Resolver.municipality_slug(catalogue, p) if p is not None else slug(a.name.value) for p, a in parties]
    return "-".join([*shorts, slug(subject)])


def draft_agreement(agreement: Agreement, draft: Draft, seed_file: str) -> None:
    """Fill ``draft`` with what ``agreement`` says."""
    AgreementDrafter(agreement, draft).run(seed_file)


class AgreementDrafter:
    """Drafts one agreement; parties first, as everything else refers to them."""

    def __init__(self, agreement: Agreement, draft: Draft) -> None:
        self.agreement = agreement
        self.draft = draft
        self.resolver = Resolver(draft)
        self.resource = iri("agreement", draft.slug)
        self.parties: list[URIRef | None] = []

    def run(self, seed_file: str) -> None:
        self.draft.doubts += self.agreement.doubts
        self.parties = [self._party(p) for p in self.agreement.parties]
        known = [p for p in self.parties if p is not None]
        self._document(seed_file, known)
        self._agreement(known)
        self._term()
        bodies = BodyDrafter(self.agreement, self.draft, self.resolver, self.resource, self.parties)
        bodies.run()
        self._dispute(bodies)
        self._signatures()

    # --- Parties ---------------------------------------------------------------------

    def _party(self, party: Party) -> URIRef | None:
        """Matched by organization number, else by name; a conflict between the two matches neither."""
        d, catalogue = self.draft, self.draft.catalogue
        key = ("party", normalise(party.name.value))
        d.found("Part", "Party", party.name.value, party.name.span)
        by_number = catalogue.by_number(party.number.value) if party.number and party.number_valid else None
        by_name = catalogue.find(party.name.value, ORGANIZATIONS, exclude=UNITS)
        resource: URIRef | None
        if by_number is not None and by_name.iri not in (None, by_number):
            assert by_name.iri is not None
            d.unresolved(key, party.name.value, party.name.span, Match(None, "", (by_name.iri, by_number)), CONFLICT)
            return None
        if by_number is not None:
            resource = d.matched(key, party.name.value, party.name.span, Match(by_number, "sv:organizationNumber")).iri
        elif by_name.iri is not None:
            resource = d.matched(key, party.name.value, party.name.span, by_name).iri
        elif by_name.ambiguous:
            d.unresolved(key, party.name.value, party.name.span, by_name, "")
            return None
        else:
            resource = self._new_party(key, party)
        if resource is not None:
            self._number(resource, party)
        return resource

    def _new_party(self, key: tuple[str, str], party: Party) -> URIRef | None:
        name = party.name.value
        cls = next((c for pattern, c in ORGANIZATION_CLASSES if pattern.search(name)), ORG.FormalOrganization)
        if cls == SV.Municipality:
            return self.resolver.municipality(party.name)
        resource = iri("org", slug(name))
        self.draft.create(resource, cls, name, name, party.name.span)
        if party.abbreviation is not None:
            self.draft.text(resource, SV.abbreviation, party.abbreviation.value, party.abbreviation.span, lang=None)
        self.draft.new(key, name, party.name.span, resource)
        return resource

    def _number(self, resource: URIRef, party: Party) -> None:
        """The organization number, unless its check digit is wrong or the graph has another one."""
        d, number = self.draft, party.number
        if number is None:
            return
        name = party.name.value
        d.found(f"Organisationsnummer ({name})", f"Organization number ({name})", number.value, number.span)
        if not party.number_valid:
            return  # the parser's doubt says why it is left out
        known = d.catalogue.number_of(resource)
        if known is not None and known != number.value:
            d.doubt(
                f"{name} har organisationsnummer {known} i grafen men {number.value} i avtalet; det togs inte med.",
                f"{name} has organization number {known} in the graph but {number.value} in the agreement; "
                "it was left out.",
                number.span,
            )
            return
        d.text(resource, SV.organizationNumber, number.value, number.span, lang=None)

    # --- Document and agreement --------------------------------------------------------

    def _document(self, seed_file: str, parties: list[URIRef]) -> None:
        a, d = self.agreement, self.draft
        title = a.title.value if a.title else "?"
        d.create(d.document, SV.SourceDocument, f"{title} (avtalstext)", f"Agreement text: {title}", None)
        d.add(d.document, DCTERMS.type, AVTAL)
        if a.title is not None:
            d.text(d.document, DCTERMS.title, a.title.value, a.title.span)
        for party in parties:
            d.add(d.document, DCTERMS.creator, party)
            d.add(d.document, DCTERMS.references, party)
        d.text(d.document, SV.seedFile, seed_file, None, lang=None)
        d.text(d.document, DCTERMS.language, "sv", None, lang=None)

    def _agreement(self, parties: list[URIRef]) -> None:
        a, d, r, res = self.agreement, self.draft, self.resolver, self.resource
        title = a.title.value if a.title else "?"
        span = a.title.span if a.title else None
        names_en = " and ".join(r.label(p, "en") for p in parties)
        d.create(res, SV.Agreement, title, f"Agreement between {names_en}", span)
        if d.catalogue.exists(res):
            d.matched(("agreement", str(res)), title, span, Match(res, "dcterms:title"))
        else:
            d.new(("agreement", str(res)), title, span, res)
        if a.title is not None:
            d.stated(res, DCTERMS.title, Literal(a.title.value, lang="sv"), a.title, ("Titel", "Title"))
        for party, found in zip(self.parties, a.parties, strict=True):
            if party is not None:
                d.add(res, SV.party, party, found.name.span)
        if a.purpose is not None:
            d.stated(res, SV.purpose, Literal(a.purpose.value, lang="sv"), a.purpose, ("Syfte", "Purpose"))
        for found in a.areas:
            self._concept(found.value, found.span, AREAS, SV.area, ("Samverkansområde", "Collaboration area"))
        for found in a.forms:
            self._concept(found.value, found.span, FORMS, SV.form, ("Samverkansform", "Form of collaboration"))

    def _concept(self, label: str, span: object, scheme: URIRef, prop: URIRef, field: tuple[str, str]) -> None:
        """An area or form of the project's schemes; one not there is left out (a concept needs a definition)."""
        d = self.draft
        d.found(*field, label, span)  # type: ignore[arg-type]
        key = (str(scheme), normalise(label))
        match = d.catalogue.find_concept(label, scheme)
        if match.iri is not None:
            d.matched(key, label, span, match)  # type: ignore[arg-type]
            d.add(self.resource, prop, match.iri, span)  # type: ignore[arg-type]
            return
        why = (
            f"inte i {compact(scheme)}; lägg till begreppet med en definition i data/concepts.ttl om det ska med / "
            f"not in {compact(scheme)}; add the concept with a definition to data/concepts.ttl if it belongs"
        )
        d.unresolved(key, label, span, match, why)  # type: ignore[arg-type]

    def _term(self) -> None:
        a, d, res = self.agreement, self.draft, self.resource
        if a.valid_from is not None:
            day = Literal(a.valid_from.value.isoformat(), datatype=XSD.date)
            d.stated(res, SV.validFrom, day, a.valid_from, ("Gäller från", "Valid from"))
        if a.valid_until is not None:
            day = Literal(a.valid_until.value.isoformat(), datatype=XSD.date)
            d.stated(res, SV.validUntil, day, a.valid_until, ("Gäller till", "Valid until"))
        if (condition := a.valid_from_condition) is not None:
            field = ("Gäller från (villkor)", "Valid from (condition)")
            d.stated(res, SV.validFromCondition, Literal(condition.value, lang="sv"), condition, field)
        if a.open_ended is not None:
            field = ("Tills vidare", "Until further notice")
            d.stated(res, SV.openEnded, Literal(True), a.open_ended, field, "ja / yes")
        if a.termination is not None:
            d.stated(res, SV.terminationTerms, Literal(a.termination.value, lang="sv"), a.termination,
                     ("Uppsägning", "Termination"))  # fmt: skip
            d.add(res, SV.terminationInWriting, Literal(a.termination_in_writing), a.termination.span)
        if a.amendment is not None:
            field = ("Ändringar", "Amendments")
            d.stated(res, SV.amendmentTerms, Literal(a.amendment.value, lang="sv"), a.amendment, field)
            d.add(res, SV.amendmentInWriting, Literal(a.amendment_in_writing), a.amendment.span)
        if a.copies is not None:
            d.stated(res, SV.numberOfCopies, Literal(a.copies.value), a.copies, ("Exemplar", "Copies"))

    # --- Disputes and signatures ----------------------------------------------------------

    def _dispute(self, bodies: BodyDrafter) -> None:
        a, d = self.agreement, self.draft
        referred = a.dispute_referred_to
        if referred is None:
            return
        body = bodies.named(referred.value)
        if body is None:
            d.doubt(
                f"Tvister hänförs till \"{referred.value}\", som inte är ett av avtalets organ; det togs inte med.",
                f"Disputes go to \"{referred.value}\", which is none of the agreement's bodies; it was left out.",
                referred.span,
            )
            return
        resource = iri("dispute-resolution", d.slug)
        title = a.title.value if a.title else "?"
        labels = (f"Tvistlösning i {title}", f"Dispute resolution under: {title}")
        d.create(resource, SV.DisputeResolution, *labels, referred.span)
        d.stated(resource, SV.referredTo, body, referred, ("Tvister hänförs till", "Disputes referred to"))
        d.add(self.resource, SV.disputeResolution, resource, referred.span)
        d.new(("dispute", str(resource)), f"Tvistlösning: {referred.value}", referred.span, resource)

    def _signatures(self) -> None:
        d, r = self.draft, self.resolver
        for signature in self.agreement.signatures:
            party = self.parties[signature.party]
            if party is None:
                continue
            name = signature.person.value
            person, is_new = r.person(signature.person)
            resource = iri("signature", f"{d.slug}-{r.slug_of(party)}")
            d.create(resource, SV.Signature, f"{name} undertecknar för {r.label(party)}",
                     f"{name} signs for {r.label(party, 'en')}", signature.person.span)  # fmt: skip
            d.add(resource, SV.signatory, person, signature.person.span)
            d.add(resource, SV.signedFor, party, signature.person.span)
            title = signature.title
            post = r.post(title.value, title.span, party) if title is not None else None
            if title is not None and post is not None:
                d.add(resource, SV.signedAs, post, title.span)
                if is_new:
                    d.add(person, ORG.holds, post, title.span)
            d.add(self.resource, SV.hasSignature, resource, signature.person.span)
            d.new(("signature", str(resource)), name, signature.person.span, resource)
            shown = f"{name}, {title.value}" if title is not None else name
            d.found("Undertecknare", "Signatory", f"{shown} ({r.label(party)})", signature.person.span)
