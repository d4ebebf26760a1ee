"""Draft the collaboration an agreement establishes and the bodies that govern it, seat by seat.

A seat is a resource of its own, as in the curated data: the body it is in,
the party it is for, the post that fills it or appoints it (or appoints a
substitute), a description when the text gives one, and its role (member,
or note-taker). Whose seat it is comes from the text when the text says; a
seat it does not say goes, in order: one per party when the same phrase
stands once for each; to the one party the graph already knows the post
for; by the title (a "rektor" is the university's, a "kommundirektör" the
municipality's). A seat none of these settles is left out and reported.
"""

from __future__ import annotations

from collections import Counter

from rdflib import Literal, URIRef
from rdflib.namespace import ORG

from graph.ingest.catalogue import Match
from graph.ingest.drafting import Draft, iri
from graph.ingest.facts import Agreement, BodyFound, SeatFound
from graph.ingest.resolve import Resolver
from graph.ingest.swedish import normalise, slug
from graph.namespaces import SV

MEMBER = iri("role", "ledamot")
NOTE_TAKER = iri("role", "minnesanteckningar")
HOW = {
    "column": "tabellens kolumn / table column",
    "stated": "står i texten / stated",
    "heading": "underrubrik / sub-heading",
}
"""How the parser knew whose seat it is, as the report says it."""
MAX_SLUG = 60


