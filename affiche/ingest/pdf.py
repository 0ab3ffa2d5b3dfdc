"""Read a PDF: its text layer page by page (pypdf), OCR of the pages that have none, its title and
creation date.

A page without a text layer is a scan, or a flyer whose text was turned into outlines by a design
tool. It is rendered with poppler's `pdftoppm` (Debian poppler-utils) when installed, which sees
the whole page, outlines included; otherwise its largest embedded image is OCRed (enough for a
scan). Either way the picture goes through the image reader's OCR.

Pages are joined with "\\n\\f\\n" (a form feed between blank lines), so page breaks stay visible to
the extractor and offsets still index into one text. Hostile files are bounded: pypdf's own limits
(page tree entries, decompressed stream sizes) plus a cap on pages read, pages OCRed and time.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from typing import Any

from PIL import Image

from affiche.errors import AfficheError, InputError
from affiche.ingest.reading import Origin, Reading
from affiche.ingest.text import normalise
from affiche.model import Warning

__all__ = ["read_pdf", "MAX_PAGES", "MAX_OCR_PAGES", "PAGE_BREAK"]

log = logging.getLogger(__name__)
# pypdf says what it repairs through its logger; with no handler configured Python prints
# that on stderr, a stray line before our one-line error: the reason is in that error
logging.getLogger("pypdf").addHandler(logging.NullHandler())

PAGE_BREAK = "\n\f\n"
# A call to action is one to a few pages; a brochure maybe 30. Beyond this the rest is not read.
MAX_PAGES = 200
# OCR costs 1-2 s per page: a scanned PDF is OCRed for its first pages only.
MAX_OCR_PAGES = 10
# Seconds spent extracting text before the remaining pages are left out (with a warning).
TIME_BUDGET = 20.0
# pdftoppm renders a page with its long side this many pixels (whatever size the page claims),
# within this many seconds and this much memory (bytes of address space).
RENDER_LONG_SIDE = 2000
RENDER_TIMEOUT = 30
RENDER_MEMORY = 1 << 30
# A page whose text layer has fewer visible characters than this is taken as scanned.
_MIN_PAGE_TEXT = 20
# Embedded images smaller than this (pixels) are logos or icons, not a scanned page.
_MIN_SCAN_PIXELS = 250_000
# Larger embedded images are not decoded (memory): a 600 dpi A4 scan is 35 million pixels.
_MAX_SCAN_PIXELS = 40_000_000


def read_pdf(data: bytes, origin: Origin) -> Reading:
    """Read a PDF's text (OCR for pages without a text layer), title and creation date."""
    import pypdf
    from pypdf.errors import PyPdfError

    source = origin.source
    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, source)
        total = len(reader.pages)
        with _Renderer(data) as renderer:
            pages_text, ocr, warnings = _pages(reader, total, source, renderer)
        info = _metadata(reader)
    except AfficheError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            RecursionError, OSError, NotImplementedError, ZeroDivisionError) as error:
        # pypdf signals damaged and hostile files with many exception types.
        reason = str(error).splitlines()[0][:160] if str(error) else type(error).__name__
        raise InputError(f"{source}: not a readable PDF ({reason})") from None
    text, line_confidence = _join(pages_text, ocr)
    confidences = [c for (_, _, c) in line_confidence]
    return Reading(
        text=text, kind="pdf", title=info.get("title"), published=info.get("created"),
        published_source="pdf" if info.get("created") else None,
        ocr_confidence=round(sum(confidences) / len(confidences), 3) if confidences else None,
        line_confidence=line_confidence, warnings=warnings,
    )


def _decrypt(reader: Any, source: str) -> None:
    """Open PDFs locked with an empty user password (common: "no copying"), refuse the rest."""
    from pypdf.errors import DependencyError

    try:
        opened = reader.decrypt("")
    except DependencyError:
        raise InputError(f"{source}: an encrypted PDF that needs the 'cryptography' package to "
                         f"open: pip install cryptography") from None
    if not opened:
        raise InputError(f"{source}: a password-protected PDF; save an unprotected copy")


def _pages(reader: Any, total: int, source: str, renderer: _Renderer,
           ) -> tuple[list[str], dict[int, list[tuple[str, float]]], list[Warning]]:
    """Text per page, OCR lines for scanned pages, and warnings for what was left out."""
    started = time.monotonic()
    texts: list[str] = []
    ocr: dict[int, list[tuple[str, float]]] = {}
    warnings: list[Warning] = []
    ocr_done = 0
    unread = 0
    for number in range(min(total, MAX_PAGES)):
        if time.monotonic() - started > TIME_BUDGET:
            warnings.append(Warning("pdf_truncated", f"reading stopped after {number} of {total} "
                                    f"pages (time limit {TIME_BUDGET:.0f} s)"))
            break
        page = reader.pages[number]
        try:
            page_text = page.extract_text() or ""
        except Exception as error:  # noqa: BLE001 - one broken page must not lose the others
            log.debug("page %d: %s", number + 1, error)
            page_text = ""
        if len("".join(page_text.split())) < _MIN_PAGE_TEXT and ocr_done < MAX_OCR_PAGES:
            picture = renderer.page(number) or _scan_image(page)
            if picture is not None:
                ocr[number] = _ocr(picture, source)
                ocr_done += 1
                page_text = ""
            elif not page_text.strip():
                unread += 1
        texts.append(normalise(page_text).strip("\n"))
    else:
        if total > MAX_PAGES:
            warnings.append(Warning("pdf_truncated",
                                    f"read the first {MAX_PAGES} of {total} pages"))
    if unread:
        advice = ("" if renderer.available else
                  "; installing poppler-utils (apt-get install poppler-utils) lets affiche "
                  "render such pages for OCR")
        warnings.append(Warning("pdf_no_text", f"{unread} page(s) have neither a text layer nor "
                                f"a scanned image (text drawn as outlines?){advice}"))
    if ocr_done >= MAX_OCR_PAGES and any(
            len("".join(t.split())) < _MIN_PAGE_TEXT for i, t in enumerate(texts) if i not in ocr):
        warnings.append(Warning("pdf_truncated", f"only the first {MAX_OCR_PAGES} scanned pages "
                                f"were read with OCR"))
    return texts, ocr, warnings


