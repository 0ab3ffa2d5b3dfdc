"""Two announcements worded alike stay two events, each with its own heading, day, hour and
town (issue 15 item 4); one call told twice with a stale day in its headline stays one."""

from __future__ import annotations

import pytest
from calls import extract, starts

ALIKE = {
    "fr": ("Sauvons la maternité de Huy\nVenez nombreuses et nombreux défendre les services "
           "publics le samedi 14 juin 2025 à 14h devant l'hôtel de ville de Huy.\n\n"
           "Sauvons la poste de Dinant\nVenez nombreuses et nombreux défendre les services "
           "publics le jeudi 19 juin 2025 à 18h devant l'hôtel de ville de Dinant.\n",
           ("Sauvons la maternité de Huy", "Sauvons la poste de Dinant"), ("Huy", "Dinant")),
    "en": ("Save Hove library\nJoin us to defend our public services on Saturday 14 June 2025 "
           "at 11am outside the Town Hall in Hove.\n\nSave Lewes swimming pool\nJoin us to "
           "defend our public services on Thursday 19 June 2025 at 6pm outside the Town Hall "
           "in Lewes.\n", ("Save Hove library", "Save Lewes swimming pool"), ("Hove", "Lewes")),
    "nl": ("Red het zwembad van Aalst\nKom mee onze openbare diensten verdedigen op zaterdag "
           "14 juni 2025 om 14u aan het stadhuis van Aalst.\n\nRed de bibliotheek van Lier\n"
           "Kom mee onze openbare diensten verdedigen op donderdag 19 juni 2025 om 18u aan het "
           "stadhuis van Lier.\n", ("Red het zwembad van Aalst", "Red de bibliotheek van Lier"),
           ("Aalst", "Lier")),
}
HOURS = {"fr": ("14:00", "18:00"), "en": ("11:00", "18:00"), "nl": ("14:00", "18:00")}


@pytest.mark.parametrize("lang", sorted(ALIKE))
def test_two_calls_of_one_shape_are_two_events(lang: str) -> None:
    text, headings, towns = ALIKE[lang]
    events = extract(text, "2025-06-01", lang)
    first, second = HOURS[lang]
    assert starts(events) == [f"2025-06-14T{first}", f"2025-06-19T{second}"]
    assert tuple(e.place.locality for e in events) == towns
    assert tuple(e.title for e in events) == headings
    assert not any(w.code == "conflicting_dates" for e in events for w in e.warnings)


def test_each_call_takes_the_kind_of_its_own_heading() -> None:
    text = ("Vigil for the river\nVigil on Saturday 14 June 2025 at 7pm at Castle Green in "
            "Bristol.\n\nRally against the cuts\nRally on Thursday 19 June 2025 at 1pm at the "
            "Town Hall in Leeds.\n")
    events = extract(text, "2025-06-01", "en")
    assert [(e.kind, e.title) for e in events] == [("vigil", "Vigil for the river"),
                                                   ("rally", "Rally against the cuts")]


def test_a_stale_day_in_the_headline_is_the_same_call() -> None:
    text = ("Rencontre avec les glaneuses du marché, le 3 octobre\n\n"
            "Venez rencontrer les glaneuses du marché le samedi 11 octobre 2025 à 18h à la "
            "Maison du Peuple de Saint-Gilles.\n")
    events = extract(text, "2025-09-20", "fr")
    assert starts(events) == ["2025-10-11T18:00"]
    warning = next(w for w in events[0].warnings if w.code == "conflicting_dates")
    assert [c[:10] for c in warning.candidates] == ["2025-10-11", "2025-10-03"]
