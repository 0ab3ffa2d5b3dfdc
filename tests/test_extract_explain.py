"""`affiche extract --explain`: the chosen candidates, the runners-up and the decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from affiche.cli import main

CALL = ("Marche pour le logement\n"
        "Rendez-vous le samedi 14 juin 2025 à 13h30 place Saint-Paul à Liège. Départ du cortège "
        "à 14h vers l'hôtel de ville. Contact : logement@example.org\n\n"
        "La fête de quartier de l'an dernier a été organisée le 9 octobre.\n")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, standard output and standard error of one command."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_explain_shows_choices_runners_up_and_decisions(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "call.txt"
    source.write_text(CALL, encoding="utf-8")
    code, out, _ = _run(capsys, "extract", "--explain", str(source), "--reference", "2025-06-01",
                        "--lang", "fr")
    assert code == 0
    assert "event 1: Marche pour le logement" in out
    assert 'start: 2025-06-14T13:30:00+02:00 ← "samedi 14 juin 2025 à 13h30"' in out
    assert "still_to_come [samedi 14 juin 2025 à 13h30]: yes" in out
    assert "runner-up:" in out and "place: place Saint-Paul" in out
    assert "meeting point (route_end)" in out
    # the day told as done gives no event, and the view says which decision dropped it
    assert "days that gave no event:" in out
    assert "still_to_come [le 9 octobre]: no" in out or "still_to_come [9 octobre]: no" in out


def test_explain_of_a_missing_file_is_a_one_line_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "extract", "--explain", str(tmp_path / "none.txt"))
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "no such file" in err


def test_explain_refuses_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "extract", "--explain", "--jsonl", "-")
    assert code == 2 and "--explain" in err
