"""Lunar-calendar holidays (affiche.when.lunar): Islamic, Chinese, Hindu, Parsi, per language.

Expected dates are the days these festivals were publicly kept (Saudi Umm al-Qura calendar for
the Islamic ones, Indian almanacs for the Hindu ones), checked against published calendars.
"""

from __future__ import annotations

import datetime as dt

import pytest

from affiche.when import find, values

REFERENCE = dt.datetime(2016, 3, 1, 9, 0)


def _day(expression: str, lang: str, reference: dt.datetime = REFERENCE) -> str:
    found = values(expression, reference, lang)
    assert found, expression
    best = found[0]
    return (best.get("value") or best["from"])[:10]


EN = [
    ("Eid al-Fitr 2017", "2017-06-25"),
    ("eid ul-fitr 2019", "2019-06-04"),
    ("Eid al-Adha 2017", "2017-09-01"),
    ("bakrid 2020", "2020-07-31"),
    ("islamic new year 2019", "2019-08-31"),
    ("ashura 2019", "2019-09-09"),
    ("chinese new year 2016", "2016-02-08"),
    ("lunar new year 2020", "2020-01-25"),
    ("mid-autumn festival 2019", "2019-09-13"),
    ("diwali 2017", "2017-10-19"),
    ("deepavali 2020", "2020-11-14"),
    ("diwali 2021", "2021-11-04"),
    ("holi 2018", "2018-03-02"),
    ("holi 2020", "2020-03-10"),
    ("raksha bandhan 2019", "2019-08-15"),
    ("ugadi 2019", "2019-04-06"),
    ("gudi padwa 2021", "2021-04-13"),
    ("thaipusam 2019", "2019-01-21"),
    ("thaipusam 2020", "2020-02-08"),
    ("onam 2016", "2016-09-14"),
    ("onam 2022", "2022-09-08"),
    ("makar sankranti 2020", "2020-01-15"),
    ("pongal 2021", "2021-01-14"),
    ("rabindra jayanti 2021", "2021-05-09"),
    ("parsi new year 2024", "2024-08-15"),
    ("parsi new year 2019", "2019-08-17"),
]

FR = [
    ("l'Aïd 2025", "2025-03-30"),
    ("Aïd el-Kébir 2025", "2025-06-06"),
    ("nouvel an chinois 2025", "2025-01-29"),
    ("Diwali 2025", "2025-10-20"),
]

NL = [
    ("Suikerfeest 2025", "2025-03-30"),
    ("offerfeest 2025", "2025-06-06"),
    ("chinees nieuwjaar 2024", "2024-02-10"),
    ("holi 2025", "2025-03-14"),
]


@pytest.mark.parametrize(("expression", "day"), EN)
def test_english_lunar_holidays(expression: str, day: str) -> None:
    assert _day(expression, "en") == day


@pytest.mark.parametrize(("expression", "day"), FR)
def test_french_lunar_holidays(expression: str, day: str) -> None:
    assert _day(expression, "fr") == day


@pytest.mark.parametrize(("expression", "day"), NL)
def test_dutch_lunar_holidays(expression: str, day: str) -> None:
    assert _day(expression, "nl") == day


def test_ramadan_is_the_whole_month() -> None:
    best = values("Ramadan 2017", REFERENCE, "en")[0]
    assert best["type"] == "interval"
    assert best["from"][:10] == "2017-05-27"
    assert best["to"][:10] == "2017-06-25"


def test_next_occurrence_without_a_year() -> None:
    # after the 2016 Chinese New Year (8 February), the next one is in 2017
    assert _day("chinese new year", "en") == "2017-01-28"
    assert _day("last chinese new year", "en") == "2016-02-08"


def test_outside_the_tables_is_no_reading_and_no_error() -> None:
    assert values("Eid al-Fitr 1800", REFERENCE, "en") == []


def test_found_in_running_text() -> None:
    text = "Iftar collectif pour l'Aïd 2025, ouvert à tous."
    mentions = find(text, REFERENCE, "fr")
    assert any(m.text.lower().startswith("l'aïd") for m in mentions)


def test_holiday_with_day_and_time_in_running_text() -> None:
    text = "Fête de l'Aïd le dimanche 30 mars à 14h, salle communale."
    mentions = find(text, dt.datetime(2025, 1, 10, 12), "fr")
    assert [m.value.isoformat()[:16] for m in mentions] == ["2025-03-30T14:00"]
    text = "Eid al-Fitr on Sunday at 6pm"
    mentions = find(text, dt.datetime(2025, 1, 10, 12), "en")
    assert [m.value.isoformat()[:16] for m in mentions] == ["2025-03-30T18:00"]


def test_nth_weekday_after_a_lunar_holiday() -> None:
    # Diwali 2019 was Sunday 27 October; the first Saturday after it is 2 November
    assert _day("first saturday after diwali 2019", "en") == "2019-11-02"
