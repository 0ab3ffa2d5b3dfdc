"""The time engine's constructions, one table per construction and language, with our own values.

Reference: Thursday 9 October 2025, 15:40 in Brussels (naive: the engine attaches the default
zone). A reading is written "START grain", or "FROM..TO grain" for an interval (TO exclusive),
in wall-clock time to the minute; "None" for an open end.
"""

from __future__ import annotations

import datetime as dt

import pytest

from affiche.when import find, values

REFERENCE = dt.datetime(2025, 10, 9, 15, 40)


def _reading(expression: str, lang: str) -> str:
    found = values(expression, REFERENCE, lang)
    assert found, f"{expression!r} gave no reading"
    best = found[0]
    if best["type"] == "value":
        return f"{best['value'][:16]} {best['grain']}"
    low, high = best["from"], best["to"]
    return f"{low[:16] if low else None}..{high[:16] if high else None} {best['grain']}"


def _table(rows: list[tuple[str, str, str]]):
    return pytest.mark.parametrize(("lang", "expression", "expected"), rows,
                                   ids=[f"{r[0]}: {r[1]}" for r in rows])


MODIFIERS = [
    ("fr", "demain en fin de matinée", "2025-10-10T10:00..2025-10-10T12:00 hour"),
    ("fr", "samedi en début de soirée", "2025-10-11T18:00..2025-10-11T20:00 hour"),
    ("fr", "en milieu d'après-midi", "2025-10-09T14:00..2025-10-09T17:00 hour"),
    ("fr", "lundi en fin de journée", "2025-10-13T17:00..2025-10-13T20:00 hour"),
    ("fr", "fin novembre", "2025-11-21T00:00..2025-12-01T00:00 day"),
    ("fr", "mi-janvier", "2026-01-10T00:00..2026-01-20T00:00 day"),
    ("fr", "au début de l'hiver", "2025-12-21T00:00..2026-01-19T00:00 day"),
    ("nl", "vrijdag laat in de avond", "2025-10-10T21:00..2025-10-11T00:00 hour"),
    ("nl", "begin december", "2025-12-01T00:00..2025-12-11T00:00 day"),
    ("nl", "eind van de week", "2025-10-10T00:00..2025-10-13T00:00 day"),
    ("nl", "midden van de lente", "2026-04-19T00:00..2026-05-21T00:00 day"),
    ("nl", "zondag vroeg in de ochtend", "2025-10-12T07:00..2025-10-12T09:00 hour"),
    ("en", "tomorrow early in the morning", "2025-10-10T04:00..2025-10-10T09:00 hour"),
    ("en", "sunday late in the afternoon", "2025-10-12T16:00..2025-10-12T19:00 hour"),
    ("en", "mid June", "2026-06-11T00:00..2026-06-21T00:00 day"),
    ("en", "late next week", "2025-10-17T00:00..2025-10-20T00:00 day"),
    ("en", "the end of the autumn", "2025-11-22T00:00..2025-12-21T00:00 day"),
    ("fr", "la fin du week-end", "2025-10-12T00:00..2025-10-13T00:00 hour"),
    ("nl", "begin van het weekend", "2025-10-10T18:00..2025-10-12T00:00 hour"),
    ("en", "the end of next weekend", "2025-10-19T00:00..2025-10-20T00:00 hour"),
    ("fr", "demain avant le déjeuner", "2025-10-10T10:00..2025-10-10T12:00 hour"),
    ("fr", "lundi après l'école", "2025-10-13T15:00..2025-10-13T18:00 hour"),
    ("nl", "vrijdag na het werk", "2025-10-10T17:00..2025-10-10T21:00 hour"),
    ("en", "tomorrow after lunch", "2025-10-10T13:00..2025-10-10T17:00 hour"),
    ("en", "friday after school", "2025-10-10T15:00..2025-10-10T18:00 hour"),
]


@_table(MODIFIERS)
def test_a_position_composes_with_any_period(lang: str, expression: str, expected: str) -> None:
    assert _reading(expression, lang) == expected


