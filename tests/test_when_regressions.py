"""Texts that once crashed the time engine: each must now be read without an exception."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from affiche.when import find, parse

JANUARY = dt.datetime(2025, 1, 13, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))


@pytest.mark.parametrize("text, lang", [
    ("On s'était vus l'hiver dernier.", "fr"),
    ("We met last winter.", "en"),
    ("The campaign started in autumn 2014.", "en"),
    ("Het begon in het najaar 2014.", "nl"),
    ("Cijfers van het afgelopen kwartaal sept", "nl"),
    ("het kwartaal 13", "nl"),
])
def test_no_crash(text: str, lang: str) -> None:
    find(text, JANUARY, lang)
    parse(text, JANUARY, lang)


@pytest.mark.parametrize("text, lang, start", [
    ("l'hiver dernier", "fr", "2023-12-21"),
    ("last winter", "en", "2023-12-21"),
    ("autumn 2014", "en", "2014-09-23"),
])
def test_seasons_far_from_the_reference(text: str, lang: str, start: str) -> None:
    found = find(text, JANUARY, lang)
    assert found and found[0].value.date().isoformat() == start
