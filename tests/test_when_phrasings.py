"""English (and French/Dutch) phrasings added to the time engine: times with durations, glued
day-month and quarter forms, short years, "Nth last week of", "March after next", "15 to noon".

Reference: Wednesday 2024-01-10 09:15 (naive, the default zone is attached by the engine).
"""

from __future__ import annotations

import datetime as dt

import pytest

from affiche.when import values

REFERENCE = dt.datetime(2024, 1, 10, 9, 15)


def _reading(expression: str, lang: str) -> str:
    found = values(expression, REFERENCE, lang)
    assert found, expression
    best = found[0]
    start = best.get("value") or best["from"]
    return f"{start[:16]} {best['grain']}"


CASES = [
    ("en", "in 2 days at 5pm", "2024-01-12T17:00 hour"),
    ("en", "at 7 in 3 years", "2027-01-01T07:00 hour"),
    ("en", "in 3 days at 7", "2024-01-13T07:00 hour"),
    ("fr", "à 14h dans 3 jours", "2024-01-13T14:00 hour"),
    ("en", "14april 2025", "2025-04-14T00:00 day"),
    ("en", "3rdMay", "2024-05-03T00:00 day"),
    ("fr", "le 3mars", "2024-03-03T00:00 day"),
    ("en", "24q3", "2024-07-01T00:00 quarter"),
    ("en", "2025Q1", "2025-01-01T00:00 quarter"),
    ("en", "Q2 2024", "2024-04-01T00:00 quarter"),
    ("fr", "T4 2024", "2024-10-01T00:00 quarter"),
    ("nl", "K3 2024", "2024-07-01T00:00 quarter"),
    ("en", "14th April 25", "2025-04-14T00:00 day"),
    ("fr", "14 avril 25", "2025-04-14T00:00 day"),
    ("en", "15 to noon", "2024-01-10T11:45 minute"),
    ("en", "10 to midnight", "2024-01-10T23:50 minute"),
    ("en", "March after next", "2025-03-01T00:00 month"),
    ("en", "next March", "2024-03-01T00:00 month"),
    ("en", "2nd last week of October 2024", "2024-10-14T00:00 week"),
    ("en", "the second last week of October 2024", "2024-10-14T00:00 week"),
    ("en", "3rd week of October 2024", "2024-10-21T00:00 week"),
    ("en", "the 2nd last day of October", "2024-10-30T00:00 day"),
    ("en", "third tuesday after christmas 2024", "2025-01-14T00:00 day"),
    ("en", "the friday after thanksgiving", "2024-11-29T00:00 day"),
    ("fr", "le lundi après Pâques", "2024-04-01T00:00 day"),
    ("en", "20th day of next month", "2024-02-20T00:00 day"),
]


@pytest.mark.parametrize(("lang", "expression", "expected"), CASES,
                         ids=[c[1] for c in CASES])
def test_phrasing(lang: str, expression: str, expected: str) -> None:
    assert _reading(expression, lang) == expected


def test_from_ten_to_noon_stays_a_range() -> None:
    best = values("from 10 to noon", REFERENCE, "en")[0]
    assert best["type"] == "interval"
    assert best["from"][11:16] == "10:00"


def test_two_to_five_is_no_clock_time() -> None:
    assert all(v.get("grain") != "minute" for v in values("2 to 5", REFERENCE, "en"))


def test_flat_type_is_no_quarter() -> None:
    assert values("appartement T4", REFERENCE, "fr") == []


def test_years_from_today_keep_the_day() -> None:
    assert _reading("3 years from today", "en") == "2027-01-10T00:00 day"
    assert _reading("3 years from now", "en") == "2027-01-01T00:00 month"


def test_after_a_duration_is_open_ended() -> None:
    best = values("after 5 days", REFERENCE, "en")[0]
    assert best["type"] == "interval"
    assert best["from"][:13] == "2024-01-15T09"
    assert "to" not in best or best["to"] is None
