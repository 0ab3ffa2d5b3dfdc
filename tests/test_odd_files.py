"""Odd files: empty images, fake PDFs and UTF-8 with a stray byte (issue 15, item 7)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from affiche.cli import main


@pytest.mark.parametrize("name", ["flyer.jpg", "scan.PNG", "photo.jpeg"])
def test_an_empty_image_is_not_a_readable_image(tmp_path: Path, name: str,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    assert main(["extract", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.strip() == (f"affiche: error: {path}: not a readable image "
                                         "(the file is empty)")


def test_an_empty_text_file_still_finds_nothing(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "call.txt"
    path.write_bytes(b"")
    assert main(["extract", str(path)]) == 0
    assert "no event found" in capsys.readouterr().err


def test_a_fake_pdf_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "call.pdf"
    path.write_bytes(b"%PDF-1.4\nthis is no PDF at all\n")
    # a fresh interpreter: pytest's own log handlers would hide the library's stray line
    done = subprocess.run([sys.executable, "-m", "affiche", "extract", str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"affiche: error: {path}: not a readable PDF")


CALL = ("Rassemblement à Liège le samedi 18 janvier 2025 à 14h, place Saint-Lambert. "
        "Venez très nombreux·ses : écoles, crèches, hôpitaux — tout le monde.\n")


def test_utf8_with_one_stray_byte_keeps_its_accents(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "call.txt"
    data = CALL.encode("utf-8")
    path.write_bytes(data[:60] + b"\x96" + data[60:])  # one cp1252 dash pasted in
    assert main(["extract", str(path), "--reference", "2025-01-13", "--format", "json"]) == 0
    import json

    document = json.loads(capsys.readouterr().out)["document"]
    assert document["text"].startswith("Rassemblement à Liège")
    assert "\ufffd" in document["text"] and "Ã" not in document["text"]
    assert [w["code"] for w in document["warnings"]] == ["invalid_utf8"]


def test_a_cp1252_text_is_still_read_as_cp1252() -> None:
    from affiche.ingest.text import decode

    assert decode(CALL.replace("—", "-").replace("·", ".").encode("cp1252")) == \
        CALL.replace("—", "-").replace("·", ".")
