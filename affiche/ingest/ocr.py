"""Tesseract OCR with box-level output: run it on both polarities of a prepared image, merge the
lines, and put them in reading order.

Why box-level rather than Tesseract's plain text: on flyers its layout analysis drops lines it
reads only on the negative, and on photos it can join two columns into one line. From the word
boxes we rebuild lines, split them at column gutters, keep the better reading where the two passes
overlap, and order the lines by recursive XY-cut (bands top to bottom, columns left to right).
"""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
from dataclasses import dataclass

from PIL import Image

from affiche.errors import InputError, MissingDependency

__all__ = ["recognise", "orientation", "available_languages", "LANGUAGES", "Line"]

# Models asked for, main language first; only those installed are used.
LANGUAGES = ("fra", "nld", "eng")
INSTALL = ("apt-get install tesseract-ocr tesseract-ocr-fra tesseract-ocr-nld")
# Words under this confidence (0-100) that are not letters or digits are speckles, not text.
_MIN_WORD_CONF = 30
# Minimum mean confidence of a line by how many letters/digits it has: short unsure lines are
# speckles, photo borders and textures read as "a >" or "SR" (seen on bench/ocr.py's photos).
_MIN_CONF_TINY = 0.85
_MIN_CONF_SHORT = 0.55
_SHORT = 8
_MIN_CONF_LONG = 0.3
# Orientation confidence (Tesseract's own scale) under which a page is left as it is; upright
# and turned flyers score 4-11 in bench/ocr.py, text-poor pictures under 1.
_MIN_OSD_CONF = 2.0
# Readings whose quality differs by less than this are equally sure (Tesseract's confidences
# of a slip and of the right reading differ by about 0.01 on bench/ocr.py's photos).
_TIE = 0.02
# Of two overlapping readings, one with under this share of the other's letters is a fragment.
_FRAGMENT = 0.7
# Seconds one Tesseract run may take before the image is given up.
TIMEOUT = 60


@dataclass
class Line:
    """One OCR line: its words, box (left, top, right, bottom), mean and lowest word confidence
    (0-1)."""

    words: list[str]
    left: int
    top: int
    right: int
    bottom: int
    confidence: float
    weakest: float = 1.0

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(self.words)

    @property
    def height(self) -> int:
        """The line's height in pixels."""
        return self.bottom - self.top


def _tesseract(source: str = "-") -> str:
    """The tesseract program, or `MissingDependency` saying what to install."""
    found = shutil.which("tesseract")
    if not found:
        raise MissingDependency(f"{source}: reading images needs Tesseract OCR: {INSTALL}")
    return found


_LANGS: list[str] | None = None


def available_languages() -> list[str]:
    """Installed Tesseract models among LANGUAGES, main language first."""
    global _LANGS
    if _LANGS is None:
        import pytesseract

        _tesseract()
        try:
            installed = set(pytesseract.get_languages(config=""))
        except Exception:  # noqa: BLE001 - an odd tesseract build: let the OCR call itself fail
            installed = set(LANGUAGES)
        _LANGS = [lang for lang in LANGUAGES if lang in installed]
    return _LANGS


