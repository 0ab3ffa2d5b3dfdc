"""Extraction behaviour per language, on short calls written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest
from calls import BRUSSELS, extract, starts

from affiche import pipeline

PROGRAMME = """Journée de solidarité avec les sans-papiers
Samedi 12 avril 2025 à la Maison du Peuple, parvis de Saint-Gilles 39, 1060 Saint-Gilles
14h : atelier de fabrication de pancartes
18h30 : projection du documentaire « Les invisibles »
21h : concert de soutien avec la fanfare du quartier
"""


def test_a_programme_is_a_day_with_its_items() -> None:
    events = extract(PROGRAMME, "2025-04-01", "fr")
    assert starts(events) == ["2025-04-12T14:00", "2025-04-12T14:00", "2025-04-12T18:30",
                              "2025-04-12T21:00"]
    assert events[0].title == "Journée de solidarité avec les sans-papiers"
    assert [e.kind for e in events[1:]] == ["workshop", "screening", "concert"]
    assert all(e.place.postcode == "1060" for e in events[:2])


CONFLICT = """Rassemblement pour la régularisation
Ce samedi, soyons nombreux devant l'Office des étrangers.
Rendez-vous dimanche 19 janvier à 14h, boulevard Pachéco 44, 1000 Bruxelles.
"""


def test_a_relative_day_against_an_explicit_date_is_a_conflict() -> None:
    events = extract(CONFLICT, "2025-01-13", "fr")
    assert len(events) == 1
    assert starts(events) == ["2025-01-19T14:00"]
    warning = next(w for w in events[0].warnings if w.code == "conflicting_dates")
    assert [c[:10] for c in warning.candidates] == ["2025-01-19", "2025-01-18"]
    assert events[0].place.street == "boulevard Pachéco 44"


DATELINE = """12 mars 2025

Manifestation pour le climat ce samedi à 14h place Flagey à Ixelles.
"""


def test_the_publication_date_line_is_not_an_event() -> None:
    events = extract(DATELINE, "2025-03-12", "fr")
    assert starts(events) == ["2025-03-15T14:00"]
    assert events[0].place.locality == "Ixelles"


REPORT_NL = """Gisteren hebben duizend mensen betoogd in Antwerpen tegen de besparingen.
De stoet was vertrokken aan het Centraal Station en eindigde op de Groenplaats.
Volgens de politie verliep alles rustig. Zaterdag waren er al acties geweest in Gent.
"""


def test_a_report_of_a_past_march_gives_no_event() -> None:
    assert extract(REPORT_NL, "2025-03-17", "nl") == []


DEPARTURES_NL = """Oproep: betoging voor de klimaatwet op zondag 6 april 2025 in Brussel

Vertrekplaatsen van de bussen:
  • Gent, Sint-Pietersstation: 9.15 u.
  • Brugge, station: 8.45 u.
  • Kortrijk, Grote Markt: 8.30 u.
"""


def test_a_list_of_departures_gives_meeting_points_and_leaves_the_day() -> None:
    events = extract(DEPARTURES_NL, "2025-03-20", "nl")
    assert len(events) == 1
    assert events[0].start == dt.date(2025, 4, 6)
    times = sorted(m.time.strftime("%H:%M") for m in events[0].meeting_points
                   if isinstance(m.time, dt.datetime))
    assert times == ["08:30", "08:45", "09:15"]
    assert events[0].kind == "demonstration"


MARCH_EN = """Refugees welcome march

