"""Read a photo or scan of a flyer: safe decoding, EXIF date and orientation, preprocessing for
phone photos, Tesseract OCR on two polarities, and lines in reading order with their confidence.

1. Decode within limits (`open_image`): pixel cap before decoding, JPEGs decoded at reduced scale
   (DCT scaling) when huge, truncated or bomb files refused with a one-line `InputError`.
2. EXIF: DateTimeOriginal becomes the reference date ("exif"); the orientation tag is applied.
3. Preprocess (`affiche.ingest.preprocess`): grayscale, deskew by projection profile within
   ±12°, rescale so text lines have the height Tesseract reads best, flatten uneven lighting.
4. OCR the image and its negative (`affiche.ingest.ocr`): Tesseract drops light-on-dark lines
   and huge titles on one polarity and finds them on the other; word boxes from both passes are
   merged, lines are rebuilt and put in reading order (XY-cut), so titles and columns keep order.
5. Each line's mean word confidence is kept as a span into the text (`Document.line_confidence`).
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import warnings as warnings_module

from PIL import Image, ImageOps, UnidentifiedImageError

from affiche.errors import InputError
from affiche.ingest.reading import Origin, Reading
from affiche.ingest.text import normalise
from affiche.model import Warning

__all__ = ["read_image", "open_image", "exif_datetime", "ocr_lines", "MAX_PIXELS",
           "LOW_CONFIDENCE"]

log = logging.getLogger(__name__)

# Pixels decoded at most (40 MP, about 160 MB as RGB). Phone photos are 12-50 MP: bigger JPEGs
# are decoded at 1/2, 1/4 or 1/8 scale by libjpeg itself, other formats above this are refused.
MAX_PIXELS = 40_000_000
# Declared sizes above this are refused before any decoding (a PNG bomb declares 10^10 pixels).
MAX_DECLARED_PIXELS = 400_000_000
# Mean OCR confidence under which the document gets an `low_ocr_confidence` warning.
LOW_CONFIDENCE = 0.6

# Mean confidence under which a reading is checked for an upside-down page (upright flyers read
# at 0.85-0.95 in bench/ocr.py, upside-down ones at about 0.55).
_UNSURE = 0.7

_EXIF_IFD = 0x8769
_DATETIME_ORIGINAL, _DATETIME_DIGITIZED, _DATETIME = 0x9003, 0x9004, 0x0132
_OFFSET_ORIGINAL = 0x9011


def _heif_available() -> bool:
    try:
        from pillow_heif import register_heif_opener  # type: ignore[import-not-found]
    except ImportError:
        return False
    register_heif_opener()
    return True


def open_image(data: bytes, source: str) -> Image.Image:
    """Decode image bytes within the pixel limits, EXIF orientation applied, as RGB or L."""
    if data[4:8] == b"ftyp" and not _heif_available():
        raise InputError(f"{source}: a HEIC/AVIF photo; reading it needs the pillow-heif package "
                         f"(pip install pillow-heif), or convert it to JPEG")
    try:
        with warnings_module.catch_warnings():
            warnings_module.simplefilter("error", Image.DecompressionBombWarning)
            picture = Image.open(io.BytesIO(data))
            width, height = picture.size
            if width * height > MAX_DECLARED_PIXELS or width > 60_000 or height > 60_000:
                raise InputError(f"{source}: image too large ({width}×{height} pixels declared; "
                                 f"a decompression bomb or not a flyer)")
            if width * height > MAX_PIXELS:
                if picture.format != "JPEG":
                    raise InputError(f"{source}: image too large ({width}×{height} pixels; the "
                                     f"limit is {MAX_PIXELS // 1_000_000} million): scale it down")
                # libjpeg decodes at 1/2, 1/4 or 1/8 scale directly: no full-size buffer.
                picture.draft("RGB", (width // 2, height // 2)
                              if width * height // 4 <= MAX_PIXELS else (width // 4, height // 4))
            picture.load()
            picture = ImageOps.exif_transpose(picture) or picture
    except InputError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise InputError(f"{source}: image too large (a decompression bomb: more pixels than "
                         f"Pillow's safety limit)") from None
    except UnidentifiedImageError:
        raise InputError(f"{source}: not a readable image (unknown or damaged format)") from None
    except (OSError, SyntaxError, ValueError, EOFError) as error:
        reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
        raise InputError(f"{source}: damaged or truncated image ({reason})") from None
    if picture.mode not in ("RGB", "L"):
        picture = _flatten(picture)
    return picture


def _flatten(picture: Image.Image) -> Image.Image:
    """RGB on white: transparent PNGs (screenshots, exports) must not turn black."""
    transparent = picture.mode == "P" and "transparency" in picture.info
    if picture.mode in ("RGBA", "LA", "PA") or transparent:
        rgba = picture.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, "white")
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return picture.convert("RGB")


def exif_datetime(data: bytes) -> dt.datetime | None:
    """When the photo was taken (EXIF DateTimeOriginal, then Digitized, then DateTime), or None."""
    try:
        exif = Image.open(io.BytesIO(data)).getexif()
    except Exception:  # noqa: BLE001 - no readable EXIF is simply no date
        return None
    sub = exif.get_ifd(_EXIF_IFD) if exif else {}
    for tag, table in ((_DATETIME_ORIGINAL, sub), (_DATETIME_DIGITIZED, sub), (_DATETIME, exif)):
        raw = table.get(tag) if table else None
        if isinstance(raw, bytes):
            raw = raw.decode("ascii", errors="ignore")
        if not isinstance(raw, str):
            continue
        match = re.match(r"\s*(\d{4}):(\d\d):(\d\d)[ T](\d\d):(\d\d):(\d\d)", raw)
        if not match:
            continue
        try:
            value = dt.datetime(*(int(g) for g in match.groups()))
        except ValueError:
            continue
        if not 1990 <= value.year <= 2100:
            continue
        offset = sub.get(_OFFSET_ORIGINAL) if tag != _DATETIME else None
        if isinstance(offset, str) and re.fullmatch(r"[+-]\d\d:\d\d", offset.strip()):
            value = value.replace(tzinfo=dt.datetime.strptime(offset.strip(), "%z").tzinfo)
        return value
    return None


def ocr_lines(picture: Image.Image, source: str,
              heights: list[int] | None = None) -> list[tuple[str, float]]:
    """The text lines of a picture in reading order, each with its confidence (0-1); their
    heights in pixels are added to `heights`."""
    from affiche.ingest import ocr, preprocess

    prepared = preprocess.prepare(picture)
    turn = ocr.orientation(prepared, source) if preprocess.sideways(prepared) else 0
    if turn:
        prepared = preprocess.prepare(picture.rotate(-turn, expand=True))
    tall: list[int] = []
    lines = ocr.recognise(prepared, source, tall)
    if not turn and _unsure(lines):
        # Upside down (or sideways unnoticed): Tesseract reads garbage with low confidence.
        turn = ocr.orientation(prepared, source)
        if turn:
            again: list[int] = []
            retry = ocr.recognise(preprocess.prepare(picture.rotate(-turn, expand=True)), source,
                                  again)
            if _weight(retry) > _weight(lines):
                lines, tall = retry, again
    if heights is not None:
        heights.extend(tall)
    return lines


# A headline is the tallest line; the lines after it at least this share of its height are
# the rest of it ("STOP" / "AUX EXPULSIONS"), up to _HEADLINE_LINES lines.
_HEADLINE_SHARE = 0.8
_HEADLINE_LINES = 3
# The tallest line is a headline only when clearly taller than the text (median height) and
# read with this confidence at least.
_HEADLINE_OVER_TEXT = 1.3
_HEADLINE_CONFIDENCE = 0.6


def headline(lines: list[tuple[str, float]], heights: list[int]) -> str | None:
    """A flyer's title: its largest headline (the tallest lines, in reading order), not the
    small line printed above it ("Le collectif vous invite")."""
    if not lines or len(heights) != len(lines):
        return None
    readable = [i for i, (text, confidence) in enumerate(lines)
                if sum(ch.isalpha() for ch in text) >= 3 and confidence >= _HEADLINE_CONFIDENCE]
    if not readable:
        return None
    top = max(readable, key=lambda i: heights[i])
    ordinary = sorted(heights)[len(heights) // 2]
    if heights[top] < _HEADLINE_OVER_TEXT * ordinary:
        return None  # every line the same size: no headline to tell
    big = {i for i in readable if heights[i] >= _HEADLINE_SHARE * heights[top]}
    first = top
    while first - 1 in big:
        first -= 1
    last = first
    while last + 1 in big and last + 1 - first < _HEADLINE_LINES:
        last += 1
    title = " ".join(" ".join(lines[i][0].split()) for i in range(first, last + 1))
    # one word alone ("RASSEMBLEMENT") names a kind, not the call: the title is generated
    return title if len(title.split()) > 1 else None


def _weight(lines: list[tuple[str, float]]) -> float:
    """Letters read, weighted by confidence: how much a reading is worth."""
    return sum(sum(ch.isalnum() for ch in text) * confidence for text, confidence in lines)


def _unsure(lines: list[tuple[str, float]]) -> bool:
    letters = sum(sum(ch.isalnum() for ch in text) for text, _ in lines)
    return letters < 20 or _weight(lines) / letters < _UNSURE


def read_image(data: bytes, origin: Origin) -> Reading:
    """OCR a photo or scan of a flyer into text with per-line confidence and its EXIF date."""
    picture = open_image(data, origin.source)
    heights: list[int] = []
    lines = ocr_lines(picture, origin.source, heights)
    text = ""
    spans: list[tuple[int, int, float]] = []
    for line, confidence in lines:
        line = normalise(line)
        spans.append((len(text), len(text) + len(line), confidence))
        text += line + "\n"
    total = sum(b - a for a, b, _ in spans)
    mean = (sum((b - a) * c for a, b, c in spans) / total) if total else None
    found: list[Warning] = []
    if not text.strip():
        found.append(Warning("ocr_no_text", "no text could be read in the image"))
    elif mean is not None and mean < LOW_CONFIDENCE:
        found.append(Warning("low_ocr_confidence", f"the OCR was unsure of this image's text "
                             f"(mean confidence {mean:.0%}); check every field"))
    return Reading(
        text=text, kind="image", captured=exif_datetime(data), title=headline(lines, heights),
        ocr_confidence=round(mean, 3) if mean is not None else None, line_confidence=spans,
        warnings=found,
    )
