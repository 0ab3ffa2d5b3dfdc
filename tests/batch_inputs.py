"""Small mixed inputs for the batch tests, written at test time (texts written for these tests)."""

from __future__ import annotations

import io
import json
from pathlib import Path

REFERENCE = "2025-01-13"

TEXT = ("Rassemblement le samedi 18 janvier 2025 à 14h sur la place Flagey à Ixelles, "
        "contre la fermeture de la piscine. Contact : collectif@exemple.org\n")
HTML = ("<!doctype html><html><head><title>Betoging</title></head><body><article>"
        "<h1>Betoging voor betaalbare huur</h1><p>Zondag 26 januari 2025 om 13u verzamelen "
        "we aan het Sint-Pietersstation in Gent. Daarna stappen we naar het stadhuis.</p>"
        "</article></body></html>\n")
RECORDS = [
    {"id": "rec-1", "text": "Vigil on Saturday 1 February 2025 at 6pm in front of Leeds "
                            "town hall, for the closed library.", "lang": "en",
     "reference": "2025-01-20"},
    {"id": "rec-2", "text": "Manifestation le dimanche 9 février 2025 à 11h à la gare du Nord "
                            "de Bruxelles, pour les services publics."},
]
WARC_PAGES = [
    ("https://agenda.example.org/marche", "text/html; charset=utf-8",
     "<html><head><title>Marche</title></head><body><article><p>Marche pour le climat le "
     "samedi 15 mars 2025 à 14h, départ place de la Monnaie à Bruxelles.</p></article>"
     "</body></html>"),
    ("https://agenda.example.org/logo.png", "image/png", "\x89PNG not really"),
    ("https://agenda.example.org/concert", "text/html",
     "<html><body><p>Concert de soutien le vendredi 7 mars 2025 à 20h au Botanique, "
     "à Bruxelles.</p></body></html>"),
]


def write_warc(path: Path, pages: list[tuple[str, str, str]] = WARC_PAGES) -> Path:
    """A gzip WARC file of HTTP responses, one per (uri, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for uri, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response",
                                               payload=io.BytesIO(body.encode("utf-8")),
                                               http_headers=headers)
            writer.write_record(record)
    return path


def write_jsonl(path: Path, records: list[dict], bad_lines: bool = True) -> Path:
    """A Contract 2 file, with a line that is not JSON and a record without text."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    if bad_lines:
        lines += ["this line is not JSON", json.dumps({"id": "rec-bad", "text": 42})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def make_inputs(root: Path) -> dict[str, Path]:
    """A folder (a text, an HTML page in a subfolder, a binary), a JSON Lines and a WARC file."""
    folder = root / "calls"
    (folder / "sub").mkdir(parents=True)
    (folder / "rassemblement.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "betoging.html").write_text(HTML, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00binary")
    return {
        "folder": folder,
        "jsonl": write_jsonl(root / "records.jsonl", RECORDS),
        "warc": write_warc(root / "crawl.warc.gz"),
    }


def expected_ids(paths: dict[str, Path]) -> set[str]:
    """Every document id the mixed inputs hold (the non-HTML WARC record is not a document)."""
    folder = paths["folder"]
    return {
        str(folder / "rassemblement.txt"), str(folder / "sub" / "betoging.html"),
        str(folder / "broken.txt"), "rec-1", "rec-2", f"{paths['jsonl']}:3", "rec-bad",
        "https://agenda.example.org/marche", "https://agenda.example.org/concert",
    }


def many_records(path: Path, count: int) -> Path:
    """A JSON Lines file of `count` short calls with distinct ids and days."""
    with path.open("w", encoding="utf-8") as handle:
        for number in range(count):
            day = 1 + number % 28
            record = {"id": f"call-{number:05d}", "reference": "2025-01-13",
                      "text": f"Rassemblement le {day} février 2025 à 14h devant la gare "
                              f"de Namur, pour l'accueil des réfugiés (appel {number})."}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
