"""Property tests: expressions generated from the categories of the language files parse to
well-formed Contract 3 values (modifier × period, number × unit × frame, ordinal × weekday ×
period), and a weekday, day and month joined to a time by any dash read as that day and hour.

The words come from `[time.*]` of affiche/lang/*.toml, so a word added to a category is tried
in every construction of that category; the frames around them are written here.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st

from affiche import lang as lang_data
from affiche.when import values
from affiche.when.calendar import GRAINS

REFERENCE = dt.datetime(2025, 10, 9, 15, 40)
LANGS = ("fr", "nl", "en")
DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "fortnight"}


@cache
def _words(lang: str, table: str, keep=lambda value: True) -> tuple[str, ...]:
    """The words of a category whose value passes `keep`, spelled as in the language file."""
    words = lang_data.load(lang)["time"][table]
    return tuple(sorted(w for w, v in words.items() if w[:1].isalpha() and keep(v)))


def _well_formed(found: list[dict]) -> None:
    assert found, "no reading"
    for value in found:
        assert value["grain"] in GRAINS
        if value["type"] == "value":
            assert dt.datetime.fromisoformat(value["value"]).tzinfo is not None
            continue
        assert value["type"] == "interval"
        low, high = value["from"], value["to"]
        assert low is not None or high is not None
        if low is not None and high is not None:
            assert dt.datetime.fromisoformat(low) < dt.datetime.fromisoformat(high), value


POSITIONS = {"begin", "mid", "end"}


@st.composite
def modified_periods(draw: st.DrawFn) -> tuple[str, str]:
    """A position word before a month, a part of the day or a season."""
    lang = draw(st.sampled_from(LANGS))
    position = draw(st.sampled_from(_words(lang, "period_words", lambda v: v in POSITIONS)))
    table = draw(st.sampled_from(("month_words", "part_of_day_words", "season_words")))
    if table == "month_words":
        period = draw(st.sampled_from(_words(lang, table, lambda v: True)))
    elif table == "season_words":
        period = draw(st.sampled_from(_words(lang, table, lambda v: v != "current")))
    else:
        base = set(lang_data.load(lang)["time"]["parts_of_day"])
        period = draw(st.sampled_from(tuple(w for w in _words(
            lang, table, lambda v: v in base and "_" not in v) if " " not in w)))
    joint = "" if position.endswith("-") else " "
    return lang, f"{position}{joint}{period}"


@settings(max_examples=150, deadline=None)
@given(modified_periods())
def test_a_position_of_any_period_parses(case: tuple[str, str]) -> None:
    lang, expression = case
    _well_formed(values(expression, REFERENCE, lang))


FRAMES = {
    "fr": ("dans {n} {u}", "il y a {n} {u}", "les {n} prochains {u}", "les {n} derniers {u}"),
    "nl": ("over {n} {u}", "{n} {u} geleden", "de komende {n} {u}", "de afgelopen {n} {u}",
           "binnen {n} {u}"),
    "en": ("in {n} {u}", "{n} {u} ago", "the next {n} {u}", "the last {n} {u}",
           "within {n} {u}"),
}


@st.composite
def quantities(draw: st.DrawFn) -> tuple[str, str]:
    """A number (digits, a decimal, a number word) of any unit in a relative frame."""
    lang = draw(st.sampled_from(LANGS))
    kind = draw(st.sampled_from(("digits", "decimal", "word")))
    if kind == "digits":
        number = str(draw(st.integers(2, 60)))
    elif kind == "decimal":
        mark = "." if lang == "en" else ","
        number = f"{draw(st.integers(1, 9))}{mark}5"
    else:
        number = draw(st.sampled_from(_words(lang, "number_words",
                                             lambda v: 2 <= float(v) <= 20)))
    # "second" is also an ordinal ("twenty second" is the 22nd): its plural counts seconds
    units = tuple(w for w in _words(lang, "unit_words", lambda v: v in DURATION_UNITS)
                  if not (lang == "en" and w == "second"))
    unit = draw(st.sampled_from(units))
    frame = draw(st.sampled_from(FRAMES[lang]))
    return lang, frame.format(n=number, u=unit)


@settings(max_examples=250, deadline=None)
@given(quantities())
def test_any_quantity_of_any_unit_in_any_frame_parses(case: tuple[str, str]) -> None:
    lang, expression = case
    _well_formed(values(expression, REFERENCE, lang))


ORDINAL_FRAMES = {"fr": ("le {o} {w} de {p}", "le {o} {w} du mois prochain"),
                  "nl": ("de {o} {w} van {p}", "de {o} {w} van volgende maand"),
                  "en": ("the {o} {w} of {p}", "the {o} {w} of next month")}


@st.composite
def ordinal_weekdays(draw: st.DrawFn) -> tuple[str, str]:
    """An ordinal (first … fourth, last, second last) of a weekday in a month."""
    lang = draw(st.sampled_from(LANGS))
    ordinal = draw(st.sampled_from(_words(lang, "ordinal_words",
                                          lambda v: -3 <= int(v) <= 4 and int(v) != 0)))
    weekday = draw(st.sampled_from(_words(lang, "weekday_words", lambda v: True)))
    month = draw(st.sampled_from(_words(lang, "month_words", lambda v: True)))
    frame = draw(st.sampled_from(ORDINAL_FRAMES[lang]))
    if lang == "fr" and ordinal[0] in "aeéiou":
        frame = frame.replace("le {o}", "l'{o}")
    return lang, frame.format(o=ordinal, w=weekday, p=month)


@settings(max_examples=200, deadline=None)
@given(ordinal_weekdays())
def test_an_ordinal_weekday_of_any_month_parses(case: tuple[str, str]) -> None:
    lang, expression = case
    found = values(expression, REFERENCE, lang)
    if not found:
        # only a weekday a short month does not have ("le 5e lundi de février") reads nothing
        assert any(w in expression for w in ("fourth", "quatrième", "vierde"))
        return
    _well_formed(found)
    assert found[0]["grain"] == "day"


CLOCK = {"fr": "{h}h", "nl": "{h}u", "en": "{h12}pm"}


@st.composite
def joined_dates(draw: st.DrawFn) -> tuple[str, str, dt.datetime]:
    """A weekday, day and month joined to an evening hour by a dash, slash or em dash."""
    lang = draw(st.sampled_from(LANGS))
    date = REFERENCE.date() + dt.timedelta(days=draw(st.integers(1, 300)))
    data = lang_data.load(lang)["time"]
    weekdays = [w for w, v in data["weekday_words"].items() if v == date.weekday() and len(w) > 4]
    months = [w for w, v in data["month_words"].items() if v == date.month and w.isalpha()]
    hour = draw(st.integers(13, 22))
    sep = draw(st.sampled_from((" — ", " - ", " – ", " / ")))
    clock = CLOCK[lang].format(h=hour, h12=hour - 12)
    text = f"{draw(st.sampled_from(weekdays))} {date.day} {draw(st.sampled_from(months))}"
    shout = draw(st.booleans())
    expression = f"{text}{sep}{clock}"
    return lang, expression.upper() if shout else expression, dt.datetime.combine(
        date, dt.time(hour))


@settings(max_examples=150, deadline=None)
@given(joined_dates())
def test_a_date_dash_time_is_that_day_at_that_hour(case: tuple[str, str, dt.datetime]) -> None:
    lang, expression, expected = case
    found = values(expression, REFERENCE, lang)
    _well_formed(found)
    assert found[0]["type"] == "value"
    assert dt.datetime.fromisoformat(found[0]["value"]).replace(tzinfo=None) == expected
