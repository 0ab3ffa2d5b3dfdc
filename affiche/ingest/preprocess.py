"""Prepare a photo of a flyer for Tesseract: grayscale, deskew, rescale, flatten the lighting.

Why by hand (numpy and Pillow, no OpenCV): each step is a few lines, and OpenCV would add 190 MB.
Measured on our flyer set (bench/ocr.py): Tesseract misses big titles and tilted lines on a raw
phone photo; its own orientation detection only knows 0/90/180/270°, hence the deskew here.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageFilter, ImageOps

__all__ = ["prepare", "deskew_angle", "sideways", "polarities", "TARGET_PIXELS"]

# Pixels images are rescaled to before OCR (1050×1400 for a flyer's 3:4). Flyers are read from a
# distance: their text is large relative to the page, and Tesseract reads lines 20-60 px high
# best; at this size a flyer's 40-130 pt text lands there and a tract's 24 px body text stays
# readable (tuned on bench/ocr.py). An area, not a long side: tall phone screenshots (9:20)
# would otherwise shrink their text below what Tesseract reads ("300" read "380").
TARGET_PIXELS = 1_470_000
# Deskew search: ±12° (phone photos held by hand), coarse 1° then fine 0.2° steps.
MAX_SKEW = 12.0
# The deskew search runs on a copy this wide: enough to see text lines, cheap to rotate 35 times.
_SKEW_WIDTH = 500
# Backgrounds differing by less than this (0-255) are one background: no region is inverted.
_REGION_CONTRAST = 80
# Lighting is estimated on a grid this many cells along the long side.
_LIGHT_GRID = 10


def prepare(picture: Image.Image) -> Image.Image:
    """Grayscale, rescaled and deskewed copy of a picture, ready for `polarities`."""
    gray = picture.convert("L") if picture.mode != "L" else picture
    # Rescale first: a 12 MP photo is rotated at OCR size, not at full size (4× less work).
    scale = (TARGET_PIXELS / (gray.width * gray.height)) ** 0.5
    if abs(scale - 1) > 0.05:
        size = (max(1, round(gray.width * scale)), max(1, round(gray.height * scale)))
        gray = gray.resize(size, Image.Resampling.LANCZOS)
    angle = deskew_angle(gray)
    if abs(angle) >= 0.3:
        # Fill with the border's median so the corners do not read as black blocks of "text".
        pixels = np.asarray(gray)
        border = np.concatenate([pixels[[0, -1], :].ravel(), pixels[:, [0, -1]].ravel()])
        gray = gray.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                           fillcolor=int(np.median(border)))
    return gray


def _profile_score(binary: Image.Image, angle: float) -> float:
    rotated = binary.rotate(angle, resample=Image.Resampling.NEAREST, expand=False, fillcolor=0)
    rows = np.asarray(rotated, dtype=np.float32).sum(axis=1)
    # Aligned text lines give sharp row-sum edges: the sum of squared row differences peaks.
    return float(np.square(np.diff(rows)).sum())


def _edge_map(gray: Image.Image) -> np.ndarray:
    """Strong edges (0/1) of a copy `_SKEW_WIDTH` wide: the same for both polarities of text."""
    small = gray.resize((_SKEW_WIDTH, max(1, round(gray.height * _SKEW_WIDTH / gray.width))),
                        Image.Resampling.BILINEAR) if gray.width > _SKEW_WIDTH else gray
    edges = small.filter(ImageFilter.FIND_EDGES)
    # The filter marks the image's own border as edges: those straight rows would always vote
    # for 0°, so a margin is dropped.
    values = np.asarray(edges, dtype=np.float32)[4:-4, 4:-4]
    threshold = max(24.0, float(np.percentile(values, 90))) if values.size else 24.0
    return (values > threshold).astype(np.uint8)


def sideways(gray: Image.Image) -> bool:
    """True when the text runs up or down the page (a flyer photographed on its side)."""
    edges = _edge_map(gray.convert("L") if gray.mode != "L" else gray).astype(np.float32)
    if edges.size == 0:
        return False
    across = float(np.square(np.diff(edges.sum(axis=1))).sum())
    down = float(np.square(np.diff(edges.sum(axis=0))).sum())
    # Lines of text make the row profile sharp; turned by 90° they sharpen the column profile.
    return down > 1.5 * across


def deskew_angle(gray: Image.Image) -> float:
    """The rotation (degrees, counter-clockwise) that makes the text lines horizontal."""
    binary = Image.fromarray(_edge_map(gray))
    best_angle, best_score = 0.0, _profile_score(binary, 0.0)
    for angle in np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 1.0):
        score = _profile_score(binary, float(angle))
        if score > best_score * 1.0001:
            best_angle, best_score = float(angle), score
    for angle in np.arange(best_angle - 0.8, best_angle + 0.81, 0.2):
        score = _profile_score(binary, float(angle))
        if score > best_score:
            best_angle, best_score = float(angle), score
    return round(best_angle, 1)


def _flatten_light(gray: Image.Image) -> Image.Image:
    """Divide by the paper's brightness, estimated on a coarse grid, to even out the lighting.

    Lighting varies slowly across a photo, print does not: each cell of a coarse grid (about a
    tenth of the page) takes the brightness of its lightest twentieth, which is paper wherever a
    cell is not entirely covered by a dark band. Finer estimates (median filters over a few text
    lines) were tried and wiped out titles printed on coloured bands (bench/ocr.py).
    """
    ink = np.asarray(gray, dtype=np.float32)
    rows, cols = ink.shape
    cell = max(16, max(rows, cols) // _LIGHT_GRID)
    grid_rows, grid_cols = max(1, rows // cell), max(1, cols // cell)
    trimmed = ink[: grid_rows * cell, : grid_cols * cell]
    blocks = trimmed.reshape(grid_rows, cell, grid_cols, cell).swapaxes(1, 2).reshape(
        grid_rows, grid_cols, -1)
    paper = np.percentile(blocks, 95, axis=2).astype(np.float32)
    # Bicubic upsampling of the grid is smooth enough for lighting, and cheap.
    light = Image.fromarray(np.clip(paper, 1, 255).astype(np.uint8)).resize(
        (cols, rows), Image.Resampling.BICUBIC)
    flat = np.clip(ink / np.maximum(np.asarray(light, dtype=np.float32), 1.0) * 255.0, 0, 255)
    return ImageOps.autocontrast(Image.fromarray(flat.astype(np.uint8)), cutoff=0.5)


def _one_polarity(gray: Image.Image) -> Image.Image:
    """Text dark on light everywhere: regions whose background is dark (bands, dark posters,
    dark-mode screenshots) are inverted, judged by a median over windows wider than a title's
    strokes, so the median is the region's background rather than its ink."""
    small = gray.resize((max(1, gray.width // 4), max(1, gray.height // 4)), Image.Resampling.BOX)
    local = np.asarray(small.filter(ImageFilter.MedianFilter(9)), dtype=np.float32)
    low, high = float(np.percentile(local, 2)), float(np.percentile(local, 98))
    if high - low < _REGION_CONTRAST:
        # One background everywhere: dark page, light text (or the reverse), or blank.
        if float(np.median(local)) >= 128:
            return gray
        return ImageOps.invert(gray)
    dark = Image.fromarray(((local < (low + high) / 2) * 255).astype(np.uint8)).resize(
        gray.size, Image.Resampling.NEAREST)
    return Image.composite(ImageOps.invert(gray), gray, dark)


def polarities(gray: Image.Image) -> list[Image.Image]:
    """Two views for two OCR passes: text made dark-on-light region by region, and the negative
    of the whole image (a safety net where the region judgement failed), lighting flattened."""
    return [_flatten_light(_one_polarity(gray)), ImageOps.invert(_flatten_light(gray))]
