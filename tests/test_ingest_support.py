"""Fixture makers for the ingest tests and bench/ocr.py: flyers rendered with Pillow (clean and
"photographed"), and small PDFs written by hand. No tests here; the helpers are deterministic."""

from __future__ import annotations

import io
import math
import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans (Debian fonts-dejavu-core) when present, else Pillow's built-in font."""
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


@dataclass
class Flyer:
    """A flyer's blocks: (text, size, bold, colour, background or None), top to bottom."""

    blocks: list[tuple[str, int, bool, str, str | None]]

    @property
    def truth(self) -> str:
        """The text a perfect OCR would read, one line per printed line."""
        return "\n".join(block[0] for block in self.blocks)


FLYERS = {
    "fr": Flyer([
        ("RASSEMBLEMENT", 110, True, "white", "#b0202a"),
        ("Pour la justice, pour nous tous", 56, True, "#222222", None),
        ("Samedi 19 à 14h", 96, True, "#c0392b", None),
        ("Centre fermé 127 bis", 54, False, "black", None),
        ("Tervuursesteenweg 300, 1820 Steenokkerzeel", 46, False, "black", None),
        ("RDV 13h30 gare de Nossegem", 50, True, "white", "#111111"),
        ("Train depuis Bruxelles-Midi : départ 12h58", 42, False, "black", None),
        ("Contact : collectif-127@example.org", 42, False, "black", None),
        ("Ne les laissons pas seuls, venez nombreux !", 44, False, "#333333", None),
        ("Éditeur responsable : M. Dupont, rue de la Paix 12, 1050 Ixelles", 26, False,
         "#444444", None),
    ]),
    "nl": Flyer([
        ("BETOGING", 120, True, "white", "#1f5fa8"),
        ("Tegen de uitzettingen", 60, True, "#222222", None),
        ("Zaterdag 8 maart om 14u", 84, True, "#c0392b", None),
        ("Sint-Pietersplein, 9000 Gent", 52, False, "black", None),
        ("Verzamelen om 13u30 aan het station", 46, True, "white", "#111111"),
        ("Trein uit Brussel-Centraal: vertrek 12u58", 42, False, "black", None),
        ("Info: actiegroep@example.org", 42, False, "black", None),
        ("Kom allemaal, samen staan we sterk!", 46, False, "#333333", None),
        ("V.U.: J. Peeters, Kerkstraat 4, 9000 Gent. Niet op de openbare weg gooien.", 26, False,
         "#444444", None),
    ]),
    "en": Flyer([
        ("VIGIL", 130, True, "white", "#2c3e50"),
        ("For the people who died at sea", 52, True, "#222222", None),
        ("Friday 14 March at 7 pm", 80, True, "#c0392b", None),
        ("Place Flagey, 1050 Ixelles", 54, False, "black", None),
        ("Meet at 6.30 pm in front of the church", 44, True, "white", "#111111"),
        ("Bring candles and flowers", 46, False, "black", None),
        ("Contact: vigil@example.org", 44, False, "black", None),
        ("Printed by the organisers. Please pass this flyer on to a friend.", 26, False,
         "#444444", None),
    ]),
}


def render_flyer(flyer: Flyer, size: tuple[int, int] = (1500, 2000)) -> Image.Image:
    """The flyer as a clean RGB poster, blocks centred, light-on-dark bands where asked."""
    width, height = size
    image = Image.new("RGB", size, "#fbf8f0")
    draw = ImageDraw.Draw(image)
    heights = []
    for text, points, bold, _colour, _background in flyer.blocks:
        box = draw.textbbox((0, 0), text, font=font(points, bold))
        heights.append(box[3] - box[1])
    gap = max(30, (height - 160 - sum(heights)) // max(1, len(flyer.blocks) - 1))
    top = 80
    rows = zip(flyer.blocks, heights, strict=True)
    for (text, points, bold, colour, background), line_height in rows:
        face = font(points, bold)
        box = draw.textbbox((0, 0), text, font=face)
        text_width = box[2] - box[0]
        while text_width > width - 120 and points > 20:
            points -= 2
            face = font(points, bold)
            box = draw.textbbox((0, 0), text, font=face)
            text_width = box[2] - box[0]
        left = (width - text_width) // 2
        if background:
            draw.rectangle((40, top - 24, width - 40, top + line_height + 30), fill=background)
        draw.text((left - box[0], top - box[1]), text, font=face, fill=colour)
        top += line_height + gap
    return image


TRACT = ("Le samedi 19 avril, nous serons devant le centre fermé pour dire non aux expulsions. "
         "Depuis des mois, des personnes y sont enfermées sans avoir commis aucun délit. "
         "Rejoignez-nous à 14h, rue de la Station 12 à 1820 Steenokkerzeel, avec vos amis. "
         "Un départ groupé est prévu à 13h15 de la gare du Nord (quai 4). Apportez de quoi "
         "faire du bruit ; les enfants sont les bienvenus. Renseignements : 0470 12 34 56 ou "
         "info@tract.example.org. Ne pas jeter sur la voie publique.")


def render_tract(text: str = TRACT, size: int = 24,
                 page: tuple[int, int] = (1500, 2000)) -> tuple[Image.Image, str]:
    """A dense text page (a tract) in a small font, and its truth, one line per printed line."""
    image = Image.new("RGB", page, "#fdfdf8")
    draw = ImageDraw.Draw(image)
    face = font(size)
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if current and draw.textlength(candidate, font=face) > page[0] - 200:
            lines.append(current)
            current = word
        else:
            current = candidate
    lines.append(current)
    for row, line in enumerate(lines):
        draw.text((100, 120 + row * int(size * 1.6)), line, font=face, fill="#202020")
    return image, "\n".join(lines)


def photograph(image: Image.Image, seed: int = 7, angle: float = 7.0) -> Image.Image:
    """A phone-photo-like copy: tilted, blurred, noisy, unevenly lit, slightly cropped."""
    rng = np.random.default_rng(seed)
    tilted = image.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True,
                          fillcolor="#6b6357")
    tilted = tilted.filter(ImageFilter.GaussianBlur(1.2))
    pixels = np.asarray(tilted).astype(np.float32)
    rows, cols = pixels.shape[:2]
    y, x = np.mgrid[0:rows, 0:cols]
    # A lamp up left: 100 % light there, 65 % at the far corner.
    light = 1.0 - 0.35 * np.hypot(x / cols, y / rows) / math.sqrt(2)
    pixels = pixels * light[..., None] + rng.normal(0, 9, pixels.shape)
    photo = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
    margin_x, margin_y = int(cols * 0.04), int(rows * 0.04)
    photo = photo.crop((margin_x, margin_y, cols - margin_x, rows - margin_y))
    return photo.resize((int(photo.width * 0.8), int(photo.height * 0.8)), Image.Resampling.LANCZOS)


