"""The time engine across languages: the weekday conflict of the origin document, time zones,
Contract 3 values, robustness properties (hypothesis) and the `affiche when` command."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from affiche.errors import InputError
from affiche.when import TimeMention, find, parse, values
from affiche.when.cli import when_command

BRUSSELS = ZoneInfo("Europe/Brussels")
MONDAY = dt.datetime(2025, 1, 13, 0, 0, tzinfo=BRUSSELS)


def test_weekday_mismatch_of_the_origin_call() -> None:
    found = find("Mobilisons nous samedi 19 à 14h", MONDAY, "fr")
    assert len(found) == 1
    mention = found[0]
    assert isinstance(mention, TimeMention)
    assert mention.text == "samedi 19 à 14h"
    assert mention.value.isoformat() == "2025-01-18T14:00:00+01:00"
    assert (mention.has_date, mention.has_time, mention.grain) == (True, True, "hour")
    assert [c.isoformat() for c in mention.candidates] == [
        "2025-01-18T14:00:00+01:00", "2025-01-19T14:00:00+01:00", "2025-04-19T14:00:00+02:00"]
    warning = mention.warnings[0]
    assert warning.code == "weekday_mismatch"
    assert warning.candidates == [c.isoformat() for c in mention.candidates]
    assert any("2025-01-19" in r for r in mention.rejected)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "samedi 14 juin à 20h"), ("nl", "zaterdag 14 juni om 20u"),
    ("en", "Saturday 14 June at 8pm"),
])
def test_summer_dates_get_summer_time(lang: str, text: str) -> None:
    mention = parse(text, MONDAY, lang)[0]
    assert mention.value.isoformat() == "2025-06-14T20:00:00+02:00"


def test_range_across_the_autumn_clock_change() -> None:
    mention = parse("du samedi 25 au lundi 27 octobre", MONDAY, "fr")[0]
    assert mention.value.utcoffset() == dt.timedelta(hours=2)
    assert mention.end_value.utcoffset() == dt.timedelta(hours=1)


def test_fixed_offset_reference_keeps_its_offset() -> None:
    reference = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert values("demain à 14h", reference, "fr") == [
        {"type": "value", "value": "2024-03-06T14:00:00-05:00", "grain": "hour"}]


def test_contract_values_follow_duckling_conventions() -> None:
    reference = dt.datetime(2024, 3, 5, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert values("de 9h à 11h", reference, "fr") == [{
        "type": "interval", "from": "2024-03-05T09:00:00+01:00",
        "to": "2024-03-05T12:00:00+01:00", "grain": "hour"}]
    assert values("8h", reference, "fr") == [  # already past: the next one
        {"type": "value", "value": "2024-03-06T08:00:00+01:00", "grain": "hour"}]
    assert values("jusqu'à 16h", reference, "fr") == [{
        "type": "interval", "from": None, "to": "2024-03-05T16:00:00+01:00", "grain": "hour"}]
    assert values("la semaine prochaine", reference, "fr")[0]["value"].startswith("2024-03-11")


@pytest.mark.parametrize(("rule", "year", "expected"), [
    ("easter 0", 2024, "2024-03-31"), ("easter 0", 2025, "2025-04-20"),
    ("orthodox 0", 2024, "2024-05-05"), ("easter 49", 2025, "2025-06-08"),
    ("nth 4 3 11", 2025, "2025-11-27"), ("nth -1 0 8", 2025, "2025-08-25"),
    ("kingsday", 2025, "2025-04-26"), ("hebrew 7 10", 2024, "2024-10-12"),
    ("hebrew 1 15", 2025, "2025-04-13"), ("hebrew 9 25", 2025, "2025-12-15"),
])
def test_holiday_rules(rule: str, year: int, expected: str) -> None:
    from affiche.when.calendar import holiday

    assert holiday(rule, year)[0].date().isoformat() == expected


def test_unknown_language_is_an_input_error() -> None:
    with pytest.raises(InputError):
        find("demain", MONDAY, "de")


def test_naive_reference_is_read_in_brussels() -> None:
    mention = parse("samedi 14 juin à 20h", dt.datetime(2025, 1, 13), "fr")[0]
    assert mention.value.utcoffset() == dt.timedelta(hours=2)


def test_mentions_are_sorted_and_disjoint() -> None:
    text = ("Samedi 1er février à 14h : manifestation. Dimanche 2 février de 10h à 12h : "
            "brunch. Réunion tous les jeudis dès 19h.")
    found = find(text, MONDAY, "fr")
    assert len(found) == 3
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
    assert found[2].recurring


TIME_WORDS = [
    "samedi", "19", "à", "14h", "du", "au", "avril", "de", "et", "demain", "soir", "13h30",
    "prochain", "zaterdag", "om", "14u", "van", "tot", "next", "Friday", "6.30pm", "from", "to",
    "12/3", "-", ",", "minuit", "noon", "tous", "les", "jeudis", "1er", "2nd", "mei", "3de",
    "week-end", "dans", "2", "jours", "il", "y", "a", "ago", "entre", "between", "and", "2014",
    "31/02", "99:99", "25h", "0u", "'s", "avonds", "midi", "moins", "le", "quart",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=200), lang=st.sampled_from(["fr", "nl", "en"]))
def test_find_never_raises_and_spans_map_back(text: str, lang: str) -> None:
    for mention in find(text, MONDAY, lang):
        assert text[mention.start:mention.end] == mention.text
        assert 0 <= mention.start < mention.end <= len(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(TIME_WORDS), max_size=14),
       lang=st.sampled_from(["fr", "nl", "en"]),
       day=st.integers(min_value=0, max_value=800))
def test_time_word_soup_never_raises(words: list[str], lang: str, day: int) -> None:
    text = " ".join(words)
    reference = MONDAY + dt.timedelta(days=day)
    found = find(text, reference, lang)
    for mention in found:
        assert text[mention.start:mention.end] == mention.text
        mention.to_values(reference)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_cli_one_expression() -> None:
    result = CliRunner().invoke(when_command, [
        "samedi 19 à 14h", "--reference", "2025-01-13", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"values": [  # best first, then the other readings
        {"type": "value", "value": "2025-01-18T14:00:00+01:00", "grain": "hour"},
        {"type": "value", "value": "2025-01-19T14:00:00+01:00", "grain": "hour"},
        {"type": "value", "value": "2025-04-19T14:00:00+02:00", "grain": "hour"}]}


def test_cli_jsonl_survives_a_bad_line(tmp_path) -> None:
    lines = [
        json.dumps({"text": "demain à 9h", "reference": "2024-03-05T08:00:00+01:00", "lang": "fr"}),
        "{not json",
        json.dumps({"text": "om 20u", "reference": "2024-03-05", "lang": "nl"}),
        json.dumps({"text": "12/3", "reference": "2024-01-02", "lang": "en", "locale": "en_US"}),
        json.dumps({"text": "x", "reference": "yesterday-ish", "lang": "fr"}),
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(when_command, ["--jsonl", str(source)])
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert len(out) == 5
    assert out[0]["values"][0]["value"] == "2024-03-06T09:00:00+01:00"
    assert out[1]["values"] == [] and "error" in out[1]
    assert out[2]["values"][0]["value"] == "2024-03-05T20:00:00+01:00"
    assert out[3]["values"][0]["value"].startswith("2024-12-03")
    assert out[4]["values"] == [] and "reference" in out[4]["error"]


def test_cli_jsonl_from_stdin() -> None:
    line = json.dumps({"text": "next Friday 6.30pm", "reference": "2025-01-13", "lang": "en"})
    result = CliRunner().invoke(when_command, ["--jsonl", "-"], input=line + "\n")
    assert result.exit_code == 0
    assert json.loads(result.output)["values"][0]["value"] == "2025-01-24T18:30:00+01:00"


@pytest.mark.parametrize("args", [
    ["samedi", "--reference", "2025-13-45"],
    ["samedi", "--reference", "2025-01-13", "--lang", "de"],
    [],
    ["--jsonl", "/nonexistent/affiche-when.jsonl"],
])
def test_cli_bad_options_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(when_command, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


@pytest.mark.parametrize("lang, text, gap", [
    ("en", "Saturday 27 September: the march sets off at 2pm.", ": the march sets off at "),
    ("fr", "samedi 19 janvier, rendez-vous à 14h", ", rendez-vous à "),
    ("fr", "samedi 19 janvier à 14h", None),
])
def test_a_time_attached_to_a_date_keeps_the_words_between_apart(lang: str, text: str,
                                                                 gap: str | None) -> None:
    reference = dt.datetime(2025, 1, 13, tzinfo=ZoneInfo("Europe/Brussels"))
    mention = find(text, reference, lang)[0]
    assert (text[mention.gap[0]:mention.gap[1]] if mention.gap else None) == gap
