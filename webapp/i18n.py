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
        "facts": "Uppgifter",
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
        # Request limits (webapp/limits.py).
        "error_413": "Det som skickades är för stort.",
        "error_413_hint": "Servern tar emot högst 500 000 byte i en begäran. Skicka en kortare fråga eller mindre data.",
        "error_414": "Adressen är för lång.",
        "error_414_hint": (
            "Servern tar emot adresser på högst 32 768 byte. Skicka långa SPARQL-frågor med POST i stället för i adressen."
        ),
        "error_429": "För många frågor på kort tid.",
        "error_429_hint": (
            "Varje adress får ställa ett begränsat antal SPARQL-frågor på en viss tid, så att tjänsten räcker åt alla."
            " Vänta en stund och försök igen; rubriken Retry-After säger hur många sekunder."
        ),
        "error_other": "Begäran kunde inte utföras.",
        "error_other_hint": "Kontrollera adressen och försök igen.",
        # A method or a body the address does not take (webapp/errors.py, webapp/query_page.py).
        "error_405": "Adressen tar inte emot den metoden.",
        "error_405_hint": "Här går det att använda {allowed}.",
        "error_415": "Det som skickades har en typ som inte tas emot här.",
        "error_415_hint": "Skicka frågan från formuläret på sidan, eller som SPARQL-fråga till /sparql.",
        # What exactly was wrong, in the server's own words (English), below the explanation.
        "error_detail": "Servern svarade: {detail}",
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
        "query_error_429": "Du har ställt för många frågor på kort tid. Vänta en stund och försök igen.",
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
        # The downloads page (webapp/dumps.py, templates/downloads.html).
        "nav_downloads": "Ladda ner",
        "downloads_title": "Ladda ner Samverkan",
        "downloads_lead": (
            "Hela kunskapsgrafen som filer: i de vanliga RDF-formaten, för nätverksverktyg och"
            " kalkylprogram, och med de beskrivningar som datakataloger och länkade data-verktyg läser."
        ),
        "downloads_licence": "Allt får användas fritt om Samverkan anges som källa, enligt licensen",
        "downloads_modified": "Filerna byggdes {date}.",
        "downloads_dumps": "Grafen i RDF",
        "downloads_dumps_intro": (
            "TriG, N-Quads och JSON-LD behåller en namngiven graf per källfil, så att varje uppgift"
            " kan spåras till sin handling. Turtle, N-Triples och RDF/XML innehåller unionen av"
            " graferna, varje trippel en gång. JSON-LD-filen använder kontexten nedan, så att"
            " nycklarna blir läsbara (label, party, decidedBy)."
        ),
        "downloads_gzip_rule": (
            "Varje fil större än {size} och alla N-Triples- och N-Quads-filer finns också som"
            " gzip-komprimerad kopia."
        ),
        "downloads_network": "För nätverksverktyg och kalkylprogram",
        "downloads_network_intro": (
            "Hela nätverket och partnerskapen mellan organisationerna som GraphML och GEXF, som"
            " Gephi, Cytoscape och yEd öppnar, med svenska och engelska etiketter, slag och vikter."
            " Samma nätverk som två CSV-filer i UTF-8, noder och kanter, för kalkylprogram"
            " (i Excel: Data › Från text/CSV)."
        ),
        "downloads_descriptions": "Beskrivningar av datamängden",
        "downloads_descriptions_intro": (
            "VoID-beskrivningen och katalogposten (DCAT-AP-SE, som Sveriges dataportal skördar)"
            " finns på egna adresser, som Turtle eller i det format som begärs, och som filer:"
        ),
        "downloads_void": "VoID-beskrivningen",
        "downloads_catalog": "Katalogposten enligt DCAT-AP-SE",
        "downloads_context": "JSON-LD-kontexten",
        "downloads_sparql": "SPARQL-tjänsten",
        "downloads_manifest": "Förteckningen över alla filer (JSON)",
        "downloads_also_as": "även som",
        "downloads_file": "Fil",
        "downloads_format": "Format",
        "downloads_size": "Storlek",
        "downloads_content": "Innehåll",
        "downloads_gzip_copy": "Komprimerad kopia",
        "downloads_triples": "{n} tripler",
        "downloads_quads": "{n} kvadrupler",
        "downloads_nodes": "{n} noder",
        "downloads_edges": "{n} kanter",
        "downloads_rows": "{n} rader",
        "downloads_all": "Alla filer, med storlekar, kontrollsummor, nätverksfiler och beskrivningar",
        # Resource pages (webapp/resources.py, graph/describe.py): sections and fields are looked up
        # as res_section_{key} and res_field_{key} from the layouts in graph/describe.py.
        "res_contents": "På sidan",
        "res_other_language": "Texten finns inte på svenska",
        "res_label_fallback": "Namnet finns inte på svenska i grafen; det visas på engelska.",
        "res_no_label": "Resursen har inget namn i grafen; sidan visar dess adress.",
        "res_blank_node": "(namnlös resurs)",
        "res_via": "genom",
        "res_more": "Visa {n} till",
        "res_translation": "Översättning",
        "res_details": "Detaljer",
        "res_source_n": "Källa {n}",
        "res_sources": "Källor",
        "res_sources_lead": (
            "Siffrorna vid varje uppgift hänvisar hit: det källdokument uppgiften är hämtad från,"
            " eller referensdata (organisationer och begreppsscheman) med filens namn."
        ),
        "res_reference_data": "Referensdata",
        "res_incoming": "Pekar hit",
        "res_incoming_lead": "Andra saker i grafen som har den här som värde, efter relation: saken, relationen, den här.",
        "res_incoming_truncated": "Listan är avkortad: den här resursen har fler länkar än sidan visar.",
        "res_network": "Grannskap",
        "res_network_lead": "Det här och det som ligger ett steg bort. Klicka på en nod för att öppna dess sida.",
        "res_network_nearest": "Den här resursen är en länk i nätverket, inte en nod. Bilden visar grannskapet kring",
        "res_network_summary": "Grannskapet är stort och visas sammanfattat per slag.",
        "res_network_none": "Den här resursen ingår inte i nätverket.",
        "res_network_label": "Nätverksbild med {n} noder; samma saker finns som länkar på sidan och i listan nedan.",
        "res_network_list": "Visa noderna som lista",
        "res_zoom_in": "Zooma in",
        "res_zoom_out": "Zooma ut",
        "res_fit": "Visa allt",
        "res_section_identity": "Identitet",
        "res_section_descriptions": "Beskrivningar",
        "res_section_relations": "Relationer",
        "res_section_dates": "Datum",
        "res_section_other": "Övrigt",
        "res_section_document": "Dokument",
        "res_section_mentions": "Nämner",
        "res_section_mandate": "Uppdrag",
        "res_section_signature": "Underskrift",
        "res_section_intervention": "Inlägg",
        "res_section_proposal": "Förslag",
        "res_section_dispute": "Tvistlösning",
        "res_section_budget_line": "Budgetpost",
        "res_section_goal": "Mål",
        "res_section_plan": "Plan",
        "res_section_goals": "Mål",
        "res_section_budget": "Budget",
        "res_section_decision": "Beslut",
        "res_section_text": "Beslutstext",
        "res_section_subject": "Vad beslutet gäller",
        "res_section_proposals": "Förslag",
        "res_section_speakers": "Talare",
        "res_section_recipients": "Mottagare",
        "res_section_meeting": "Möte",
        "res_section_parties": "Parter",
        "res_section_purpose": "Syfte",
        "res_section_areas": "Områden och former",
        "res_section_organisation": "Organisation",
        "res_section_validity": "Giltighet och villkor",
        "res_section_disputes": "Tvistlösning",
        "res_section_signatures": "Underskrifter",
        "res_section_decisions_about": "Beslut om avtalet",
        "res_section_membership": "Samverkan och uppdrag",
        "res_section_about": "Uppgift",
        "res_section_meeting_practice": "Möten",
        "res_section_seats": "Platser",
        "res_section_meetings": "Möten",
        "res_section_decisions": "Beslut",
        "res_section_members": "Medlemmar",
        "res_section_partners": "Partner och avtal",
        "res_section_collaborations": "Samverkan och organ",
        "res_section_posts": "Poster och planer",
        "res_section_roles": "Poster och parti",
        "res_section_interventions": "Inlägg i beslut",
        "res_section_post": "Post",
        "res_section_appoints": "Utser ledamöter",
        "res_section_project": "Projekt",
        "res_section_concept": "Begrepp",
        "res_section_scheme": "Begreppsschema",
        "res_field_chair_of": "ordförande i",
        "res_field_resolver_in": "avgör tvister enligt",
        "res_field_signature_of": "underskrift av",
        "res_field_intervention_in": "inlägg i",
        "res_field_proposal_in": "förslag i",
        "res_field_dispute_of": "tvistlösning i",
        "res_field_in_budget": "ingår i",
        "res_field_goal_of": "mål i",
        "res_field_approved_by": "godkänt genom",
        "res_field_adopts": "fastställer",
        "res_field_decisions_at": "beslut vid mötet",
        "res_field_bodies": "organ",
        "res_field_filled_by": "fylls av",
        "res_field_chair": "ordförande",
        "res_field_dealt_with_in": "behandlat i",
        "res_field_annexed_to": "bilaga till",
        "res_field_prepared_by": "bereds av",
        "res_field_supported_by": "stöds av",
        "res_field_established_by": "grundad genom",
        "res_field_units": "organ",
        "res_field_built_on_by": "byggs vidare på av",
        "res_field_plans": "planer",
        "res_field_projects": "projekt",
        "res_field_partners": "partner",
        "res_field_party_to": "part i",
        "res_field_member_of": "medlem i",
        "res_field_groups": "grupper",
        "res_field_posts": "poster",
        "res_field_decision": "beslut",
        "res_field_agreement": "avtal",
        "res_field_holders": "innehas av",
        "res_field_signed_as": "underskrifter i egenskap av posten",
        "res_field_mandated_by": "uppdrag genom förslag",
        "res_field_coordinates": "koordinator för",
        "res_field_leads": "leder aktiviteter i",
        "res_field_meetings": "möten",
        "res_field_concepts": "begrepp",
        "res_field_basis_for": "underlag för",
        # The network page and its API (webapp/explorer.py, static/network.js).
        "nav_network": "Nätverk",
        "network_title": "Samverkansnätverket",
        "network_intro": (
            "Vem samverkar med vem, genom vad och sedan när. Välj vy, filtrera och sök;"
            " klicka på en nod för att se uppgifterna om den och deras källor."
        ),
        "network_search": "Sök efter namn",
        "network_search_placeholder": "t.ex. KI eller Huddinge",
        "network_search_button": "Sök",
        "network_search_help": (
            "Piltangenterna väljer bland förslagen, Enter visar det valda och Esc stänger"
            " listan."
        ),
        "network_suggestions": "{n} förslag",
        "network_no_suggestions": "Inga träffar",
        "network_no_match": "Inget i grafen heter eller förkortas ”{q}”.",
        "network_view": "Vy",
        "network_view_partnership": "Partnerskapen",
        "network_view_partnership_hint": (
            "Organisationer som delar avtal, organ eller samverkan; bredare linje, fler"
            " kopplingar."
        ),
        "network_view_whole": "Hela grafen",
        "network_view_whole_hint": "Allt av de valda slagen, med relationerna mellan dem.",
        "network_view_neighbourhood": "Närområde",
        "network_view_neighbourhood_hint": "En nod och det som ligger några steg från den.",
        "network_focus": "Fokus",
        "network_depth": "Steg från fokus",
        "network_size": "Nodens storlek visar",
        "network_size_degree": "antal kopplingar",
        "network_size_betweenness": "mellanhandsroll (betweenness)",
        "network_size_none": "ingenting (lika stora)",
        "network_filters": "Filter",
        "network_kinds": "Slag av noder",
        "network_kinds_partnership": "Partnerskapen visar bara organisationer.",
        "network_area": "Samverkansområde",
        "network_area_all": "Alla områden",
        "network_years": "År",
        "network_year_from": "Från",
        "network_year_to": "Till",
        "network_years_hint": "Avtal, beslut, möten och planer visas bara om de infaller under åren.",
        "network_relations": "Relationer",
        "network_all": "Alla",
        "network_none": "Inga",
        "network_apply": "Visa",
        "network_reset": "Börja om",
        "network_status": "Noder: {nodes} · kopplingar: {edges}",
        "network_status_focus": "Närområdet kring {label} (djup {depth})",
        "network_loading": "Ritar nätverket …",
        "network_aggregated": (
            "Vyn är för stor för att ritas nod för nod, så varje nod står här för en grupp."
            " Filtrera för att se de enskilda noderna."
        ),
        "network_empty": "Inget att visa med de här filtren.",
        "network_need_focus": "Välj först en nod: sök efter den eller klicka på den i nätverket.",
        "network_error": "Nätverket kunde inte visas.",
        "network_offline": "Servern svarade inte. Kontrollera anslutningen och försök igen.",
        "network_canvas": "Nätverket som bild; samma noder finns som lista under bilden.",
        "network_legend": "Teckenförklaring",
        "network_list": "Noderna som lista",
        "network_noscript": (
            "Nätverket ritas med JavaScript, som är avstängt i din webbläsare."
            " Filtren fungerar ändå, och noderna finns som lista nedan."
        ),
        "network_zoom_in": "Zooma in",
        "network_zoom_out": "Zooma ut",
        "network_fit": "Visa hela nätverket",
        "network_close": "Stäng",
        "network_focus_here": "Fokusera här",
        "network_open_page": "Öppna sidan",
        "network_kind": "Slag",
        "network_abbreviations": "Förkortning",
        "network_other_names": "Andra namn",
        "network_areas": "Samverkansområden",
        "network_sources": "Källdokument",
        "network_more_facts": "Visa alla {n} uppgifter",
        "network_fallback": "namn saknas på svenska",
        "network_links": "Kopplingar",
        "network_group": "Gruppen består av",
        "network_only_kind": "Visa bara {kind}",
        # The analytics, connections and timeline pages (webapp/analytics_page.py, webapp/timeline.py).
        "nav_analytics": "Analys",
        "nav_timeline": "Tidslinje",
        "on_this_page": "På sidan",
        "label_only_other": "finns bara på engelska",
        "analytics_title": "Analys av partnerskapsnätverket",
        "analytics_intro": (
            "Två organisationer är partner när de är part i samma avtal, har plats i samma organ"
            " eller är medlemmar i samma samverkan. Varje sådan gemensam sak är en länk mellan dem."
        ),
        "measures_title": "Mått per organisation",
        "measures_caption": "Organisationernas mått i partnerskapsnätverket. Välj en kolumnrubrik för att sortera.",
        "measure_organization": "Organisation",
        "measure_partners": "Partner",
        "measure_partners_help": "Hur många andra organisationer den är länkad till.",
        "measure_links": "Länkar",
        "measure_links_help": "Alla länkar sammanräknade: två organisationer som delar tre saker har tre länkar.",
        "measure_betweenness": "Vem förmedlar",
        "measure_betweenness_help": (
            "Hur stor del av de kortaste vägarna mellan andra organisationer som går genom den,"
            " från 0 till 1 (mellanhetscentralitet)."
        ),
        "measure_agreements": "Avtal",
        "measure_agreements_help": "Hur många avtal den är part i.",
        "measure_bodies": "Organ",
        "measure_bodies_help": (
            "Hur många organ den har plats i eller är medlem av, till exempel styrgrupper, kommittéer och forum."
        ),
        "measure_collaborations": "Samverkan",
        "measure_collaborations_help": "Hur många samverkansformer, som partnerskap och allianser, den är medlem i.",
        "measure_areas": "Områden",
        "measure_areas_help": "Hur många samverkansområden den når genom sina avtal, organ och samarbeten.",
        "betweenness_sampled": (
            "Vem förmedlar är en uppskattning: den är räknad från {samples} av {nodes} organisationer,"
            " valda slumpvis men samma varje gång."
        ),
        "measures_cut": (
            "Tabellen visar de {shown} första av {total} organisationer i den valda ordningen;"
            " sortera efter en annan kolumn för att se andra."
        ),
        "sorted_by": "Sorterad efter ”{column}”, {direction}.",
        "ascending": "stigande",
        "descending": "fallande",
        "communities_title": "Grupper i nätverket",
        "communities_help": (
            "Grupperna är framräknade med Louvain-metoden: organisationer som har fler länkar till varandra"
            " än till resten hamnar i samma grupp."
        ),
        "community_network_label": (
            "Partnerskapsnätverket med organisationerna färgade efter grupp; listan under bilden visar samma grupper."
        ),
        "communities_need_js": "Bilden av nätverket behöver JavaScript. Listan nedan visar samma grupper.",
        "community": "Grupp {n}",
        "community_size": "{n} organisationer",
        "and_more": "och {n} till",
        "without_partners": "{n} organisationer utan partner står i tabellen men inte i bilden.",
        "no_communities": "Ingen organisation har en partner ännu, så det finns inga grupper.",
        "communities_aggregated": (
            "{n} organisationer är för många för att ritas var för sig här, så varje nod i bilden är en grupp."
            " Nätverkssidan visar dem en och en."
        ),
        "connections_open": "Välj två organisationer och se hur de hänger ihop",
        "selected": "Vald:",
        "open_page": "Öppna sidan",
        "gaps_title": "Luckor: vilka saknar koppling till ett område?",
        "gaps_help": (
            "Organisationer med minst en partner som inte är kopplade till området, varken direkt eller genom"
            " ett avtal, ett organ eller en samverkan. Delområden räknas in."
        ),
        "gaps_area": "Samverkansområde",
        "gaps_choose": "Välj ett område …",
        "gaps_show": "Visa luckor",
        "gaps_result": "{n} organisationer saknar koppling till {area}:",
        "gaps_none": "Alla organisationer med partner är kopplade till {area}.",
        "connections_title": "Hur hänger A och B ihop?",
        "connections_help": (
            "Välj två organisationer för att se de kortaste kedjorna av fakta mellan dem, med källan till varje steg."
        ),
        "connections_from": "Från organisation",
        "connections_to": "Till organisation",
        "connections_choose": "Välj en organisation …",
        "connections_show": "Visa kopplingar",
        "choose_both": "Välj båda organisationerna för att se hur de hänger ihop.",
        "chains_steps": "De kortaste kedjorna har {steps} steg.",
        "chains_one_step": "De är direkt kopplade: kedjan har ett steg.",
        "chains_at_most": "Här visas högst {n} av dem.",
        "chain": "Kedja {n}",
        "no_source": "ingen källa angiven",
        "no_chain": "Det finns ingen kedja av fakta mellan {a} och {b} inom {steps} steg.",
        "timeline_title": "Tidslinje",
        "timeline_intro": (
            "Avtal, beslut, möten och forum i tidsordning. Datum visas så exakt som källan anger dem:"
            " en dag, en månad eller bara ett år."
        ),
        "timeline_org": "Organisation",
        "timeline_all_orgs": "Alla organisationer",
        "timeline_filter": "Visa",
        "timeline_show_all": "Visa hela tidslinjen",
        "timeline_count": "{n} händelser",
        "timeline_one": "1 händelse",
        "timeline_for": "där {org} deltar",
        "timeline_in_year": "under {year}",
        "timeline_years": "År",
        "timeline_undated": "Utan datum",
        "timeline_empty": "Inga händelser att visa.",
        "timeline_cut": "Visar de första {shown} av {total}. Välj ett år eller en organisation för att se resten.",
        "kind_agreement": "Avtal",
        "kind_decision": "Beslut",
        "kind_meeting": "Möte",
        "kind_forum": "Forum",
        "only_year": "bara året är känt",
        "only_month": "bara månaden är känd",
        "no_date": "inget datum",
        "dated_by": "Inget eget datum; visas vid",
        "decided_by": "Beslutat av",
        "body_label": "Organ",
        "host_label": "Värd",
        "parties_label": "Parter",
        "takes_part_as": "Deltar som",
        "role_party": "part",
        "role_host": "värd",
        "role_recipient": "mottagare",
        "role_seat": "plats i organet",
        "role_member": "medlem",
        "role_own_body": "eget organ",
        "role_concerned": "berörs av beslutet",
        "error_bad_iri": "{param} ska vara en IRI, till exempel https://w3id.org/samverkan/id/org/huddinge-kommun, inte ”{value}”.",
        "error_unknown_organization": "{param}: det finns ingen organisation med IRI:n {value}.",
        "error_unknown_area": "{param}: det finns inget samverkansområde med IRI:n {value}.",
        "error_not_organization": "{param}: {label} ({value}) är ingen organisation.",
        "error_not_area": "{param}: {label} ({value}) är inget samverkansområde.",
        "error_same_organization": "Välj två olika organisationer.",
        "error_bad_sort": "sort ska vara en av {choices}, inte ”{value}”.",
        "error_bad_order": "order ska vara asc eller desc, inte ”{value}”.",
        "error_bad_year": "year ska vara ett årtal som 2017, inte ”{value}”.",
        # --- the ontology and shapes pages (webapp/ontology_page.py) ---
        "nav_ontology": "Ontologi",
        "ont_namespace": "Namnrymd",
        "ont_prefix": "Prefix",
        "ont_version": "Version",
        "ont_license": "Licens",
        "ont_creator": "Upphov",
        "ont_issued": "Utgiven",
        "ont_formats": "Som RDF",
        "ont_classes": "Klasser",
        "ont_properties": "Egenskaper",
        "ont_label": "Etikett",
        "ont_definition": "Definition",
        "ont_subclass_of": "Underklass till",
        "ont_superclass_of": "Överklass till",
        "ont_subproperty_of": "Underegenskap till",
        "ont_superproperty_of": "Överegenskap till",
        "ont_domain": "Domän",
        "ont_range": "Värdemängd",
        "ont_examples": "Exempel ur data",
        "ont_no_examples": "Inga exempel i data.",
        "ont_shapes": "SHACL-former som gäller",
        "ont_no_shapes": "Ingen form gäller klassen.",
        "ont_shapes_link": "SHACL-formerna",
        "ont_targets": "Gäller",
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
        "facts": "Facts",
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
        # Request limits (webapp/limits.py).
        "error_413": "What was sent is too large.",
        "error_413_hint": "The server accepts at most 500,000 bytes in a request. Send a shorter query or less data.",
        "error_414": "The address is too long.",
        "error_414_hint": (
            "The server accepts addresses of at most 32,768 bytes. Send long SPARQL queries by POST instead of in the address."
        ),
        "error_429": "Too many queries in a short time.",
        "error_429_hint": (
            "Each address may run a limited number of SPARQL queries in a given time, so that the service is there for everyone."
            " Wait a while and try again; the Retry-After header says how many seconds."
        ),
        "error_other": "The request could not be carried out.",
        "error_other_hint": "Check the address and try again.",
        # A method or a body the address does not take (webapp/errors.py, webapp/query_page.py).
        "error_405": "The address does not take that method.",
        "error_405_hint": "Here you can use {allowed}.",
        "error_415": "What was sent is of a type not taken here.",
        "error_415_hint": "Send the query from the form on the page, or as a SPARQL query to /sparql.",
        # What exactly was wrong, in the server's own words (English), below the explanation.
        "error_detail": "The server said: {detail}",
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
        "query_error_429": "You have run too many queries in a short time. Wait a while and try again.",
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
        # The downloads page (webapp/dumps.py, templates/downloads.html).
        "nav_downloads": "Downloads",
        "downloads_title": "Download Samverkan",
        "downloads_lead": (
            "The whole knowledge graph as files: in the common RDF syntaxes, for network tools and"
            " spreadsheets, and with the descriptions that data catalogues and linked-data tools read."
        ),
        "downloads_licence": "Everything may be used freely with Samverkan named as the source, under the licence",
        "downloads_modified": "The files were built on {date}.",
        "downloads_dumps": "The graph in RDF",
        "downloads_dumps_intro": (
            "TriG, N-Quads and JSON-LD keep a named graph per source file, so every fact can be traced"
            " to its document. Turtle, N-Triples and RDF/XML hold the union of the graphs, each triple"
            " once. The JSON-LD file uses the context below, which gives it readable keys (label,"
            " party, decidedBy)."
        ),
        "downloads_gzip_rule": (
            "Every file larger than {size}, and every N-Triples and N-Quads file, also has a"
            " gzip-compressed copy."
        ),
        "downloads_network": "For network tools and spreadsheets",
        "downloads_network_intro": (
            "The whole network and the partnerships between organizations as GraphML and GEXF, which"
            " Gephi, Cytoscape and yEd open, with Swedish and English labels, kinds and weights. The"
            " same network as two CSV files in UTF-8, nodes and edges, for spreadsheets (in Excel:"
            " Data › From Text/CSV)."
        ),
        "downloads_descriptions": "Descriptions of the dataset",
        "downloads_descriptions_intro": (
            "The VoID description and the catalogue record (DCAT-AP-SE, which the Swedish open data"
            " portal harvests) have addresses of their own, in Turtle or the syntax asked for, and"
            " are files too:"
        ),
        "downloads_void": "The VoID description",
        "downloads_catalog": "The DCAT-AP-SE catalogue record",
        "downloads_context": "The JSON-LD context",
        "downloads_sparql": "The SPARQL endpoint",
        "downloads_manifest": "The list of every file (JSON)",
        "downloads_also_as": "also as",
        "downloads_file": "File",
        "downloads_format": "Format",
        "downloads_size": "Size",
        "downloads_content": "Content",
        "downloads_gzip_copy": "Compressed copy",
        "downloads_triples": "{n} triples",
        "downloads_quads": "{n} quads",
        "downloads_nodes": "{n} nodes",
        "downloads_edges": "{n} edges",
        "downloads_rows": "{n} rows",
        "downloads_all": "Every file, with sizes, checksums, network files and descriptions",
        # Resource pages (webapp/resources.py, graph/describe.py): sections and fields are looked up
        # as res_section_{key} and res_field_{key} from the layouts in graph/describe.py.
        "res_contents": "On this page",
        "res_other_language": "The text is not available in English",
        "res_label_fallback": "The graph has no English name for this; it is shown in Swedish.",
        "res_no_label": "The graph gives this resource no name; the page shows its address.",
        "res_blank_node": "(unnamed resource)",
        "res_via": "through",
        "res_more": "Show {n} more",
        "res_translation": "Translation",
        "res_details": "Details",
        "res_source_n": "Source {n}",
        "res_sources": "Sources",
        "res_sources_lead": (
            "The numbers beside each fact point here: the source document the fact is taken from,"
            " or reference data (organizations and concept schemes) with its file name."
        ),
        "res_reference_data": "Reference data",
        "res_incoming": "Links here",
        "res_incoming_lead": "Other things in the graph that have this one as a value, by relation: the thing, the relation, this.",
        "res_incoming_truncated": "The list is cut short: this resource has more links than the page shows.",
        "res_network": "Neighbourhood",
        "res_network_lead": "This and what lies one step away. Click a node to open its page.",
        "res_network_nearest": "This resource is a link in the network, not a node. The picture shows the neighbourhood of",
        "res_network_summary": "The neighbourhood is large and is summarised by kind.",
        "res_network_none": "This resource is not part of the network.",
        "res_network_label": "Network picture of {n} nodes; the same things are linked on the page and in the list below.",
        "res_network_list": "Show the nodes as a list",
        "res_zoom_in": "Zoom in",
        "res_zoom_out": "Zoom out",
        "res_fit": "Show all",
        "res_section_identity": "Identity",
        "res_section_descriptions": "Descriptions",
        "res_section_relations": "Relations",
        "res_section_dates": "Dates",
        "res_section_other": "Other",
        "res_section_document": "Document",
        "res_section_mentions": "Mentions",
        "res_section_mandate": "Mandate",
        "res_section_signature": "Signature",
        "res_section_intervention": "Intervention",
        "res_section_proposal": "Proposal",
        "res_section_dispute": "Dispute resolution",
        "res_section_budget_line": "Budget line",
        "res_section_goal": "Goal",
        "res_section_plan": "Plan",
        "res_section_goals": "Goals",
        "res_section_budget": "Budget",
        "res_section_decision": "Decision",
        "res_section_text": "Text of the decision",
        "res_section_subject": "What the decision is about",
        "res_section_proposals": "Proposals",
        "res_section_speakers": "Speakers",
        "res_section_recipients": "Recipients",
        "res_section_meeting": "Meeting",
        "res_section_parties": "Parties",
        "res_section_purpose": "Purpose",
        "res_section_areas": "Areas and forms",
        "res_section_organisation": "Organisation",
        "res_section_validity": "Validity and terms",
        "res_section_disputes": "Dispute resolution",
        "res_section_signatures": "Signatures",
        "res_section_decisions_about": "Decisions on the agreement",
        "res_section_membership": "Collaboration and remit",
        "res_section_about": "Remit",
        "res_section_meeting_practice": "Meetings",
        "res_section_seats": "Seats",
        "res_section_meetings": "Meetings",
        "res_section_decisions": "Decisions",
        "res_section_members": "Members",
        "res_section_partners": "Partners and agreements",
        "res_section_collaborations": "Collaborations and bodies",
        "res_section_posts": "Posts and plans",
        "res_section_roles": "Posts and party",
        "res_section_interventions": "Interventions in decisions",
        "res_section_post": "Post",
        "res_section_appoints": "Appoints members",
        "res_section_project": "Project",
        "res_section_concept": "Concept",
        "res_section_scheme": "Concept scheme",
        "res_field_chair_of": "chairs",
        "res_field_resolver_in": "settles disputes under",
        "res_field_signature_of": "signature of",
        "res_field_intervention_in": "intervention in",
        "res_field_proposal_in": "proposal in",
        "res_field_dispute_of": "dispute resolution of",
        "res_field_in_budget": "line of",
        "res_field_goal_of": "goal of",
        "res_field_approved_by": "approved by",
        "res_field_adopts": "adopts",
        "res_field_decisions_at": "decisions at the meeting",
        "res_field_bodies": "bodies",
        "res_field_filled_by": "filled by",
        "res_field_chair": "chair",
        "res_field_dealt_with_in": "dealt with in",
        "res_field_annexed_to": "annexed to",
        "res_field_prepared_by": "prepared by",
        "res_field_supported_by": "supported by",
        "res_field_established_by": "established by",
        "res_field_units": "bodies",
        "res_field_built_on_by": "built on by",
        "res_field_plans": "plans",
        "res_field_projects": "projects",
        "res_field_partners": "partners",
        "res_field_party_to": "party to",
        "res_field_member_of": "member of",
        "res_field_groups": "groups",
        "res_field_posts": "posts",
        "res_field_decision": "decision",
        "res_field_agreement": "agreement",
        "res_field_holders": "held by",
        "res_field_signed_as": "signatures in this capacity",
        "res_field_mandated_by": "tasked by the proposal",
        "res_field_coordinates": "coordinator of",
        "res_field_leads": "leads activities under",
        "res_field_meetings": "meetings",
        "res_field_concepts": "concepts",
        "res_field_basis_for": "basis for",
        # The network page and its API (webapp/explorer.py, static/network.js).
        "nav_network": "Network",
        "network_title": "The collaboration network",
        "network_intro": (
            "Who works with whom, through what, and since when. Choose a view, filter and search;"
            " click a node to see what is known about it and where it comes from."
        ),
        "network_search": "Search by name",
        "network_search_placeholder": "e.g. KI or Huddinge",
        "network_search_button": "Search",
        "network_search_help": (
            "Arrow keys move through the suggestions, Enter shows the chosen one, Esc closes the"
            " list."
        ),
        "network_suggestions": "{n} suggestions",
        "network_no_suggestions": "No matches",
        "network_no_match": "Nothing in the graph is called or abbreviated “{q}”.",
        "network_view": "View",
        "network_view_partnership": "Partnerships",
        "network_view_partnership_hint": (
            "Organizations sharing agreements, bodies or collaborations; a wider line, more"
            " links."
        ),
        "network_view_whole": "Whole graph",
        "network_view_whole_hint": "Everything of the chosen kinds, with the relations between them.",
        "network_view_neighbourhood": "Neighbourhood",
        "network_view_neighbourhood_hint": "One node and what lies a few steps from it.",
        "network_focus": "Focus",
        "network_depth": "Steps from the focus",
        "network_size": "Node size shows",
        "network_size_degree": "number of links",
        "network_size_betweenness": "brokerage (betweenness)",
        "network_size_none": "nothing (all alike)",
        "network_filters": "Filters",
        "network_kinds": "Kinds of node",
        "network_kinds_partnership": "Partnerships show organizations only.",
        "network_area": "Collaboration area",
        "network_area_all": "All areas",
        "network_years": "Years",
        "network_year_from": "From",
        "network_year_to": "To",
        "network_years_hint": (
            "Agreements, decisions, meetings and plans show only if they fall within the"
            " years."
        ),
        "network_relations": "Relations",
        "network_all": "All",
        "network_none": "None",
        "network_apply": "Show",
        "network_reset": "Start again",
        "network_status": "Nodes: {nodes} · links: {edges}",
        "network_status_focus": "The neighbourhood of {label} (depth {depth})",
        "network_loading": "Drawing the network …",
        "network_aggregated": (
            "The view is too large to draw node by node, so each node here stands for a group."
            " Filter to see the single nodes."
        ),
        "network_empty": "Nothing to show with these filters.",
        "network_need_focus": "First choose a node: search for it or click it in the network.",
        "network_error": "The network could not be shown.",
        "network_offline": "The server did not answer. Check the connection and try again.",
        "network_canvas": "The network as a picture; the same nodes are listed below it.",
        "network_legend": "Legend",
        "network_list": "The nodes as a list",
        "network_noscript": (
            "The network is drawn with JavaScript, which your browser has turned off."
            " The filters still work, and the nodes are listed below."
        ),
        "network_zoom_in": "Zoom in",
        "network_zoom_out": "Zoom out",
        "network_fit": "Show the whole network",
        "network_close": "Close",
        "network_focus_here": "Focus here",
        "network_open_page": "Open its page",
        "network_kind": "Kind",
        "network_abbreviations": "Abbreviation",
        "network_other_names": "Other names",
        "network_areas": "Collaboration areas",
        "network_sources": "Source documents",
        "network_more_facts": "Show all {n} facts",
        "network_fallback": "no English name",
        "network_links": "Links",
        "network_group": "The group holds",
        "network_only_kind": "Show only the {kind}",
        # The analytics, connections and timeline pages (webapp/analytics_page.py, webapp/timeline.py).
        "nav_analytics": "Analytics",
        "nav_timeline": "Timeline",
        "on_this_page": "On this page",
        "label_only_other": "only in Swedish",
        "analytics_title": "Analysing the partnership network",
        "analytics_intro": (
            "Two organizations are partners when they are parties to the same agreement, sit in the same body"
            " or are members of the same collaboration. Each such shared thing is a link between them."
        ),
        "measures_title": "Measures per organization",
        "measures_caption": "The organizations' measures in the partnership network. Choose a column heading to sort.",
        "measure_organization": "Organization",
        "measure_partners": "Partners",
        "measure_partners_help": "How many other organizations it is linked to.",
        "measure_links": "Links",
        "measure_links_help": "All links added up: two organizations that share three things have three links.",
        "measure_betweenness": "Who brokers",
        "measure_betweenness_help": (
            "The share of shortest paths between other organizations that pass through it,"
            " from 0 to 1 (betweenness centrality)."
        ),
        "measure_agreements": "Agreements",
        "measure_agreements_help": "How many agreements it is a party to.",
        "measure_bodies": "Bodies",
        "measure_bodies_help": (
            "How many bodies it has a seat in or is a member of, such as steering groups, committees and forums."
        ),
        "measure_collaborations": "Collaborations",
        "measure_collaborations_help": "How many collaborations, such as partnerships and alliances, it is a member of.",
        "measure_areas": "Areas",
        "measure_areas_help": "How many collaboration areas it reaches through its agreements, bodies and collaborations.",
        "betweenness_sampled": (
            "Who brokers is an estimate: it is counted from {samples} of {nodes} organizations,"
            " chosen at random but the same every time."
        ),
        "measures_cut": (
            "The table shows the first {shown} of {total} organizations in the chosen order;"
            " sort by another column to see others."
        ),
        "sorted_by": "Sorted by “{column}”, {direction}.",
        "ascending": "ascending",
        "descending": "descending",
        "communities_title": "Communities in the network",
        "communities_help": (
            "The communities are found with the Louvain method: organizations with more links among themselves"
            " than to the rest end up in the same community."
        ),
        "community_network_label": (
            "The partnership network with the organizations coloured by community; the list below the picture"
            " gives the same communities."
        ),
        "communities_need_js": "The picture of the network needs JavaScript. The list below gives the same communities.",
        "community": "Community {n}",
        "community_size": "{n} organizations",
        "and_more": "and {n} more",
        "without_partners": "{n} organizations without partners are in the table but not in the picture.",
        "no_communities": "No organization has a partner yet, so there are no communities.",
        "communities_aggregated": (
            "{n} organizations are too many to draw one by one here, so each node in the picture is a community."
            " The network page shows them one by one."
        ),
        "connections_open": "Choose two organizations and see how they are connected",
        "selected": "Selected:",
        "open_page": "Open its page",
        "gaps_title": "Gaps: who has no link to an area?",
        "gaps_help": (
            "Organizations with at least one partner that have no link to the area, neither directly nor through"
            " an agreement, a body or a collaboration. Narrower areas count too."
        ),
        "gaps_area": "Collaboration area",
        "gaps_choose": "Choose an area …",
        "gaps_show": "Show gaps",
        "gaps_result": "{n} organizations have no link to {area}:",
        "gaps_none": "Every organization with partners is linked to {area}.",
        "connections_title": "How are A and B connected?",
        "connections_help": (
            "Choose two organizations to see the shortest chains of facts between them, with the source of each step."
        ),
        "connections_from": "From organization",
        "connections_to": "To organization",
        "connections_choose": "Choose an organization …",
        "connections_show": "Show connections",
        "choose_both": "Choose both organizations to see how they are connected.",
        "chains_steps": "The shortest chains have {steps} steps.",
        "chains_one_step": "They are directly linked: the chain has one step.",
        "chains_at_most": "At most {n} of them are shown here.",
        "chain": "Chain {n}",
        "no_source": "no source given",
        "no_chain": "There is no chain of facts between {a} and {b} within {steps} steps.",
        "timeline_title": "Timeline",
        "timeline_intro": (
            "Agreements, decisions, meetings and forums in time order. Dates are as precise as the source gives"
            " them: a day, a month or only a year."
        ),
        "timeline_org": "Organization",
        "timeline_all_orgs": "All organizations",
        "timeline_filter": "Show",
        "timeline_show_all": "Show the whole timeline",
        "timeline_count": "{n} items",
        "timeline_one": "1 item",
        "timeline_for": "that {org} takes part in",
        "timeline_in_year": "in {year}",
        "timeline_years": "Years",
        "timeline_undated": "Undated",
        "timeline_empty": "Nothing to show.",
        "timeline_cut": "Showing the first {shown} of {total}. Choose a year or an organization to see the rest.",
        "kind_agreement": "Agreement",
        "kind_decision": "Decision",
        "kind_meeting": "Meeting",
        "kind_forum": "Forum",
        "only_year": "only the year is known",
        "only_month": "only the month is known",
        "no_date": "no date",
        "dated_by": "No date of its own; shown at",
        "decided_by": "Decided by",
        "body_label": "Body",
        "host_label": "Host",
        "parties_label": "Parties",
        "takes_part_as": "Takes part as",
        "role_party": "party",
        "role_host": "host",
        "role_recipient": "recipient",
        "role_seat": "seat in the body",
        "role_member": "member",
        "role_own_body": "its own body",
        "role_concerned": "concerned by the decision",
        "error_bad_iri": "{param} must be an IRI, such as https://w3id.org/samverkan/id/org/huddinge-kommun, not “{value}”.",
        "error_unknown_organization": "{param}: there is no organization with the IRI {value}.",
        "error_unknown_area": "{param}: there is no collaboration area with the IRI {value}.",
        "error_not_organization": "{param}: {label} ({value}) is not an organization.",
        "error_not_area": "{param}: {label} ({value}) is not a collaboration area.",
        "error_same_organization": "Choose two different organizations.",
        "error_bad_sort": "sort must be one of {choices}, not “{value}”.",
        "error_bad_order": "order must be asc or desc, not “{value}”.",
        "error_bad_year": "year must be a year such as 2017, not “{value}”.",
        # --- the ontology and shapes pages (webapp/ontology_page.py) ---
        "nav_ontology": "Ontology",
        "ont_namespace": "Namespace",
        "ont_prefix": "Prefix",
        "ont_version": "Version",
        "ont_license": "Licence",
        "ont_creator": "Creator",
        "ont_issued": "Issued",
        "ont_formats": "As RDF",
        "ont_classes": "Classes",
        "ont_properties": "Properties",
        "ont_label": "Label",
        "ont_definition": "Definition",
        "ont_subclass_of": "Subclass of",
        "ont_superclass_of": "Superclass of",
        "ont_subproperty_of": "Subproperty of",
        "ont_superproperty_of": "Superproperty of",
        "ont_domain": "Domain",
        "ont_range": "Range",
        "ont_examples": "Examples from the data",
        "ont_no_examples": "No examples in the data.",
        "ont_shapes": "SHACL shapes that apply",
        "ont_no_shapes": "No shape applies to this class.",
        "ont_shapes_link": "The SHACL shapes",
        "ont_targets": "Applies to",
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
