"""Plain-text reading, kind sniffing, reference dating and language guessing of affiche.ingest."""

from __future__ import annotations

import datetime as dt
import io
import os
import unicodedata
from zoneinfo import ZoneInfo

import pytest

from affiche import ingest
from affiche.errors import AfficheError, InputError
from affiche.ingest import dating, language, sniff

BRUSSELS = ZoneInfo("Europe/Brussels")
CALL_FR = ("Rassemblement devant la gare\n\nCe samedi à 14h, rejoignez-nous pour dire non "
           "aux expulsions. Départ groupé de la place, avec nos amis et leurs familles.\n")
CALL_NL = ("Betoging aan het station\n\nZaterdag om 14u komen we samen tegen de uitzettingen. "
           "Iedereen is welkom, breng je vrienden mee naar de actie.\n")
CALL_EN = ("Rally at the station\n\nJoin us on Saturday at 2 pm to say no to deportations. "
           "Bring your friends and their families, we will walk together.\n")


# --- file names and first lines that date a document ----

NAMES = [
    ("IMG_20250113_170339_462.jpg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("PXL_20250113_170339123.jpg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("PXL_20250113_170339123.MP.jpg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("Screenshot_2025-01-13-17-03-39-123_com.whatsapp.jpg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("Screenshot_20250113-170339.png", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("Screenshot 2025-01-13 at 17.03.39.png", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("WhatsApp Image 2025-01-13 at 17.03.39.jpeg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("WhatsApp Image 2025-01-13 at 5.03.39 PM.jpeg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("VID_20250113_170339.mp4", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("IMG-20250113-WA0001.jpg", dt.datetime(2025, 1, 13, 0, 0)),
    ("signal-2025-01-13-170339_002.jpeg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("photo_2025-01-13_17-03-39.jpg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("20250113_170339.jpg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("Capture d’écran 2025-01-13 à 17.03.39.png", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("Schermafbeelding 2025-01-13 om 17.03.39.png", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("some/folder/IMG_20250113_170339.jpg", dt.datetime(2025, 1, 13, 17, 3, 39)),
    # Not capture names: a date alone may be the event's, an impossible date is no date.
    ("agenda-2025-01-13.txt", None),
    ("IMG_20251313_170339.jpg", None),
    ("flyer.jpg", None),
    ("IMG_1234.jpg", None),
]


@pytest.mark.parametrize(("name", "expected"), NAMES)
def test_file_name_dates(name: str, expected: dt.datetime | None) -> None:
    found = dating.from_name(name, "Europe/Brussels")
    assert found == (expected.replace(tzinfo=BRUSSELS) if expected else None)


FIRST_LINES = [
    ("IMG_20250113_170339_462\n\nRassemblement", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("\n  IMG_20250113_170339_462.jpg  \nTitre", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("WhatsApp Image 2025-01-13 at 17.03.39\nTexte", dt.datetime(2025, 1, 13, 17, 3, 39)),
    ("20250113 rassemblement à la gare\n", None),
    ("Rassemblement le 2025-01-13\n", None),
    ("Titre\nIMG_20250113_170339_462\n", None),
]


@pytest.mark.parametrize(("text", "expected"), FIRST_LINES)
def test_first_line_dates(text: str, expected: dt.datetime | None) -> None:
    found = dating.from_first_line(text, "Europe/Brussels")
    assert found == (expected.replace(tzinfo=BRUSSELS) if expected else None)


# --- the text reader ----

def test_text_file_dated_by_its_first_line(tmp_path) -> None:
    path = tmp_path / "call.txt"
    path.write_text("IMG_20250113_170339_462\n\n" + CALL_FR, encoding="utf-8")
    doc = ingest.read(path)
    assert doc.kind == "text"
    assert doc.reference == dt.datetime(2025, 1, 13, 17, 3, 39, tzinfo=BRUSSELS)
    assert doc.reference_source == "filename"
    assert doc.language == "fr"
    assert doc.text.startswith("IMG_20250113_170339_462\n\nRassemblement")


def test_file_name_dates_before_first_line(tmp_path) -> None:
    path = tmp_path / "WhatsApp Image 2025-02-01 at 09.00.00.txt"
    path.write_text("IMG_20250113_170339_462\n" + CALL_FR, encoding="utf-8")
    doc = ingest.read(path)
    assert doc.reference == dt.datetime(2025, 2, 1, 9, 0, tzinfo=BRUSSELS)


def test_given_reference_overrides_everything(tmp_path) -> None:
    path = tmp_path / "IMG_20250113_170339.txt"
    path.write_text(CALL_FR, encoding="utf-8")
    doc = ingest.read(path, reference=dt.date(2025, 3, 1))
    assert doc.reference == dt.datetime(2025, 3, 1, 0, 0, tzinfo=BRUSSELS)
    assert doc.reference_source == "given"
    naive = ingest.read(path, reference=dt.datetime(2025, 3, 1, 12, 0), timezone="UTC")
    assert naive.reference == dt.datetime(2025, 3, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    assert naive.timezone == "UTC"


def test_mtime_is_the_last_resort(tmp_path) -> None:
    path = tmp_path / "call.txt"
    path.write_text(CALL_FR, encoding="utf-8")
    stamp = dt.datetime(2024, 6, 2, 10, 30, tzinfo=BRUSSELS).timestamp()
    os.utime(path, (stamp, stamp))
    doc = ingest.read(path)
    assert doc.reference_source == "mtime"
    assert doc.reference == dt.datetime(2024, 6, 2, 10, 30, tzinfo=BRUSSELS)


def test_stdin_without_date_has_no_reference() -> None:
    doc = ingest.read("-", stdin=io.BytesIO(CALL_EN.encode()))
    assert (doc.source, doc.reference, doc.reference_source) == ("-", None, "none")
    assert doc.language == "en"


def test_read_text_dates_like_a_file() -> None:
    doc = ingest.read_text("IMG_20250113_170339_462\n" + CALL_NL, source="line-3")
    assert doc.reference_source == "filename"
    assert doc.source == "line-3"
    assert doc.language == "nl"


ENCODINGS = [
    ("utf-8", CALL_FR.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + CALL_FR.encode("utf-8")),
    ("utf-16 with BOM", CALL_FR.encode("utf-16")),
    ("windows-1252", CALL_FR.encode("cp1252")),
    ("latin-1", CALL_FR.encode("latin-1")),
    ("CRLF newlines", CALL_FR.replace("\n", "\r\n").encode("utf-8")),
    ("CR newlines", CALL_FR.replace("\n", "\r").encode("utf-8")),
    ("decomposed accents", unicodedata.normalize("NFD", CALL_FR).encode("utf-8")),
]


@pytest.mark.parametrize(("label", "data"), ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_text_encodings_give_the_same_text(label: str, data: bytes) -> None:
    doc = ingest.read("-", stdin=io.BytesIO(data))
    assert doc.text == CALL_FR


def test_text_offsets_are_kept() -> None:
    raw = "  Titre\t\n\n\fSuite  \n"
    assert ingest.read_text(raw).text == raw


# --- refusing what is not text ----

BINARIES = [
    ("NUL bytes", b"hello\x00world" * 10, "NUL"),
    ("random bytes", bytes((i * 7919) % 256 for i in range(4096)), "not a text file"),
    ("control characters", ("abc\x01\x02\x03\x04" * 100).encode(), "control characters"),
    ("zip / docx", b"PK\x03\x04" + b"\x14\x00" * 50, "ZIP"),
    ("gzip", b"\x1f\x8b\x08\x00" + bytes(60), "gzip"),
    ("ELF", b"\x7fELF\x02\x01\x01" + bytes(60), "executable"),
    ("mp4", b"\x00\x00\x00\x18ftypmp42" + bytes(40), "MP4"),
    ("svg", b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
            b"<text>Demo</text></svg>", "SVG"),
]


@pytest.mark.parametrize(("label", "data", "says"), BINARIES, ids=[b[0] for b in BINARIES])
def test_binary_renamed_txt_is_refused(tmp_path, label: str, data: bytes, says: str) -> None:
    path = tmp_path / "call.txt"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        ingest.read(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: not a text file")
    assert says in message
    assert "\n" not in message


def test_missing_file_and_directory(tmp_path) -> None:
    with pytest.raises(InputError, match=r"nope\.txt: no such file$"):
        ingest.read(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a directory"):
        ingest.read(tmp_path)


def test_unknown_timezone_is_an_input_error() -> None:
    with pytest.raises(InputError, match="Mars/Olympus"):
        ingest.read_text("x", timezone="Mars/Olympus")


def test_words_starting_like_magic_numbers_stay_text() -> None:
    for text_ in ("MZ rally tomorrow at the station, join us all\n", "BZh is a name\n",
                  "BM rally\n", "<b>not a page</b> said the text\n"):
        assert ingest.read("-", stdin=io.BytesIO(text_.encode())).kind == "text"


SNIFFS = [
    (b"\x89PNG\r\n\x1a\n" + bytes(20), "image"),
    (b"\xff\xd8\xff\xe0" + bytes(20), "image"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image"),
    (b"\x00\x00\x00\x18ftypheic" + bytes(10), "image"),
    (b"%PDF-1.7\n", "pdf"),
    (b"\n\n%PDF-1.4\n", "pdf"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "html"),
    (b"\xef\xbb\xbf  <html lang='fr'>", "html"),
    (b"<!-- saved --><HTML>", "html"),
    (b"Just text", "text"),
]


@pytest.mark.parametrize(("data", "kind"), SNIFFS)
def test_sniff_by_content(data: bytes, kind: str) -> None:
    assert sniff.sniff(data) == kind


# --- several sources ----

def test_read_many_expands_directories_and_keeps_going(tmp_path) -> None:
    (tmp_path / "b.txt").write_text(CALL_NL, encoding="utf-8")
    (tmp_path / "a.txt").write_text(CALL_FR, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(CALL_EN, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.bin").write_bytes(b"\x7fELF" + bytes(100))
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_text(CALL_EN, encoding="utf-8")
    results = list(ingest.read_many([tmp_path, tmp_path / "missing.txt"]))
    assert [r.language for r in results[:2]] == ["fr", "nl"]
    assert [r.source for r in results[:2]] == [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]
    assert isinstance(results[2], InputError) and "c.bin: not a text file" in str(results[2])
    assert isinstance(results[3], AfficheError) and "no such file" in str(results[3])
    assert len(results) == 4


# --- language ----

LANGUAGES = [(CALL_FR, "fr"), (CALL_NL, "nl"), (CALL_EN, "en"), ("Rue de la Loi 16", None),
             ("", None),
             # written as notes, with few function words: the language data's own words tell
             ("Tenants' meeting\nTuesday 11 November, 7–9pm\nSt Mary's Church Hall, 12 High "
              "Street, Oxford\nEveryone welcome. Step-free access.", "en"),
             ("Huurdersoverleg\nDinsdag 11 november, 19u–21u\nBuurthuis, Kerkstraat 5, Gent\n"
              "Iedereen welkom.", "nl"),
             ("Réunion des locataires\nMardi 11 novembre, 19h–21h\nMaison de quartier, "
              "rue Haute 12\nBienvenue à toutes.", "fr")]


@pytest.mark.parametrize(("text_", "lang"), LANGUAGES)
def test_language_detection(text_: str, lang: str | None) -> None:
    assert language.detect(text_) == lang


def test_stopword_lists_have_no_shared_words() -> None:
    lists = language.stopwords()
    assert set(lists) >= {"fr", "nl", "en"}
    for lang, words in lists.items():
        for other, other_words in lists.items():
            if other != lang:
                assert not words & other_words
