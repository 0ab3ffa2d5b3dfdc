"""A day list ("on 7, 21 and 28 June" written out) is one event on each of its days, with
the hour and the place the text gives once."""

from __future__ import annotations

import pytest
from calls import extract, sorted_starts

LISTS = {
    "fr": "Cercle de silence\nNous nous retrouvons les jeudis 5 juin, 19 juin et 3 juillet 2025."
          "\nDe 18h à 19h, place Saint-Lambert à Liège.\n",
    "en": "Silent vigil\nWe meet on Thursday 5 June, 19 June and 3 July 2025.\n"
          "From 6pm to 7pm in Park Square, Leeds.\n",
    "nl": "Stille wake\nWe komen samen op donderdag 5 juni, 19 juni en 3 juli 2025.\n"
          "Van 18u tot 19u op de Korenmarkt in Gent.\n",
}


@pytest.mark.parametrize("lang", sorted(LISTS))
def test_a_day_list_is_one_event_on_each_day(lang: str) -> None:
    events = extract(LISTS[lang], "2025-06-01", lang)
    assert sorted_starts(events) == ["2025-06-05T18:00", "2025-06-19T18:00", "2025-07-03T18:00"]
    assert {e.place.locality for e in events} == {"Liège" if lang == "fr" else
                                                  "Leeds" if lang == "en" else "Gent"}


def test_two_dates_are_no_day_list() -> None:
    text = ("Fête du quartier le samedi 14 juin 2025 à 15h place Flagey. En cas de pluie, "
            "elle aura lieu le 21 juin.\n")
    assert len(extract(text, "2025-06-01", "fr")) <= 2


RUNNING_DAYS = [
    ("nl", "De bar houdt op vrijdag 12, zaterdag 13 en zondag 14 september een\n\n"
           "\"afscheidsfestival\" in de Spuistraat in Amsterdam.\n", "2025-09-01",
     ("2025-09-12", "2025-09-14")),
    ("fr", "Festival de soutien samedi 14 et dimanche 15 juin au parc de la Boverie à Liège.\n",
     "2025-06-01", ("2025-06-14", "2025-06-15")),
    ("en", "Benefit weekend on Saturday 14 and Sunday 15 June at the Brudenell, Leeds.\n",
     "2025-06-01", ("2025-06-14", "2025-06-15")),
]


@pytest.mark.parametrize(("lang", "text", "reference", "span"), RUNNING_DAYS)
def test_days_that_follow_one_another_are_one_event(lang: str, text: str, reference: str,
                                                    span: tuple[str, str]) -> None:
    events = extract(text, reference, lang)
    assert len(events) == 1
    assert (str(events[0].start), str(events[0].end)) == span
