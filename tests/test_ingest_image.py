"""Images in affiche.ingest: safe decoding, EXIF, preprocessing, OCR of clean and photographed
flyers, reading order, and hostile files. OCR tests are skipped when Tesseract is absent."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageDraw, ImageFilter
from test_ingest_support import (
    FLYERS,
    FONT_DIR,
    font,
    image_pdf,
    inline_image_pdf,
    jpeg_bytes,
    photograph,
    png_bytes,
    png_header_only,
    render_flyer,
)

from affiche import ingest
from affiche.errors import InputError, MissingDependency
from affiche.ingest import image, ocr, pdf, preprocess

BRUSSELS = ZoneInfo("Europe/Brussels")
# The OCR tests read flyers drawn in DejaVu Sans: their expected strings were measured with it.
needs_tesseract = pytest.mark.skipif(
    shutil.which("tesseract") is None or not FONT_DIR.exists(),
    reason="OCR tests need Tesseract OCR and DejaVu fonts (apt-get install tesseract-ocr "
           "tesseract-ocr-fra tesseract-ocr-nld fonts-dejavu-core)")

# Strings the extractor needs, per flyer language: they must come out of the OCR exactly.
KEYS = {
    "fr": ["RASSEMBLEMENT", "Samedi 19 à 14h", "Tervuursesteenweg 300, 1820 Steenokkerzeel",
           "RDV 13h30 gare de Nossegem", "départ 12h58", "collectif-127@example.org"],
    "nl": ["BETOGING", "Zaterdag 8 maart om 14u", "Sint-Pietersplein, 9000 Gent",
           "Verzamelen om 13u30 aan het station", "actiegroep@example.org"],
    "en": ["Friday 14 March at 7 pm", "Place Flagey, 1050 Ixelles",
           "Meet at 6.30 pm in front of the church", "vigil@example.org"],
}


def exif_with(original: str | None = None, offset: str | None = None,
              orientation: int | None = None) -> Image.Exif:
    """An EXIF block with DateTimeOriginal (and its offset) and/or an orientation."""
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if original:
        sub = exif.get_ifd(0x8769)
        sub[0x9003] = original
        if offset:
            sub[0x9011] = offset
    return exif


def fuzzy_in(key: str, text: str, edits: int = 1) -> bool:
    """True when `key` occurs in `text` with at most `edits` substituted/inserted/deleted chars."""
    # Sellers' algorithm: edit distance of `key` against any substring of `text`.
    previous = [0] * (len(text) + 1)
    for row, char in enumerate(key, start=1):
        current = [row]
        for column, other in enumerate(text, start=1):
            current.append(min(previous[column] + 1, current[column - 1] + 1,
                               previous[column - 1] + (char != other)))
        previous = current
    return min(previous) <= edits


def test_fuzzy_in() -> None:
    assert fuzzy_in("om 14u", "maart cm 14u")
    assert not fuzzy_in("om 14u", "maart cm 15u")


@pytest.fixture(scope="module")
def flyers() -> dict[str, Image.Image]:
    return {lang: render_flyer(flyer) for lang, flyer in FLYERS.items()}


# --- OCR of flyers ----

@needs_tesseract
@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_clean_flyer(tmp_path, flyers, lang: str) -> None:
    path = tmp_path / "flyer.png"
    path.write_bytes(png_bytes(flyers[lang]))
    doc = ingest.read(path)
    assert doc.kind == "image"
    # The origin call's flyer reads exactly; on the others Tesseract may misread one character
    # of a big bold line (Dutch "om" as "em" in 84 pt bold red, measured).
    for key in KEYS[lang]:
        assert key in doc.text if lang == "fr" else fuzzy_in(key, doc.text), key
    assert doc.language == lang
    assert 0.8 < doc.ocr_confidence <= 1.0
    # The first printed line comes first: titles keep their place.
    assert doc.text.split("\n")[0] == FLYERS[lang].blocks[0][0] or lang == "en"


@needs_tesseract
@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
def test_photographed_flyer_dated_by_file_name(tmp_path, flyers, lang: str) -> None:
    path = tmp_path / "IMG_20250113_170339_462.jpg"
    path.write_bytes(jpeg_bytes(photograph(flyers[lang]), quality=60))
    doc = ingest.read(path)
    # A photo may cost a character here and there ("om" read "cm"): at most one per key string.
    for key in KEYS[lang]:
        assert fuzzy_in(key, doc.text), key
    assert doc.reference == dt.datetime(2025, 1, 13, 17, 3, 39, tzinfo=BRUSSELS)
    assert doc.reference_source == "filename"


@needs_tesseract
def test_line_confidence_spans_index_the_text(flyers) -> None:
    doc = ingest.read_bytes(png_bytes(flyers["fr"]), source="flyer.png")
    lines = [line for line in doc.text.split("\n") if line]
    assert [doc.text[a:b] for a, b, _ in doc.line_confidence] == lines
    assert all(0 <= c <= 1 for _, _, c in doc.line_confidence)
    start = doc.text.index("Samedi 19")
    assert doc.confidence_at(start, start + 9) > 0.5


@needs_tesseract
def test_exif_date_beats_the_file_name_and_orientation_is_applied(tmp_path, flyers) -> None:
    # Stored lying on its side, with the EXIF tag saying "rotate 90° clockwise to view".
    stored = flyers["fr"].transpose(Image.Transpose.ROTATE_90)
    exif = exif_with("2025:01:12 09:30:00", "+01:00", orientation=6)
    path = tmp_path / "IMG_20250113_170339_462.jpg"
    path.write_bytes(jpeg_bytes(stored, quality=85, exif=exif))
    doc = ingest.read(path)
    assert doc.reference_source == "exif"
    assert doc.reference == dt.datetime(2025, 1, 12, 9, 30, tzinfo=BRUSSELS)
    assert "Samedi 19 à 14h" in doc.text


@needs_tesseract
@pytest.mark.parametrize("turn", [90, 180])
def test_turned_flyer_without_exif_is_put_upright(flyers, turn: int) -> None:
    stored = flyers["fr"].rotate(turn, expand=True)
    doc = ingest.read_bytes(jpeg_bytes(stored, 85), source="turned.jpg")
    assert doc.text.startswith("RASSEMBLEMENT\n")
    assert "Tervuursesteenweg 300, 1820 Steenokkerzeel" in doc.text


def test_sideways_text_is_noticed(flyers) -> None:
    gray = flyers["nl"].convert("L")
    assert not preprocess.sideways(gray)
    assert preprocess.sideways(gray.rotate(90, expand=True))
    assert not preprocess.sideways(gray.rotate(180))


SCREENSHOT = ["Collectif Essai", "Rassemblement ce samedi 19 à 14h devant",
              "le centre fermé 127 bis,", "Tervuursesteenweg 300, Steenokkerzeel.",
              "Départ groupé 13h30 gare de Nossegem.", "Partagez ! #127bis"]


@needs_tesseract
@pytest.mark.parametrize(("mode", "background", "ink"),
                         [("light", "white", "#1a1a1a"), ("dark", "#121212", "#e8e8e8")])
def test_phone_screenshot_light_and_dark_mode(mode: str, background: str, ink: str) -> None:
    shot = Image.new("RGB", (1080, 2400), background)
    draw = ImageDraw.Draw(shot)
    draw.rectangle((0, 0, 1080, 160), fill="#1f1f1f" if mode == "dark" else "#f0f0f0")
    draw.text((40, 50), "9:41", font=font(36), fill=ink)
    for row, text in enumerate(SCREENSHOT):
        draw.text((60, 400 + row * 90), text, font=font(44, row == 0), fill=ink)
    doc = ingest.read_bytes(png_bytes(shot), source="Screenshot_20250113-170339.png")
    lines = [line for line in doc.text.split("\n") if line]
    assert lines[1:] == SCREENSHOT
    assert doc.reference == dt.datetime(2025, 1, 13, 17, 3, 39, tzinfo=BRUSSELS)


@needs_tesseract
def test_two_columns_keep_their_reading_order() -> None:
    poster = Image.new("RGB", (1500, 2000), "white")
    draw = ImageDraw.Draw(poster)
    draw.text((150, 100), "MANIFESTATION", font=font(90, True), fill="black")
    left = ["Dimanche 9 mars", "Départ 13h", "Gare du Nord"]
    right = ["Retour en car", "Inscription", "Prix libre"]
    for row, (a, b) in enumerate(zip(left, right, strict=True)):
        draw.text((100, 400 + row * 120), a, font=font(56), fill="black")
        draw.text((850, 400 + row * 120), b, font=font(56), fill="black")
    doc = ingest.read_bytes(png_bytes(poster), source="columns.png")
    lines = [line for line in doc.text.split("\n") if line]
    assert lines == ["MANIFESTATION", *left, *right]


@needs_tesseract
def test_scanned_pdf_goes_through_ocr(flyers) -> None:
    scan = flyers["fr"].resize((750, 1000))
    doc = ingest.read_bytes(image_pdf(jpeg_bytes(scan, 85), 750, 1000), source="scan.pdf")
    assert doc.kind == "pdf"
    assert "Tervuursesteenweg 300" in doc.text
    assert doc.ocr_confidence and doc.line_confidence
    assert doc.reference_source == "pdf"


@needs_tesseract
@pytest.mark.skipif(shutil.which("pdftoppm") is None,
                    reason="poppler-utils is not installed (apt-get install poppler-utils)")
def test_pdf_page_only_a_renderer_sees_is_rendered_for_ocr(flyers) -> None:
    scan = flyers["fr"].resize((750, 1000))
    doc = ingest.read_bytes(inline_image_pdf(jpeg_bytes(scan, 85), 750, 1000), source="o.pdf")
    assert "Tervuursesteenweg 300" in doc.text and doc.warnings == []


@needs_tesseract
def test_scanned_pdf_without_poppler_uses_the_embedded_image(monkeypatch, flyers) -> None:
    monkeypatch.setattr(pdf, "pdftoppm", lambda: None)
    scan = jpeg_bytes(flyers["fr"].resize((750, 1000)), 85)
    assert "Tervuursesteenweg 300" in ingest.read_bytes(image_pdf(scan, 750, 1000),
                                                        source="scan.pdf").text
    unread = ingest.read_bytes(inline_image_pdf(scan, 750, 1000), source="o.pdf")
    assert unread.text == ""
    assert [w.code for w in unread.warnings] == ["pdf_no_text"]
    assert "apt-get install poppler-utils" in unread.warnings[0].message


@needs_tesseract
def test_image_renamed_txt_is_read_as_image(tmp_path, flyers) -> None:
    path = tmp_path / "call.txt"
    path.write_bytes(jpeg_bytes(flyers["nl"], 80))
    assert ingest.read(path).kind == "image"


@needs_tesseract
def test_heic_photo_is_read(flyers) -> None:
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    flyers["fr"].save(buffer, "HEIF", quality=90)
    doc = ingest.read_bytes(buffer.getvalue(), source="IMG_20250113_170339.HEIC")
    assert doc.kind == "image" and "Tervuursesteenweg 300" in doc.text
    assert doc.reference_source == "filename"


@needs_tesseract
def test_very_blurred_photo_warns_of_low_confidence(flyers) -> None:
    blurred = flyers["fr"].filter(ImageFilter.GaussianBlur(9)).resize((600, 800))
    doc = ingest.read_bytes(png_bytes(blurred), source="blurred.png")
    assert doc.ocr_confidence < image.LOW_CONFIDENCE
    assert "low_ocr_confidence" in [w.code for w in doc.warnings]
    unsure = [c for _, _, c in doc.line_confidence if c < 0.6]
    assert unsure, "some lines must be marked unsure"


@needs_tesseract
def test_blank_image_warns_that_no_text_was_read() -> None:
    doc = ingest.read_bytes(png_bytes(Image.new("RGB", (800, 600), "white")), source="blank.png")
    assert doc.text == ""
    assert [w.code for w in doc.warnings] == ["ocr_no_text"]


# --- without Tesseract ----

def test_missing_tesseract_says_what_to_install(monkeypatch, flyers) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    with pytest.raises(MissingDependency) as caught:
        ingest.read_bytes(png_bytes(flyers["fr"].resize((300, 400))), source="flyer.png")
    assert str(caught.value) == ("flyer.png: reading images needs Tesseract OCR: apt-get install "
                                 "tesseract-ocr tesseract-ocr-fra tesseract-ocr-nld")


def test_exif_dates() -> None:
    picture = Image.new("RGB", (20, 20), "white")
    assert image.exif_datetime(jpeg_bytes(picture, exif=exif_with("2025:01:12 09:30:00"))) == \
        dt.datetime(2025, 1, 12, 9, 30)
    with_offset = image.exif_datetime(
        jpeg_bytes(picture, exif=exif_with("2025:01:12 09:30:00", "-05:00")))
    assert with_offset.utcoffset() == dt.timedelta(hours=-5)
    assert image.exif_datetime(jpeg_bytes(picture, exif=exif_with("0000:00:00 00:00:00"))) is None
    assert image.exif_datetime(jpeg_bytes(picture)) is None


@pytest.mark.parametrize("angle", [-9.0, -4.0, 0.0, 3.0, 7.0, 11.0])
def test_deskew_finds_the_tilt(flyers, angle: float) -> None:
    tilted = flyers["fr"].convert("L").rotate(angle, expand=True, fillcolor=200)
    assert preprocess.deskew_angle(tilted) == pytest.approx(-angle, abs=0.6)


def test_polarities_make_light_on_dark_text_dark_on_light(flyers) -> None:
    gray = flyers["fr"].convert("L").resize((750, 1000))
    regional, negative = preprocess.polarities(gray)
    # The white-on-black "RDV" band of the flyer: on the first view its background is light.
    band = regional.crop((60, 600, 690, 640))
    assert sum(band.tobytes()) / (band.width * band.height) > 128
    assert negative.getpixel((5, 5)) < 64


def line(text: str, left: int, top: int, right: int, bottom: int, conf: float = 0.9) -> ocr.Line:
    return ocr.Line(text.split(), left, top, right, bottom, conf)


def test_xy_cut_reads_title_then_each_column() -> None:
    lines = [
        line("right two", 800, 300, 1200, 340), line("left one", 100, 200, 500, 240),
        line("TITLE", 100, 50, 1200, 140), line("right one", 800, 200, 1200, 240),
        line("left two", 100, 300, 500, 340), line("footer", 100, 600, 1200, 640),
    ]
    assert [item.text for item in ocr.order(lines)] == [
        "TITLE", "left one", "left two", "right one", "right two", "footer"]


def test_merge_keeps_the_better_of_overlapping_readings() -> None:
    first = [line("RDV 13h30 gare", 100, 100, 600, 140, 0.91),
             line("gârbâge", 100, 300, 600, 340, 0.3)]
    second = [line("RDV 13h30 gare", 101, 101, 600, 141, 0.9),
              line("Gare de Nossegem", 100, 300, 600, 340, 0.92),
              line("Contact", 100, 500, 300, 540, 0.95)]
    merged = ocr.merge(first, second)
    assert sorted(item.text for item in merged) == ["Contact", "Gare de Nossegem", "RDV 13h30 gare"]


TIES = [
    ("Friday 14 March at 7 pra", "Friday 14 March at 7 pm", "Friday 14 March at 7 pm"),
    ("Zaterdag 8 maart em 14u", "Zaterdag 8 maart om 14u", "Zaterdag 8 maart om 14u"),
    ("Samedi 19 a 14h", "Samedi 19 à 14h", "Samedi 19 à 14h"),
    ("Samedi 19 à 14h", "Samedi 19 a 14h", "Samedi 19 à 14h"),
]


@pytest.mark.parametrize(("first", "second", "kept"), TIES)
def test_equally_sure_readings_are_settled_by_known_words_then_accents(
        first: str, second: str, kept: str) -> None:
    merged = ocr.merge([line(first, 100, 100, 900, 150, 0.95)],
                       [line(second, 101, 100, 900, 151, 0.95)])
    assert [item.text for item in merged] == [kept]


# --- hostile images ----

@pytest.mark.parametrize(("width", "height"),
                         [(100_000, 100_000), (20_000, 20_000), (8_000, 6_000)])
def test_decompression_bomb_png_is_refused(tmp_path, width: int, height: int) -> None:
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header_only(width, height))
    with pytest.raises(InputError, match=r"bomb\.png: image too large"):
        ingest.read(path)


def test_truncated_jpeg_is_refused(tmp_path, flyers) -> None:
    data = jpeg_bytes(flyers["fr"], 80)
    path = tmp_path / "IMG_20250113_170339_462.jpg"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError) as caught:
        ingest.read(path)
    assert str(caught.value).startswith(f"{path}: damaged or truncated image")
    assert "\n" not in str(caught.value)


def test_garbage_after_image_magic_is_refused() -> None:
    with pytest.raises(InputError, match="not a readable image"):
        ingest.read_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)), source="x.png")


def test_huge_jpeg_is_decoded_at_reduced_scale(monkeypatch, flyers) -> None:
    monkeypatch.setattr(image, "MAX_PIXELS", 1_000_000)
    picture = image.open_image(jpeg_bytes(flyers["fr"], 80), "big.jpg")
    assert picture.width * picture.height <= 1_000_000
    assert picture.size == (750, 1000)


def test_huge_png_is_refused_not_decoded(monkeypatch, flyers) -> None:
    monkeypatch.setattr(image, "MAX_PIXELS", 1_000_000)
    with pytest.raises(InputError, match="image too large .*scale it down"):
        image.open_image(png_bytes(flyers["fr"]), "big.png")


def test_heic_without_plugin_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setattr(image, "_heif_available", lambda: False)
    data = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
    with pytest.raises(InputError, match="pillow-heif"):
        ingest.read_bytes(data, source="IMG_0001.HEIC")


def test_transparent_png_is_flattened_on_white() -> None:
    picture = Image.new("RGBA", (40, 40), (0, 0, 0, 0))
    opened = image.open_image(png_bytes(picture), "t.png")
    assert opened.mode == "RGB" and opened.getpixel((0, 0)) == (255, 255, 255)


def test_exif_orientation_is_applied_when_opening() -> None:
    stored = Image.new("RGB", (60, 30), "white")
    opened = image.open_image(jpeg_bytes(stored, exif=exif_with(orientation=6)), "o.jpg")
    assert opened.size == (30, 60)


def test_ocr_is_not_imported_for_text(monkeypatch) -> None:
    # Reading a text must not need Pillow's OCR path at all (speed, and no Tesseract needed).
    import sys

    monkeypatch.delitem(sys.modules, "affiche.ingest.ocr", raising=False)
    ingest.read("-", stdin=io.BytesIO(b"Rassemblement samedi devant la gare."))
    assert "affiche.ingest.ocr" not in sys.modules
