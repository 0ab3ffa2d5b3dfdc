"""Constructions of running calls: programme lines "13.10:", the date order of a North American
call, "March for ..." as the walk, and North American zones named after a time.

Reference: Thursday 9 October 2025, 15:40 in Brussels. Our own sentences.
"""

from __future__ import annotations

import datetime as dt

import pytest

from affiche.extract import run
from affiche.model import Document
from affiche.when import find

REFERENCE = dt.datetime(2025, 10, 9, 15, 40)


def _found(text: str, lang: str, locale: str | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.value.strftime("%Y-%m-%d %H:%M") if m.value else "")
            for m in find(text, REFERENCE, lang, locale)]


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("nl", "Programma\n13.10: verwelkoming\n13.40 : toespraken\n14.00: vertrek",
     [("13.10", "2025-10-09 13:10"), ("13.40", "2025-10-09 13:40"),
      ("14.00", "2025-10-09 14:00")]),
    ("fr", "Déroulé\n- 9.45 : accueil des marcheurs\n- 10.15 : départ du cortège",
     [("9.45", "2025-10-09 09:45"), ("10.15", "2025-10-09 10:15")]),
    ("en", "Schedule\n• 17.20: doors open\n• 18.05: first speaker",
     [("17.20", "2025-10-09 17:20"), ("18.05", "2025-10-09 18:05")]),
])
def test_hour_dot_minute_then_colon_heads_a_programme_line(lang: str, text: str,
                                                         expected: list) -> None:
    assert _found(text, lang) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("nl", "Wake op 18.12. aan het station", [("18.12", "2025-12-18 00:00")]),
    ("fr", "Rendez-vous le 21.11 : soyez nombreux", [("21.11", "2025-11-21 00:00")]),
    ("en", "Release notes for version 2.10: bug fixes", []),
])
def test_a_colon_after_a_date_or_version_inside_a_line_makes_no_time(
        lang: str, text: str, expected: list) -> None:
    assert _found(text, lang) == expected


@pytest.mark.parametrize(("locale", "expected"), [
    (None, "2026-04-12"), ("en_GB", "2026-04-12"), ("en_US", "2025-12-04"),
    ("en_CA", "2025-12-04"),
])
def test_the_locale_orders_day_and_month(locale: str | None, expected: str) -> None:
    assert _found("Rally on 12/04 at 6pm", "en", locale)[0][1][:10] == expected


def test_a_north_american_zone_puts_the_month_first() -> None:
    assert _found("Town hall vigil 11/03, 7 pm ET", "en")[0][1][:10] == "2025-11-04"
    assert _found("Town hall vigil 11/03, 7 pm CET", "en")[0][1][:10] == "2026-03-11"


def _days(text: str, lang: str) -> list[str]:
    points = run(Document(text), lang, REFERENCE).points
    return [p.mention.value.date().isoformat() for p in points if p.mention.value]


def test_the_places_of_an_english_call_choose_the_date_order() -> None:
    us = "Rally for buses\nCity Hall, 100 Main St, Springfield, IL 62701\n12/04 at 6pm"
    canada = "Vigil\nNathan Phillips Square, 100 Queen St W, Toronto, ON M5H 2N2\n11/03 at 7pm"
    belgium = "Vigil\nPlace Flagey, 1050 Ixelles\n11/03 at 7pm"
    assert _days(us, "en") == ["2025-12-04"]
    assert _days(canada, "en") == ["2025-11-03"]
    assert _days(belgium, "en") == ["2026-03-11"]


def test_a_french_call_from_quebec_keeps_the_day_first() -> None:
    text = "Vigile\nPlace Émilie-Gamelin, Montréal, QC H2L 2C6\n11/03 à 19h"
    assert _days(text, "fr") == ["2026-03-11"]


@pytest.mark.parametrize(("text", "expected"), [
    ("This Saturday March to the town hall", [("This Saturday", "2025-10-11 00:00")]),
    ("March against the cuts, Sunday 3pm", [("Sunday 3pm", "2025-10-12 15:00")]),
    ("March for Clean Air on 25 October", [("25 October", "2025-10-25 00:00")]),
    ("From March to May, every Monday", None),
    ("3 March for the climate", [("3 March", "2026-03-03 00:00")]),
    ("March 7 for the climate", [("March 7", "2026-03-07 00:00")]),
])
def test_march_then_a_preposition_and_a_noun_is_the_walk(text: str, expected: list | None) -> None:
    found = _found(text, "en")
    if expected is None:  # a month range stays a time
        assert found and found[0][0].startswith("From March to May")
    else:
        assert found == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Saturday 8:30 pm ET", "2025-10-12 02:30"),  # 20:30 in New York is 02:30 in Brussels
    ("Saturday 8:30, eastern time", "2025-10-11 14:30"),
    ("Saturday 5 pm PT", "2025-10-12 02:00"),
    ("Saturday 7 pm central time", "2025-10-12 02:00"),
])
def test_a_north_american_zone_after_a_time(text: str, expected: str) -> None:
    assert _found(text, "en")[0][1] == expected


def _roles(text: str, lang: str) -> list[tuple[str, str]]:
    return [(p.mention.text, p.role) for p in run(Document(text), lang, REFERENCE).points]


def test_a_return_on_a_programme_line_ends_the_route_in_either_language() -> None:
    text = ("Fietstocht zaterdag 18 oktober\n\n"
            "  • 10.00: vertrek aan het Muntplein\n  • 12.15: terug op het Muntplein\n\n"
            "Bike ride on Saturday 18 October\n\n"
            "  • 10.00: departure from the Muntplein\n  • 12.15: return to the Muntplein\n")
    roles = dict(_roles(text, "nl")[1:3])
    assert roles["12.15"] == "route_end"
    assert [role for mention, role in _roles(text, "nl") if mention == "12.15"] \
        == ["route_end", "route_end"]
