"""Small truths in the output (issue 15, item 8): standard input dated today, a text whose only
event is past, feed names from standard input, a flyer's title from its largest headline."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from test_ingest_support import FONT_DIR, Flyer, render_flyer

from affiche.cli import main
from affiche.publish.describe import date_words

CALL = ("Rassemblement pour la bibliothèque le samedi 18 janvier 2025 à 14h, place "
        "Saint-Lambert à Liège.\n")


def _stdin(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_standard_input_says_dated_today(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, "Réunion ouverte demain à 19h à la Maison du peuple, Saint-Gilles.\n")
    code, out, _ = _run(capsys, "extract", "-")
    today = dt.datetime.now(ZoneInfo("Europe/Brussels")).date()
    header = out.splitlines()[0]
    assert code == 0 and "no reference date" not in header
    assert f"dated today, {date_words(today)} (the text gives no date)" in header


def test_a_text_whose_only_event_is_past(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, CALL)
    code, out, err = _run(capsys, "extract", "-", "--reference", "2025-03-01")
    assert code == 0
    assert "No event to come; 1 past event found:" in out
    assert "Sat 18 Jan 2025, 14:00" in out and "No event found." not in out
    assert err.strip() == ("affiche: -: no event to come; 1 past event found "
                           "(Sat 18 Jan 2025, 14:00)")


def test_nothing_at_all_is_still_no_event(monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, "Merci à toutes et à tous pour votre soutien.\n")
    code, out, err = _run(capsys, "extract", "-", "--reference", "2025-03-01")
    assert code == 0 and "No event found." in out and err.strip() == "affiche: -: no event found"


def test_ics_and_atom_from_stdin_are_named_after_the_event(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    _stdin(monkeypatch, CALL)
    code, out, _ = _run(capsys, "extract", "-", "--reference", "2025-01-13", "--format", "ics")
    calendar = icalendar.Calendar.from_ical(out)
    title = str(calendar.walk("VEVENT")[0]["SUMMARY"])
    name = str(calendar["X-WR-CALNAME"]).replace("\\,", ",")  # icalendar reads it unescaped
    assert code == 0 and name == title and title != "-"
    _stdin(monkeypatch, CALL)
    code, out, _ = _run(capsys, "extract", "-", "--reference", "2025-01-13", "--format", "atom")
    assert code == 0 and f"<title>{title}</title>" in out.split("<entry>")[0]


def test_a_file_keeps_naming_its_calendar(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "appel.txt"
    path.write_text(CALL, encoding="utf-8")
    code, out, _ = _run(capsys, "extract", str(path), "--reference", "2025-01-13",
                        "--format", "ics")
    assert code == 0 and str(icalendar.Calendar.from_ical(out)["X-WR-CALNAME"]) == str(path)


@pytest.mark.skipif(shutil.which("tesseract") is None or not FONT_DIR.exists(),
                    reason="OCR needs Tesseract and DejaVu fonts (apt-get install tesseract-ocr "
                           "tesseract-ocr-fra fonts-dejavu-core)")
def test_a_flyer_is_titled_by_its_largest_headline(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    flyer = Flyer([("Le collectif des usagers vous invite", 44, False, "#333333", None),
                   ("Sauvons la bibliothèque", 110, True, "#111111", None),
                   ("Rassemblement samedi 18 janvier 2025 à 14h", 52, False, "#222222", None),
                   ("Place Saint-Lambert, Liège", 52, False, "#222222", None)])
    path = tmp_path / "scan.png"
    render_flyer(flyer).save(path)
    code, out, _ = _run(capsys, "extract", str(path), "--reference", "2025-01-13",
                        "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["document"]["title"] == "Sauvons la bibliothèque"
    assert data["events"][0]["title"] == "Sauvons la bibliothèque"
