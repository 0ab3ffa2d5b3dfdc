"""Long texts: the helpers that keep extraction near-linear give the answers of the plain scans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from affiche.extract.addresses import Address, _without_overlaps
from affiche.extract.locate import _covers
from affiche.extract.places import find_addresses


def test_covers_tells_offsets_inside_spans() -> None:
    covered = _covers([(10, 20), (15, 30), (50, 60), (5, 5)])
    inside = [x for x in range(70) if covered(x)]
    assert inside == list(range(10, 30)) + list(range(50, 60))
    assert not _covers([])(0)


def test_without_overlaps_keeps_the_richest_in_order() -> None:
    full = Address(10, 40, street="Rue Neuve 45", postcode="4000", locality="Liège")
    part = Address(30, 40, postcode="4000", locality="Liège")
    other = Address(50, 60, street="Grand-Place 1")
    kept = _without_overlaps([part, other, full])
    assert [(a.start, a.end) for a in kept] == [(10, 40), (50, 60)]


def test_venue_before_a_street_on_a_very_long_line() -> None:
    filler = "Nous serons nombreux et nombreuses contre les expulsions. " * 400
    text = filler + "Salle Verte, Rue Neuve 45 - 4000 Liège"
    address = find_addresses(text, "fr")[-1]
    assert (address.name, address.street, address.locality) == ("Salle Verte", "Rue Neuve 45",
                                                                 "Liège")


def test_within_tells_spans_inside_others() -> None:
    from affiche.extract.locate import _within

    within = _within([(0, 10), (2, 4), (20, 30)])
    assert within(3, 9) and within(20, 30) and not within(9, 12) and not within(15, 16)


def test_kind_cues_outside_masked_spans() -> None:
    from affiche.extract.kindcues import _free

    masked = [(10, 20), (15, 30), (40, 40)]
    assert not _free(25, 35, masked) and _free(30, 39, masked) and not _free(39, 41, masked)
    assert _free(0, 10, masked)


# Calls of our own, each on its own day and town, to build long pastes from.
TOWNS = [("Liège", "place Saint-Lambert"), ("Namur", "place d'Armes"),
         ("Mons", "Grand-Place"), ("Charleroi", "place de la Digue")]


def _call(number: int) -> str:
    """One short French call: a rally on day 1..28 of March 2027 in one of four towns."""
    town, square = TOWNS[number % len(TOWNS)]
    day = number % 28 + 1
    return (f"Rassemblement pour le logement n°{number}\n\n"
            f"Rendez-vous le {day} mars 2027 à 14h, {square} à {town}, contre les "
            f"expulsions. Venez nombreux avec banderoles et pancartes.\n\n"
            f"Contact : collectif{number}@example.org\n")


def test_windows_tile_the_text_at_blank_lines() -> None:
    from affiche.windows import windows

    text = "\n\n\n".join(_call(n) for n in range(200))
    parts = windows(text, size=4000, context=800)
    assert parts[0][1] == 0 and parts[-1][2] == len(text)
    for (_, _, own_end, _), (read_start, start, _, _) in zip(parts, parts[1:], strict=False):
        assert own_end == start  # nothing left out, nothing read twice as its own
        assert text[start - 3:start] == "\n\n\n"  # cut at the breaks between the calls
        assert read_start < start


def test_windows_cut_a_text_without_breaks() -> None:
    from affiche.windows import windows

    text = "x" * 10_000
    parts = windows(text, size=3000, context=500)
    assert [(s, e) for _, s, e, _ in parts] == [(0, 3000), (3000, 6000), (6000, 9000),
                                               (9000, 10_000)]


def test_a_long_paste_gives_every_call_with_spans_into_the_whole_text() -> None:
    from calls import extract

    text = "\n\n\n".join(_call(n) for n in range(280))  # about 60 kB: read in windows
    events = extract(text, "2027-02-01", "fr")
    days = {(e.start.day, e.place.locality) for e in events if e.start}
    expected = {(n % 28 + 1, TOWNS[n % len(TOWNS)][0]) for n in range(280)}
    assert days == expected
    for event in events:
        start, end = event.evidence["start"]
        assert f"{event.start.day} mars 2027 à 14h" in text[start:end]
        for contact in event.contacts:
            assert text[contact.evidence[0]:contact.evidence[1]] == contact.value


def test_one_call_pasted_over_many_windows_is_one_event() -> None:
    from calls import extract

    call = ("Manifestation contre la fermeture de l'hôpital le samedi 6 mars 2027 à 11h, "
            "rue de la Loi 16, 1000 Bruxelles. ")
    events = extract(call * 800, "2027-02-01", "fr")
    assert len(events) == 1 and events[0].start.isoformat()[:16] == "2027-03-06T11:00"


def _long_paste(tmp_path: Path) -> Path:
    """A file of 120 calls, read in several windows."""
    path = tmp_path / "paste.txt"
    path.write_text("\n\n\n".join(_call(n) for n in range(120)), encoding="utf-8")
    return path


def test_a_document_over_its_time_budget_is_one_error_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from affiche.cli import main

    code = main(["extract", str(_long_paste(tmp_path)), "--reference", "2027-02-01",
                 "--budget", "0.001"])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("affiche: error: ")
    assert "time budget of 0.001 s" in lines[0] and "--budget" in lines[0]


def test_over_budget_in_batch_mode_is_an_error_row(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from affiche.cli import main

    text = _long_paste(tmp_path).read_text(encoding="utf-8")
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps({"id": "long", "text": text}) + "\n"
                     + json.dumps({"id": "short", "text": "Ceci n'annonce rien."}) + "\n",
                     encoding="utf-8")
    code = main(["extract", "--jsonl", str(lines), "--budget", "0.001"])
    out, _ = capsys.readouterr()
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [r["id"] for r in rows] == ["long", "short"]
    assert rows[0]["events"] == [] and "time budget" in rows[0]["error"]


def test_deadline_checks_its_clock() -> None:
    from affiche.windows import BudgetExceeded, Deadline

    now = [100.0]
    deadline = Deadline(5, "call.txt", clock=lambda: now[0])
    deadline.check()
    now[0] = 106.0
    with pytest.raises(BudgetExceeded, match="call.txt: reading took longer"):
        deadline.check("resolve")
    Deadline(None, clock=lambda: now[0]).check()