QUANTITIES = [
    ("fr", "dans 2,5 heures", "2025-10-09T18:10 second"),
    ("fr", "il y a trois semaines", "2025-09-18T00:00 day"),
    ("fr", "les 2 prochains mois", "2025-11-01T00:00..2026-01-01T00:00 month"),
    ("fr", "dans une demi-journée", "2025-10-10T03:40 minute"),
    ("fr", "dans 10 min", "2025-10-09T15:50 second"),
    ("fr", "dans une heure et demie", "2025-10-09T17:10 second"),
    ("nl", "over anderhalve dag", "2025-10-11T03:40 minute"),
    ("nl", "5 dagen geleden", "2025-10-04T15:00 hour"),
    ("nl", "de komende 4 weken", "2025-10-13T00:00..2025-11-10T00:00 week"),
    ("nl", "binnen 2 uur", "2025-10-09T15:40..2025-10-09T17:40 second"),
    ("nl", "zes uur geleden", "2025-10-09T09:40 minute"),
    ("nl", "over 1,5 uur", "2025-10-09T17:10 second"),
    ("en", "in a couple of days", "2025-10-11T15:00 hour"),
    ("en", "3 yrs ago", "2022-10-01T00:00 month"),
    ("en", 'in 90"', "2025-10-09T15:41 second"),
    ("en", "in 12'", "2025-10-09T15:52 second"),
    ("en", "the last 2 years", "2023-01-01T00:00..2025-01-01T00:00 year"),
    ("en", "in 0.5 hours", "2025-10-09T16:10 second"),
]


@_table(QUANTITIES)
def test_any_quantity_of_any_unit_in_any_frame(lang: str, expression: str, expected: str) -> None:
    assert _reading(expression, lang) == expected


ORDINALS = [
    ("fr", "le troisième jeudi de novembre", "2025-11-20T00:00 day"),
    ("fr", "l'avant-dernier vendredi de décembre", "2025-12-19T00:00 day"),
    ("fr", "le dernier dimanche du mois", "2025-10-26T00:00 day"),
    ("nl", "de eerste maandag van maart", "2026-03-02T00:00 day"),
    ("nl", "de voorlaatste woensdag van januari", "2026-01-21T00:00 day"),
    ("nl", "de laatste zaterdag van volgende maand", "2025-11-29T00:00 day"),
    ("en", "the second last Friday of June", "2026-06-19T00:00 day"),
    ("en", "the fourth Tuesday of November", "2025-11-25T00:00 day"),
    ("en", "the first Monday of next month", "2025-11-03T00:00 day"),
    ("en", "the third Sunday of the year", "2025-01-19T00:00 day"),
    ("en", "the closest Friday to Christmas", "2025-12-26T00:00 day"),
    ("fr", "le dernier jour du mois", "2025-10-31T00:00 day"),
    ("fr", "la dernière semaine de l'année", "2025-12-22T00:00 week"),
    ("nl", "de eerste dag van volgende maand", "2025-11-01T00:00 day"),
    ("nl", "het tweede weekend van de maand", "2025-10-10T18:00..2025-10-13T00:00 hour"),
    ("en", "the last day of the year", "2025-12-31T00:00 day"),
    ("en", "the first week of next month", "2025-11-03T00:00 week"),
]


@_table(ORDINALS)
def test_positions_of_a_weekday_in_a_period(lang: str, expression: str, expected: str) -> None:
    assert _reading(expression, lang) == expected


ANCHORS = [
    ("fr", "d'ici vendredi", "2025-10-09T15:40..2025-10-10T00:00 second"),
    ("fr", "d'ici 18h", "2025-10-09T15:40..2025-10-09T18:00 second"),
    ("fr", "avant 18h", "None..2025-10-09T18:00 hour"),
    ("fr", "jusqu'à 20h", "None..2025-10-09T20:00 hour"),
    ("fr", "à partir de 19h", "2025-10-09T19:00..None hour"),
    ("fr", "dès que possible", "2025-10-09T15:40..None second"),
    ("nl", "tegen 17 uur", "2025-10-09T15:40..2025-10-09T17:00 second"),
    ("nl", "voor 20 uur", "None..2025-10-09T20:00 hour"),
    ("nl", "vanaf 21 uur", "2025-10-09T21:00..None hour"),
    ("nl", "zo snel mogelijk", "2025-10-09T15:40..None second"),
    ("en", "by Monday", "2025-10-09T15:40..2025-10-13T00:00 second"),
    ("en", "by 6pm", "2025-10-09T15:40..2025-10-09T18:00 second"),
    ("en", "until 9pm", "None..2025-10-09T21:00 hour"),
    ("en", "from 8pm onwards", "2025-10-09T20:00..None hour"),
    ("en", "ASAP", "2025-10-09T15:40..None second"),
    ("nl", "tot en met 30 november", "None..2025-12-01T00:00 day"),
    ("fr", "jusqu'au 30 novembre", "None..2025-12-01T00:00 day"),
    ("en", "through November 30", "None..2025-12-01T00:00 day"),
    ("fr", "d'ici la fin du mois", "2025-10-09T15:40..2025-11-01T00:00 second"),
    ("fr", "trois jours avant Noël", "2025-12-22T00:00 day"),
    ("nl", "een week voor Kerstmis", "2025-12-18T00:00 day"),
    ("en", "two weeks before Christmas", "2025-12-11T00:00 day"),
    ("en", "4 days after Easter", "2026-04-09T00:00 day"),
]


