"""Hostile files through the whole command: each ends with one line on stderr and exit code 2,
quickly and without reading them whole (the limits are in affiche.ingest)."""

from __future__ import annotations

import pytest
from test_ingest_support import FLYERS, jpeg_bytes, million_page_pdf, png_header_only, render_flyer

from affiche.cli import main


def fifty_megabyte_html(path) -> None:
    block = b"<div><p>Rassemblement samedi devant la gare, venez nombreux.</p></div>\n"
    with path.open("wb") as handle:
        handle.write(b"<!DOCTYPE html><html><body>")
        for _ in range(50 * 2**20 // len(block) + 1):
            handle.write(block)


def truncated_jpeg(path) -> None:
    data = jpeg_bytes(render_flyer(FLYERS["fr"]), 80)
    path.write_bytes(data[: len(data) // 2])


HOSTILE = {
    "bomb.png": lambda path: path.write_bytes(png_header_only(100_000, 100_000)),
    "truncated.jpg": truncated_jpeg,
    "million.pdf": lambda path: path.write_bytes(million_page_pdf(real_refs=1_000_000)),
    "binary.txt": lambda path: path.write_bytes(bytes(range(256)) * 64),
    "huge.html": fifty_megabyte_html,
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_one_line_and_exit_2(tmp_path, capsys, name: str) -> None:
    path = tmp_path / name
    HOSTILE[name](path)
    code = main(["extract", str(path)])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], captured.err
    assert "Traceback" not in captured.err
