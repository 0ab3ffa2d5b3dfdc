"""Texts that once crashed the time engine: each must now be read without an exception."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

import pytest

from affiche.when import find, parse

# more examples on demand: AFFICHE_FUZZ_EXAMPLES=5000 pytest tests/test_when_regressions.py
FUZZ_EXAMPLES = int(os.environ.get("AFFICHE_FUZZ_EXAMPLES", "300"))
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


def _vocabulary(lang: str) -> list[str]:
    """Every word of the language's time tables, plus numbers and clock forms."""
    from affiche import lang as language_data

    words: list[str] = []
    for name, table in language_data.load(lang)["time"].items():
        if isinstance(table, dict) and name.endswith("_words"):
            words.extend(table)
    return words + ["1", "13", "19", "31", "2014", "2025", "14h", "9.30", "12/3", "13u30", ",",
                    "-", "\n", "\n\n", "à", "om", "at", "le", "de", "du", "au"]


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_find_and_parse_never_raise_on_time_words(lang: str) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    vocabulary = _vocabulary(lang)

    @settings(max_examples=FUZZ_EXAMPLES, deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(st.sampled_from(vocabulary), min_size=1, max_size=8))
    def check(tokens: list[str]) -> None:
        text = " ".join(tokens)
        for mention in find(text, JANUARY, lang):
            assert text[mention.start:mention.end] == mention.text
        parse(text, JANUARY, lang)

    check()
