"""Embedded schema.org times are instants: read in the zone of the event's country, never
shifted by the default zone (issue 15, item 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from affiche.cli import main


def _page(tmp_path: Path, text: str, start: str, locality: str, country: str,
          lang: str = "en") -> Path:
    """A saved page whose article is `text` and whose JSON-LD Event starts at `start`."""
    data = {"@context": "https://schema.org", "@type": "Event", "name": "Rally",
            "startDate": start,
            "location": {"@type": "Place", "name": "Town Hall",
                         "address": {"@type": "PostalAddress", "addressLocality": locality,
                                     "addressCountry": country}}}
    path = tmp_path / "page.html"
    path.write_text(f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>Rally</title><script type="application/ld+json">{json.dumps(data)}</script></head>
<body><main><article><h1>Rally for the library</h1><p>{text}</p></article></main></body></html>
""", encoding="utf-8")
    return path


def _event(capsys: pytest.CaptureFixture[str], path: Path, *extra: str) -> dict:
    """The first event of `affiche extract PATH --format json`."""
    code = main(["extract", str(path), "--reference", "2026-12-01", "--format", "json", *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)["events"][0]


def _differs(event: dict) -> list[dict]:
    return [w for w in event["warnings"] if w["code"] == "structured_data_differs"]


GB_TEXT = ("Join us on Friday 15 January 2027 at 12 noon outside the Town Hall, Albert Square, "
           "Manchester, to keep the library open.")


@pytest.mark.parametrize("start", ["2027-01-15T12:00:00+00:00", "2027-01-15T12:00:00Z",
                                   "2027-01-15T13:00:00+01:00"])
def test_gb_time_agrees_with_its_json_ld(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          start: str) -> None:
    event = _event(capsys, _page(tmp_path, GB_TEXT, start, "Manchester", "GB"))
    assert event["start"] == "2027-01-15T12:00:00+00:00"
    assert _differs(event) == []


def test_gb_summer_time_and_london_default(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    text = ("Join us on Saturday 10 July 2027 at 12 noon outside the Town Hall, Albert Square, "
            "Manchester.")
    path = _page(tmp_path, text, "2027-07-10T12:00:00+01:00", "Manchester", "GB")
    for extra in ((), ("--timezone", "Europe/London")):
        event = _event(capsys, path, *extra)
        assert event["start"] == "2027-07-10T12:00:00+01:00"
        assert _differs(event) == []


def test_the_warning_quotes_the_place_s_own_clock(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    text = GB_TEXT.replace("12 noon", "1pm")
    event = _event(capsys, _page(tmp_path, text, "2027-01-15T12:00:00Z", "Manchester", "GB"))
    assert event["start"] == "2027-01-15T13:00:00+00:00"
    (warning,) = _differs(event)
    assert "13:00" in warning["message"] and "12:00" in warning["message"]
    assert warning["candidates"] == ["2027-01-15T13:00:00+00:00", "2027-01-15T12:00:00+00:00"]


@pytest.mark.parametrize(("locality", "country", "place"), [
    ("Ixelles", "BE", "place Flagey, 1050 Ixelles"),
    ("Paris", "FR", "place de la République, 75011 Paris")])
def test_be_and_fr_times_with_a_london_default(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str],
                                               locality: str, country: str,
                                               place: str) -> None:
    text = f"Rassemblement le vendredi 15 janvier 2027 à 12h, {place}, pour la bibliothèque."
    path = _page(tmp_path, text, "2027-01-15T12:00:00+01:00", locality, country, lang="fr")
    for extra in ((), ("--timezone", "Europe/London")):
        event = _event(capsys, path, *extra)
        assert event["start"] == "2027-01-15T12:00:00+01:00"
        assert _differs(event) == []


def test_an_event_from_json_ld_alone_keeps_its_instant(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _page(tmp_path, "Our library needs you. More soon.", "2027-01-15T12:00:00Z",
                 "Manchester", "GB")
    event = _event(capsys, path)
    assert event["start"] == "2027-01-15T12:00:00+00:00"
    assert event["timezone"] == "Europe/London"