Join us on Saturday 5 April 2025. We meet at 1pm outside the Town Hall, Leeds,
and the march sets off at 2pm towards Millennium Square.
Contact: leeds-solidarity@example.org
"""


def test_an_english_march_starts_at_its_assembly() -> None:
    events = extract(MARCH_EN, "2025-03-28", "en")
    assert len(events) == 1
    assert starts(events) == ["2025-04-05T13:00"]
    assert events[0].kind == "march"
    assert events[0].place.locality == "Leeds"
    assert [c.value for c in events[0].contacts] == ["leeds-solidarity@example.org"]


@pytest.mark.parametrize("text, lang", [
    ("Le centre fermé a été construit en 1994.", "fr"),
    ("Hoe bereik je ons? Bel 09 000 00 00.", "nl"),
    ("", "en"),
    ("\n\n\n", "fr"),
])
def test_no_event_without_a_date(text: str, lang: str) -> None:
    assert extract(text, "2025-01-13", lang) == []


def test_meeting_before_start_and_train() -> None:
    text = ("Vigile devant la prison de Haren le vendredi 7 mars 2025 à 19h.\n"
            "Départ groupé : rendez-vous à 18h15 à la gare de Haren-Sud.\n"
            "Un train part à 17h52 de Bruxelles-Central et arrive à 18h05.\n")
    events = extract(text, "2025-03-01", "fr")
    assert len(events) == 1
    event = events[0]
    assert starts(events) == ["2025-03-07T19:00"]
    assert event.kind == "vigil"
    assert any(m.time and m.time.strftime("%H:%M") == "18:15" for m in event.meeting_points)
    train = next(t for t in event.transport if t.mode == "train")
    assert (train.departs.strftime("%H:%M"), train.arrives.strftime("%H:%M")) == ("17:52", "18:05")
    assert "meeting_after_start" not in event.warning_codes()


def test_embedded_event_data_completes_and_questions_the_text() -> None:
    from affiche.ingest import read_text

    moment = dt.datetime(2025, 5, 1, tzinfo=BRUSSELS)
    document = read_text("Concert de soutien le samedi 10 mai 2025 à 20h au Magasin 4, Bruxelles.",
                         reference=moment)
    document.hints = [
        {"name": "Concert de soutien", "startDate": "2025-05-10T21:00:00+02:00",
         "location": {"name": "Magasin 4", "addressLocality": "Bruxelles"}},
        {"name": "Bal de clôture", "startDate": "2025-05-11T18:00:00+02:00",
         "location": {"name": "Magasin 4", "addressLocality": "Bruxelles"}},
        {"name": "Annulé", "startDate": "2025-05-12", "status": "EventCancelled"},
    ]
    events = pipeline.run(document, pipeline.Options(lang="fr"))
    assert starts(events) == ["2025-05-10T20:00", "2025-05-11T18:00"]
    differs = next(w for w in events[0].warnings if w.code == "structured_data_differs")
    assert [c[11:16] for c in differs.candidates] == ["20:00", "21:00"]
    assert "from_structured_data" in events[1].warning_codes()
    assert events[1].title == "Bal de clôture"


@pytest.mark.parametrize("text, lang, end", [
    ("Marche pour le climat dimanche 6 avril 2025 à 13h, gare du Nord à Bruxelles. "
     "La marche doit se terminer vers 17h au parc.", "fr", "2025-04-06T17:00"),
    ("Fietstocht op zondag 6 april 2025 om 10u aan het station van Gent, "
     "de tocht eindigt om 16u.", "nl", "2025-04-06T16:00"),
    ("Picket on Sunday 6 April 2025 at 10am outside the depot in Leeds, until 2pm.",
     "en", "2025-04-06T14:00"),
])
def test_an_ending_time_is_the_end(text: str, lang: str, end: str) -> None:
    events = extract(text, "2025-04-01", lang)
    assert len(events) == 1
    assert events[0].end is not None and events[0].end.isoformat()[:16] == end


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_extraction_never_raises_and_spans_map_back(lang: str) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from affiche import lang as language_data

    data = language_data.load(lang)
    words = [w for table in data["time"].values() if isinstance(table, dict) for w in table]
    words += [w.rstrip("*") for kind in data["events"]["kinds"].values() for w in kind]
    words += ["Bruxelles", "Gent", "rue de la Loi 16", "1000", "Place Flagey", "14h", "13u30",
              "2pm", "a@example.org", "+32 470 00 00 00", "\n", "\n\n", ":", "-", "•"]

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(words), min_size=1, max_size=30))
    def check(tokens: list[str]) -> None:
        text = " ".join(tokens)
        document, events = pipeline.extract_text(
            text, reference=dt.datetime(2025, 1, 13, tzinfo=BRUSSELS), lang=lang)
        for event in events:
            event.to_dict()
            for start, end in event.evidence.values():
                assert 0 <= start <= end <= len(document.text)

    check()


def test_a_postponed_event_keeps_its_new_date() -> None:
    text = ("Le rassemblement devant le parlement a été reporté au samedi 15 mars 2025 à 14h "
            "à cause de la grève des transports.")
    events = extract(text, "2025-03-01", "fr")
    assert starts(events) == ["2025-03-15T14:00"]


def test_a_same_day_report_in_the_past_tense_is_no_event() -> None:
    text = ("Vottem, dimanche\n\nLa date du 9 mars n'a pas été choisie au hasard : ce dimanche, "
            "quelque 300 personnes se sont rassemblées devant le centre fermé.")
    assert extract(text, "2025-03-09", "fr") == []


def test_a_time_in_a_sentence_about_a_past_day_stays_with_the_event() -> None:
    text = ("Rally for health care on Saturday, March 20, 2010 at the Capitol, Washington.\n"
            "Some people also plan to meet at 10am to visit offices, unlike the previous "
            "Saturday.\nThe main rally starts at noon.")
    events = extract(text, "2010-03-19", "en")
    assert starts(events) == ["2010-03-20T12:00"]
    assert [m.time.strftime("%H:%M") for m in events[0].meeting_points
            if isinstance(m.time, dt.datetime)] == ["10:00"]