class BodyDrafter:
    """The collaboration and governance bodies of one agreement."""

    def __init__(
        self, agreement: Agreement, draft: Draft, resolver: Resolver, resource: URIRef, parties: list[URIRef | None]
    ) -> None:
        self.agreement = agreement
        self.draft = draft
        self.resolver = resolver
        self.resource = resource
        self.parties = parties
        self.bodies: dict[str, URIRef] = {}

    def run(self) -> None:
        collaboration = self._collaboration([p for p in self.parties if p is not None])
        for body in self.agreement.bodies:
            self._body(body, collaboration)

    def named(self, written: str) -> URIRef | None:
        """A body of this agreement by its definite form in running text: "styrgruppen" -> "Styrgrupp"."""
        key = normalise(written)
        return next((iri for name, iri in self.bodies.items() if key in (name, name + "en", name + "n")), None)

    def _collaboration(self, parties: list[URIRef]) -> URIRef | None:
        """The collaboration of exactly these parties, matched or proposed, which the agreement establishes."""
        d, r = self.draft, self.resolver
        if len(parties) < 2:
            return None
        key = ("collaboration", " ".join(sorted(map(str, parties))))
        names_sv = " och ".join(r.label(p) for p in parties)
        existing = d.catalogue.collaborations_of(set(parties))
        title_span = self.agreement.title.span if self.agreement.title else None
        if len(existing) == 1:
            collaboration = existing[0]
            d.matched(key, names_sv, None, Match(collaboration, "org:hasMember"))
        else:
            collaboration = iri("collaboration", "-".join(r.short_slug(p) for p in parties) + "-samverkan")
            names_en = " and ".join(r.label(p, "en") for p in parties)
            d.create(collaboration, self._collaboration_class(parties), f"Samverkan mellan {names_sv}",
                     f"Collaboration of {names_en}", title_span)  # fmt: skip
            for party, found in zip(self.parties, self.agreement.parties, strict=True):
                if party is not None:
                    d.add(collaboration, ORG.hasMember, party, found.name.span)
            d.new(key, f"Samverkan mellan {names_sv}", None, collaboration)
        d.add(self.resource, SV.establishes, collaboration, title_span)
        return collaboration

    def _collaboration_class(self, parties: list[URIRef]) -> URIRef:
        municipalities = [p for p in parties if self.resolver.is_a(p, SV.Municipality)]
        universities = [p for p in parties if self.resolver.is_a(p, SV.HigherEducationInstitution)]
        if len(municipalities) == len(parties):
            return SV.MunicipalCollaboration
        if universities and municipalities:
            return SV.AcademicPartnership
        return ORG.OrganizationalCollaboration

    def _body(self, body: BodyFound, collaboration: URIRef | None) -> None:
        d, r = self.draft, self.resolver
        name = body.name.value
        stem = r.slug_of(collaboration).removesuffix("-samverkan") if collaboration is not None else d.slug
        resource = iri("body", f"{stem}-{slug(name)}")
        self.bodies[normalise(name)] = resource
        parties_sv = " – ".join(r.label(p) for p in self.parties if p is not None)
        parties_en = " – ".join(r.label(p, "en") for p in self.parties if p is not None)
        d.create(resource, SV[body.kind], f"{name} ({parties_sv})", f"{name} ({parties_en})", body.name.span)
        if d.catalogue.exists(resource) and d.catalogue.is_a(resource, SV[body.kind]):
            d.matched(("body", str(resource)), name, body.name.span, Match(resource, "IRI + rdf:type"))
        else:
            d.new(("body", str(resource)), name, body.name.span, resource)
        d.found("Organ", "Body", name, body.name.span)
        if collaboration is not None:
            d.add(resource, ORG.unitOf, collaboration)
        else:
            d.doubt(
                f"{name}: samverkan som organet hör till kunde inte bestämmas (parterna är inte kända).",
                f"{name}: the collaboration the body belongs to could not be determined (the parties are not known).",
                body.name.span,
            )
        if (meetings := body.meetings_per_year) is not None:
            prop = SV.minMeetingsPerYear if body.at_least else SV.meetingsPerYear
            field = (f"Möten per år ({name})", f"Meetings a year ({name})")
            d.stated(resource, prop, Literal(meetings.value), meetings, field)
        if (rule := body.decision_rule) is not None:
            field = (f"Beslutsregel ({name})", f"Decision rule ({name})")
            d.stated(resource, SV.decisionRule, Literal(rule.value, lang="sv"), rule, field)
        if body.appointed_by_body is not None and (appointer := self.named(body.appointed_by_body.value)) is not None:
            d.add(resource, SV.appointedByBody, appointer, body.appointed_by_body.span)
        self._seats(body, resource)

    # --- Seats ------------------------------------------------------------------------------

    def _seats(self, body: BodyFound, resource: URIRef) -> None:
        d, r = self.draft, self.resolver
        parties = [p for p in self.parties if p is not None]
        unsettled = Counter(normalise(s.phrase.value) for s in body.seats if s.party is None)
        handed_out: Counter[str] = Counter()
        planned: list[tuple[SeatFound, URIRef, str, str]] = []
        for seat in body.seats:
            party, how = self._party_of(seat, parties, unsettled, handed_out)
            if party is None:
                phrase = seat.phrase.value
                d.doubt(
                    f"{body.name.value}: det framgår inte vems platsen \"{phrase}\" är; den togs inte med.",
                    f"{body.name.value}: it is not clear for which party the seat \"{phrase}\" is; it was left out.",
                    seat.phrase.span,
                )
                continue
            planned.append((seat, party, how, _seat_slug(seat)))
        shared = Counter(base for *_, base in planned)
        chairs = []
        for seat, party, how, base in planned:
            suffix = f"-{r.party_short(party)}" if shared[base] > 1 else ""
            seat_iri = iri("seat", f"{r.slug_of(resource)}-{base}{suffix}")
            self._seat(seat, seat_iri, resource, body, party, how)
            if seat.chair:
                chairs.append((seat_iri, seat))
        if len(chairs) == 1:
            d.add(resource, SV.chairedBy, chairs[0][0], chairs[0][1].phrase.span)

    def _party_of(
        self, seat: SeatFound, parties: list[URIRef], unsettled: Counter[str], handed_out: Counter[str]
    ) -> tuple[URIRef | None, str]:
        """Whose seat it is, and how that was decided (for the report)."""
        r = self.resolver
        if seat.party is not None:
            return self.parties[seat.party], HOW.get(seat.party_how, seat.party_how)
        phrase = normalise(seat.phrase.value)
        if unsettled[phrase] == len(parties) > 1:  # "Samverkanskoordinator" once in each column
            index = handed_out[phrase]
            handed_out[phrase] += 1
            return parties[index], "en per part, i partsordning / one per party, in the parties' order"
        titles = [*seat.posts, *seat.appointed_by]
        if seat.substitute_appointed_by:
            titles.append(seat.substitute_appointed_by)
        for title in titles:
            owners = r.post_belongs_to(title, parties)
            if len(owners) == 1:
                return owners[0], f"grafen känner posten {title} / the graph knows the post {title}"
        for title in titles:
            if (owner := r.party_by_title(title, parties)) is not None:
                return owner, f"titeln {title} / the title {title}"
        return None, ""

    def _seat(
        self, seat: SeatFound, resource: URIRef, body_iri: URIRef, body: BodyFound, party: URIRef, how: str
    ) -> None:
        d, r = self.draft, self.resolver
        phrase, span = seat.phrase.value, seat.phrase.span
        d.create(resource, SV.Seat, f"{body.name.value}: {phrase} ({r.label(party)})",
                 f"{body.name.value}: {phrase} ({r.label(party, 'en')})", span)  # fmt: skip
        d.add(resource, SV.seatIn, body_iri, span)
        d.add(resource, SV.forParty, party, span)
        links = [(SV.filledByPost, t) for t in seat.posts] + [(SV.appointedBy, t) for t in seat.appointed_by]
        if seat.substitute_appointed_by:
            links.append((SV.substituteAppointedBy, seat.substitute_appointed_by))
        for prop, title in links:
            if (post := r.post(title, span, party)) is not None:
                d.add(resource, prop, post, span)
        if not seat.posts or seat.appointed_by or len(phrase.split()) > 1:
            d.text(resource, SV.fillerDescription, phrase, span)
        d.add(resource, SV.seatRole, NOTE_TAKER if seat.note_taker else MEMBER, span)
        d.new(("seat", str(resource)), phrase, span, resource, how)
        d.found(f"Plats i {body.name.value}", f"Seat in {body.name.value}", f"{phrase} ({r.label(party)})", span)


def _seat_slug(seat: SeatFound) -> str:
    """``kommundirektor``, ``representant-utsedd-av-rektor``, or the phrase: the end of a seat's IRI."""
    if seat.posts:
        return slug(seat.posts[0])[:MAX_SLUG]
    if seat.appointed_by:
        return slug(f"representant-utsedd-av-{seat.appointed_by[0]}")[:MAX_SLUG]
    return slug(seat.phrase.value)[:MAX_SLUG]
