"""Contacts: e-mails (plain and obfuscated), phones, URLs and social handles, per language."""

from __future__ import annotations

import pytest

from affiche.extract.contacts import find_contacts

# (language, text, expected [(type, value)] in text order)
CASES = [
    ("fr", "Infos : lucie.martin@collectif-demo.be ou au 02 511 22 33.",
     [("email", "lucie.martin@collectif-demo.be"), ("phone", "02 511 22 33")]),
    ("fr", "Écrivez-nous : secretariat [at] asbl-rue [dot] org",
     [("email", "secretariat@asbl-rue.org")]),
    ("fr", "Contact: tresorerie(at)asbl-rue.org, merci !", [("email", "tresorerie@asbl-rue.org")]),
    ("fr", "mail : accueil @ maison-du-peuple . be", [("email", "accueil@maison-du-peuple.be")]),
    ("fr", "courriel : benevoles arobase soupe-populaire point org",
     [("email", "benevoles@soupe-populaire.org")]),
    ("fr", "hebergement -at- plateforme-exemple.org pour héberger",
     [("email", "hebergement@plateforme-exemple.org")]),
    ("nl", "Mail naar info apenstaartje buurtwerking punt be voor vrijdag.",
     [("email", "info@buurtwerking.be")]),
    ("nl", "Bel 0470 12 34 56 of kijk op www.buurtwerking.be.",
     [("phone", "0470 12 34 56"), ("url", "www.buurtwerking.be")]),
    ("nl", "Inschrijven via https://buurtwerking.be/inschrijven?dag=za (gratis).",
     [("url", "https://buurtwerking.be/inschrijven?dag=za")]),
    ("nl", "Meer info op vrede-nu.be/agenda en op facebook.com/vredenu",
     [("url", "vrede-nu.be/agenda"), ("social", "facebook.com/vredenu")]),
    ("en", "Email press AT campaign-example DOT org or call +44 20 7946 0000.",
     [("email", "press@campaign-example.org"), ("phone", "+44 20 7946 0000")]),
    ("en", "Follow @climate_walk and instagram.com/climatewalk for updates.",
     [("social", "@climate_walk"), ("social", "instagram.com/climatewalk")]),
    ("en", "RSVP: https://www.facebook.com/events/1234567890/",
     [("social", "https://www.facebook.com/events/1234567890/")]),
    ("fr", "Appelez Swiss contact +41 22 700 11 22 ou Paris +33 1 43 00 00 00.",
     [("phone", "+41 22 700 11 22"), ("phone", "+33 1 43 00 00 00")]),
    ("nl", "Organisatie in Utrecht: +31 30 123 4567", [("phone", "+31 30 123 4567")]),
    ("en", "Write to info@walk-example.org.uk or press [at] walk-example [dot] co [dot] uk.",
     [("email", "info@walk-example.org.uk"), ("email", "press@walk-example.co.uk")]),
]

# Texts that hold no contact at all: times, dates, prices, files, abbreviations, inclusive writing.
NOTHING = [
    ("fr", "RDV 13h30. Le 19.01.2025 à 14h, prix 5€, art. 27 : 1,25€."),
    ("fr", "Photo IMG_2025.jpg et affiche.pdf ; p.ex. les militant.es et tou.te.s."),
    ("nl", "Om 14u30 op 19/01/2025, 1.200 deelnemers en 200.000 euro."),
    ("en", "At 10.30am on 04.11.2006, we meet at the square at 3pm."),
    ("en", "Join us, e.g. at 12.00 noon, 500,000 people."),
    # links to read are not contacts, and nothing inside them is read as a phone
    ("fr", "Lire https://journal.example/societe/1234567-expulsions-12-03-2024.html ici."),
    ("nl", "Zie https://nl.wikipedia.org/wiki/Potlatch voor uitleg."),
    # a domain written as a name
    ("nl", "Georganiseerd door Vredeshuis.net Antwerpen en anderen."),
]


@pytest.mark.parametrize("lang, text, expected", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_contacts(lang: str, text: str, expected: list[tuple[str, str]]) -> None:
    found = find_contacts(text)
    assert [(c.type, c.value) for c in found] == expected
    for contact in found:
        start, end = contact.evidence
        assert 0 <= start < end <= len(text)


@pytest.mark.parametrize("lang, text", NOTHING, ids=[f"{c[0]}-{i}" for i, c in enumerate(NOTHING)])
def test_no_false_contacts(lang: str, text: str) -> None:
    assert find_contacts(text) == []


def test_email_inside_mailto_and_url_counted_once() -> None:
    text = ("<a href='mailto:info@theatre-exemple.be'>info@theatre-exemple.be</a> "
            "ou https://exemple.org/contact?to=info@exemple.org")
    found = find_contacts(text)
    assert [(c.type, c.value) for c in found] == [
        ("email", "info@theatre-exemple.be"),
        ("url", "https://exemple.org/contact?to=info@exemple.org"),
    ]


def test_same_contact_twice_once_fullest_form_kept() -> None:
    text = "collectif.example.be\n...\nVoir https://collectif.example.be et collectif.example.be"
    found = find_contacts(text)
    assert [(c.type, c.value) for c in found] == [("url", "https://collectif.example.be")]


def test_evidence_covers_obfuscated_form() -> None:
    text = "Écrire à nom [at] domaine [dot] org."
    (contact,) = find_contacts(text)
    assert text[contact.evidence[0]:contact.evidence[1]] == "nom [at] domaine [dot] org"


def test_national_number_of_another_country_with_region() -> None:
    text = "Call the office on 020 7946 0000 for details."
    assert [c.value for c in find_contacts(text, default_region="GB")] == ["020 7946 0000"]


def test_handle_is_not_the_at_of_an_email() -> None:
    found = find_contacts("Écrivez à equipe@collectif-x.org ou suivez @collectif_x")
    assert [(c.type, c.value) for c in found] == [("email", "equipe@collectif-x.org"),
                                                  ("social", "@collectif_x")]


def test_long_dotted_text_is_fast_and_empty() -> None:
    assert find_contacts("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t " * 50) == []


def test_empty_text() -> None:
    assert find_contacts("") == []