@_table(ANCHORS)
def test_deadlines_and_open_ends_take_any_time(lang: str, expression: str, expected: str) -> None:
    assert _reading(expression, lang) == expected


CLOCKS = [
    ("fr", "dix-neuf heures trois quarts", "2025-10-09T19:45 minute"),
    ("fr", "à 17h45", "2025-10-09T17:45 minute"),
    ("fr", "seize heures et quart", "2025-10-09T16:15 minute"),
    ("fr", "17h passé de 20 minutes", "2025-10-09T17:20 minute"),
    ("nl", "half negen", "2025-10-09T20:30 minute"),
    ("nl", "16u30", "2025-10-09T16:30 minute"),
    ("nl", "17.15 uur", "2025-10-09T17:15 minute"),
    ("nl", "kwart voor zes", "2025-10-09T17:45 minute"),
    ("en", "half seven", "2025-10-09T19:30 minute"),
    ("en", "930 pm", "2025-10-09T21:30 minute"),
    ("en", "at 6ish", "2025-10-09T18:00 hour"),
    ("en", "quarter past five pm", "2025-10-09T17:15 minute"),
]


@_table(CLOCKS)
def test_clock_times_in_words_and_compact_digits(lang: str, expression: str,
                                                  expected: str) -> None:
    assert _reading(expression, lang) == expected


JOINED = [
    ("fr", "SAMEDI 18 — 20H", "2025-10-18T20:00 hour"),
    ("fr", "samedi 18 octobre - 20h", "2025-10-18T20:00 hour"),
    ("nl", "zaterdag 18 oktober – 20u", "2025-10-18T20:00 hour"),
    ("nl", "ZATERDAG 18 / 20U", "2025-10-18T20:00 hour"),
    ("en", "Saturday 18 / 8pm", "2025-10-18T20:00 hour"),
    ("en", "Saturday October 18 — 8 pm", "2025-10-18T20:00 hour"),
    ("en", "Saturday 18 8-10pm", "2025-10-18T20:00..2025-10-18T23:00 hour"),
]


@_table(JOINED)
def test_a_date_and_its_time_joined_by_a_dash(lang: str, expression: str, expected: str) -> None:
    assert _reading(expression, lang) == expected


def test_a_dashed_date_and_time_keep_the_weekday_check() -> None:
    found = find("Rendez-vous DIMANCHE 18 — 20H devant la gare.", REFERENCE, "fr")
    assert [m.text for m in found] == ["DIMANCHE 18 — 20H"]
    assert [w.code for w in found[0].warnings] == ["weekday_mismatch"]
    assert found[0].value is not None and found[0].value.hour == 20


ZONES = [
    ("fr", "20h heure de Paris", "2025-10-09T20:00 minute"),
    ("fr", "21h UTC", "2025-10-09T23:00 minute"),
    ("nl", "15 uur utc", "2025-10-09T17:00 minute"),
    ("nl", "19 uur Britse tijd", "2025-10-09T20:00 minute"),
    ("en", "9am pst", "2025-10-09T19:00 minute"),
    ("en", "6pm London time", "2025-10-09T19:00 minute"),
    ("en", "5pm CET", "2025-10-09T18:00 minute"),
]


@_table(ZONES)
def test_zones_in_any_case_and_in_words(lang: str, expression: str, expected: str) -> None:
    assert _reading(expression, lang) == expected


def test_cet_stays_a_french_word() -> None:
    assert _reading("à 14h cet après-midi", "fr") == "2025-10-09T14:00 hour"


