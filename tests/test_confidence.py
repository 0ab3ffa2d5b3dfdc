"""Calibrated per-field confidence: the fields present, the uncertain_* warnings under the
threshold, a bad calibration file as a clear error, and the marks of the outputs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from affiche import pipeline
from affiche.cli import cli
from affiche.extract import confidence
from affiche.model import Event, MeetingPoint, Place, Warning
from affiche.publish.text import to_text
from affiche.web.forms import event_form

REFERENCE = dt.datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))

# our own call: one march, a day number with its clock, a rendez-vous before it
MARCH = """Marche pour le climat à Namur

Nous marcherons le samedi 14 mars à 14h au départ de la place d'Armes, 5000 Namur.
Rendez-vous à 13h15 devant la gare de Namur pour y aller ensemble.
"""


def _events(text: str = MARCH) -> list[Event]:
    _, events = pipeline.extract_text(text, reference=REFERENCE, lang="fr")
    return events


COMMITTED = confidence.load()


def _calibration(threshold: float) -> confidence.Calibration:
    """The committed maps with every threshold set to `threshold`."""
    committed = COMMITTED
    return confidence.Calibration({name: dataclasses.replace(fitted, threshold=threshold)
                                   for name, fitted in committed.fields.items()})


def test_every_field_has_a_confidence_and_the_event_takes_its_fields():
    (event,) = _events()
    assert event.start == dt.datetime(2026, 3, 14, 14, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    keys = set(event.field_confidence)
    assert {"start", "end", "place", "kind"} <= keys
    assert "meeting_points.0" in keys and len(event.meeting_points) >= 1
    assert all(0.0 < value < 1.0 for value in event.field_confidence.values())
    product = (event.field_confidence["start"] * event.field_confidence["place"]
               * event.field_confidence["kind"])
    assert event.confidence == pytest.approx(product, abs=0.002)
    # the contract carries them, and reads them back
    data = event.to_dict()
    assert data["field_confidence"] == event.field_confidence
    assert Event.from_dict(json.loads(json.dumps(data))).field_confidence \
        == event.field_confidence


def test_a_day_number_with_its_clock_is_surer_than_a_bare_weekday():
    (told,) = _events()
    (vague,) = _events(MARCH.replace("le samedi 14 mars", "samedi"))
    assert vague.start.date() == dt.date(2026, 3, 7)  # the coming Saturday
    assert told.signals["start"]["day_number"] == 1.0
    assert vague.signals["start"].get("day_number", 0.0) == 0.0
    assert vague.signals["start"]["relative_day"] == 1.0
    # the fit keeps each feature to its known direction: a written day never lowers it
    assert told.field_confidence["start"] >= vague.field_confidence["start"]


def test_under_the_threshold_each_field_gets_its_warning_with_candidates(monkeypatch):
    monkeypatch.setattr(confidence, "load", lambda path=None: _calibration(1.0))
    (event,) = _events()
    codes = event.warning_codes()
    for code in ("uncertain_start", "uncertain_place", "uncertain_kind",
                 "uncertain_meeting_point"):
        assert code in codes
    start = next(w for w in event.warnings if w.code == "uncertain_start")
    assert start.candidates[0] == "2026-03-14T14:00:00+01:00"  # the reading kept comes first
    place = next(w for w in event.warnings if w.code == "uncertain_place")
    assert "Namur" in place.candidates[0]
    assert "%" in start.message


def test_above_the_threshold_no_field_is_flagged(monkeypatch):
    monkeypatch.setattr(confidence, "load", lambda path=None: _calibration(0.0))
    (event,) = _events()
    assert not [c for c in event.warning_codes() if c.startswith("uncertain_")]


def _write(tmp_path, content: str):
    path = tmp_path / "calibration.json"
    path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize("content, words", [
    ("{not json", "cannot be read"),
    ('{"fields": []}', "no 'fields' object"),
    ('{"fields": {"start": {"features": ["a"]}}}', "lacks"),
    ('{"fields": {"start": {"features": ["a"], "mean": [0], "scale": [1], "coef": [1, 2], '
     '"intercept": 0, "platt": {"a": 1, "b": 0}, "threshold": 0.5}}}', "one value per feature"),
    ('{"fields": {"start": {"features": [], "mean": [], "scale": [], "coef": [], '
     '"intercept": 0, "platt": {"a": 1, "b": 0}, "threshold": 0.5}}}', "no map for"),
    ('{"fields": {"start": {"features": [], "mean": [], "scale": [], "coef": [], '
     '"intercept": "x", "platt": {"a": 1, "b": 0}, "threshold": 0.5}}}', "not a number"),
])
def test_a_bad_calibration_file_is_a_clear_error(tmp_path, content, words):
    path = _write(tmp_path, content)
    with pytest.raises(confidence.CalibrationError) as raised:
        confidence.load(path)
    message = str(raised.value)
    assert str(path) in message and words in message
    assert "bench/calibrate.py --fit" in message


def test_a_missing_calibration_file_stops_affiche_extract_with_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(confidence, "CALIBRATION_PATH", tmp_path / "none.json")
    source = tmp_path / "call.txt"
    source.write_text(MARCH, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(source), "--reference", "2026-03-02"])
    assert result.exit_code == 2
    assert "calibration file" in result.output and "not found" in result.output
    assert "Traceback" not in result.output


def _flagged_event() -> Event:
    event = Event(title="Marche", kind="march", timezone="Europe/Brussels",
                  start=dt.datetime(2026, 3, 14, 14, 0, tzinfo=ZoneInfo("Europe/Brussels")),
                  place=Place(name="place d'Armes", locality="Namur"),
                  meeting_points=[MeetingPoint(place=Place(name="gare de Namur"))])
    event.field_confidence = {"start": 0.95, "place": 0.30, "kind": 0.9, "end": 0.97,
                              "meeting_points.0": 0.6}
    event.warnings.append(Warning("uncertain_place", "The place is uncertain.",
                                  ["place d'Armes, Namur", "Jambes"]))
    return event


def test_the_text_output_marks_the_fields_to_check():
    event = _flagged_event()
    text = to_text(_document(), [event])
    where = next(line for line in text.splitlines() if line.strip().startswith("Where:"))
    when = next(line for line in text.splitlines() if line.strip().startswith("When:"))
    assert "[? check: 30 %]" in where
    assert "check" not in when
    assert "place 30 % ?" in text and "start 95 %," in text


def _document():
    from affiche.model import Document

    return Document(text="Marche", source="call.txt", reference=REFERENCE)


def test_the_review_form_lists_the_uncertain_fields_first():
    event = _flagged_event()
    event.warnings.append(Warning("uncertain_start", "The start is uncertain.", []))
    event.field_confidence["start"] = 0.5
    form = event_form(event, 0)
    assert form.uncertain == ["place", "start"]  # least sure first
    assert form.is_uncertain("place") and not form.is_uncertain("kind")
    assert form.confidence["meeting_points"] == 0.6


def test_the_submit_page_shows_the_fields_to_check_first_and_outlined(tmp_path, monkeypatch):
    from submitkit import client, extract, make_app

    monkeypatch.setattr(confidence, "load", lambda path=None: _calibration(1.0))
    with client(make_app(tmp_path)) as http:
        page = extract(http, text=MARCH)
    assert page.status_code == 200
    html = page.text
    assert 'class="check-first"' in html
    box = html[html.index('class="check-first"'):]
    box = box[:box.index("</div>")]
    assert 'href="#e0-field-start"' in box and 'href="#e0-field-place"' in box
    assert 'class="field place uncertain" id="e0-field-place"' in html
    assert 'data-code="uncertain_place"' in html


def test_a_sure_event_has_no_box_to_check(tmp_path, monkeypatch):
    from submitkit import client, extract, make_app

    monkeypatch.setattr(confidence, "load", lambda path=None: _calibration(0.0))
    with client(make_app(tmp_path)) as http:
        page = extract(http, text=MARCH)
    assert 'class="check-first"' not in page.text
    assert " uncertain" not in page.text.split("<main", 1)[-1].split("</main>")[0] \
        .replace("uncertain_", "")


def test_explain_says_what_moved_each_confidence(tmp_path):
    source = tmp_path / "call.txt"
    source.write_text(MARCH, encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", "--explain", str(source),
                                      "--reference", "2026-03-02"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()
             if line.strip().startswith("confidence: ")]
    assert any(line.startswith("confidence: start 0.") for line in lines)
    assert any(line.startswith("confidence: place 0.") for line in lines)
    assert any("day_number" in line or "(" in line for line in lines)