def _ocr(picture: Image.Image, source: str) -> list[tuple[str, float]]:
    from affiche.ingest import image

    return image.ocr_lines(picture, source)


def _scan_image(page: Any) -> Image.Image | None:
    """The largest embedded image of a page (a scan), decoded by pypdf; None when there is none."""
    best = None
    try:
        resources = page.get("/Resources") or {}
        xobjects = resources.get_object().get("/XObject") or {}
        for name, ref in xobjects.get_object().items():
            obj = ref.get_object()
            if obj.get("/Subtype") != "/Image":
                continue
            pixels = int(obj.get("/Width", 0)) * int(obj.get("/Height", 0))
            fits = _MIN_SCAN_PIXELS <= pixels <= _MAX_SCAN_PIXELS
            if fits and (best is None or pixels > best[0]):
                best = (pixels, name)
        if best is None:
            return None
        picture = page.images[best[1]].image
    except Exception as error:  # noqa: BLE001 - an undecodable image is a page we cannot read
        log.debug("no scan image: %s", error)
        return None
    return picture


def pdftoppm() -> str | None:
    """The pdftoppm program (Debian poppler-utils), or None when it is not installed."""
    return shutil.which("pdftoppm")


def _limit_memory() -> None:  # pragma: no cover - runs in the child process
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (RENDER_MEMORY, RENDER_MEMORY))


class _Renderer:
    """Renders single pages with pdftoppm, when installed; the PDF is written to a temporary
    file on first use and removed on exit."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.program = pdftoppm()
        self.folder: tempfile.TemporaryDirectory[str] | None = None

    @property
    def available(self) -> bool:
        """True when pdftoppm is installed."""
        return self.program is not None

    def __enter__(self) -> _Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.folder is not None:
            self.folder.cleanup()

    def page(self, number: int) -> Image.Image | None:
        """Page `number` (from 0) as a grayscale picture, or None when it cannot be rendered."""
        if self.program is None:
            return None
        if self.folder is None:
            self.folder = tempfile.TemporaryDirectory(prefix="affiche-pdf-")
            with open(os.path.join(self.folder.name, "in.pdf"), "wb") as handle:
                handle.write(self.data)
        folder = self.folder.name
        output = os.path.join(folder, f"page{number}")
        command = [self.program, "-f", str(number + 1), "-l", str(number + 1), "-gray", "-png",
                   "-singlefile", "-scale-to", str(RENDER_LONG_SIDE),
                   os.path.join(folder, "in.pdf"), output]
        try:
            subprocess.run(command, capture_output=True, timeout=RENDER_TIMEOUT, check=True,
                           preexec_fn=_limit_memory if os.name == "posix" else None)
            with Image.open(output + ".png") as rendered:
                rendered.load()
                return rendered.copy()
        except (OSError, subprocess.SubprocessError, ValueError) as error:
            log.debug("pdftoppm failed on page %d: %s", number + 1, error)
            return None


def _join(pages: list[str],
          ocr: dict[int, list[tuple[str, float]]]) -> tuple[str, list[tuple[int, int, float]]]:
    """One text with page breaks; confidence spans for OCRed lines (text-layer pages: none)."""
    text = ""
    spans: list[tuple[int, int, float]] = []
    for number, page_text in enumerate(pages):
        if number:
            text += PAGE_BREAK
        if number in ocr:
            for index, (line, confidence) in enumerate(ocr[number]):
                if index:
                    text += "\n"
                spans.append((len(text), len(text) + len(line), confidence))
                text += line
        else:
            text += page_text
    return (text.rstrip() + "\n" if text.strip() else ""), spans


# PDF titles that are a tool's default or a file name, not the document's title.
_JUNK_TITLE = re.compile(
    r"^(?:microsoft (?:word|powerpoint)|untitled|sans titre|naamloos|document\b|canva\b|"
    r"presentation|diapositive|print\b)|\.(?:indd|docx?|odt|pdf|ai|psd|pptx?|png|jpe?g|cdr)\s*$"
    r"|^[\w-]*\d{4,}[\w-]*$", re.IGNORECASE)


def _meaningful_title(title: str) -> bool:
    """True unless the title is empty, a tool's default, or a file name."""
    title = title.strip()
    return len(title) >= 3 and not _JUNK_TITLE.search(title)


def _metadata(reader: Any) -> dict[str, Any]:
    """Title and creation date from the document information (damaged values are ignored)."""
    found: dict[str, Any] = {}
    try:
        meta = reader.metadata
    except Exception:  # noqa: BLE001
        return found
    if not meta:
        return found
    try:
        title = meta.title
        if isinstance(title, str) and _meaningful_title(title):
            found["title"] = " ".join(title.split())
    except Exception:  # noqa: BLE001
        pass
    for attribute in ("creation_date", "modification_date"):
        try:
            value = getattr(meta, attribute)
        except Exception:  # noqa: BLE001 - malformed dates are common in PDF metadata
            value = None
        if isinstance(value, dt.datetime) and 1990 <= value.year <= 2100:
            found["created"] = value
            break
    return found