def jpeg_bytes(image: Image.Image, quality: int = 60, exif: Image.Exif | None = None) -> bytes:
    """The image as JPEG bytes (with EXIF when given)."""
    buffer = io.BytesIO()
    if exif is not None:
        image.save(buffer, "JPEG", quality=quality, exif=exif)
    else:
        image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def png_bytes(image: Image.Image) -> bytes:
    """The image as PNG bytes."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a size and holds a tiny compressed stream: a decompression bomb."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(width + 1) * 4)) + chunk(b"IEND", b""))


def noise(seed: int = 1) -> random.Random:
    """A seeded random generator for fixtures."""
    return random.Random(seed)


# --- PDFs written by hand (the format is simple enough; no PDF library needed to make one) -------

def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _assemble(objects: list[bytes], root: int = 1, info: int | None = None) -> bytes:
    """A PDF file from numbered object bodies (object n is objects[n-1]), with a valid xref."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(pages: list[list[str]], title: str | None = None,
             created: str | None = "D:20250110091500+01'00'") -> bytes:
    """A PDF with a text layer: one list of lines per A4 page, Helvetica, WinAnsi encoding."""
    count = len(pages)
    # Objects: 1 catalog, 2 pages, 3 font, 4 info, then (page, content) pairs.
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Producer (affiche tests)"
        + (b" /Title " + _pdf_string(title) if title else b"")
        + (b" /CreationDate (" + created.encode() + b")" if created else b"") + b" >>",
    ]
    for i, lines in enumerate(pages):
        ops = [b"BT /F1 16 Tf 20 TL 60 780 Td"]
        for line in lines:
            ops.append(_pdf_string(line) + b" Tj T*")
        ops.append(b"ET")
        content = zlib.compress(b"\n".join(ops))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                       b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (6 + 2 * i))
        objects.append(_stream(content, b"/Filter /FlateDecode "))
    return _assemble(objects, info=4)


def image_pdf(jpeg: bytes, width: int, height: int,
              created: str | None = "D:20250112180000Z") -> bytes:
    """A "scanned" PDF: one page showing one JPEG, no text layer."""
    content = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
        _stream(jpeg, b"/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
                      b"/BitsPerComponent 8 /Filter /DCTDecode " % (width, height)),
        _stream(content),
        b"<< /CreationDate (" + (created or "").encode() + b") >>",
    ]
    return _assemble(objects, info=6)


def inline_image_pdf(jpeg: bytes, width: int, height: int) -> bytes:
    """A PDF whose only content is an inline image: no text layer and no image object, so only
    a renderer sees it (like text turned into outlines by a design tool)."""
    content = (b"q 595 0 0 842 0 0 cm BI /W %d /H %d /CS /RGB /BPC 8 /F /DCT ID " % (width, height)
               + jpeg + b"\nEI Q")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        _stream(content),
    ]
    return _assemble(objects)


def million_page_pdf(claimed: int = 1_000_000, real_refs: int = 0) -> bytes:
    """A PDF whose page tree claims `claimed` pages; `real_refs` times the same page in /Kids."""
    refs = max(real_refs, 1)
    kids = b" ".join([b"3 0 R"] * refs)
    content = b"BT /F1 12 Tf 50 700 Td (page) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, claimed),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R "
        b">> >> /Contents 4 0 R >>",
        _stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _assemble(objects)
