"""Draft a minute extract as the curated data models one.

The document becomes an ``sv:SourceDocument``; its paragraph a
``sv:MinutedDecision`` of the deciding body at an ``sv:Meeting``, with the
decision text, the proposals it carries (``sv:Proposal`` from one body to
another; numbered points as ``sv:itemNumber``), the members who spoke
(``sv:Intervention`` with speaker and party), the recipients (``sv:sentTo``),
the agreement it approves or concerns and the officials' report it is based
on. IRIs follow the curated files: ``doc:huddinge-kf-2021-10-04-p13``, and
the same slug for the decision.
"""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, XSD

from graph.ingest.catalogue import Catalogue, Match
from graph.ingest.drafting import Draft, iri
from graph.ingest.facts import AgreementMention, Found, Minute, ProposalFound, ReportMention
from graph.ingest.resolve import Resolver
from graph.ingest.swedish import body_abbreviation, english_date, normalise, slug
from graph.ingest.text import Span
from graph.namespaces import SV

PROTOKOLLSUTDRAG = iri("document-type", "protokollsutdrag")
TJANSTEUTLATANDE = iri("document-type", "tjansteutlatande")
APPROVAL = "godkänn"
"""A decision text approving what it names says "godkänns" or "godkänner"."""


def municipality_of(minute: Minute, catalogue: Catalogue) -> tuple[Found[str] | None, bool]:
    """The municipality whose body met, and whether it was inferred from the text rather than read in the header."""
    if minute.municipality is not None:
        return minute.municipality, False
    known: dict[URIRef, Found[str]] = {}
    for mention in minute.municipality_mentions:
        match = catalogue.find(mention.value, [SV.Municipality])
        if match.iri is not None:
            known.setdefault(match.iri, mention)
    if len(known) == 1:
        return next(iter(known.values())), True
    return None, False


def document_slug(minute: Minute, catalogue: Catalogue, fallback: str) -> str:
    """``huddinge-kf-2021-10-04-p13``: municipality, body, date and paragraph, as the curated files name it."""
    if minute.body is None or minute.day is None or minute.paragraph is None:
        return slug(fallback)
    name, _ = municipality_of(minute, catalogue)
    municipality = None
    if name is not None:
        match = catalogue.find(name.value, [SV.Municipality])
        named = Resolver.municipality_slug(catalogue, match.iri) if match.iri is not None else slug(name.value)
        municipality = named.removesuffix("-kommun")
    body = body_abbreviation(minute.body.value)
    parts = [municipality, body, minute.day.value.isoformat(), f"p{minute.paragraph.value}"]
    return "-".join(part for part in parts if part)


def within(inner: Span, outer: Span) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def genitive(name: str) -> str:
    """``Kommunfullmäktige`` -> ``Kommunfullmäktiges``; a name ending in s stays."""
    return name if name.endswith("s") else name + "s"


def draft_minute(minute: Minute, draft: Draft, seed_file: str) -> None:
    """Fill ``draft`` with what ``minute`` says."""
    MinuteDrafter(minute, draft).run(seed_file)