def _run(image: Image.Image, source: str) -> list[Line]:
    """Tesseract on one image: its lines with boxes and confidences."""
    import pytesseract

    # OpenMP threads oversubscribe small machines: 7-8 s per image instead of 1 s (measured).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    langs = available_languages()
    if not langs:
        raise MissingDependency(f"{source}: reading images needs Tesseract's French, Dutch or "
                                f"English models: {INSTALL}")
    try:
        data = pytesseract.image_to_data(
            image, lang="+".join(langs), config="--psm 3 --dpi 300",
            output_type=pytesseract.Output.DICT, timeout=TIMEOUT)
    except RuntimeError as error:  # pytesseract's timeout
        raise InputError(f"{source}: OCR took longer than {TIMEOUT} s ({error})") from None
    except pytesseract.TesseractNotFoundError:
        raise MissingDependency(f"{source}: reading images needs Tesseract OCR: {INSTALL}"
                                ) from None
    except pytesseract.TesseractError as error:
        raise InputError(f"{source}: Tesseract failed on this image ({error.message or error})"
                         ) from None
    groups: dict[tuple[int, int, int], list[int]] = {}
    for index, word in enumerate(data["text"]):
        if not word or not word.strip():
            continue
        conf = float(data["conf"][index])
        if conf < 0:
            continue
        if conf < _MIN_WORD_CONF and not any(ch.isalnum() for ch in word):
            continue
        key = (data["block_num"][index], data["par_num"][index], data["line_num"][index])
        groups.setdefault(key, []).append(index)
    lines: list[Line] = []
    for indexes in groups.values():
        lines.extend(_split_gutters(data, sorted(indexes, key=lambda i: data["left"][i])))
    return [line for line in lines if _is_text(line)]


def _split_gutters(data: dict[str, list], indexes: list[int]) -> list[Line]:
    """A Tesseract line cut where the gap between words is a column gutter, not a space."""
    heights = [data["height"][i] for i in indexes]
    gutter = 2.5 * statistics.median(heights)
    runs: list[list[int]] = [[indexes[0]]]
    for previous, current in itertools.pairwise(indexes):
        gap = data["left"][current] - (data["left"][previous] + data["width"][previous])
        if gap > gutter:
            runs.append([current])
        else:
            runs[-1].append(current)
    lines = []
    for run in runs:
        lines.append(Line(
            words=[data["text"][i].strip() for i in run],
            left=min(data["left"][i] for i in run), top=min(data["top"][i] for i in run),
            right=max(data["left"][i] + data["width"][i] for i in run),
            bottom=max(data["top"][i] + data["height"][i] for i in run),
            confidence=sum(float(data["conf"][i]) for i in run) / len(run) / 100.0,
            weakest=min(float(data["conf"][i]) for i in run) / 100.0,
        ))
    return lines


def _is_text(line: Line) -> bool:
    letters = sum(ch.isalnum() for ch in line.text)
    if letters == 0:
        return False
    if letters <= 2:
        return line.confidence >= _MIN_CONF_TINY
    return line.confidence >= (_MIN_CONF_SHORT if letters < _SHORT else _MIN_CONF_LONG)


def _overlap(a: Line, b: Line) -> float:
    """Intersection over the smaller box's area."""
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    if width <= 0 or height <= 0:
        return 0.0
    smaller = min((a.right - a.left) * a.height, (b.right - b.left) * b.height)
    return width * height / max(1, smaller)


def _letters(lines: list[Line]) -> int:
    return sum(ch.isalnum() for line in lines for ch in line.text)


def _quality(lines: list[Line]) -> float:
    """Mean of the average and the weakest word confidence, weighted by letters: one misread
    word ("7 pra" for "7 pm") pulls a line down more than the line's mean shows."""
    total = _letters(lines) or 1
    return sum((line.confidence + line.weakest) / 2 * _letters([line]) for line in lines) / total


def _better(challenger: Line, rivals: list[Line]) -> bool:
    """Whether one pass's line should replace the other pass's overlapping lines."""
    mine, theirs = _letters([challenger]), _letters(rivals)
    # A fragment never replaces a whole line, and a whole line always replaces a fragment.
    if mine < _FRAGMENT * theirs:
        return False
    if theirs < _FRAGMENT * mine:
        return True
    difference = _quality([challenger]) - _quality(rivals)
    if abs(difference) > _TIE:
        return difference > 0
    # Tesseract is often as sure of a slip as of the right reading ("7 pra" and "7 pm" at 95):
    # then the reading with more words the language data knows wins, then the one with more
    # accents (Tesseract drops accents far more often than it invents them).
    mine, theirs = _known([challenger]), _known(rivals)
    if mine != theirs:
        return mine > theirs
    return _accents([challenger]) > _accents(rivals)