HOLIDAYS = [
    ("fr", "la veille de Noël", "2025-12-24T00:00 day"),
    ("fr", "le lendemain de Noël", "2025-12-26T00:00 day"),
    ("fr", "la veille de la Toussaint", "2025-10-31T00:00 day"),
    ("fr", "le lendemain de Pâques 2027", "2027-03-29T00:00 day"),
    ("nl", "tweede paasdag", "2026-04-06T00:00 day"),
    ("nl", "de dag na Kerstmis", "2025-12-26T00:00 day"),
    ("nl", "kerstavond", "2025-12-24T00:00 day"),
    ("en", "the day before Easter", "2026-04-04T00:00 day"),
    ("en", "Christmas Eve", "2025-12-24T00:00 day"),
    ("en", "the day after Christmas 2030", "2030-12-26T00:00 day"),
]


@_table(HOLIDAYS)
def test_holidays_and_the_days_around_them(lang: str, expression: str, expected: str) -> None:
    assert _reading(expression, lang) == expected


BARE_HOURS = [
    ("fr", "samedi de 2 à 5", "2025-10-11T14:00..2025-10-11T18:00 hour"),
    ("fr", "de 4 à 6 de l'après-midi", "2025-10-09T16:00..2025-10-09T19:00 hour"),
    ("nl", "morgen van 9 tot 11", "2025-10-10T09:00..2025-10-10T12:00 hour"),
    ("en", "friday from 3 till 5", "2025-10-10T15:00..2025-10-10T18:00 hour"),
    ("fr", "du 3 au 5", "2025-11-03T00:00..2025-11-06T00:00 day"),
]


@_table(BARE_HOURS)
def test_bare_number_ranges_beside_a_day_are_hours(lang: str, expression: str,
                                                   expected: str) -> None:
    assert _reading(expression, lang) == expected


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Atelier de 4 à 6 au local."),
    ("nl", "Open atelier van 10 tot 12 in de zaal."),
    ("en", "Open house from 2 till 4 at the hall."),
])
def test_a_bare_range_with_nothing_to_tell_is_flagged(lang: str, text: str) -> None:
    found = find(text, REFERENCE, lang)
    assert len(found) == 1
    warning = next(w for w in found[0].warnings if w.code == "ambiguous_time")
    day, hour = (dt.datetime.fromisoformat(c) for c in warning.candidates)
    assert day.hour == 0 and hour.hour >= 10 and hour.tzinfo is not None


def test_days_after_du_are_never_flagged() -> None:
    found = find("Stage du 3 au 5, inscriptions ouvertes.", REFERENCE, "fr")
    assert found and not [w for w in found[0].warnings if w.code == "ambiguous_time"]


@pytest.mark.parametrize(("lang", "expression"), [
    ("fr", "du 9 au 2 novembre"),
    ("nl", "van 9 tot 2 november"),
    ("en", "from 9 to 2 November"),
])
def test_an_interval_ending_before_it_starts_is_rejected(lang: str, expression: str) -> None:
    assert values(expression, REFERENCE, lang) == []


def test_an_era_makes_a_year() -> None:
    assert _reading("in 800 AD", "en") == "0800-01-01T00:00 year"


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "Un déjeuner solidaire est prévu."),
    ("en", "Meet us in the school hall."),
    ("nl", "Oproep voor 27 september"),
])
def test_moments_and_for_stay_words_in_running_text(lang: str, text: str) -> None:
    found = find(text, REFERENCE, lang)
    assert all(m.kind == "value" and m.has_part_of_day is False for m in found)


@pytest.mark.parametrize(("lang", "expression", "locale", "expected"), [
    ("fr", "fête nationale", None, "2026-07-21"),
    ("fr", "fête nationale", "fr_FR", "2026-07-14"),
    ("fr", "la veille de la fête nationale", "fr_CA", "2026-06-23"),
    ("nl", "nationale feestdag", "nl_NL", "2026-04-27"),
    ("en", "thanksgiving", "en_CA", "2025-10-13"),
    ("en", "thanksgiving", "en_GB", "2025-11-27"),
    ("en", "mother's day", "en_US", "2026-05-10"),
    ("en", "mother's day", "en_GB", "2026-03-15"),
])
def test_a_holiday_takes_the_date_of_the_locale(lang: str, expression: str, locale: str | None,
                                                expected: str) -> None:
    found = values(expression, REFERENCE, lang, locale)
    assert found and found[0]["value"][:10] == expected