class MinuteDrafter:
    """Drafts one minute extract; the municipality and body first, as the rest is named within them."""

    def __init__(self, minute: Minute, draft: Draft) -> None:
        self.minute = minute
        self.draft = draft
        self.resolver = Resolver(draft)
        self.decision = iri("decision", draft.slug)
        self.municipality: URIRef | None = None
        self.body: URIRef | None = None
        self.agreements: list[tuple[AgreementMention, URIRef]] = []
        m = minute
        self.when = m.day.value.isoformat() if m.day else "?"
        self.english_when = english_date(m.day.value) if m.day else "?"
        self.paragraph = f"§ {m.paragraph.value}" if m.paragraph else "§ ?"

    def run(self, seed_file: str) -> None:
        m, d = self.minute, self.draft
        d.doubts += m.doubts
        self._municipality()
        if m.body is not None:
            self.body = self.resolver.body(m.body, self.municipality)
            d.found("Beslutande organ", "Deciding body", m.body.value, m.body.span)
        self._agreements()
        self._document(seed_file)
        self._decision()
        self._meeting()
        for proposal, resource in self._numbered_proposals():
            self._proposal(resource, proposal)
        self._interventions()
        self._recipients()
        for report in m.reports:
            self._report(report)
        for resolution in d.resolutions:
            if resolution.iri is not None and self.resolver.is_a(resolution.iri, ORG.Organization, FOAF.Group):
                d.add(d.document, DCTERMS.references, resolution.iri)

    def _municipality(self) -> None:
        name, inferred = municipality_of(self.minute, self.draft.catalogue)
        if name is None:
            self.draft.doubt(
                "Kommunen står inte i huvudet, och texten nämner ingen känd kommun ensam; organen kan inte matchas.",
                "The municipality is not in the header, and the text names no single known municipality; "
                "bodies cannot be matched.",
            )
            return
        self.municipality = self.resolver.municipality(name)
        self.draft.found("Kommun", "Municipality", name.value, name.span)
        if inferred:
            self.draft.doubt(
                f"Kommunen står inte i huvudet; {name.value} antogs eftersom det är den enda kommun texten nämner.",
                f"The municipality is not in the header; {name.value} was assumed as the only one the text names.",
                name.span,
            )

    def _body_label(self, lang: str) -> str:
        if self.body is not None:
            return self.resolver.label(self.body, lang)
        return self.minute.body.value if self.minute.body else "?"

    # --- The document, the decision, the meeting ---------------------------------------------

    def _document(self, seed_file: str) -> None:
        m, d, r = self.minute, self.draft, self.resolver
        doc = d.document
        body = m.body.value if m.body else "?"
        place = f" i {r.short(self.municipality)}" if self.municipality is not None else ""
        d.create(doc, SV.SourceDocument, f"{body}{place} {self.when} {self.paragraph}",
                 f"{self._body_label('en')}, {self.english_when}, {self.paragraph}", None)  # fmt: skip
        d.add(doc, DCTERMS.type, PROTOKOLLSUTDRAG)
        if m.title is not None:
            d.text(doc, DCTERMS.title, m.title.value, m.title.span)
        if self.body is not None:
            d.add(doc, DCTERMS.creator, self.body)
        self._dated(doc, report=False)
        d.text(doc, SV.seedFile, seed_file, None, lang=None)
        d.text(doc, DCTERMS.language, "sv", None, lang=None)

    def _dated(self, resource: URIRef, report: bool) -> None:
        """Date, paragraph and diary number: the document and the decision carry the same three."""
        m, d = self.minute, self.draft
        facts = []
        if m.day is not None:
            day = Literal(self.when, datatype=XSD.date)
            facts.append((DCTERMS.date, day, m.day, ("Sammanträdesdatum", "Meeting date")))
        if m.paragraph is not None:
            facts.append((SV.paragraph, Literal(self.paragraph), m.paragraph, ("Paragraf", "Paragraph")))
        if m.diary_number is not None:
            number = m.diary_number
            facts.append((SV.diaryNumber, Literal(number.value), number, ("Diarienummer", "Diary number")))
        for prop, value, found, field in facts:
            if report:
                d.stated(resource, prop, value, found, field, str(value))
            else:
                d.add(resource, prop, value, found.span)

    def _decision(self) -> None:
        m, d, r = self.minute, self.draft, self.resolver
        dec = self.decision
        heading = m.decision_heading.value if m.decision_heading else ""
        whose = heading[: -len(" beslut")] if heading.casefold().endswith("s beslut") else genitive(self._body_sv())
        d.create(dec, SV.MinutedDecision, f"{whose} beslut {self.when} {self.paragraph}",
                 f"Decision of the {self._body_label('en')}, {self.english_when}, {self.paragraph}",
                 m.decision_heading.span if m.decision_heading else None)  # fmt: skip
        if m.title is not None:
            d.stated(dec, DCTERMS.title, Literal(m.title.value, lang="sv"), m.title, ("Rubrik", "Title"))
        if self.body is not None and m.body is not None:
            d.add(dec, SV.decidedBy, self.body, m.body.span)
        self._dated(dec, report=True)
        if m.decision_text is not None:
            text = Literal(m.decision_text.value, lang="sv")
            d.stated(dec, SV.decisionText, text, m.decision_text, ("Beslut", "Decision"))
        for point in m.points:
            field = (f"Beslutspunkt {point.number}", f"Decision point {point.number}")
            d.found(*field, point.text.value, point.text.span)
        if m.proposes_to is not None and (to := r.body(m.proposes_to, self.municipality, deciding=self.body)):
            d.stated(dec, SV.proposesTo, to, m.proposes_to, ("Föreslår till", "Proposes to"))
        if m.on_proposal_of is not None and (by := r.body(m.on_proposal_of, self.municipality, deciding=self.body)):
            d.stated(dec, SV.onProposalOf, by, m.on_proposal_of, ("På förslag av", "On the proposal of"))
        approved = [
            (mention, agreement)
            for mention, agreement in self.agreements
            if m.decision_text is not None
            and within(mention.title.span, m.decision_text.span)
            and APPROVAL in m.decision_text.value
        ]
        for mention, agreement in approved or self.agreements:
            d.add(dec, SV.approves if approved else SV.concerns, agreement, mention.title.span)

    def _body_sv(self) -> str:
        return self.minute.body.value if self.minute.body else "?"

    def _meeting(self) -> None:
        m, d, r = self.minute, self.draft, self.resolver
        if self.body is None or m.day is None:
            return
        key = ("meeting", f"{self.body} {m.day.value}")
        shown = f"{self._body_sv()} {self.when}"
        existing = d.catalogue.meeting(self.body, m.day.value)
        if existing is not None:
            d.matched(key, shown, m.day.span, Match(existing, "sv:meetingOf + dcterms:date"))
            d.add(self.decision, SV.atMeeting, existing, m.day.span)
            return
        meeting = iri("meeting", f"{r.slug_of(self.body)}-{self.when}")
        d.create(meeting, SV.Meeting, f"{genitive(self._body_sv())} sammanträde {self.when}",
                 f"Meeting of the {self._body_label('en')}, {self.english_when}", m.day.span)  # fmt: skip
        d.add(meeting, SV.meetingOf, self.body, m.body.span if m.body else None)
        d.add(meeting, DCTERMS.date, Literal(self.when, datatype=XSD.date), m.day.span)
        d.new(key, shown, m.day.span, meeting)
        d.add(self.decision, SV.atMeeting, meeting, m.day.span)

    # --- Proposals ---------------------------------------------------------------------------

    def _numbered_proposals(self) -> list[tuple[ProposalFound, URIRef]]:
        """Each proposal with its IRI: ``…-punkt-1`` for a numbered point, ``…-forslag-1`` for the others."""
        numbered, unnumbered = [], 0
        for proposal in self.minute.proposals:
            if proposal.item is not None:
                numbered.append((proposal, iri("proposal", f"{self.draft.slug}-punkt-{proposal.item}")))
            else:
                unnumbered += 1
                numbered.append((proposal, iri("proposal", f"{self.draft.slug}-forslag-{unnumbered}")))
        return numbered

    def _proposal(self, resource: URIRef, proposal: ProposalFound) -> None:
        d, r = self.draft, self.resolver
        by = r.body(proposal.by, self.municipality, deciding=self.body)
        to = r.body(proposal.to, self.municipality, deciding=self.body)
        if by is None or to is None:
            d.doubt(
                f"Förslaget från {proposal.by.value} till {proposal.to.value} togs inte med: organen är okända.",
                f"The proposal from {proposal.by.value} to {proposal.to.value} was left out: the bodies are unknown.",
                proposal.text.span,
            )
            return
        item_sv = f", punkt {proposal.item}" if proposal.item else ""
        item_en = f", item {proposal.item}" if proposal.item else ""
        label_sv = f"{genitive(proposal.by.value)} förslag till {proposal.to.value.casefold()}{item_sv}"
        label_en = f"Proposal of the {r.label(by, 'en')} to the {r.label(to, 'en')}{item_en}"
        d.create(resource, SV.Proposal, label_sv, label_en, proposal.text.span)
        d.add(resource, SV.proposedBy, by, proposal.by.span)
        d.add(resource, SV.proposedTo, to, proposal.to.span)
        field = (f"Förslag från {proposal.by.value} till {proposal.to.value}{item_sv}",
                 f"Proposal from {proposal.by.value} to {proposal.to.value}{item_en}")  # fmt: skip
        d.stated(resource, SV.proposalText, Literal(proposal.text.value, lang="sv"), proposal.text, field)
        if proposal.item is not None:
            d.add(resource, SV.itemNumber, Literal(proposal.item), proposal.text.span)
        if proposal.condition is not None:
            d.text(resource, SV.condition, proposal.condition.value, proposal.condition.span)
        if (mandated := proposal.mandated_post) is not None:
            if (post := r.post(mandated.value, mandated.span, self.municipality)) is not None:
                d.add(resource, SV.mandatesPost, post, mandated.span)
        for mention, agreement in self.agreements:
            if within(mention.title.span, proposal.text.span):
                d.add(resource, SV.concerns, agreement, mention.title.span)
        d.add(self.decision, SV.hasProposal, resource, proposal.text.span)

    # --- People, recipients, agreements, reports ---------------------------------------------

    def _interventions(self) -> None:
        d, r = self.draft, self.resolver
        for speaker in self.minute.speakers:
            name = speaker.name.value
            person, is_new = r.person(speaker.name)
            party = r.political_party(speaker.party) if speaker.party is not None else None
            if is_new and party is not None and speaker.party is not None:
                d.add(person, ORG.memberOf, party, speaker.party.span)
            letters = f" ({speaker.party.value})" if speaker.party else ""
            resource = iri("intervention", f"{d.slug}-{slug(name)}")
            d.create(resource, SV.Intervention, f"{name}{letters} yttrar sig i {self.paragraph}",
                     f"{name}{letters} speaks on {self.paragraph}", speaker.name.span)  # fmt: skip
            d.stated(resource, SV.speaker, person, speaker.name, ("Talare", "Speaker"), f"{name}{letters}")
            if party is not None and speaker.party is not None:
                d.add(resource, SV.speakerParty, party, speaker.party.span)
            if speaker.motion is not None:
                field = (f"Yrkande ({name})", f"Motion ({name})")
                d.stated(resource, SV.motion, Literal(speaker.motion.value, lang="sv"), speaker.motion, field)
            d.add(self.decision, SV.hasIntervention, resource, speaker.name.span)

    def _recipients(self) -> None:
        for recipient in self.minute.recipients:
            self.draft.found("Mottagare", "Recipient", recipient.value, recipient.span)
            if (resource := self.resolver.organization(recipient, self.municipality)) is not None:
                self.draft.add(self.decision, SV.sentTo, resource, recipient.span)

    def _agreements(self) -> None:
        """The agreements the minute names, matched by title or by parties and subject, else proposed."""
        d, r = self.draft, self.resolver
        for mention in self.minute.agreements:
            key = ("agreement", normalise(mention.title.value))
            seen = d.remember(key)
            if seen is None:
                parties = [r.organization(p, self.municipality, create=False) for p in mention.parties]
                agreement = self._agreement(key, mention, parties)
                if agreement is not None:
                    d.found("Avtal", "Agreement", mention.title.value, mention.title.span)
            else:
                agreement = seen.iri
            if agreement is not None:
                self.agreements.append((mention, agreement))

    def _agreement(
        self, key: tuple[str, str], mention: AgreementMention, parties: list[URIRef | None]
    ) -> URIRef | None:
        d, r = self.draft, self.resolver
        title, span = mention.title.value, mention.title.span
        match = d.catalogue.find(title, [SV.Agreement])
        if match.iri is not None:
            return d.matched(key, title, span, match).iri
        known = [p for p in parties if p is not None]
        if len(known) < 2:
            d.unresolved(key, title, span, match, "parterna är inte kända / the parties are not known")
            return None
        subject = normalise(mention.subject)
        candidates = [
            agreement
            for agreement in d.catalogue.agreements_between(set(known))
            if subject in normalise(" ".join(map(str, d.catalogue.data.objects(agreement, DCTERMS.title))))
        ]
        if len(candidates) == 1:
            return d.matched(key, title, span, Match(candidates[0], "sv:party + dcterms:title")).iri
        if candidates:
            d.unresolved(key, title, span, Match(None, "", tuple(candidates)), "")
            return None
        known.sort(key=lambda party: not r.is_a(party, SV.Municipality))
        resource = iri("agreement", "-".join([*(r.short_slug(p) for p in known), slug(mention.subject)]))
        names_en = " and ".join(r.label(p, "en") for p in known)
        d.create(resource, SV.Agreement, title, f"Agreement between {names_en}", span)
        d.text(resource, DCTERMS.title, title, span)
        for party, found in zip(parties, mention.parties, strict=True):
            if party is not None:
                d.add(resource, SV.party, party, found.span)
        d.new(key, title, span, resource)
        return resource

    def _report(self, report: ReportMention) -> None:
        """An officials' report (tjänsteutlåtande) the decision or its proposals refer to."""
        m, d, r = self.minute, self.draft, self.resolver
        by = r.body(report.by, self.municipality, deciding=self.body)
        if by is None or self.municipality is None:
            return
        day = report.day.value.isoformat()
        abbreviation = body_abbreviation(report.by.value)
        resource = iri("document", f"{r.short_slug(self.municipality)}-{abbreviation}-tjansteutlatande-{day}")
        key, shown = ("report", str(resource)), f"{report.by.value} {day}"
        texts = [s.span for s in (m.decision_text,) if s is not None] + [p.text.span for p in m.proposals]
        if d.catalogue.exists(resource):
            d.matched(key, shown, report.day.span, Match(resource, "IRI"))
        elif d.remember(key) is None:
            label_sv = f"{genitive(report.by.value)} tjänsteutlåtande {day}"
            label_en = f"Report of the {r.label(by, 'en')}, {english_date(report.day.value)}"
            d.create(resource, FOAF.Document, label_sv, label_en, report.day.span)
            d.add(resource, DCTERMS.type, TJANSTEUTLATANDE)
            d.add(resource, DCTERMS.creator, by, report.by.span)
            d.add(resource, DCTERMS.date, Literal(day, datatype=XSD.date), report.day.span)
            for mention, agreement in self.agreements:
                if any(within(mention.title.span, t) and within(report.day.span, t) for t in texts):
                    d.add(resource, DCTERMS.hasPart, agreement, mention.title.span)
            d.new(key, shown, report.day.span, resource)
        if any(within(report.day.span, t) for t in texts):
            shown = f"{report.by.value}, {day}"
            d.stated(self.decision, SV.basedOn, resource, report.day, ("Underlag", "Based on"), shown)