def _known(lines: list[Line]) -> int:
    from affiche.ingest.language import known_words

    lexicon = known_words()
    return sum(word.lower().strip(".,;:!?()'\"") in lexicon for line in lines
               for word in line.words)


def _accents(lines: list[Line]) -> int:
    return sum(not ch.isascii() and ch.isalpha() for line in lines for ch in line.text)


def merge(first: list[Line], second: list[Line]) -> list[Line]:
    """Lines of both passes; where they overlap, the better reading of the two."""
    kept = list(first)
    for line in second:
        rivals = [other for other in kept if _overlap(line, other) > 0.4]
        if not rivals:
            kept.append(line)
        elif _better(line, rivals):
            kept = [other for other in kept if other not in rivals] + [line]
    return kept


def _gaps(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Empty intervals (start, width) between the union of 1-D spans."""
    gaps = []
    ordered = sorted(spans)
    reach = ordered[0][1]
    for start, end in ordered[1:]:
        if start > reach:
            gaps.append((reach, start - reach))
        reach = max(reach, end)
    return gaps


def order(lines: list[Line], depth: int = 0) -> list[Line]:
    """Reading order by recursive XY-cut at the widest gap (columns need a wide gutter)."""
    if len(lines) <= 1 or depth > 50:
        return sorted(lines, key=lambda line: (line.top, line.left))
    unit = statistics.median(line.height for line in lines) or 1
    rows = _gaps([(line.top, line.bottom) for line in lines])
    columns = [g for g in _gaps([(line.left, line.right) for line in lines]) if g[1] > 1.5 * unit]
    best_row = max(rows, key=lambda g: g[1], default=None)
    best_column = max(columns, key=lambda g: g[1], default=None)
    if best_column and (best_row is None or best_column[1] > 2 * best_row[1]):
        cut = best_column[0] + best_column[1] / 2
        left = [line for line in lines if (line.left + line.right) / 2 < cut]
        right = [line for line in lines if (line.left + line.right) / 2 >= cut]
        return order(left, depth + 1) + order(right, depth + 1)
    if best_row:
        cut = best_row[0] + best_row[1] / 2
        top = [line for line in lines if (line.top + line.bottom) / 2 < cut]
        bottom = [line for line in lines if (line.top + line.bottom) / 2 >= cut]
        if top and bottom:
            return order(top, depth + 1) + order(bottom, depth + 1)
    return sorted(lines, key=lambda line: (line.top, line.left))


def orientation(prepared: Image.Image, source: str) -> int:
    """Degrees (0, 90, 180, 270) to turn the picture clockwise to make it upright, by Tesseract's
    orientation detection; 0 when it is unsure or finds too little text to tell."""
    import pytesseract

    _tesseract(source)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    try:
        report = pytesseract.image_to_osd(prepared, config="--psm 0 --dpi 300", timeout=TIMEOUT)
    except (pytesseract.TesseractError, RuntimeError):
        # "Too few characters", or no osd model installed: keep the picture as it is.
        return 0
    fields = dict(line.split(":", 1) for line in report.splitlines() if ":" in line)
    try:
        turn = int(fields.get("Rotate", "0").strip())
        sure = float(fields.get("Orientation confidence", "0").strip())
    except ValueError:
        return 0
    return turn if turn in (90, 180, 270) and sure >= _MIN_OSD_CONF else 0


def recognise(prepared: Image.Image, source: str,
              heights: list[int] | None = None) -> list[tuple[str, float]]:
    """Lines of text (reading order) with confidence, from a picture prepared by `preprocess`;
    their heights in pixels are added to `heights`, in the same order."""
    from affiche.ingest.preprocess import polarities

    _tesseract(source)
    passes = [_run(variant, source) for variant in polarities(prepared)]
    lines = order(merge(passes[0], passes[1]))
    if heights is not None:
        heights.extend(line.height for line in lines)
    return [(line.text, round(line.confidence, 3)) for line in lines]
