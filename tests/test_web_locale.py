"""The agenda's translations: checked-in catalogues in step with their sources, locale choice,
and dates per locale in the event's zone."""

from __future__ import annotations

import datetime as dt
import gettext
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from affiche.web import render
from affiche.web.render import format_day, format_moment

WEB = Path(render.__file__).parent
LOCALE = WEB / "locale"


def _po(code: str) -> dict[str, object]:
    with open(LOCALE / code / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalog = read_po(handle, locale=code)
    return {m.id if isinstance(m.id, str) else m.id[0]: m.string for m in catalog if m.id}


@pytest.mark.parametrize("code", ["fr", "nl", "en"])
def test_compiled_catalogue_matches_its_po(code: str) -> None:
    """Every message of the .po is in the committed .mo with the same translation."""
    with open(LOCALE / code / "LC_MESSAGES" / "messages.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for msgid, string in _po(code).items():
        assert string, f"{code}: {msgid!r} is not translated"
        first = string[0] if isinstance(string, tuple | list) else string
        if isinstance(string, tuple | list):
            assert compiled.ngettext(msgid, msgid + "s", 1) == first, (code, msgid)
        else:
            assert compiled.gettext(msgid) == first, (code, msgid)


def test_every_message_of_the_code_is_in_the_catalogues() -> None:
    """No message of a template or module is missing from a catalogue (run `make messages`)."""
    method_map = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
    keywords = {"_": None, "gettext": (2,), "ngettext": (1, 2), "N_": None}
    found = {message for _, _, message, _, _ in
             extract_from_dir(str(WEB), method_map=method_map, keywords=keywords)}
    found = {m if isinstance(m, str) else m[0] for m in found}
    for code in ("fr", "nl", "en"):
        missing = found - set(_po(code))
        assert not missing, f"{code}: not in the catalogue: {sorted(missing)}"


def test_translations_differ_per_locale() -> None:
    """The catalogues load and translate."""
    assert render.gettext("fr", "Upcoming events") == "Événements à venir"
    assert render.gettext("nl", "Upcoming events") == "Komende activiteiten"
    assert render.gettext("en", "Upcoming events") == "Upcoming events"
    assert render.gettext("de", "Upcoming events") == "Upcoming events"


def test_dates_per_locale_in_the_event_zone() -> None:
    """The issue's three spellings, from an instant given in UTC."""
    moment = dt.datetime(2025, 1, 18, 13, 0, tzinfo=dt.UTC)
    assert format_moment(moment, "Europe/Brussels", "fr") == "sam. 18 janv. 2025, 14:00"
    assert format_moment(moment, "Europe/Brussels", "nl") == "za 18 jan. 2025, 14:00"
    assert format_moment(moment, "Europe/Brussels", "en") == "Sat 18 Jan 2025, 14:00"
    assert format_moment(moment, "America/New_York", "en") == "Sat 18 Jan 2025, 08:00"
    assert format_moment(dt.date(2025, 1, 18), None, "fr") == "sam. 18 janv. 2025"
    assert format_day(dt.date(2025, 1, 18), "nl") == "zaterdag 18 januari 2025"


def test_accept_language_ranking() -> None:
    """q-values decide, zero means refused, order breaks ties."""
    assert render._accepted("nl-BE,nl;q=0.9,en;q=0.8") == ["nl-be", "nl", "en"]
    assert render._accepted("en;q=0.5, fr") == ["fr", "en"]
    assert render._accepted("fr;q=0, de;q=x, en") == ["en"]
    assert ZoneInfo("Europe/Brussels")  # tzdata is there for the zone names above
