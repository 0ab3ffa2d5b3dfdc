"""The command line: formats, batch mode (Contract 2), and bad input as one line with exit 2."""

from __future__ import annotations

import io
import json
from pathlib import Path

import icalendar
import pytest

from affiche.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "calls"
ORIGIN = Path(__file__).resolve().parents[2] / "shared" / "examples" / "obspol-127bis.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the CLI in-process; return (exit code, stdout, stderr)."""
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> None:
    """Assert that stderr is a single error line and no traceback."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("affiche: error:"), err
    assert "Traceback" not in err


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    assert "extract" in out and "when" in out


def test_extract_help_names_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", "--help")
    assert code == 0
    for option in ("--reference", "--lang", "--timezone", "--format", "--jsonl", "--geocoder"):
        assert option in out


def test_json_of_the_centre_ferme_call(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(FIXTURES / "fr-centre-ferme.txt"),
                       "--reference", "2025-01-13", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"document", "events"}
    assert len(data["events"]) == 1
    event = data["events"][0]
    assert event["start"][:16] in ("2025-01-18T14:00", "2025-01-19T14:00")
    mismatch = [w for w in event["warnings"] if w["code"] == "weekday_mismatch"]
    assert mismatch, event["warnings"]
    days = {c[:10] for c in mismatch[0]["candidates"]}
    assert {"2025-01-18", "2025-01-19"} <= days
    assert event["place"]["street"] == "Tervuursesteenweg 300"
    assert event["place"]["postcode"] == "1820"
    assert event["place"]["locality"] == "Steenokkerzeel"
    assert event["kind"] == "rally"
    assert {"type": "email", "value": "comite-samir@example.org"} in [
        {"type": c["type"], "value": c["value"]} for c in event["contacts"]]
    meeting = [m for m in event["meeting_points"] if (m["time"] or "")[11:16] == "13:30"]
    assert meeting and "Nossegem" in json.dumps(meeting[0]["place"], ensure_ascii=False)
    assert any(t["mode"] == "train" and (t["departs"] or "")[11:16] == "13:00"
               for t in event["transport"])
    assert event["timezone"] == "Europe/Brussels"


def test_reference_from_the_image_name_in_the_text(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(FIXTURES / "fr-centre-ferme.txt"),
                       "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["document"]["reference"][:10] == "2025-01-13"
    assert data["events"][0]["start"][:7] == "2025-01"


@pytest.mark.skipif(not ORIGIN.is_file(), reason="../shared/examples not beside the repository")
def test_origin_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(ORIGIN), "--reference", "2025-01-13",
                       "--format", "json")
    assert code == 0
    events = json.loads(out)["events"]
    assert len(events) == 1
    event = events[0]
    assert event["start"][:16] in ("2025-01-18T14:00", "2025-01-19T14:00")
    mismatch = next(w for w in event["warnings"] if w["code"] == "weekday_mismatch")
    assert {"2025-01-18", "2025-01-19"} <= {c[:10] for c in mismatch["candidates"]}
    assert (event["place"]["street"], event["place"]["postcode"], event["place"]["locality"]) \
        == ("Tervuursesteenweg 300", "1820", "Steenokkerzeel")
    assert any((m["time"] or "")[11:16] == "13:30" and "Nossegem" in json.dumps(m["place"])
               for m in event["meeting_points"])
    assert "anshmam52@gmail.com" in [c["value"] for c in event["contacts"]]
    assert event["kind"] == "rally"


def test_text_summary_says_what_when_where(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(FIXTURES / "fr-centre-ferme.txt"),
                       "--reference", "2025-01-13")
    assert code == 0
    assert "Steenokkerzeel" in out and "14:00" in out and "13:30" in out
    assert "weekday_mismatch" in out


def test_ics_parses_back(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(FIXTURES / "fr-centre-ferme.txt"),
                       "--reference", "2025-01-13", "--format", "ics")
    assert code == 0
    calendar = icalendar.Calendar.from_ical(out)
    events = [c for c in calendar.walk("VEVENT")]
    assert len(events) == 1
    assert events[0]["DTSTART"].dt.hour == 14
    assert "Steenokkerzeel" in str(events[0]["LOCATION"])


def test_jsonld_shape(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "extract", str(FIXTURES / "en-vigil.txt"),
                       "--reference", "2025-03-10", "--format", "jsonld")
    assert code == 0
    data = json.loads(out)
    items = data if isinstance(data, list) else data.get("@graph", [data])
    assert items and items[0]["startDate"].startswith("2025-03-14T19:00")


@pytest.mark.parametrize("name, reference, start, locality, kind", [
    ("nl-betoging.txt", "2025-03-01", "2025-03-09T13:30", "Gent", "march"),
    ("en-vigil.txt", "2025-03-10", "2025-03-14T19:00", "Cambridge", "vigil"),
])
def test_other_languages(capsys: pytest.CaptureFixture[str], name: str, reference: str,
                         start: str, locality: str, kind: str) -> None:
    code, out, _ = run(capsys, "extract", str(FIXTURES / name), "--reference", reference,
                       "--format", "json")
    assert code == 0
    events = json.loads(out)["events"]
    assert len(events) == 1
    assert events[0]["start"][:16] == start
    assert events[0]["place"]["locality"] == locality
    assert events[0]["kind"] == kind


def test_report_of_a_past_march_gives_no_event(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "extract", str(FIXTURES / "fr-rapport.txt"),
                         "--reference", "2025-03-17", "--format", "json")
    assert code == 0
    assert json.loads(out)["events"] == []
    assert "no event found" in err


def test_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FIXTURES / "en-vigil.txt").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text), encoding="utf-8"))
    code, out, _ = run(capsys, "extract", "-", "--reference", "2025-03-10", "--format", "json")
    assert code == 0
    assert json.loads(out)["events"][0]["kind"] == "vigil"


def test_jsonl_batch_keeps_order_and_survives_bad_lines(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a", "text": (FIXTURES / "en-vigil.txt").read_text(),
                    "reference": "2025-03-10", "lang": "en"}),
        "{not json",
        json.dumps({"id": "c", "text": 42}),
        json.dumps({"id": "d", "text": "Rien à signaler.", "reference": "2025-03-10"}),
        json.dumps({"id": "e", "text": "x", "reference": "not a date"}),
    ]
    source = tmp_path / "batch.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", "--jsonl", str(source))
    assert code == 0
    results = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in results] == ["a", None, "c", "d", "e"]
    assert len(results[0]["events"]) == 1 and "error" not in results[0]
    assert "error" in results[1] and results[1]["events"] == []
    assert "error" in results[2]
    assert results[3]["events"] == [] and "error" not in results[3]
    assert "error" in results[4]


@pytest.mark.parametrize("argv", [
    ["extract", "/nonexistent/call.txt"],
    ["extract", "CALL", "--reference", "2025-13-45"],
    ["extract", "CALL", "--reference", "next tuesday"],
    ["extract", "CALL", "--timezone", "Mars/Olympus"],
    ["extract", "CALL", "--format", "pdf"],
    ["extract", "CALL", "--lang", "de"],
    ["extract"],
    ["extract", "--jsonl", "/nonexistent/batch.jsonl"],
    ["extract", "CALL", "--geocoder", "nominatim"],
])
def test_bad_input_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str],
                                          argv: list[str]) -> None:
    argv = [str(FIXTURES / "en-vigil.txt") if a == "CALL" else a for a in argv]
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    one_line_error(err)


def test_binary_file_given_as_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    binary = tmp_path / "call.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    code, _, err = run(capsys, "extract", str(binary))
    assert code == 2
    one_line_error(err)


def test_empty_file_finds_no_event(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, out, err = run(capsys, "extract", str(empty), "--format", "json")
    assert code == 0
    assert json.loads(out)["events"] == []
    assert "no event found" in err
